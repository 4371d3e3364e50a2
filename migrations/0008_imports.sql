CREATE TABLE "pos_settings" (
	"agency_id" uuid PRIMARY KEY NOT NULL,
	"sealed_secret" text NOT NULL,
	"rotated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"rotated_by" uuid
);
--> statement-breakpoint
ALTER TABLE "requests" ADD COLUMN "external_category" jsonb;--> statement-breakpoint
ALTER TABLE "requests" ADD COLUMN "external_source" jsonb;--> statement-breakpoint
ALTER TABLE "pos_settings" ADD CONSTRAINT "pos_settings_agency_id_agencies_id_fk" FOREIGN KEY ("agency_id") REFERENCES "public"."agencies"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pos_settings" ADD CONSTRAINT "pos_settings_rotated_by_users_id_fk" FOREIGN KEY ("rotated_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;