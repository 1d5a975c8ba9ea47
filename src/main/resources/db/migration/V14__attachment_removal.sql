-- A file removed by its uploader before the step completed stays in the record, with who removed it and when,
-- so the trail shows that it was there and was taken away (the engine's copy of the file is deleted).
ALTER TABLE ha_attachment ADD COLUMN removed_by VARCHAR(64);
ALTER TABLE ha_attachment ADD COLUMN removed_at DATETIME(3);
