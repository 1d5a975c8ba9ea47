-- Referral registry (县外转诊): one row per referral request, completed as the case goes on; the referral report
-- reads it. ha_admission_total holds the admissions of assisted patients per hospital and month, entered by the
-- health commission, for the in-county treatment rate (县域内就诊率).
CREATE TABLE ha_referral (
  business_key        VARCHAR(32)   NOT NULL PRIMARY KEY,
  process_instance_id VARCHAR(64)   NOT NULL,
  referral_no         VARCHAR(32),
  patient_name        VARCHAR(64)   NOT NULL,
  id_number           VARCHAR(18)   NOT NULL,
  household_category  VARCHAR(32)   NOT NULL,
  hospital_code       VARCHAR(16)   NOT NULL,
  destination_code    VARCHAR(16)   NOT NULL,
  diagnosis           VARCHAR(200)  NOT NULL,
  reason              VARCHAR(1000) NOT NULL,
  urgency             VARCHAR(16)   NOT NULL,
  requested_by        VARCHAR(64),
  requested_at        DATETIME(3)   NOT NULL,
  issued_at           DATETIME(3),
  head_decision       VARCHAR(16),
  head_opinion        VARCHAR(1000),
  head_user           VARCHAR(64),
  head_decided_at     DATETIME(3),
  escalated_at        DATETIME(3),
  audit_outcome       VARCHAR(16),
  audit_opinion       VARCHAR(1000),
  audit_user          VARCHAR(64),
  audited_at          DATETIME(3),
  CONSTRAINT uq_referral_no UNIQUE (referral_no)
);
CREATE INDEX ix_referral_hospital ON ha_referral (hospital_code, requested_at);
CREATE INDEX ix_referral_requested ON ha_referral (requested_at);

CREATE TABLE ha_admission_total (
  hospital_code    VARCHAR(16) NOT NULL,
  period_month     CHAR(7)     NOT NULL,  -- yyyy-MM
  total_admissions INT         NOT NULL,
  entered_by       VARCHAR(64),
  entered_at       DATETIME(3) NOT NULL,
  PRIMARY KEY (hospital_code, period_month)
);
