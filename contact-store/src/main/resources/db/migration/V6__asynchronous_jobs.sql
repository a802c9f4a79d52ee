-- Asynchronous jobs (Cendyn create_bulk, iVvy batch): sink-service records each job from
-- contact.jobs and each item's result from contact.results (those whose job flag is set), in
-- either order, and assembles the job when all item_count items are in. Ingest reads them for the
-- progress and results calls. A job id is unique only within its tenant, as a request id is.
CREATE TABLE contact_jobs (
    tenant       TEXT        NOT NULL,
    job_id       TEXT        NOT NULL,
    kind         TEXT        NOT NULL,
    item_count   INTEGER     NOT NULL,
    callback_url TEXT,
    job          BYTEA       NOT NULL,
    accepted_at  TIMESTAMPTZ NOT NULL,
    completed_at TIMESTAMPTZ,
    announced_at TIMESTAMPTZ,
    PRIMARY KEY (tenant, job_id)
);

COMMENT ON TABLE contact_jobs IS 'Asynchronous jobs as ingest-service accepted them (contact.jobs)';
COMMENT ON COLUMN contact_jobs.kind IS 'The JobKind: which vendor call submitted the job, and so how its responses are worded';
COMMENT ON COLUMN contact_jobs.job IS 'The ContactJob record as accepted (Avro single-object encoding): the requests that iVvy results echo, Cendyn webhook fields';
COMMENT ON COLUMN contact_jobs.completed_at IS 'When the last of item_count item results was recorded; null while the job runs';
COMMENT ON COLUMN contact_jobs.announced_at IS 'When its ContactJobResult was written to contact.job-results; null until then';

-- Finished jobs whose outcome is not yet on contact.job-results: what the announcer looks for.
CREATE INDEX contact_jobs_unannounced ON contact_jobs (completed_at)
    WHERE completed_at IS NOT NULL AND announced_at IS NULL;
-- Finished jobs by age: what the retention sweep deletes.
CREATE INDEX contact_jobs_accepted_at ON contact_jobs (accepted_at);

-- One row per decided item of a job, recorded idempotently: the first result of an item stands,
-- and a replayed one changes nothing. No foreign key: an item's result may arrive before its job.
CREATE TABLE contact_job_items (
    tenant      TEXT        NOT NULL,
    job_id      TEXT        NOT NULL,
    item_index  INTEGER     NOT NULL,
    item_count  INTEGER     NOT NULL,
    result      BYTEA       NOT NULL,
    recorded_at TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (tenant, job_id, item_index)
);

COMMENT ON COLUMN contact_job_items.result IS 'The item''s ContactResult (Avro single-object encoding)';

-- The callback of a finished job, delivered by sink-service with retries; the job id is its
-- idempotency key, so a delivery repeated after a crash or a repost names the same job.
CREATE TABLE contact_job_callbacks (
    tenant          TEXT        NOT NULL,
    job_id          TEXT        NOT NULL,
    url             TEXT        NOT NULL,
    state           TEXT        NOT NULL,
    attempts        INTEGER     NOT NULL DEFAULT 0,
    next_attempt_at TIMESTAMPTZ NOT NULL,
    last_error      TEXT,
    delivered_at    TIMESTAMPTZ,
    PRIMARY KEY (tenant, job_id)
);

COMMENT ON COLUMN contact_job_callbacks.state IS 'PENDING (to be tried at next_attempt_at), DELIVERED (a 2xx answer), or FAILED (refused by the policy or out of attempts)';

CREATE INDEX contact_job_callbacks_due ON contact_job_callbacks (next_attempt_at)
    WHERE state = 'PENDING';
