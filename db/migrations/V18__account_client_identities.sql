-- TrustChain CA schema, version 18: TLS client certificates as credentials of an account. An
-- administrator binds a stable identifier (a URI SAN, e.g. spiffe://hypermesh.online/ops/alice)
-- to an account; a client certificate that this CA issued under a client profile, that is valid
-- and not revoked, and that carries a bound identifier authenticates as that account. The binding,
-- not the certificate, is the credential, so the 24-hour certificates renew without a new binding.
-- Rows are never deleted; removal sets removed_at, and an identifier has at most one live binding.

create table account_client_identity (
    id          bigserial     primary key,
    account_id  bigint        not null references account (id),
    identifier  varchar(2048) not null,
    created_at  timestamptz   not null,
    created_by  varchar(128)  not null,
    removed_at  timestamptz,
    removed_by  varchar(128)
);
create unique index account_client_identity_live on account_client_identity (identifier) where removed_at is null;
create index account_client_identity_account on account_client_identity (account_id);
comment on table account_client_identity is 'URI SANs whose client certificates authenticate as an account (mutual TLS).';
comment on column account_client_identity.created_at is 'Only certificates issued at or after this instant authenticate: one issued before the binding was made for whoever then held the name does not.';
