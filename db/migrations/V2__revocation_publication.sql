-- TrustChain CA schema, version 2: what the CA publishes about revocation, namely the CRLs it
-- signed and the delegated OCSP responders that answer for its issuing intermediates.

-- One row per authority: the CRL number counter and the latest CRLs it signed. Full and delta
-- CRLs share one number sequence (RFC 5280 5.2.3, 5.2.4); last_crl_number only grows and is
-- incremented in the same transaction that stores the CRL carrying it (row locked meanwhile).
-- The delta columns stay empty until delta CRLs are published.
create table crl_publication (
    authority_id        varchar(64)  primary key references certificate_authority (id),
    last_crl_number     bigint       not null default 0 check (last_crl_number >= 0),
    full_der            bytea,               -- DER CertificateList
    full_number         bigint,
    full_this_update    timestamptz,
    full_next_update    timestamptz,
    delta_der           bytea,
    delta_number        bigint,
    delta_base_number   bigint,              -- the full CRL the delta updates (deltaCRLIndicator)
    delta_this_update   timestamptz,
    delta_next_update   timestamptz,
    check ((full_der is null) = (full_number is null)),
    check (full_number is null or full_number <= last_crl_number),
    check ((delta_der is null) = (delta_number is null)),
    check (delta_number is null or (delta_number <= last_crl_number and delta_base_number < delta_number))
);
comment on table crl_publication is 'Per authority: the CRL number counter and the latest full and delta CRL (RFC 5280 5).';
comment on column crl_publication.last_crl_number is 'Highest CRL number ever signed by this authority; full and delta CRLs share it.';

-- Delegated OCSP responders (RFC 6960 4.2.2.2): a P-256 key in the crypto token, certified by
-- the authority for a few days. Several rows per authority exist during a rotation; rows are
-- never updated, and the key stays in crypto_key for the audit trail.
create table ocsp_responder (
    key_alias     varchar(64)  primary key references crypto_key (alias),
    authority_id  varchar(64)  not null references certificate_authority (id),
    key_type      varchar(16)  not null,
    certificate   bytea        not null,   -- DER, issued by authority_id
    not_before    timestamptz  not null,
    not_after     timestamptz  not null,
    created_at    timestamptz  not null,
    check (not_before < not_after)
);
create index ocsp_responder_authority on ocsp_responder (authority_id, not_after);
comment on table ocsp_responder is 'Delegated OCSP responder credentials per issuing authority (RFC 6960 4.2.2.2).';
