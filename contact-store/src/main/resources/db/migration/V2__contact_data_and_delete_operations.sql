-- The read side (ingest-service's JdbcContactStore) looks contacts up by their data and reports
-- the progress of delete requests. The sink stays the only writer of both tables.

-- Searchable copies of ContactData fields (null when the record has no data or the field is
-- unset), the exact golden record, and a readable copy of its data. Rows written before this
-- version get their record from the Java migration V3 (BackfillContactRecords); V4 then makes
-- it mandatory.
ALTER TABLE contacts
    ADD COLUMN email_lower        TEXT,
    ADD COLUMN first_name         TEXT,
    ADD COLUMN last_name          TEXT,
    ADD COLUMN phone              TEXT,
    ADD COLUMN phone_country_code TEXT,
    ADD COLUMN phone_number       TEXT,
    ADD COLUMN user_id            TEXT,
    ADD COLUMN device_id          TEXT,
    ADD COLUMN external_id        TEXT,
    ADD COLUMN record             BYTEA,
    ADD COLUMN data               JSONB;

COMMENT ON COLUMN contacts.email_lower IS 'ContactData.email lower-cased in Java with Locale.ROOT; compare with a value lower-cased the same way, not with lower(), which depends on the database locale';
COMMENT ON COLUMN contacts.record IS 'The golden record (ContactRecord) in Avro single-object encoding; decode with Topics.CHANGELOG.valueSerde(). The exact source of every other column';
COMMENT ON COLUMN contacts.data IS 'ContactData as JSON, for reading with SQL only; NUL characters are replaced by U+FFFD';

CREATE INDEX contacts_tenant_email_lower ON contacts (tenant, email_lower);
CREATE INDEX contacts_tenant_external_id ON contacts (tenant, external_id);
CREATE INDEX contacts_tenant_user_id ON contacts (tenant, user_id);
CREATE INDEX contacts_tenant_device_id ON contacts (tenant, device_id);
CREATE INDEX contacts_tenant_updated_at ON contacts (tenant, updated_at);
-- Lists page through a tenant in ID order.
CREATE INDEX contacts_tenant_contact_id ON contacts (tenant, contact_id);

-- One row per decided item of a delete request (results with action DELETE on contact.results),
-- recorded idempotently: a replayed result finds its row and changes nothing.
CREATE TABLE delete_operation_items (
    operation_id TEXT        NOT NULL,
    tenant       TEXT        NOT NULL,
    item_index   INTEGER     NOT NULL,
    item_count   INTEGER     NOT NULL,
    contact_key  TEXT,
    contact_id   BIGINT      NOT NULL,
    deleted      BOOLEAN     NOT NULL,
    recorded_at  TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (tenant, operation_id, item_index)
);

COMMENT ON TABLE delete_operation_items IS 'Progress of delete requests: operation_id is the request id, unique only within its tenant (direct producers choose their own); an operation is complete when it has item_count rows';
COMMENT ON COLUMN delete_operation_items.contact_key IS 'The retired key; null when the item named no contact';
COMMENT ON COLUMN delete_operation_items.contact_id IS 'The retired or requested ID; 0 when the item named an unknown key';
COMMENT ON COLUMN delete_operation_items.recorded_at IS 'When the resolver decided the item (ContactResult.resolvedAt)';
