-- TrustChain CA schema, version 26.
-- ACME dns-01 (RFC 8555 8.4) for names in the mesh zone: clients place their _acme-challenge TXT
-- records with RFC 2136 dynamic updates signed by a TSIG key (RFC 8945) that an administrator made
-- for a TrustChain account; the key may touch _acme-challenge.<name> only for names the account
-- may be issued.

-- The TSIG secret is stored: the server must verify the client's MAC with it (like acme_eab_key).
create table dns_update_key (
    name          varchar(253) primary key,              -- the TSIG key name, absolute, e.g. 'tc-0123abcd.hypermesh.online.'
    account_id    bigint       not null references account (id),
    algorithm     varchar(32)  not null check (algorithm in ('hmac-sha256', 'hmac-sha384', 'hmac-sha512')),
    secret        bytea        not null,
    created_at    timestamptz  not null,
    created_by    varchar(80)  not null
);

-- TXT records placed by dynamic update; each is one string (the base64url SHA-256 of a key
-- authorization). The zone shows them at the owner; other nodes follow through dns_change 'txt'.
create table dns_challenge_txt (
    owner       varchar(253) not null,                   -- relative to the zone origin, e.g. '_acme-challenge.web'
    value       varchar(255) not null,
    key_name    varchar(253) not null references dns_update_key (name),
    created_at  timestamptz  not null,
    primary key (owner, value)
);

alter table dns_change drop constraint dns_change_kind_check;
alter table dns_change add constraint dns_change_kind_check check (kind in ('name', 'certificate', 'txt'));

alter table acme_challenge drop constraint acme_challenge_type_check;
alter table acme_challenge add constraint acme_challenge_type_check check (type in ('http-01', 'tls-alpn-01', 'dns-01'));
