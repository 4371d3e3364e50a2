CREATE TABLE "reception_cards" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"agency_id" uuid NOT NULL,
	"slot_id" uuid NOT NULL,
	"booking_id" uuid NOT NULL,
	"client_id" uuid,
	"name" text NOT NULL,
	"phone" text,
	"email" text,
	"postal_address" text,
	"topic" text NOT NULL,
	"identity_checked_at" timestamp with time zone,
	"identity_checked_by" uuid,
	"recording_consent" boolean,
	"room_id" uuid,
	"official_introduced" boolean DEFAULT false NOT NULL,
	"applied_before" boolean,
	"applied_before_details" text,
	"outcome" text,
	"oral_answer_consent" boolean,
	"answer_text" text,
	"redirect_note" text,
	"request_id" uuid,
	"conducted_by" uuid,
	"closed_at" timestamp with time zone,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
DROP INDEX "reception_bookings_live_slot_uq";--> statement-breakpoint
ALTER TABLE "reception_cards" ADD CONSTRAINT "reception_cards_agency_id_agencies_id_fk" FOREIGN KEY ("agency_id") REFERENCES "public"."agencies"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reception_cards" ADD CONSTRAINT "reception_cards_slot_id_reception_slots_id_fk" FOREIGN KEY ("slot_id") REFERENCES "public"."reception_slots"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reception_cards" ADD CONSTRAINT "reception_cards_booking_id_reception_bookings_id_fk" FOREIGN KEY ("booking_id") REFERENCES "public"."reception_bookings"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reception_cards" ADD CONSTRAINT "reception_cards_client_id_clients_id_fk" FOREIGN KEY ("client_id") REFERENCES "public"."clients"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reception_cards" ADD CONSTRAINT "reception_cards_identity_checked_by_users_id_fk" FOREIGN KEY ("identity_checked_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reception_cards" ADD CONSTRAINT "reception_cards_room_id_reception_rooms_id_fk" FOREIGN KEY ("room_id") REFERENCES "public"."reception_rooms"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reception_cards" ADD CONSTRAINT "reception_cards_conducted_by_users_id_fk" FOREIGN KEY ("conducted_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reception_cards" ADD CONSTRAINT "reception_cards_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "reception_cards_booking_uq" ON "reception_cards" USING btree ("booking_id");--> statement-breakpoint
CREATE INDEX "reception_cards_agency_client" ON "reception_cards" USING btree ("agency_id","client_id");--> statement-breakpoint
CREATE UNIQUE INDEX "reception_bookings_live_slot_uq" ON "reception_bookings" USING btree ("slot_id") WHERE status in ('booked', 'held', 'attended', 'no_show');