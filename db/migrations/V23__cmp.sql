-- TrustChain CA schema, version 23.
-- CMP (RFC 4210 / RFC 9810, Lightweight CMP Profile RFC 9483) served under /pkix/: shared secrets
-- that authenticate a client by password-based MAC, and the transactions awaiting certConf.

-- A shared secret (RFC 4210 5.1.3.1) an administrator made for a TrustChain account; the client
-- names it by its reference (the senderKID). The secret is stored: the server computes the MAC with it.
create table cmp_secret (
    reference    varchar(64)  primary key,
    account_id   bigint       not null references account (id),
    secret       bytea        not null,
    created_at   timestamptz  not null,
    created_by   varchar(80)  not null
);
create index cmp_secret_account on cmp_secret (account_id);

-- An enrollment (ir, cr, p10cr, kur). Answered without implicitConfirm, the issued certificate waits
-- for the client's certConf (RFC 4210 5.3.18); a rejecting certConf revokes it, and so does no
-- certConf within the confirmation wait time ('expired'). Implicitly confirmed ones are stored
-- 'confirmed', so that a replayed request finds its transactionID in use.
create table cmp_transaction (
    transaction_id  varchar(128) primary key,
    account_id      bigint       not null references account (id),
    state           varchar(16)  not null check (state in ('waiting', 'confirmed', 'rejected', 'expired')),
    serial_number   varchar(40)  not null,
    cert_req_id     bigint       not null,
    created_at      timestamptz  not null,
    updated_at      timestamptz  not null
);
create index cmp_transaction_waiting on cmp_transaction (created_at) where state = 'waiting';
