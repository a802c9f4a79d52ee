-- Golden records materialized from contact.changelog. Every row is scoped by tenant;
-- version only grows, and the sink never writes a lower version over a higher one.
CREATE TABLE contacts (
    tenant        TEXT        NOT NULL,
    contact_type  INTEGER     NOT NULL,
    contact_key   TEXT        NOT NULL,
    contact_id    BIGINT      NOT NULL,
    status        TEXT        NOT NULL,
    version       BIGINT      NOT NULL,
    created_at    TIMESTAMPTZ NOT NULL,
    updated_at    TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (tenant, contact_type, contact_key)
);

-- No two contacts share an ID, in any tenant, ever; lookups by ID still filter by tenant.
CREATE UNIQUE INDEX contacts_contact_id ON contacts (contact_id);
