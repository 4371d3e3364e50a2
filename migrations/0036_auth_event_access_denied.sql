ALTER TABLE "auth_events" ADD COLUMN "agency_id" uuid;--> statement-breakpoint
ALTER TABLE "auth_events" ADD COLUMN "method" text;--> statement-breakpoint
ALTER TABLE "auth_events" ADD COLUMN "route" text;--> statement-breakpoint
ALTER TABLE "auth_events" ADD CONSTRAINT "auth_events_agency_id_agencies_id_fk" FOREIGN KEY ("agency_id") REFERENCES "public"."agencies"("id") ON DELETE set null ON UPDATE no action;