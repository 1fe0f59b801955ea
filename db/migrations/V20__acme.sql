-- TrustChain CA schema, version 20.
-- ACME (RFC 8555) served under /acme/: external account binding keys, ACME accounts bound to
-- TrustChain accounts, nonces, orders, authorizations and challenges with their validation results.

-- An EAB key (RFC 8555 7.3.4) an administrator made for a TrustChain account; used once, by the
-- ACME account it binds. The MAC key is stored: the server must verify the client's MAC with it.
create table acme_eab_key (
    kid          varchar(64)  primary key,
    account_id   bigint       not null references account (id),
    hmac_key     bytea        not null,
    created_at   timestamptz  not null,
    created_by   varchar(80)  not null,
    used_at      timestamptz
);

create table acme_account (
    id           bigserial    primary key,
    -- RFC 7638 thumbprint of the account key: one ACME account per key.
    thumbprint   varchar(64)  not null unique,
    jwk          text         not null,
    status       varchar(16)  not null check (status in ('valid', 'deactivated', 'revoked')),
    contacts     text[]       not null default '{}',
    -- The TrustChain account whose scopes bound what it may order; null without an EAB (then it may order nothing).
    account_id   bigint       references account (id),
    eab_kid      varchar(64)  unique references acme_eab_key (kid),
    created_at   timestamptz  not null
);

-- Nonces handed out in Replay-Nonce; a request deletes the one it carries, so each is used once,
-- on any node, also after a restart. Unused ones are deleted after they expire.
create table acme_nonce (
    nonce        varchar(64)  primary key,
    expires_at   timestamptz  not null
);
create index acme_nonce_expiry on acme_nonce (expires_at);

create table acme_order (
    id                  varchar(32)  primary key,
    acme_account_id     bigint       not null references acme_account (id),
    status              varchar(16)  not null check (status in ('pending', 'ready', 'processing', 'valid', 'invalid')),
    identifiers         text[]       not null,
    expires_at          timestamptz  not null,
    -- The problem document that made the order invalid.
    error               text,
    certificate_serial  varchar(40),
    certificate_chain   text,
    created_at          timestamptz  not null
);
create index acme_order_account on acme_order (acme_account_id);
create index acme_order_serial on acme_order (certificate_serial);

create table acme_authorization (
    id          varchar(32)  primary key,
    order_id    varchar(32)  not null references acme_order (id),
    identifier  varchar(253) not null,
    status      varchar(16)  not null check (status in ('pending', 'valid', 'invalid', 'deactivated', 'expired', 'revoked')),
    expires_at  timestamptz  not null
);
create index acme_authorization_order on acme_authorization (order_id);

create table acme_challenge (
    id                varchar(32)  primary key,
    authorization_id  varchar(32)  not null references acme_authorization (id),
    type              varchar(16)  not null check (type in ('http-01')),
    token             varchar(64)  not null,
    status            varchar(16)  not null check (status in ('pending', 'processing', 'valid', 'invalid')),
    validated_at      timestamptz,
    -- The address the key authorization was fetched from, for the record (CA/B Forum BR 3.2.2.4.19).
    validated_from    varchar(64),
    error             text
);
create index acme_challenge_authorization on acme_challenge (authorization_id);
