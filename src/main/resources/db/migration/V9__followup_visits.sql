-- Follow-up visits of certified chronic patients (慢病随访): one row per scheduled visit, completed when the family
-- doctor records it (on time or late) or marked missed after the grace period. The compliance report reads it.
CREATE TABLE ha_followup_visit (
  id              BIGINT       AUTO_INCREMENT PRIMARY KEY,
  business_key    VARCHAR(32)  NOT NULL,
  certificate_no  VARCHAR(32)  NOT NULL,
  id_number       VARCHAR(18)  NOT NULL,
  village_code    VARCHAR(16)  NOT NULL,
  township_code   VARCHAR(16)  NOT NULL,
  disease_code    VARCHAR(16)  NOT NULL,
  visit_kind      VARCHAR(16)  NOT NULL,
  visit_no        INT          NOT NULL,
  due_date        DATETIME(3)  NOT NULL,
  opens_at        DATETIME(3)  NOT NULL,
  missed_at       DATETIME(3)  NOT NULL,
  status          VARCHAR(16)  NOT NULL,  -- planned | done-on-time | done-late | missed
  done_at         DATETIME(3),
  doctor          VARCHAR(64),
  data            TEXT,
  CONSTRAINT uq_followup_visit UNIQUE (business_key, visit_no)
);
CREATE INDEX ix_followup_village ON ha_followup_visit (village_code, due_date);
CREATE INDEX ix_followup_township ON ha_followup_visit (township_code, due_date);
