-- Hand-written: the operator class below comes with pg_trgm (a trusted extension since PostgreSQL 13).
CREATE EXTENSION IF NOT EXISTS pg_trgm;--> statement-breakpoint
CREATE INDEX "requests_number_trgm" ON "requests" USING gin ("number" gin_trgm_ops);