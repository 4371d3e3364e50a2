CREATE TABLE "client_consent_events" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"agency_id" uuid NOT NULL,
	"client_id" uuid NOT NULL,
	"purpose" text NOT NULL,
	"action" text NOT NULL,
	"channel" text NOT NULL,
	"request_id" uuid,
	"at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "client_contacts" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"agency_id" uuid NOT NULL,
	"client_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"value" text NOT NULL,
	"normalized" text NOT NULL,
	"verified" boolean DEFAULT false NOT NULL,
	"source" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "client_merges" (
	"merged_id" uuid PRIMARY KEY NOT NULL,
	"agency_id" uuid NOT NULL,
	"survivor_id" uuid NOT NULL,
	"actor_id" uuid,
	"at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "history_exports" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"agency_id" uuid NOT NULL,
	"client_id" uuid NOT NULL,
	"via" text NOT NULL,
	"actor_id" uuid,
	"request_count" integer NOT NULL,
	"file_count" integer NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "history_link_asks" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"agency_id" uuid NOT NULL,
	"address_hash" text NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "history_links" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"agency_id" uuid NOT NULL,
	"client_id" uuid NOT NULL,
	"token_hash" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"used_at" timestamp with time zone,
	CONSTRAINT "history_links_token_hash_unique" UNIQUE("token_hash")
);
--> statement-breakpoint
CREATE TABLE "retention_purges" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"agency_id" uuid NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"cutoff" timestamp with time zone NOT NULL,
	"client_count" integer NOT NULL,
	"request_count" integer NOT NULL,
	"client_id_hashes" jsonb NOT NULL
);
--> statement-breakpoint
ALTER TABLE "agencies" ADD COLUMN "retention_years" integer DEFAULT 5 NOT NULL;--> statement-breakpoint
ALTER TABLE "clients" ADD COLUMN "kind" text DEFAULT 'person' NOT NULL;--> statement-breakpoint
ALTER TABLE "clients" ADD COLUMN "organisation_name" text;--> statement-breakpoint
ALTER TABLE "clients" ADD COLUMN "inn" text;--> statement-breakpoint
ALTER TABLE "clients" ADD COLUMN "postal_address" text;--> statement-breakpoint
ALTER TABLE "clients" ADD COLUMN "legal_hold" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "clients" ADD COLUMN "legal_hold_reason" text;--> statement-breakpoint
ALTER TABLE "client_consent_events" ADD CONSTRAINT "client_consent_events_agency_id_agencies_id_fk" FOREIGN KEY ("agency_id") REFERENCES "public"."agencies"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "client_consent_events" ADD CONSTRAINT "client_consent_events_client_id_clients_id_fk" FOREIGN KEY ("client_id") REFERENCES "public"."clients"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "client_contacts" ADD CONSTRAINT "client_contacts_agency_id_agencies_id_fk" FOREIGN KEY ("agency_id") REFERENCES "public"."agencies"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "client_contacts" ADD CONSTRAINT "client_contacts_client_id_clients_id_fk" FOREIGN KEY ("client_id") REFERENCES "public"."clients"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "client_merges" ADD CONSTRAINT "client_merges_agency_id_agencies_id_fk" FOREIGN KEY ("agency_id") REFERENCES "public"."agencies"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "client_merges" ADD CONSTRAINT "client_merges_survivor_id_clients_id_fk" FOREIGN KEY ("survivor_id") REFERENCES "public"."clients"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "client_merges" ADD CONSTRAINT "client_merges_actor_id_users_id_fk" FOREIGN KEY ("actor_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "history_exports" ADD CONSTRAINT "history_exports_agency_id_agencies_id_fk" FOREIGN KEY ("agency_id") REFERENCES "public"."agencies"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "history_exports" ADD CONSTRAINT "history_exports_client_id_clients_id_fk" FOREIGN KEY ("client_id") REFERENCES "public"."clients"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "history_exports" ADD CONSTRAINT "history_exports_actor_id_users_id_fk" FOREIGN KEY ("actor_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "history_link_asks" ADD CONSTRAINT "history_link_asks_agency_id_agencies_id_fk" FOREIGN KEY ("agency_id") REFERENCES "public"."agencies"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "history_links" ADD CONSTRAINT "history_links_agency_id_agencies_id_fk" FOREIGN KEY ("agency_id") REFERENCES "public"."agencies"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "history_links" ADD CONSTRAINT "history_links_client_id_clients_id_fk" FOREIGN KEY ("client_id") REFERENCES "public"."clients"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "retention_purges" ADD CONSTRAINT "retention_purges_agency_id_agencies_id_fk" FOREIGN KEY ("agency_id") REFERENCES "public"."agencies"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "client_consent_events_client" ON "client_consent_events" USING btree ("client_id","at");--> statement-breakpoint
CREATE UNIQUE INDEX "client_contacts_client_value" ON "client_contacts" USING btree ("client_id","kind","normalized");--> statement-breakpoint
CREATE INDEX "client_contacts_agency_value" ON "client_contacts" USING btree ("agency_id","kind","normalized");--> statement-breakpoint
CREATE INDEX "client_merges_survivor" ON "client_merges" USING btree ("survivor_id");--> statement-breakpoint
CREATE INDEX "history_exports_client" ON "history_exports" USING btree ("client_id","at");--> statement-breakpoint
CREATE INDEX "history_link_asks_address" ON "history_link_asks" USING btree ("agency_id","address_hash","at");--> statement-breakpoint
CREATE INDEX "retention_purges_agency_at" ON "retention_purges" USING btree ("agency_id","at");--> statement-breakpoint
CREATE INDEX "clients_agency_last_interaction" ON "clients" USING btree ("agency_id","last_interaction_at");--> statement-breakpoint
CREATE INDEX "clients_agency_name" ON "clients" USING btree ("agency_id",lower("name"));--> statement-breakpoint
-- Hand-written (drizzle-kit cannot express a data copy): the single e-mail/phone columns become contacts.
INSERT INTO "client_contacts" ("agency_id", "client_id", "kind", "value", "normalized", "source", "created_at")
SELECT "agency_id", "id", 'email', "email", lower(trim("email")), 'migration', "created_at" FROM "clients" WHERE coalesce(trim("email"), '') <> ''
ON CONFLICT DO NOTHING;--> statement-breakpoint
INSERT INTO "client_contacts" ("agency_id", "client_id", "kind", "value", "normalized", "source", "created_at")
SELECT "agency_id", "id", 'phone', "phone", CASE WHEN "digits" ~ '^8\d{10}$' THEN '7' || substr("digits", 2) ELSE "digits" END, 'migration', "created_at"
FROM (SELECT *, regexp_replace("phone", '\D', '', 'g') AS "digits" FROM "clients") AS "c" WHERE "digits" <> ''
ON CONFLICT DO NOTHING;--> statement-breakpoint
-- Hand-written: every portal request was accepted only with the personal-data consent (152-ФЗ ст. 9).
INSERT INTO "client_consent_events" ("agency_id", "client_id", "purpose", "action", "channel", "request_id", "at")
SELECT "agency_id", "client_id", 'personal_data', 'given', "channel", "id", "received_at" FROM "requests" WHERE "client_id" IS NOT NULL AND "channel" = 'portal';
