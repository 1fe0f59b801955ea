-- TrustChain CA schema, version 28.
-- Scopes that directory groups granted accounts (trustchain.ldap.groups): the account's own scopes
-- (account_scope) hold them too, so issuance reads one place; this table remembers which of them
-- came from the directory, so that the next refresh removes exactly those an account no longer has
-- through any group and never one an administrator gave it.
create table directory_scope (
    account_id  bigint        not null references account (id),
    kind        varchar(8)    not null check (kind in ('dns', 'ip', 'uri')),
    value       varchar(2048) not null,
    subdomains  boolean       not null default false,
    wildcard    boolean       not null default false,
    synced_at   timestamptz   not null,
    primary key (account_id, kind, value, subdomains, wildcard)
);
