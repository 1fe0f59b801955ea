-- TrustChain CA schema, version 1: crypto-token keys, the CA hierarchy, issued certificates,
-- their requests, serial reservations, API tokens and the audit trail.
-- Applied by Flyway at deployment, before the application serves a request.

-- Software crypto token: private keys encrypted with AES-256-GCM under a key derived from
-- the operator secret (PBKDF2-HMAC-SHA256, per-key salt). Never updated, never deleted.
create table crypto_key (
    alias        varchar(64)  primary key,
    key_type     varchar(16)  not null,
    public_key   bytea        not null,   -- DER SubjectPublicKeyInfo
    salt         bytea        not null,
    iterations   integer      not null check (iterations >= 100000),
    iv           bytea        not null,
    ciphertext   bytea        not null,
    created_at   timestamptz  not null
);

-- Root and issuing intermediates. id is "<region>-g<generation>" or "root-g<generation>".
create table certificate_authority (
    id            varchar(64)  primary key,
    parent_id     varchar(64)  references certificate_authority (id),
    region        varchar(64),
    key_alias     varchar(64)  not null unique references crypto_key (alias),
    key_type      varchar(16)  not null,
    subject       text         not null,
    serial_number varchar(40)  not null,
    certificate   bytea        not null,  -- DER
    not_before    timestamptz  not null,
    not_after     timestamptz  not null,
    status        varchar(16)  not null check (status in ('active', 'retired', 'revoked')),
    created_at    timestamptz  not null,
    check ((parent_id is null) = (region is null))
);
create unique index certificate_authority_one_active_per_region
    on certificate_authority (region) where status = 'active' and region is not null;

-- Every request that reached the signer, kept whether or not a certificate resulted.
create table certificate_request (
    id                      bigserial    primary key,
    csr                     bytea        not null,
    profile                 varchar(16)  not null,
    requested_validity_hours integer,
    region                  varchar(64)  not null,
    requested_by            varchar(128) not null,
    received_at             timestamptz  not null
);

-- Serial numbers are reserved before signing, in the same transaction as the certificate,
-- so a serial is never used twice (RFC 5280 4.1.2.2: unique per issuer; we make them global).
create table serial_reservation (
    serial_number varchar(40)  primary key,
    issuer_id     varchar(64)  not null references certificate_authority (id),
    state         varchar(16)  not null check (state in ('reserved', 'issued', 'unused')),
    reserved_at   timestamptz  not null
);

create table certificate (
    serial_number     varchar(40)  primary key references serial_reservation (serial_number),
    issuer_id         varchar(64)  not null references certificate_authority (id),
    request_id        bigint       references certificate_request (id),
    profile           varchar(16)  not null,
    subject           text         not null,
    names             text[]       not null,    -- SAN values as text (DNS, IP, URI)
    not_before        timestamptz  not null,
    not_after         timestamptz  not null,
    status            varchar(16)  not null check (status in ('valid', 'revoked', 'expired')),
    revocation_reason varchar(32),
    revoked_at        timestamptz,
    der               bytea        not null,
    issued_at         timestamptz  not null
);
create index certificate_issuer_status on certificate (issuer_id, status);
create index certificate_not_after on certificate (not_after);
create index certificate_names on certificate using gin (names);

-- Bearer tokens are stored as SHA-256 hashes: they are 256-bit random values, so a slow
-- password hash adds nothing, and a database dump does not reveal a usable token.
create table api_token (
    id          bigserial    primary key,
    name        varchar(128) not null unique,
    token_hash  bytea        not null unique,
    role        varchar(32)  not null check (role in ('admin', 'issuer', 'emergency')),
    created_at  timestamptz  not null,
    revoked_at  timestamptz
);

-- Append-only audit trail; written in the same transaction as the change it records.
create table audit_event (
    id           bigserial    primary key,
    occurred_at  timestamptz  not null,
    actor        varchar(128) not null,
    action       varchar(64)  not null,
    object_type  varchar(32)  not null,
    object_id    varchar(128),
    node         varchar(128) not null,
    details      jsonb        not null default '{}'::jsonb
);
create index audit_event_occurred_at on audit_event (occurred_at);
