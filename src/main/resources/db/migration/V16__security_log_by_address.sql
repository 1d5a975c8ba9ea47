-- Wrong passwords from one client address within a window (the lock per address, securitylog/AddressLoginLimit)
CREATE INDEX ix_security_event_ip ON ha_security_event (client_ip, occurred_at);
