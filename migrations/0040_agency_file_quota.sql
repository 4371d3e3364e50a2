ALTER TABLE "agencies" ADD COLUMN "file_quota_mb" integer;--> statement-breakpoint
ALTER TABLE "agencies" ADD COLUMN "file_bytes" bigint DEFAULT 0 NOT NULL;--> statement-breakpoint
-- ASVS 12.1.3: agencies.file_bytes is the sum of the agency's stored files, kept in the
-- transaction that writes or deletes a file row, so a rolled-back upload counts nothing and a
-- retention purge frees its space. The UPDATE locks the agency's row until commit: two uploads
-- of one agency are counted one after the other, never from the same old total.
-- A site image is stored with its resized copies; they count with it.
CREATE FUNCTION stored_file_bytes(file jsonb) RETURNS bigint LANGUAGE sql IMMUTABLE AS $$
	SELECT (file->>'size')::bigint + coalesce(
		(SELECT sum((copy->>'size')::bigint) FROM jsonb_array_elements(coalesce(file->'variants', '[]')) AS copy),
		0)
$$;--> statement-breakpoint
CREATE FUNCTION count_agency_file_bytes() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	IF TG_OP IN ('UPDATE', 'DELETE') THEN
		UPDATE agencies SET file_bytes = file_bytes - stored_file_bytes(to_jsonb(OLD)) WHERE id = OLD.agency_id;
	END IF;
	IF TG_OP IN ('UPDATE', 'INSERT') THEN
		UPDATE agencies SET file_bytes = file_bytes + stored_file_bytes(to_jsonb(NEW)) WHERE id = NEW.agency_id;
	END IF;
	RETURN NULL;
END;
$$;--> statement-breakpoint
CREATE TRIGGER request_attachments_file_bytes AFTER INSERT OR DELETE OR UPDATE OF agency_id, size
	ON request_attachments FOR EACH ROW EXECUTE FUNCTION count_agency_file_bytes();--> statement-breakpoint
CREATE TRIGGER kb_attachments_file_bytes AFTER INSERT OR DELETE OR UPDATE OF agency_id, size
	ON kb_attachments FOR EACH ROW EXECUTE FUNCTION count_agency_file_bytes();--> statement-breakpoint
CREATE TRIGGER site_attachments_file_bytes AFTER INSERT OR DELETE OR UPDATE OF agency_id, size, variants
	ON site_attachments FOR EACH ROW EXECUTE FUNCTION count_agency_file_bytes();--> statement-breakpoint
UPDATE agencies SET file_bytes =
	coalesce((SELECT sum(size) FROM request_attachments f WHERE f.agency_id = agencies.id), 0)
	+ coalesce((SELECT sum(size) FROM kb_attachments f WHERE f.agency_id = agencies.id), 0)
	+ coalesce((SELECT sum(stored_file_bytes(to_jsonb(f))) FROM site_attachments f WHERE f.agency_id = agencies.id), 0);
