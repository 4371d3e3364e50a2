DROP INDEX "social_items_thread";--> statement-breakpoint
ALTER TABLE "social_items" ADD COLUMN "thread_index" text;--> statement-breakpoint
ALTER TABLE "social_items" ADD COLUMN "author_index" text;--> statement-breakpoint
-- hand-written: until the startup backfill seals a legacy item's thread and author and writes their blind indexes, the indexes hold the ids themselves, as the old lookups matched them.
UPDATE "social_items" SET "thread_index" = "thread_id", "author_index" = "author_id" WHERE "thread_index" IS NULL;--> statement-breakpoint
ALTER TABLE "social_items" ALTER COLUMN "thread_index" SET NOT NULL;--> statement-breakpoint
ALTER TABLE "social_items" ALTER COLUMN "author_index" SET NOT NULL;--> statement-breakpoint
CREATE INDEX "outbound_created" ON "outbound_messages" USING btree ("created_at");--> statement-breakpoint
CREATE INDEX "social_items_author" ON "social_items" USING btree ("agency_id","network","author_index");--> statement-breakpoint
CREATE INDEX "social_items_thread" ON "social_items" USING btree ("agency_id","network","thread_index");--> statement-breakpoint
-- hand-written: a bounce note named the address and quoted the server's diagnosis; history notes are stored open, so both give way to «адрес получателя» (the address stays sealed on the message and the contact).
UPDATE "request_events" SET "note" = regexp_replace(
    regexp_replace("note", '^Письмо на .+? не доставлено — адрес недоступен: ', 'Письмо на адрес получателя не доставлено — адрес недоступен: '),
    '[^[:space:]<>(){}",;:@]+@[[:alnum:]-]+(\.[[:alnum:]-]+)+', 'адрес получателя', 'g')
  WHERE "note" ~ '^Письмо на .+ не доставлено — адрес недоступен: ';
