-- Uploads are answered once the document and its passages are stored; embedding and indexing follow in the
-- background (issue 11). status: indexing (passages stored, embeddings being computed), ready (every passage
-- embedded and in the search index: only then do answers cite it), failed (error says why; its passages are
-- removed). passages: how many passages the document was cut into; passages_indexed: how many have their embedding
-- (kept with the embeddings in one transaction, so that polling the status counts nothing). A passage's embedding
-- is NULL until computed.
ALTER TABLE document ADD COLUMN status VARCHAR(16) DEFAULT 'ready' NOT NULL;
ALTER TABLE document ADD COLUMN passages INTEGER DEFAULT 0 NOT NULL;
ALTER TABLE document ADD COLUMN passages_indexed INTEGER DEFAULT 0 NOT NULL;
ALTER TABLE document ADD COLUMN error VARCHAR(1000);
UPDATE document SET passages = (SELECT COUNT(*) FROM passage p WHERE p.document_id = document.id);
UPDATE document SET passages_indexed = passages;
ALTER TABLE passage ALTER COLUMN embedding DROP NOT NULL;
CREATE INDEX document_status ON document (status, created_at);
