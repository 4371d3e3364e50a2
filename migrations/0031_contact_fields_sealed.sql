ALTER TABLE "client_contacts" RENAME COLUMN "normalized" TO "value_index";--> statement-breakpoint
DROP INDEX "client_contacts_client_value";--> statement-breakpoint
DROP INDEX "client_contacts_agency_value";--> statement-breakpoint
CREATE UNIQUE INDEX "client_contacts_client_value" ON "client_contacts" USING btree ("client_id","kind","value_index");--> statement-breakpoint
CREATE INDEX "client_contacts_agency_value" ON "client_contacts" USING btree ("agency_id","kind","value_index");