-- Most contacts carry no external, user or device id. Full indexes on those columns gave every
-- inserted row three index entries it never needed; partial ones index only the rows that have
-- the value. Lookups compare with "= ?", which implies IS NOT NULL, so the planner still uses them.
DROP INDEX contacts_tenant_external_id;
DROP INDEX contacts_tenant_user_id;
DROP INDEX contacts_tenant_device_id;
CREATE INDEX contacts_tenant_external_id ON contacts (tenant, external_id) WHERE external_id IS NOT NULL;
CREATE INDEX contacts_tenant_user_id ON contacts (tenant, user_id) WHERE user_id IS NOT NULL;
CREATE INDEX contacts_tenant_device_id ON contacts (tenant, device_id) WHERE device_id IS NOT NULL;
