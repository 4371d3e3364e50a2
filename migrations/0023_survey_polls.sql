CREATE TABLE "survey_poll_recipients" (
	"poll_id" uuid NOT NULL,
	"agency_id" uuid NOT NULL,
	"client_id" uuid NOT NULL,
	"outbound_id" uuid NOT NULL
);
--> statement-breakpoint
CREATE TABLE "survey_polls" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"agency_id" uuid NOT NULL,
	"survey_id" uuid NOT NULL,
	"channel" text NOT NULL,
	"audience" integer NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "survey_tokens" ADD COLUMN "channel" text;--> statement-breakpoint
ALTER TABLE "survey_poll_recipients" ADD CONSTRAINT "survey_poll_recipients_poll_id_survey_polls_id_fk" FOREIGN KEY ("poll_id") REFERENCES "public"."survey_polls"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "survey_poll_recipients" ADD CONSTRAINT "survey_poll_recipients_client_id_clients_id_fk" FOREIGN KEY ("client_id") REFERENCES "public"."clients"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "survey_polls" ADD CONSTRAINT "survey_polls_agency_id_agencies_id_fk" FOREIGN KEY ("agency_id") REFERENCES "public"."agencies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "survey_polls" ADD CONSTRAINT "survey_polls_survey_id_surveys_id_fk" FOREIGN KEY ("survey_id") REFERENCES "public"."surveys"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "survey_polls" ADD CONSTRAINT "survey_polls_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "survey_poll_recipients_uq" ON "survey_poll_recipients" USING btree ("poll_id","client_id");--> statement-breakpoint
CREATE INDEX "survey_polls_survey_idx" ON "survey_polls" USING btree ("agency_id","survey_id","created_at");