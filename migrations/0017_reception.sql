CREATE TABLE "reception_bookings" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"agency_id" uuid NOT NULL,
	"slot_id" uuid NOT NULL,
	"name" text NOT NULL,
	"phone" text,
	"email" text,
	"topic" text NOT NULL,
	"channel" text NOT NULL,
	"source" text NOT NULL,
	"status" text DEFAULT 'booked' NOT NULL,
	"cancel_token_hash" text,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"cancelled_at" timestamp with time zone,
	"reminded_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "reception_officials" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"agency_id" uuid NOT NULL,
	"name" text NOT NULL,
	"position" text NOT NULL,
	"user_id" uuid,
	"active" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "reception_rooms" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"agency_id" uuid NOT NULL,
	"name" text NOT NULL,
	"video_recording" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "reception_slots" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"agency_id" uuid NOT NULL,
	"official_id" uuid NOT NULL,
	"room_id" uuid,
	"starts_at" timestamp with time zone NOT NULL,
	"ends_at" timestamp with time zone NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "reception_bookings" ADD CONSTRAINT "reception_bookings_agency_id_agencies_id_fk" FOREIGN KEY ("agency_id") REFERENCES "public"."agencies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reception_bookings" ADD CONSTRAINT "reception_bookings_slot_id_reception_slots_id_fk" FOREIGN KEY ("slot_id") REFERENCES "public"."reception_slots"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reception_bookings" ADD CONSTRAINT "reception_bookings_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reception_officials" ADD CONSTRAINT "reception_officials_agency_id_agencies_id_fk" FOREIGN KEY ("agency_id") REFERENCES "public"."agencies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reception_officials" ADD CONSTRAINT "reception_officials_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reception_rooms" ADD CONSTRAINT "reception_rooms_agency_id_agencies_id_fk" FOREIGN KEY ("agency_id") REFERENCES "public"."agencies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reception_slots" ADD CONSTRAINT "reception_slots_agency_id_agencies_id_fk" FOREIGN KEY ("agency_id") REFERENCES "public"."agencies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reception_slots" ADD CONSTRAINT "reception_slots_official_id_reception_officials_id_fk" FOREIGN KEY ("official_id") REFERENCES "public"."reception_officials"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reception_slots" ADD CONSTRAINT "reception_slots_room_id_reception_rooms_id_fk" FOREIGN KEY ("room_id") REFERENCES "public"."reception_rooms"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "reception_bookings_live_slot_uq" ON "reception_bookings" USING btree ("slot_id") WHERE status in ('booked', 'held');--> statement-breakpoint
CREATE UNIQUE INDEX "reception_bookings_cancel_token_uq" ON "reception_bookings" USING btree ("cancel_token_hash");--> statement-breakpoint
CREATE INDEX "reception_bookings_agency_idx" ON "reception_bookings" USING btree ("agency_id","created_at");--> statement-breakpoint
CREATE INDEX "reception_officials_agency_idx" ON "reception_officials" USING btree ("agency_id");--> statement-breakpoint
CREATE INDEX "reception_rooms_agency_idx" ON "reception_rooms" USING btree ("agency_id");--> statement-breakpoint
CREATE UNIQUE INDEX "reception_slots_official_start_uq" ON "reception_slots" USING btree ("official_id","starts_at");--> statement-breakpoint
CREATE INDEX "reception_slots_agency_start_idx" ON "reception_slots" USING btree ("agency_id","starts_at");