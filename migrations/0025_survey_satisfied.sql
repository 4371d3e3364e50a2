ALTER TABLE "survey_answer_values" ADD COLUMN "satisfied" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "survey_responses" ADD COLUMN "satisfied" boolean DEFAULT false NOT NULL;--> statement-breakpoint
-- hand-written:
-- Responses given before the column existed: satisfied when they chose the top satisfaction answer of the form they
-- answered — the first single-choice question with an option «(Скорее) удовлетворен(а)», as answer-values.ts decides.
UPDATE "survey_responses" r SET "satisfied" = true
FROM "survey_versions" sv
WHERE sv."id" = r."version_id" AND r."satisfied" = false
  AND r."answers" -> (
    SELECT q ->> 'id' FROM jsonb_array_elements(sv."definition" -> 'questions') WITH ORDINALITY qs(q, qn)
    WHERE q ->> 'type' = 'single' AND EXISTS (
      SELECT 1 FROM jsonb_array_elements(COALESCE(q -> 'options', '[]'::jsonb)) o
      WHERE btrim(o ->> 'label') ~* '^([Сс]корее )?[Уу]довлетворена?$')
    ORDER BY qn LIMIT 1
  ) ->> 'choice' = (
    SELECT o ->> 'id' FROM jsonb_array_elements(sv."definition" -> 'questions') WITH ORDINALITY qs(q, qn)
    CROSS JOIN LATERAL jsonb_array_elements(COALESCE(q -> 'options', '[]'::jsonb)) WITH ORDINALITY os(o, os_n)
    WHERE q ->> 'type' = 'single' AND btrim(o ->> 'label') ~* '^([Сс]корее )?[Уу]довлетворена?$'
    ORDER BY qn, os_n LIMIT 1
  );--> statement-breakpoint
UPDATE "survey_answer_values" v SET "satisfied" = true
FROM "survey_responses" r
WHERE r."id" = v."response_id" AND r."satisfied" AND v."satisfied" = false;
