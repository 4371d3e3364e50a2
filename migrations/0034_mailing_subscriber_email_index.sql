DROP INDEX "mailing_subscribers_agency_email_uq";--> statement-breakpoint
ALTER TABLE "mailing_subscribers" ADD COLUMN "email_index" text;--> statement-breakpoint
CREATE UNIQUE INDEX "mailing_subscribers_agency_email_uq" ON "mailing_subscribers" USING btree ("agency_id","email_index");--> statement-breakpoint
-- hand-written: until the startup backfill seals a legacy address and writes its blind index, the index holds the address itself, unique per agency as the address was.
UPDATE "mailing_subscribers" SET "email_index" = "email" WHERE "email_index" IS NULL;
