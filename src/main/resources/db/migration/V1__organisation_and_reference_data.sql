-- The project's own tables (prefix HA_, apart from Camunda's ACT_). Portable SQL: it runs on H2 and on
-- MySQL/MariaDB. On MySQL the database is created with the utf8mb4 character set (see README), which these
-- tables inherit, so names with characters outside the Basic Multilingual Plane (生僻字) are stored intact.

-- Organisation: loaded from a file (see OrganisationImporter), never hard-coded.
CREATE TABLE ha_county (
  code        VARCHAR(16)  NOT NULL PRIMARY KEY,
  name        VARCHAR(64)  NOT NULL
);

CREATE TABLE ha_township (
  code        VARCHAR(16)  NOT NULL PRIMARY KEY,
  name        VARCHAR(64)  NOT NULL,
  county_code VARCHAR(16)  NOT NULL,
  CONSTRAINT fk_township_county FOREIGN KEY (county_code) REFERENCES ha_county (code)
);

CREATE TABLE ha_village (
  code          VARCHAR(16) NOT NULL PRIMARY KEY,
  name          VARCHAR(64) NOT NULL,
  township_code VARCHAR(16) NOT NULL,
  CONSTRAINT fk_village_township FOREIGN KEY (township_code) REFERENCES ha_township (code)
);
CREATE INDEX ix_village_township ON ha_village (township_code);

CREATE TABLE ha_hospital (
  code        VARCHAR(16) NOT NULL PRIMARY KEY,
  name        VARCHAR(64) NOT NULL,
  county_code VARCHAR(16) NOT NULL,
  CONSTRAINT fk_hospital_county FOREIGN KEY (county_code) REFERENCES ha_county (code)
);

-- Designated hospitals outside the county that referrals may go to (定点转诊医院).
CREATE TABLE ha_destination_hospital (
  code        VARCHAR(16) NOT NULL PRIMARY KEY,
  name        VARCHAR(64) NOT NULL,
  level       VARCHAR(16) NOT NULL  -- provincial | city
);

-- Reference data (九类人群, 慢性病目录): rows, so the county changes them without a release.
CREATE TABLE ha_household_category (
  code        VARCHAR(32) NOT NULL PRIMARY KEY,
  name        VARCHAR(32) NOT NULL,
  sort_order  INT         NOT NULL
);

CREATE TABLE ha_disease (
  code        VARCHAR(16) NOT NULL PRIMARY KEY,
  name        VARCHAR(64) NOT NULL,
  category    VARCHAR(16) NOT NULL,  -- key | common | other
  sort_order  INT         NOT NULL,
  active      BOOLEAN     NOT NULL DEFAULT TRUE
);

-- Treatment records exported by the medical-insurance system (农合系统), imported as CSV.
CREATE TABLE ha_treatment_record (
  id            BIGINT       AUTO_INCREMENT PRIMARY KEY,
  id_number     VARCHAR(18)  NOT NULL,
  disease_code  VARCHAR(16)  NOT NULL,
  hospital_name VARCHAR(128) NOT NULL,
  visit_date    DATE         NOT NULL,
  imported_at   DATETIME(3)  NOT NULL,
  CONSTRAINT uq_treatment_record UNIQUE (id_number, disease_code, visit_date, hospital_name)
);

-- Business-key and registry-number sequences, one row per name and year.
CREATE TABLE ha_sequence (
  name        VARCHAR(32) NOT NULL PRIMARY KEY,
  next_value  BIGINT      NOT NULL
);

-- One row per case of every process: what the case search reads, and the database-enforced guard
-- against two running cases for the same person and subject (active_key is NULL once the case ends).
CREATE TABLE ha_case (
  business_key        VARCHAR(32)  NOT NULL PRIMARY KEY,
  process_key         VARCHAR(64)  NOT NULL,
  process_instance_id VARCHAR(64)  NOT NULL,
  applicant_name      VARCHAR(64)  NOT NULL,
  id_number           VARCHAR(18)  NOT NULL,
  household_category  VARCHAR(32),
  county_code         VARCHAR(16),
  township_code       VARCHAR(16),
  village_code        VARCHAR(16),
  hospital_code       VARCHAR(16),
  subject             VARCHAR(64),
  status              VARCHAR(32)  NOT NULL,
  started_by          VARCHAR(64),
  start_time          DATETIME(3)  NOT NULL,
  end_time            DATETIME(3),
  active_key          VARCHAR(128),
  CONSTRAINT uq_case_pi UNIQUE (process_instance_id),
  CONSTRAINT uq_case_active UNIQUE (active_key)
);
CREATE INDEX ix_case_id_number ON ha_case (id_number, start_time);
CREATE INDEX ix_case_township ON ha_case (township_code, start_time);
CREATE INDEX ix_case_village ON ha_case (village_code, start_time);
CREATE INDEX ix_case_hospital ON ha_case (hospital_code, start_time);
CREATE INDEX ix_case_process ON ha_case (process_key, status, start_time);
CREATE INDEX ix_case_start ON ha_case (start_time);
CREATE INDEX ix_case_name ON ha_case (applicant_name);
