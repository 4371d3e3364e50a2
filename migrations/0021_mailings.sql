CREATE TABLE "mailing_campaigns" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"agency_id" uuid NOT NULL,
	"subject" text NOT NULL,
	"from_name" text,
	"html" text NOT NULL,
	"text" text NOT NULL,
	"topic_ids" uuid[] NOT NULL,
	"status" text DEFAULT 'draft' NOT NULL,
	"scheduled_at" timestamp with time zone,
	"started_at" timestamp with time zone,
	"finished_at" timestamp with time zone,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "mailing_consent_events" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"agency_id" uuid NOT NULL,
	"subscriber_id" uuid NOT NULL,
	"email" text NOT NULL,
	"event" text NOT NULL,
	"method" text NOT NULL,
	"source_page" text,
	"consent_text" text,
	"topics" text[] DEFAULT '{}'::text[] NOT NULL,
	"ip" text,
	"actor_id" uuid,
	"at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "mailing_recipients" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"agency_id" uuid NOT NULL,
	"campaign_id" uuid NOT NULL,
	"subscriber_id" uuid NOT NULL,
	"email" text NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"next_attempt_at" timestamp with time zone DEFAULT now() NOT NULL,
	"lease_until" timestamp with time zone,
	"sent_at" timestamp with time zone,
	"last_error" text
);
--> statement-breakpoint
CREATE TABLE "mailing_subscribers" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"agency_id" uuid NOT NULL,
	"email" text NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL,
	"topic_ids" uuid[] DEFAULT '{}'::uuid[] NOT NULL,
	"pending_topic_ids" uuid[] DEFAULT '{}'::uuid[] NOT NULL,
	"pending_consent_text" text,
	"pending_source_page" text,
	"confirm_token_hash" text,
	"confirm_expires_at" timestamp with time zone,
	"confirmed_at" timestamp with time zone,
	"revoked_at" timestamp with time zone,
	"bounced_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "mailing_topics" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"agency_id" uuid NOT NULL,
	"title" text NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"position" integer DEFAULT 0 NOT NULL,
	"archived" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "mailing_campaigns" ADD CONSTRAINT "mailing_campaigns_agency_id_agencies_id_fk" FOREIGN KEY ("agency_id") REFERENCES "public"."agencies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "mailing_campaigns" ADD CONSTRAINT "mailing_campaigns_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "mailing_consent_events" ADD CONSTRAINT "mailing_consent_events_agency_id_agencies_id_fk" FOREIGN KEY ("agency_id") REFERENCES "public"."agencies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "mailing_consent_events" ADD CONSTRAINT "mailing_consent_events_subscriber_id_mailing_subscribers_id_fk" FOREIGN KEY ("subscriber_id") REFERENCES "public"."mailing_subscribers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "mailing_consent_events" ADD CONSTRAINT "mailing_consent_events_actor_id_users_id_fk" FOREIGN KEY ("actor_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "mailing_recipients" ADD CONSTRAINT "mailing_recipients_agency_id_agencies_id_fk" FOREIGN KEY ("agency_id") REFERENCES "public"."agencies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "mailing_recipients" ADD CONSTRAINT "mailing_recipients_campaign_id_mailing_campaigns_id_fk" FOREIGN KEY ("campaign_id") REFERENCES "public"."mailing_campaigns"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "mailing_recipients" ADD CONSTRAINT "mailing_recipients_subscriber_id_mailing_subscribers_id_fk" FOREIGN KEY ("subscriber_id") REFERENCES "public"."mailing_subscribers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "mailing_subscribers" ADD CONSTRAINT "mailing_subscribers_agency_id_agencies_id_fk" FOREIGN KEY ("agency_id") REFERENCES "public"."agencies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "mailing_topics" ADD CONSTRAINT "mailing_topics_agency_id_agencies_id_fk" FOREIGN KEY ("agency_id") REFERENCES "public"."agencies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "mailing_campaigns_agency_idx" ON "mailing_campaigns" USING btree ("agency_id","created_at");--> statement-breakpoint
CREATE INDEX "mailing_campaigns_due_idx" ON "mailing_campaigns" USING btree ("status","scheduled_at");--> statement-breakpoint
CREATE INDEX "mailing_consent_events_agency_idx" ON "mailing_consent_events" USING btree ("agency_id","at");--> statement-breakpoint
CREATE INDEX "mailing_consent_events_subscriber_idx" ON "mailing_consent_events" USING btree ("subscriber_id","at");--> statement-breakpoint
CREATE UNIQUE INDEX "mailing_recipients_campaign_subscriber_uq" ON "mailing_recipients" USING btree ("campaign_id","subscriber_id");--> statement-breakpoint
CREATE INDEX "mailing_recipients_pending_idx" ON "mailing_recipients" USING btree ("id") WHERE status = 'pending';--> statement-breakpoint
CREATE INDEX "mailing_recipients_sent_at_idx" ON "mailing_recipients" USING btree ("sent_at");--> statement-breakpoint
CREATE UNIQUE INDEX "mailing_subscribers_agency_email_uq" ON "mailing_subscribers" USING btree ("agency_id","email");--> statement-breakpoint
CREATE UNIQUE INDEX "mailing_subscribers_confirm_token_uq" ON "mailing_subscribers" USING btree ("confirm_token_hash");--> statement-breakpoint
CREATE UNIQUE INDEX "mailing_topics_agency_title_uq" ON "mailing_topics" USING btree ("agency_id","title");--> statement-breakpoint
-- Seed 004 p. 12, 14: the consent ledger is append-only; a row once written is never changed.
CREATE FUNCTION mailing_consent_events_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	RAISE EXCEPTION 'mailing_consent_events is append-only';
END;
$$;--> statement-breakpoint
CREATE TRIGGER mailing_consent_events_no_change BEFORE UPDATE OR DELETE ON "mailing_consent_events"
	FOR EACH ROW EXECUTE FUNCTION mailing_consent_events_append_only();
