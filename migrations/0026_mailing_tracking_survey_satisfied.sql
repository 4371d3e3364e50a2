CREATE TABLE "mailing_settings" (
	"agency_id" uuid PRIMARY KEY NOT NULL,
	"track_opens" boolean DEFAULT false NOT NULL,
	"track_clicks" boolean DEFAULT false NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "mailing_recipients" ADD COLUMN "feedback" text;--> statement-breakpoint
ALTER TABLE "mailing_recipients" ADD COLUMN "feedback_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "mailing_recipients" ADD COLUMN "opened_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "mailing_recipients" ADD COLUMN "clicked_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "survey_answer_values" ADD COLUMN "satisfied" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "survey_responses" ADD COLUMN "satisfied" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "mailing_settings" ADD CONSTRAINT "mailing_settings_agency_id_agencies_id_fk" FOREIGN KEY ("agency_id") REFERENCES "public"."agencies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
-- hand-written:
-- Responses given before the column existed: satisfied when they chose the top satisfaction answer of the form they
-- answered — the first single-choice question with an option «(Скорее) удовлетворен(а)» and its first such option, as
-- answer-values.ts decides. Found once per version, then matched against the answers.
UPDATE "survey_responses" r SET "satisfied" = true
FROM (
  SELECT sv."id" AS version_id, top.question, top.option
  FROM "survey_versions" sv
  CROSS JOIN LATERAL (
    SELECT q ->> 'id' AS question, o ->> 'id' AS option
    FROM jsonb_array_elements(sv."definition" -> 'questions') WITH ORDINALITY qs(q, qn)
    CROSS JOIN LATERAL jsonb_array_elements(COALESCE(q -> 'options', '[]'::jsonb)) WITH ORDINALITY os(o, opn)
    WHERE q ->> 'type' = 'single' AND btrim(o ->> 'label') ~* '^([Сс]корее )?[Уу]довлетворена?$'
    ORDER BY qn, opn LIMIT 1
  ) top
) t
WHERE r."version_id" = t.version_id AND r."satisfied" = false
  AND r."answers" -> t.question ->> 'choice' = t.option;--> statement-breakpoint
UPDATE "survey_answer_values" v SET "satisfied" = true
FROM "survey_responses" r
WHERE r."id" = v."response_id" AND r."satisfied" AND v."satisfied" = false;
