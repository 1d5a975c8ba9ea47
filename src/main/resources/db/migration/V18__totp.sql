-- 身份鉴别, second factor: each account's TOTP authenticator (RFC 6238). The secret is AES-GCM encrypted with
-- healthassist.totp.key (HA_TOTP_KEY), never stored in the clear; pending until its owner confirms it with a first
-- code; last_step is the 30-second time step of the last code accepted, so no code is accepted twice (replay);
-- failures counts wrong codes in a row (a right password in between does not start it afresh, a right code does).
CREATE TABLE ha_totp (
  user_id      VARCHAR(64)   NOT NULL PRIMARY KEY,
  secret       VARCHAR(255)  NOT NULL,
  confirmed    BOOLEAN       NOT NULL,
  created_at   DATETIME(3)   NOT NULL,
  last_step    BIGINT,
  failures     INT           DEFAULT 0 NOT NULL
);
