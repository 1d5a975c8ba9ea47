-- 身份鉴别: the passwords an account had (salted hashes as Camunda makes them, never the password), so that a new one
-- may not be one of the last healthassist.password.history (5); and each account's password state: when its password
-- was set (older than healthassist.password.max-age must be changed), whether its owner must change it at the next
-- login (set by an administrator, or a first administrator of a new installation), and whether it is a demo account
-- exempt from that (the demo data's users, password demo).
CREATE TABLE ha_password_history (
  id            BIGINT        AUTO_INCREMENT PRIMARY KEY,
  user_id       VARCHAR(64)   NOT NULL,
  password_hash VARCHAR(255)  NOT NULL,
  salt          VARCHAR(255)  NOT NULL,
  set_at        DATETIME(3)   NOT NULL
);
CREATE INDEX ix_password_history_user ON ha_password_history (user_id, id);

CREATE TABLE ha_account_state (
  user_id         VARCHAR(64)  NOT NULL PRIMARY KEY,
  password_set_at DATETIME(3)  NOT NULL,
  must_change     BOOLEAN      NOT NULL,
  demo            BOOLEAN      NOT NULL
);
