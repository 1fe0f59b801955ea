-- TrustChain CA schema, version 31: issuance delegated to an external CA over CMP (an enterprise
-- that must keep its own CA as the issuer). TrustChain's registration checks run as for its own
-- certificates; the external CA signs; the certificate is stored, audited and published here.

-- A delegated certificate has no issuer among TrustChain's CAs: external_ca names the CA that
-- issued it (trustchain.delegation.name) and issuer_id is null. Exactly one of the two is set.
-- CRLs, OCSP and revoke-all select by issuer_id, so none of them ever speaks for such a row.
alter table certificate alter column issuer_id drop not null;
alter table certificate add column external_ca varchar(64);
alter table certificate add constraint certificate_one_issuer check ((issuer_id is null) <> (external_ca is null));
comment on column certificate.external_ca is 'The external CA that issued this delegated certificate; null for TrustChain''s own.';

-- The serial is the external CA's, still unique across the database (the primary key): a serial
-- that collides with one of ours is refused, not stored.
alter table serial_reservation alter column issuer_id drop not null;
alter table serial_reservation add column external_ca varchar(64);
alter table serial_reservation add constraint serial_reservation_one_issuer check ((issuer_id is null) <> (external_ca is null));

-- The write-ahead record of a delegated issuance, committed before the external CA is asked: its
-- serial is not known until the CA answers, so the intent cannot be a serial reservation.
-- 'requested' while the CA is asked; 'issued' with the stored certificate; 'refused' when the CA
-- refused or its certificate was rejected (certConf said so); 'incomplete' when the issuance
-- stopped after asking (a crash, or the store failed): the CA may hold a certificate TrustChain
-- never stored, and transaction_id is what to look it up by in the CA's logs.
create table delegated_issuance (
    id              bigserial    primary key,
    external_ca     varchar(64)  not null,
    request_id      bigint       not null references certificate_request (id),
    transaction_id  varchar(64)  not null unique,
    state           varchar(16)  not null check (state in ('requested', 'issued', 'refused', 'incomplete')),
    serial_number   varchar(40)  references certificate (serial_number),
    outcome         text,
    requested_at    timestamptz  not null,
    settled_at      timestamptz,
    check ((state = 'issued') = (serial_number is not null))
);
create index delegated_issuance_unsettled on delegated_issuance (requested_at) where state = 'requested';
comment on column delegated_issuance.transaction_id is 'The CMP transactionID (hex) of the p10cr, as the external CA logs it.';
