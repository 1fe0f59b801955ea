-- TrustChain CA schema, version 25.
-- ACME: tls-alpn-01 challenges (RFC 8737) beside http-01, and orders that replace a certificate
-- (RFC 9773 5, the "replaces" field of ACME Renewal Information).

alter table acme_challenge drop constraint acme_challenge_type_check;
alter table acme_challenge add constraint acme_challenge_type_check check (type in ('http-01', 'tls-alpn-01'));

-- The certificate identifier the client sent (base64url AKI "." base64url serial), reflected in
-- the order, and the canonical serial it names.
alter table acme_order add column replaces varchar(200);
alter table acme_order add column replaces_serial varchar(40);
-- A certificate is replaced by one order that is not invalid (RFC 9773 5: "alreadyReplaced"); an
-- order that fails leaves the index when it becomes invalid, so the client may try again.
create unique index acme_order_replaces on acme_order (replaces_serial) where replaces_serial is not null and status <> 'invalid';
