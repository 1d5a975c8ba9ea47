-- What the engine's attachment table does not keep: who uploaded a file, its size and its SHA-256 digest
-- (shown in the case trail; the digest makes a replaced file evident).
CREATE TABLE ha_attachment (
  attachment_id       VARCHAR(64)  NOT NULL PRIMARY KEY,
  business_key        VARCHAR(32),
  process_instance_id VARCHAR(64)  NOT NULL,
  task_id             VARCHAR(64),
  task_name           VARCHAR(128),
  file_name           VARCHAR(200) NOT NULL,
  content_type        VARCHAR(64)  NOT NULL,
  size_bytes          BIGINT       NOT NULL,
  sha256              VARCHAR(64)  NOT NULL,
  uploaded_by         VARCHAR(64)  NOT NULL,
  uploaded_at         DATETIME(3)  NOT NULL
);
CREATE INDEX ix_attachment_instance ON ha_attachment (process_instance_id, uploaded_at);
