CREATE TABLE "survey_answer_values" (
	"response_id" uuid NOT NULL,
	"agency_id" uuid NOT NULL,
	"survey_id" uuid NOT NULL,
	"channel" text NOT NULL,
	"submitted_at" timestamp with time zone NOT NULL,
	"question" text NOT NULL,
	"row" text DEFAULT '' NOT NULL,
	"value" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "survey_poll_recipients" (
	"poll_id" uuid NOT NULL,
	"agency_id" uuid NOT NULL,
	"client_id" uuid NOT NULL,
	"outbound_id" uuid NOT NULL
);
--> statement-breakpoint
CREATE TABLE "survey_polls" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"agency_id" uuid NOT NULL,
	"survey_id" uuid NOT NULL,
	"channel" text NOT NULL,
	"audience" integer NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "survey_tokens" ADD COLUMN "channel" text;--> statement-breakpoint
ALTER TABLE "survey_answer_values" ADD CONSTRAINT "survey_answer_values_response_id_survey_responses_id_fk" FOREIGN KEY ("response_id") REFERENCES "public"."survey_responses"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "survey_poll_recipients" ADD CONSTRAINT "survey_poll_recipients_poll_id_survey_polls_id_fk" FOREIGN KEY ("poll_id") REFERENCES "public"."survey_polls"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "survey_poll_recipients" ADD CONSTRAINT "survey_poll_recipients_client_id_clients_id_fk" FOREIGN KEY ("client_id") REFERENCES "public"."clients"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "survey_polls" ADD CONSTRAINT "survey_polls_agency_id_agencies_id_fk" FOREIGN KEY ("agency_id") REFERENCES "public"."agencies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "survey_polls" ADD CONSTRAINT "survey_polls_survey_id_surveys_id_fk" FOREIGN KEY ("survey_id") REFERENCES "public"."surveys"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "survey_polls" ADD CONSTRAINT "survey_polls_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "survey_answer_values_question_idx" ON "survey_answer_values" USING btree ("agency_id","survey_id","question","submitted_at");--> statement-breakpoint
CREATE INDEX "survey_answer_values_response_idx" ON "survey_answer_values" USING btree ("response_id","question");--> statement-breakpoint
CREATE UNIQUE INDEX "survey_poll_recipients_uq" ON "survey_poll_recipients" USING btree ("poll_id","client_id");--> statement-breakpoint
CREATE INDEX "survey_polls_survey_idx" ON "survey_polls" USING btree ("agency_id","survey_id","created_at");--> statement-breakpoint
-- Answers given before this table existed, flattened the way the server writes new ones: automatic fields skipped,
-- a single choice by its option, a multiple choice a row per option, a question with rows a row per row.
INSERT INTO "survey_answer_values" ("response_id", "agency_id", "survey_id", "channel", "submitted_at", "question", "row", "value")
SELECT r."id", r."agency_id", r."survey_id", r."channel", r."submitted_at", a.key, v.row, v.value
FROM "survey_responses" r
JOIN "survey_versions" sv ON sv."id" = r."version_id"
CROSS JOIN LATERAL jsonb_each(r."answers") a
CROSS JOIN LATERAL (
  SELECT '' AS row, a.value #>> '{}' AS value WHERE jsonb_typeof(a.value) IN ('string', 'number')
  UNION ALL SELECT '', a.value ->> 'choice' WHERE jsonb_typeof(a.value) = 'object' AND a.value ? 'choice'
  UNION ALL SELECT '', c #>> '{}' FROM jsonb_array_elements(CASE WHEN jsonb_typeof(a.value) = 'object' AND a.value ? 'choices' THEN a.value -> 'choices' ELSE '[]'::jsonb END) c
  UNION ALL SELECT e.key, e.value #>> '{}' FROM jsonb_each(CASE WHEN jsonb_typeof(a.value) = 'object' AND NOT (a.value ? 'choice') AND NOT (a.value ? 'choices') THEN a.value ELSE '{}'::jsonb END) e
) v
WHERE NOT EXISTS (
  SELECT 1 FROM jsonb_array_elements(sv."definition" -> 'questions') q
  WHERE q ->> 'id' = a.key AND q ->> 'type' = 'auto'
);
