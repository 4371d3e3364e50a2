CREATE TABLE "channel_post_deliveries" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"post_id" uuid NOT NULL,
	"account_id" uuid,
	"network" text NOT NULL,
	"account_title" text NOT NULL,
	"outbound_id" uuid
);
--> statement-breakpoint
CREATE TABLE "channel_posts" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"agency_id" uuid NOT NULL,
	"text" text NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "social_settings" (
	"agency_id" uuid PRIMARY KEY NOT NULL,
	"invite_text" text,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "social_items" ADD COLUMN "dismiss_reason" text;--> statement-breakpoint
ALTER TABLE "social_items" ADD COLUMN "reply_id" uuid;--> statement-breakpoint
ALTER TABLE "channel_post_deliveries" ADD CONSTRAINT "channel_post_deliveries_post_id_channel_posts_id_fk" FOREIGN KEY ("post_id") REFERENCES "public"."channel_posts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "channel_post_deliveries" ADD CONSTRAINT "channel_post_deliveries_account_id_channel_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."channel_accounts"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "channel_post_deliveries" ADD CONSTRAINT "channel_post_deliveries_outbound_id_outbound_messages_id_fk" FOREIGN KEY ("outbound_id") REFERENCES "public"."outbound_messages"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "channel_posts" ADD CONSTRAINT "channel_posts_agency_id_agencies_id_fk" FOREIGN KEY ("agency_id") REFERENCES "public"."agencies"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "social_settings" ADD CONSTRAINT "social_settings_agency_id_agencies_id_fk" FOREIGN KEY ("agency_id") REFERENCES "public"."agencies"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "channel_post_deliveries_post" ON "channel_post_deliveries" USING btree ("post_id");--> statement-breakpoint
CREATE INDEX "channel_posts_agency" ON "channel_posts" USING btree ("agency_id","created_at");--> statement-breakpoint
ALTER TABLE "social_items" ADD CONSTRAINT "social_items_reply_id_outbound_messages_id_fk" FOREIGN KEY ("reply_id") REFERENCES "public"."outbound_messages"("id") ON DELETE set null ON UPDATE no action;