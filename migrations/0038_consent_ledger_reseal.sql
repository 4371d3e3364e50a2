-- The consent ledger stays append-only, with one narrow exception: the startup backfill re-seals
-- the address under a new key (or seals a legacy clear one). It marks its transaction with
-- `otklik.reseal = on`; then an UPDATE may change the address alone, and only to a sealed value.
-- Every other UPDATE, and every DELETE, is still refused.
CREATE OR REPLACE FUNCTION mailing_consent_events_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	IF TG_OP = 'UPDATE'
		AND current_setting('otklik.reseal', true) = 'on'
		AND NEW.email LIKE 'f1:%'
		AND to_jsonb(NEW) - 'email' = to_jsonb(OLD) - 'email' THEN
		RETURN NEW;
	END IF;
	RAISE EXCEPTION 'mailing_consent_events is append-only';
END;
$$;
