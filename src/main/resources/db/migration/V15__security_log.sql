-- The security log (安全审计): logins, lockouts, refused requests, changes of users, groups and authorizations,
-- deployments, exports and prints of personal data. Append-only; each event carries the SHA-256 of the event before
-- it (one chain for the whole log), so a row changed or removed in the database shows when the chain is verified.
-- Kept at least 180 days (healthassist.security-log.retention-days), then removed from the oldest end.
CREATE TABLE ha_security_event (
  seq         BIGINT        NOT NULL PRIMARY KEY,
  event_type  VARCHAR(32)   NOT NULL,
  user_id     VARCHAR(64),
  client_ip   VARCHAR(64),
  occurred_at DATETIME(3)   NOT NULL,
  outcome     VARCHAR(16)   NOT NULL,
  detail      VARCHAR(1000),
  prev_hash   CHAR(64)      NOT NULL,
  hash        CHAR(64)      NOT NULL
);
CREATE INDEX ix_security_event_time ON ha_security_event (occurred_at);
CREATE INDEX ix_security_event_user ON ha_security_event (user_id, occurred_at);
CREATE INDEX ix_security_event_type ON ha_security_event (event_type, occurred_at);
