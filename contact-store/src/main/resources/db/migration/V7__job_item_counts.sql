-- How many of a job's items are recorded, kept as the items arrive, so that completing a job reads
-- one number instead of counting up to item_count rows after every batch of items (a 5,000-item
-- job was counted again by each of the hundreds of batches that brought its items).
-- The job-item recorder adds what each batch inserted to the job's row; the job recorder counts
-- the items already in when the job's row is written. Both run under the job's advisory lock.
ALTER TABLE contact_jobs ADD COLUMN items_recorded INTEGER NOT NULL DEFAULT 0;

UPDATE contact_jobs j
SET items_recorded = (SELECT count(*) FROM contact_job_items i
                      WHERE i.tenant = j.tenant AND i.job_id = j.job_id);

COMMENT ON COLUMN contact_jobs.items_recorded IS 'How many rows of contact_job_items the job has; complete when it reaches item_count';
