-- Every row now holds its golden record: written by the sink since V2, rebuilt by V3 for older rows.
ALTER TABLE contacts ALTER COLUMN record SET NOT NULL;
