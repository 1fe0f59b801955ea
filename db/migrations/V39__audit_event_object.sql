-- The web console lists one certificate's (or account's) audit events: GET /api/v1/audit?object=<id>
-- pages through them in id order, which this index answers without scanning the whole trail.
create index audit_event_object on audit_event (object_id, id);
