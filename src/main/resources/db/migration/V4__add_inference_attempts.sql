-- Every provider attempt of an answer (retries and failover), as a JSON array.
ALTER TABLE inference ADD COLUMN attempts TEXT;
