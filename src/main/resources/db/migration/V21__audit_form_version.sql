-- The deployment of the form version whose fields an entry's data holds, as the engine bound it when the person
-- submitted it. The forms are bound to their latest version, and a process owner may deploy a changed form alone
-- from Modeler: the record and the trail read each entry by the version it was written with. Null for entries
-- without a form and for those written before (their form is the process's own deployment's).
ALTER TABLE ha_audit_log ADD COLUMN form_deployment_id VARCHAR(64);
