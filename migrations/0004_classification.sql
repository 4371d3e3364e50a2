CREATE TABLE "topics" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"agency_id" uuid NOT NULL,
	"name" text NOT NULL,
	"default_department_id" uuid,
	"archived" boolean DEFAULT false NOT NULL,
	"sort_order" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "typical_needs" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"agency_id" uuid NOT NULL,
	"topic_id" uuid NOT NULL,
	"name" text NOT NULL,
	"archived" boolean DEFAULT false NOT NULL,
	"sort_order" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "requests" ADD COLUMN "topic_id" uuid;--> statement-breakpoint
ALTER TABLE "requests" ADD COLUMN "typical_need_id" uuid;--> statement-breakpoint
ALTER TABLE "requests" ADD COLUMN "request_type" text;--> statement-breakpoint
ALTER TABLE "requests" ADD COLUMN "classified_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "requests" ADD COLUMN "classified_by" uuid;--> statement-breakpoint
ALTER TABLE "topics" ADD CONSTRAINT "topics_agency_id_agencies_id_fk" FOREIGN KEY ("agency_id") REFERENCES "public"."agencies"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "topics" ADD CONSTRAINT "topics_default_department_id_departments_id_fk" FOREIGN KEY ("default_department_id") REFERENCES "public"."departments"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "typical_needs" ADD CONSTRAINT "typical_needs_agency_id_agencies_id_fk" FOREIGN KEY ("agency_id") REFERENCES "public"."agencies"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "typical_needs" ADD CONSTRAINT "typical_needs_topic_id_topics_id_fk" FOREIGN KEY ("topic_id") REFERENCES "public"."topics"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "topics_agency_name" ON "topics" USING btree ("agency_id",lower("name"));--> statement-breakpoint
CREATE INDEX "topics_agency_order" ON "topics" USING btree ("agency_id","sort_order");--> statement-breakpoint
CREATE UNIQUE INDEX "typical_needs_topic_name" ON "typical_needs" USING btree ("topic_id",lower("name"));--> statement-breakpoint
CREATE INDEX "typical_needs_agency_topic" ON "typical_needs" USING btree ("agency_id","topic_id");--> statement-breakpoint
ALTER TABLE "requests" ADD CONSTRAINT "requests_topic_id_topics_id_fk" FOREIGN KEY ("topic_id") REFERENCES "public"."topics"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "requests" ADD CONSTRAINT "requests_typical_need_id_typical_needs_id_fk" FOREIGN KEY ("typical_need_id") REFERENCES "public"."typical_needs"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "requests" ADD CONSTRAINT "requests_classified_by_users_id_fk" FOREIGN KEY ("classified_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "requests_agency_topic" ON "requests" USING btree ("agency_id","topic_id");