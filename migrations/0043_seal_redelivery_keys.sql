DROP INDEX "social_items_external";--> statement-breakpoint
ALTER TABLE "social_items" ADD COLUMN "external_index" text;--> statement-breakpoint
-- hand-written: until the startup backfill seals a legacy item's id and writes its blind index, the index holds the id itself, so a redelivery still matches it.
UPDATE "social_items" SET "external_index" = "external_id" WHERE "external_index" IS NULL;--> statement-breakpoint
ALTER TABLE "social_items" ALTER COLUMN "external_index" SET NOT NULL;--> statement-breakpoint
ALTER TABLE "requests" ADD COLUMN "channel_message_key" text;--> statement-breakpoint
-- hand-written: a legacy request's key made of a network message id (it names the chat) is copied here in the clear; the startup backfill seals it and replaces the key with its blind index.
UPDATE "requests" SET "channel_message_key" = "idempotency_key" WHERE "idempotency_key" ~ '^(telegram|vk|ok):';--> statement-breakpoint
CREATE UNIQUE INDEX "social_items_external" ON "social_items" USING btree ("agency_id","network","external_index");
