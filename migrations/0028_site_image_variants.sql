ALTER TABLE "site_attachments" ADD COLUMN "width" integer;--> statement-breakpoint
ALTER TABLE "site_attachments" ADD COLUMN "height" integer;--> statement-breakpoint
ALTER TABLE "site_attachments" ADD COLUMN "variants" jsonb DEFAULT '[]'::jsonb NOT NULL;