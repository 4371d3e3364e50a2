DROP INDEX "clients_agency_email";--> statement-breakpoint
DROP INDEX "clients_agency_phone";--> statement-breakpoint
ALTER TABLE "clients" DROP COLUMN "email";--> statement-breakpoint
ALTER TABLE "clients" DROP COLUMN "phone";