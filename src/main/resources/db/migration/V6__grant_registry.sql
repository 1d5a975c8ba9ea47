-- Grant registry (慈善救助台账): one row per paid relief. Money in yuan, DECIMAL with two decimals (fen).
CREATE TABLE ha_grant (
  business_key                   VARCHAR(32)   NOT NULL PRIMARY KEY,
  process_instance_id            VARCHAR(64)   NOT NULL,
  id_number                      VARCHAR(18)   NOT NULL,
  applicant_name                 VARCHAR(64)   NOT NULL,
  village_code                   VARCHAR(16)   NOT NULL,
  township_code                  VARCHAR(16)   NOT NULL,
  household_category             VARCHAR(32)   NOT NULL,
  hospital_name                  VARCHAR(128)  NOT NULL,
  admission_date                 DATE          NOT NULL,
  discharge_date                 DATE          NOT NULL,
  total_cost                     DECIMAL(12,2) NOT NULL,
  insured_cost                   DECIMAL(12,2) NOT NULL,
  basic_insurance_paid           DECIMAL(12,2) NOT NULL,
  serious_illness_insurance_paid DECIMAL(12,2) NOT NULL,
  medical_assistance_paid        DECIMAL(12,2) NOT NULL,
  other_relief_paid              DECIMAL(12,2) NOT NULL,
  remaining_self_paid            DECIMAL(12,2) NOT NULL,
  rate                           DECIMAL(5,4)  NOT NULL,
  calculated_relief              DECIMAL(12,2) NOT NULL,
  approved_amount                DECIMAL(12,2) NOT NULL,
  paid_amount                    DECIMAL(12,2) NOT NULL,
  grant_year                     INT           NOT NULL,
  voucher_no                     VARCHAR(64)   NOT NULL,
  paid_on                        DATE          NOT NULL,
  approved_by                    VARCHAR(64),
  second_approved_by             VARCHAR(64),
  paid_by                        VARCHAR(64),
  recorded_at                    DATETIME(3)   NOT NULL,
  CONSTRAINT uq_grant_voucher UNIQUE (voucher_no)
);
CREATE INDEX ix_grant_person_year ON ha_grant (id_number, grant_year);
CREATE INDEX ix_grant_village ON ha_grant (village_code, grant_year);
