ALTER TABLE "requests" ADD COLUMN "extended_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "requests" ADD COLUMN "answer_text" text;--> statement-breakpoint
ALTER TABLE "requests" ADD COLUMN "answer_form" text;--> statement-breakpoint
ALTER TABLE "requests" ADD COLUMN "resolved_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "requests" ADD COLUMN "ground_code" text;--> statement-breakpoint
ALTER TABLE "requests" ADD COLUMN "redirect_addressee" text;