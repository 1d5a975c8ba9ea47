-- Chronic-disease certificate registry (慢性病证), written when the county approves (SPEC 2.1 step 6).
CREATE TABLE ha_certificate (
  certificate_no  VARCHAR(32)  NOT NULL PRIMARY KEY,
  business_key    VARCHAR(32)  NOT NULL,
  id_number       VARCHAR(18)  NOT NULL,
  applicant_name  VARCHAR(64)  NOT NULL,
  disease_code    VARCHAR(16)  NOT NULL,
  village_code    VARCHAR(16)  NOT NULL,
  township_code   VARCHAR(16)  NOT NULL,
  zero_material   BOOLEAN      NOT NULL,
  valid_from      DATE         NOT NULL,
  valid_to        DATE,
  status          VARCHAR(16)  NOT NULL,  -- valid | revoked
  issued_by       VARCHAR(64),
  issued_at       DATETIME(3)  NOT NULL,
  revoked_at      DATETIME(3),
  revoke_reason   VARCHAR(500),
  -- person|disease while valid, NULL once revoked: at most one valid certificate per person and disease
  valid_key       VARCHAR(64),
  CONSTRAINT uq_certificate_case UNIQUE (business_key),
  CONSTRAINT uq_certificate_valid UNIQUE (valid_key)
);
CREATE INDEX ix_certificate_person ON ha_certificate (id_number, disease_code);
CREATE INDEX ix_certificate_village ON ha_certificate (village_code, status);

-- Reminders (催办) raised when a task passes its due date, or asked for by a person.
CREATE TABLE ha_reminder (
  id              BIGINT       AUTO_INCREMENT PRIMARY KEY,
  business_key    VARCHAR(32)  NOT NULL,
  process_key     VARCHAR(64)  NOT NULL,
  task_id         VARCHAR(64),
  task_name       VARCHAR(128) NOT NULL,
  candidate_group VARCHAR(64),
  reason          VARCHAR(32)  NOT NULL,  -- overdue | manual
  requested_by    VARCHAR(64),
  due_date        DATETIME(3),
  created_at      DATETIME(3)  NOT NULL
);
CREATE INDEX ix_reminder_case ON ha_reminder (business_key);
CREATE INDEX ix_reminder_group ON ha_reminder (candidate_group, created_at);
