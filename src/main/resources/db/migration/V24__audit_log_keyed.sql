-- The case audit log's chains keyed (audit/AuditLog): each new entry's hash is HMAC-SM3 under a key derived from the
-- personal-data index key, which the database does not hold, so that whoever can only write the database cannot
-- change an entry and hash it again. The entries an earlier version wrote keep their SHA-256; right after this
-- migration, each case's chain of them that verifies gets one row here (audit/AuditLogKeying): its length and a keyed
-- hash over each entry's keyed hash, so that its entries cannot be changed, removed or added to unkeyed later.
CREATE TABLE ha_audit_seal (
  business_key VARCHAR(32) NOT NULL PRIMARY KEY,
  seq          INT         NOT NULL,
  mac          CHAR(64)    NOT NULL,
  sealed_at    DATETIME(3) NOT NULL
);
