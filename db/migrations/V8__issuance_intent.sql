-- TrustChain CA schema, version 8: issuance records its intent before anything becomes public
-- (the order Let's Encrypt's Boulder follows). A precertificate is an issued certificate as far
-- as the CA/Browser Forum and the root programs are concerned: once it may be in a CT log, its
-- serial must be revocable, listed on CRLs when revoked, and answered good or revoked by OCSP.
--
-- Issuance therefore runs in three steps:
--   1. one transaction reserves the serial (state 'reserved'), stores the request, and stores the
--      linted, signed precertificate as a row of `certificate` (status 'valid', der still null);
--   2. the precertificate is logged to CT, outside any transaction;
--   3. one transaction stores the final certificate in `der` and moves the reservation to 'issued'.
-- A failure or crash after step 1 leaves the row: the issuing request, or the recovery timer for a
-- crash, moves the reservation to 'incomplete'. The row stays revocable until it expires.

-- The final certificate is null until step 3; the precertificate is set from step 1 on (rows from
-- before this version have only the final certificate).
alter table certificate alter column der drop not null;
alter table certificate add column precertificate bytea;
alter table certificate add constraint certificate_has_der check (der is not null or precertificate is not null);
comment on column certificate.der is 'The final certificate (DER); null while only the precertificate exists.';
comment on column certificate.precertificate is 'The RFC 6962 precertificate (DER), stored before it was logged; null for rows before V8.';

-- 'incomplete': a precertificate was stored (and may be in the CT log) but its final certificate
-- never was. 'unused' stays for rows written before this version, which had no certificate row.
alter table serial_reservation drop constraint serial_reservation_state_check;
alter table serial_reservation add constraint serial_reservation_state_check
    check (state in ('reserved', 'issued', 'incomplete', 'unused'));
alter table serial_reservation add column settled_at timestamptz;
-- A renewal names its predecessor from step 1 on; at most one renewal of a certificate may be in
-- flight or done at a time, so of two parallel renewals the second fails in step 1, before its
-- precertificate is made public. An incomplete renewal leaves the index, so the client can retry.
alter table serial_reservation add column replaces_serial varchar(40) references certificate (serial_number);
create unique index serial_reservation_one_renewal
    on serial_reservation (replaces_serial) where replaces_serial is not null and state in ('reserved', 'issued');
-- The recovery timer looks for reservations whose issuance stopped half-way.
create index serial_reservation_unsettled on serial_reservation (reserved_at) where state = 'reserved';
