-- A running evaluation holds a lease: the replica running it refreshes updated_at while it runs, and any replica
-- marks one whose updated_at is older than gateway.evaluations.lease as failed (the replica running it stopped).
-- failure says why a failed evaluation failed. Rows from before the lease count as refreshed when last touched.
ALTER TABLE prompt_evaluation ADD COLUMN updated_at TIMESTAMP WITH TIME ZONE;
ALTER TABLE prompt_evaluation ADD COLUMN failure VARCHAR(500);
UPDATE prompt_evaluation SET updated_at = COALESCE(finished_at, created_at);
ALTER TABLE prompt_evaluation ALTER COLUMN updated_at SET NOT NULL;
CREATE INDEX prompt_evaluation_lease ON prompt_evaluation (status, updated_at);
