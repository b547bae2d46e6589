-- The API key that holds a claim and the one that resolved the item (#11: reviewers are identified by their key;
-- the reviewer name stays as what people read). Null for items claimed before keys existed.
ALTER TABLE review_item ADD COLUMN claimed_by_key UUID;
ALTER TABLE review_item ADD COLUMN resolved_by_key UUID;
