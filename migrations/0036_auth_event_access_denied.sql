ALTER TABLE "auth_events" ADD COLUMN "session_agency_id" uuid;--> statement-breakpoint
ALTER TABLE "auth_events" ADD COLUMN "method" text;--> statement-breakpoint
ALTER TABLE "auth_events" ADD COLUMN "route" text;--> statement-breakpoint
ALTER TABLE "auth_events" ADD CONSTRAINT "auth_events_session_agency_id_agencies_id_fk" FOREIGN KEY ("session_agency_id") REFERENCES "public"."agencies"("id") ON DELETE set null ON UPDATE no action;