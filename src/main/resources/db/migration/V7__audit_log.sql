-- Append-only audit log (留痕): every start, completed human step and end of a case, with who, when, the
-- decision, the opinion and the form data. Each entry carries the SHA-256 of the previous entry of the same case
-- (a hash chain), so a row changed or removed directly in the database shows in the case's trail.
CREATE TABLE ha_audit_log (
  id                  BIGINT        AUTO_INCREMENT PRIMARY KEY,
  business_key        VARCHAR(32)   NOT NULL,
  seq                 INT           NOT NULL,
  process_instance_id VARCHAR(64)   NOT NULL,
  event_type          VARCHAR(32)   NOT NULL,
  activity_id         VARCHAR(128),
  activity_name       VARCHAR(128),
  task_id             VARCHAR(64),
  user_id             VARCHAR(64),
  occurred_at         DATETIME(3)   NOT NULL,
  decision            VARCHAR(64),
  opinion             VARCHAR(1000),
  data                TEXT,
  prev_hash           CHAR(64)      NOT NULL,
  hash                CHAR(64)      NOT NULL,
  CONSTRAINT uq_audit_case_seq UNIQUE (business_key, seq)
);
CREATE INDEX ix_audit_task ON ha_audit_log (task_id);
