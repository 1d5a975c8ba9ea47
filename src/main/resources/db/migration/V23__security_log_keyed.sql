-- The security log's chain keyed (securitylog/SecurityLog): each new event's hash is HMAC-SM3 under a key derived from
-- the personal-data index key, which the database does not hold, so that whoever can only write the database cannot
-- write an event the chain accepts. The events an earlier version wrote keep their SHA-256 (keyed false); the first
-- keyed event (LOG_KEYED, at the first start) covers them through its link to the last of them.
ALTER TABLE ha_security_event ADD COLUMN keyed BOOLEAN DEFAULT FALSE NOT NULL;
