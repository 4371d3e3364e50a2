CREATE TABLE "kb_starter_items" (
	"agency_id" uuid NOT NULL,
	"key" text NOT NULL,
	"item_id" uuid,
	"loaded_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "kb_starter_items_agency_id_key_pk" PRIMARY KEY("agency_id","key")
);
--> statement-breakpoint
ALTER TABLE "kb_starter_items" ADD CONSTRAINT "kb_starter_items_agency_id_agencies_id_fk" FOREIGN KEY ("agency_id") REFERENCES "public"."agencies"("id") ON DELETE cascade ON UPDATE no action;