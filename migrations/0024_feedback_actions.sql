CREATE TABLE "feedback_action_links" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"agency_id" uuid NOT NULL,
	"action_id" uuid NOT NULL,
	"request_id" uuid,
	"survey_id" uuid,
	"survey_response_id" uuid,
	"question" text,
	CONSTRAINT "feedback_action_links_one_target" CHECK (("feedback_action_links"."request_id" is not null and "feedback_action_links"."survey_id" is null) or ("feedback_action_links"."request_id" is null and "feedback_action_links"."survey_id" is not null and ("feedback_action_links"."survey_response_id" is null) <> ("feedback_action_links"."question" is null)))
);
--> statement-breakpoint
CREATE TABLE "feedback_actions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"agency_id" uuid NOT NULL,
	"finding" text NOT NULL,
	"decision" text NOT NULL,
	"owner_id" uuid,
	"department_id" uuid,
	"due_on" date NOT NULL,
	"status" text DEFAULT 'planned' NOT NULL,
	"done_on" date,
	"result" text,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "feedback_actions_done_has_date" CHECK (("feedback_actions"."status" = 'done') = ("feedback_actions"."done_on" is not null))
);
--> statement-breakpoint
ALTER TABLE "feedback_action_links" ADD CONSTRAINT "feedback_action_links_agency_id_agencies_id_fk" FOREIGN KEY ("agency_id") REFERENCES "public"."agencies"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "feedback_action_links" ADD CONSTRAINT "feedback_action_links_action_id_feedback_actions_id_fk" FOREIGN KEY ("action_id") REFERENCES "public"."feedback_actions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "feedback_action_links" ADD CONSTRAINT "feedback_action_links_request_id_requests_id_fk" FOREIGN KEY ("request_id") REFERENCES "public"."requests"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "feedback_action_links" ADD CONSTRAINT "feedback_action_links_survey_id_surveys_id_fk" FOREIGN KEY ("survey_id") REFERENCES "public"."surveys"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "feedback_action_links" ADD CONSTRAINT "feedback_action_links_survey_response_id_survey_responses_id_fk" FOREIGN KEY ("survey_response_id") REFERENCES "public"."survey_responses"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "feedback_actions" ADD CONSTRAINT "feedback_actions_agency_id_agencies_id_fk" FOREIGN KEY ("agency_id") REFERENCES "public"."agencies"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "feedback_actions" ADD CONSTRAINT "feedback_actions_owner_id_users_id_fk" FOREIGN KEY ("owner_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "feedback_actions" ADD CONSTRAINT "feedback_actions_department_id_departments_id_fk" FOREIGN KEY ("department_id") REFERENCES "public"."departments"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "feedback_actions" ADD CONSTRAINT "feedback_actions_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "feedback_action_links_action" ON "feedback_action_links" USING btree ("action_id");--> statement-breakpoint
CREATE INDEX "feedback_action_links_request" ON "feedback_action_links" USING btree ("agency_id","request_id");--> statement-breakpoint
CREATE INDEX "feedback_action_links_survey" ON "feedback_action_links" USING btree ("agency_id","survey_id");--> statement-breakpoint
CREATE INDEX "feedback_actions_agency_due" ON "feedback_actions" USING btree ("agency_id","status","due_on");