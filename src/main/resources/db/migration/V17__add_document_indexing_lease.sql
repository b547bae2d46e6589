-- Issue 16: the replica indexing a document holds a lease on it (indexing_by: that process's id; indexing_until: when
-- the lease runs out) and renews it while it runs. Any replica takes over a document left indexing whose lease has
-- run out, so a replica that died mid-index no longer leaves it indexing until some replica restarts. Rows from
-- before the lease have none: the first replica to look takes them over.
ALTER TABLE document ADD COLUMN indexing_by VARCHAR(64);
ALTER TABLE document ADD COLUMN indexing_until TIMESTAMP WITH TIME ZONE;
