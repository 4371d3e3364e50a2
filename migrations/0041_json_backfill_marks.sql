CREATE TABLE "json_backfill_marks" (
	"table_name" text PRIMARY KEY NOT NULL,
	"key_id" text NOT NULL,
	"checked_from" text NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE INDEX "requests_created" ON "requests" USING btree ("created_at");