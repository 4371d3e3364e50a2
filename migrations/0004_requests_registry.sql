CREATE TABLE "job_runs" (
	"name" text PRIMARY KEY NOT NULL,
	"next_run_at" timestamp with time zone NOT NULL,
	"last_started_at" timestamp with time zone,
	"last_finished_at" timestamp with time zone,
	"last_error" text
);
--> statement-breakpoint
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
CREATE TABLE "staff_notifications" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"agency_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"title" text NOT NULL,
	"body" text NOT NULL,
	"link" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"read_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "answer_templates" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"agency_id" uuid NOT NULL,
	"title" text NOT NULL,
	"body" text NOT NULL,
	"variant" text DEFAULT 'letter' NOT NULL,
	"department_id" uuid,
	"active" boolean DEFAULT true NOT NULL,
	"starter" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "deadline_overrides" (
	"agency_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"term" text NOT NULL,
	"days" integer NOT NULL,
	"day_type" text NOT NULL,
	"source" text NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "deadline_overrides_agency_id_kind_term_pk" PRIMARY KEY("agency_id","kind","term")
);
--> statement-breakpoint
CREATE TABLE "register_views" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"agency_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"name" text NOT NULL,
	"query" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "request_attachments" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"agency_id" uuid NOT NULL,
	"request_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"original_name" text NOT NULL,
	"storage_key" text NOT NULL,
	"mime_type" text NOT NULL,
	"size" integer NOT NULL,
	"sha256" text NOT NULL,
	"uploaded_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "request_reminders" (
	"agency_id" uuid NOT NULL,
	"request_id" uuid NOT NULL,
	"reminder" text NOT NULL,
	"due_at" timestamp with time zone NOT NULL,
	"sent_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "request_reminders_request_id_reminder_due_at_pk" PRIMARY KEY("request_id","reminder","due_at")
);
--> statement-breakpoint
ALTER TABLE "agencies" ADD COLUMN "reminder_lead_days" integer[] DEFAULT '{3,1}' NOT NULL;--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "signature" text;--> statement-breakpoint
ALTER TABLE "requests" ADD COLUMN "redirected_to_id" uuid;--> statement-breakpoint
ALTER TABLE "requests" ADD COLUMN "redirected_from_id" uuid;--> statement-breakpoint
ALTER TABLE "requests" ADD COLUMN "topic_id" uuid;--> statement-breakpoint
ALTER TABLE "requests" ADD COLUMN "typical_need_id" uuid;--> statement-breakpoint
ALTER TABLE "requests" ADD COLUMN "request_type" text;--> statement-breakpoint
ALTER TABLE "requests" ADD COLUMN "classified_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "requests" ADD COLUMN "classified_by" uuid;--> statement-breakpoint
ALTER TABLE "requests" ADD COLUMN "attachment_names" text;--> statement-breakpoint
ALTER TABLE "requests" ADD COLUMN "attachment_search" "tsvector" GENERATED ALWAYS AS (to_tsvector('russian', regexp_replace(coalesce(attachment_names, ''), '[._-]+', ' ', 'g'))) STORED;--> statement-breakpoint
ALTER TABLE "topics" ADD CONSTRAINT "topics_agency_id_agencies_id_fk" FOREIGN KEY ("agency_id") REFERENCES "public"."agencies"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "topics" ADD CONSTRAINT "topics_default_department_id_departments_id_fk" FOREIGN KEY ("default_department_id") REFERENCES "public"."departments"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "typical_needs" ADD CONSTRAINT "typical_needs_agency_id_agencies_id_fk" FOREIGN KEY ("agency_id") REFERENCES "public"."agencies"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "typical_needs" ADD CONSTRAINT "typical_needs_topic_id_topics_id_fk" FOREIGN KEY ("topic_id") REFERENCES "public"."topics"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "staff_notifications" ADD CONSTRAINT "staff_notifications_agency_id_agencies_id_fk" FOREIGN KEY ("agency_id") REFERENCES "public"."agencies"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "staff_notifications" ADD CONSTRAINT "staff_notifications_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "answer_templates" ADD CONSTRAINT "answer_templates_agency_id_agencies_id_fk" FOREIGN KEY ("agency_id") REFERENCES "public"."agencies"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "answer_templates" ADD CONSTRAINT "answer_templates_department_id_departments_id_fk" FOREIGN KEY ("department_id") REFERENCES "public"."departments"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "deadline_overrides" ADD CONSTRAINT "deadline_overrides_agency_id_agencies_id_fk" FOREIGN KEY ("agency_id") REFERENCES "public"."agencies"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "register_views" ADD CONSTRAINT "register_views_agency_id_agencies_id_fk" FOREIGN KEY ("agency_id") REFERENCES "public"."agencies"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "register_views" ADD CONSTRAINT "register_views_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "request_attachments" ADD CONSTRAINT "request_attachments_agency_id_agencies_id_fk" FOREIGN KEY ("agency_id") REFERENCES "public"."agencies"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "request_attachments" ADD CONSTRAINT "request_attachments_request_id_requests_id_fk" FOREIGN KEY ("request_id") REFERENCES "public"."requests"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "request_attachments" ADD CONSTRAINT "request_attachments_uploaded_by_users_id_fk" FOREIGN KEY ("uploaded_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "request_reminders" ADD CONSTRAINT "request_reminders_agency_id_agencies_id_fk" FOREIGN KEY ("agency_id") REFERENCES "public"."agencies"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "request_reminders" ADD CONSTRAINT "request_reminders_request_id_requests_id_fk" FOREIGN KEY ("request_id") REFERENCES "public"."requests"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "topics_agency_name" ON "topics" USING btree ("agency_id",lower("name"));--> statement-breakpoint
CREATE INDEX "topics_agency_order" ON "topics" USING btree ("agency_id","sort_order");--> statement-breakpoint
CREATE UNIQUE INDEX "typical_needs_topic_name" ON "typical_needs" USING btree ("topic_id",lower("name"));--> statement-breakpoint
CREATE INDEX "typical_needs_agency_topic" ON "typical_needs" USING btree ("agency_id","topic_id");--> statement-breakpoint
CREATE INDEX "staff_notifications_user" ON "staff_notifications" USING btree ("agency_id","user_id","created_at");--> statement-breakpoint
CREATE INDEX "answer_templates_agency" ON "answer_templates" USING btree ("agency_id","active");--> statement-breakpoint
CREATE UNIQUE INDEX "register_views_user_name" ON "register_views" USING btree ("agency_id","user_id",lower("name"));--> statement-breakpoint
CREATE INDEX "request_attachments_request" ON "request_attachments" USING btree ("agency_id","request_id");--> statement-breakpoint
ALTER TABLE "requests" ADD CONSTRAINT "requests_topic_id_topics_id_fk" FOREIGN KEY ("topic_id") REFERENCES "public"."topics"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "requests" ADD CONSTRAINT "requests_typical_need_id_typical_needs_id_fk" FOREIGN KEY ("typical_need_id") REFERENCES "public"."typical_needs"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "requests" ADD CONSTRAINT "requests_classified_by_users_id_fk" FOREIGN KEY ("classified_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "requests_agency_due" ON "requests" USING btree ("agency_id","due_at");--> statement-breakpoint
CREATE INDEX "requests_agency_assignee" ON "requests" USING btree ("agency_id","assignee_id");--> statement-breakpoint
CREATE INDEX "requests_agency_topic" ON "requests" USING btree ("agency_id","topic_id");--> statement-breakpoint
CREATE INDEX "requests_attachment_search" ON "requests" USING gin ("attachment_search");