-- The id of the API key that created each product answer and each model call (#11: a client key gives feedback only
-- on answers it created). Only the id, never the key. Null for rows stored before keys were recorded and for work no
-- key asked for; such answers take feedback from agent and admin keys only.
ALTER TABLE answer ADD COLUMN created_by_key UUID;
ALTER TABLE inference ADD COLUMN created_by_key UUID;
-- The key a rotated key replaced, so that the new key keeps what the old one created.
ALTER TABLE api_key ADD COLUMN rotated_from UUID;
