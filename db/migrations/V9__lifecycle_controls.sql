-- TrustChain CA schema, version 9: emergency controls that are complete and side effects that
-- survive a crash.

-- Issuance per authority. revoke-all (and revoking an intermediate) stops its authority's issuance
-- first, durably: every issuing transaction on every node reads this row under a shared advisory
-- lock that the change takes exclusively, so once the change commits no certificate of that
-- authority commits any more (see JdbcIssuanceSwitchRepository). Null while it issues.
alter table certificate_authority add column issuance_stopped_at timestamptz;
alter table certificate_authority add column issuance_stopped_by varchar(128);
alter table certificate_authority add column issuance_stopped_reason text;
alter table certificate_authority add constraint certificate_authority_stop_complete
    check ((issuance_stopped_at is null) = (issuance_stopped_by is null));
comment on column certificate_authority.issuance_stopped_at is
    'When issuance from this authority was stopped (revoke-all, its revocation); null while it issues.';

-- An intermediate revoked by its parent (RFC 5280 5.3.1 reason): listed on the parent's CRLs and
-- answered revoked by the parent's OCSP responder. The status column already allows 'revoked'.
alter table certificate_authority add column revoked_at timestamptz;
alter table certificate_authority add column revocation_reason varchar(32);
alter table certificate_authority add constraint certificate_authority_revocation_complete
    check ((status = 'revoked') = (revoked_at is not null and revocation_reason is not null));

-- "This authority's CRLs need re-signing": a row is inserted in the transaction that changes a
-- status the CRLs show (revocation, hold release, supersede, revoke-all batch, an intermediate's
-- revocation for its parent). The CRL publisher deletes the rows it has seen in the transaction
-- that signs the new full CRL, and looks for rows every few seconds and at start, so a crash
-- between a revocation's commit and the re-signing still gets a fresh CRL soon after restart.
-- Append-only inserts: revoking transactions never wait for each other or for the publisher here.
create table crl_resign_request (
    id            bigserial    primary key,
    authority_id  varchar(64)  not null references certificate_authority (id),
    requested_at  timestamptz  not null default now()
);
create index crl_resign_request_authority on crl_resign_request (authority_id);
comment on table crl_resign_request is 'Pending CRL re-signing per authority, recorded in the revoking transaction.';
