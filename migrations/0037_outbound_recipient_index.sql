ALTER TABLE "outbound_messages" ADD COLUMN "recipient_index" text;--> statement-breakpoint
-- hand-written: until the startup backfill seals a legacy recipient and writes its blind index, the index holds the recipient itself, as the old lookup matched it.
UPDATE "outbound_messages" SET "recipient_index" = "recipient" WHERE "recipient_index" IS NULL;--> statement-breakpoint
ALTER TABLE "outbound_messages" ALTER COLUMN "recipient_index" SET NOT NULL;
