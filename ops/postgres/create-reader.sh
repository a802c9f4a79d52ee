#!/usr/bin/env bash
# Creates contacts_reader, the role for readers on the host (psql, a BI tool): it may read every
# table of the contacts database and change none. The postgres image runs this once, when it
# initializes an empty data volume (/docker-entrypoint-initdb.d), as the owner, POSTGRES_USER.
#
# The tables do not exist yet then: the sink creates them later (Flyway, as POSTGRES_USER, when it
# starts). So the grant is also a default privilege on every table that role creates in public.
set -e
: "${CONTACTS_READER_PASSWORD:?set CONTACTS_READER_PASSWORD, the password of the read-only role contacts_reader}"

psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname "$POSTGRES_DB" \
  -v owner="$POSTGRES_USER" -v database="$POSTGRES_DB" -v password="$CONTACTS_READER_PASSWORD" <<'SQL'
CREATE ROLE contacts_reader LOGIN PASSWORD :'password';
-- Privileges are what keep it from writing; read-only transactions make that plain in its errors.
ALTER ROLE contacts_reader SET default_transaction_read_only = on;
GRANT CONNECT ON DATABASE :"database" TO contacts_reader;
GRANT USAGE ON SCHEMA public TO contacts_reader;
GRANT SELECT ON ALL TABLES IN SCHEMA public TO contacts_reader;
ALTER DEFAULT PRIVILEGES FOR ROLE :"owner" IN SCHEMA public GRANT SELECT ON TABLES TO contacts_reader;
SQL
