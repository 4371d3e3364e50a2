CREATE TABLE "calls" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"agency_id" uuid NOT NULL,
	"source" text NOT NULL,
	"external_id" text,
	"caller_phone" text NOT NULL,
	"client_id" uuid,
	"started_at" timestamp with time zone NOT NULL,
	"answered" boolean NOT NULL,
	"duration_sec" integer DEFAULT 0 NOT NULL,
	"within_hours" boolean NOT NULL,
	"operator_id" uuid,
	"topic_id" uuid,
	"question" text,
	"answer" text,
	"outcome" text,
	"request_id" uuid,
	"redirect_note" text,
	"survey_answer_received" boolean,
	"survey_quality" text,
	"callback_due_at" timestamp with time zone,
	"callback_done_at" timestamp with time zone,
	"callback_done_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "pbx_settings" (
	"agency_id" uuid PRIMARY KEY NOT NULL,
	"sealed_secret" text NOT NULL,
	"rotated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"rotated_by" uuid
);
--> statement-breakpoint
ALTER TABLE "calls" ADD CONSTRAINT "calls_agency_id_agencies_id_fk" FOREIGN KEY ("agency_id") REFERENCES "public"."agencies"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "calls" ADD CONSTRAINT "calls_client_id_clients_id_fk" FOREIGN KEY ("client_id") REFERENCES "public"."clients"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "calls" ADD CONSTRAINT "calls_operator_id_users_id_fk" FOREIGN KEY ("operator_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "calls" ADD CONSTRAINT "calls_callback_done_by_users_id_fk" FOREIGN KEY ("callback_done_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pbx_settings" ADD CONSTRAINT "pbx_settings_agency_id_agencies_id_fk" FOREIGN KEY ("agency_id") REFERENCES "public"."agencies"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pbx_settings" ADD CONSTRAINT "pbx_settings_rotated_by_users_id_fk" FOREIGN KEY ("rotated_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "calls_agency_source_external" ON "calls" USING btree ("agency_id","source","external_id");--> statement-breakpoint
CREATE INDEX "calls_agency_started" ON "calls" USING btree ("agency_id","started_at");--> statement-breakpoint
CREATE INDEX "calls_agency_client" ON "calls" USING btree ("agency_id","client_id");