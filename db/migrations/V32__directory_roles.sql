-- TrustChain CA schema, version 32.
-- Roles that directory groups granted accounts (trustchain.ldap.groups, role:<name>): the account's
-- own roles (account.roles) hold them too, so authentication reads one place; this table remembers
-- which of them the directory added (a role the account held already is not the directory's), so
-- that the next refresh removes exactly those an account no longer has through any group and never
-- one an administrator gave it.
create table directory_role (
    account_id  bigint       not null references account (id),
    role        varchar(16)  not null check (role in ('admin', 'officer', 'issuer', 'auditor')),
    synced_at   timestamptz  not null,
    primary key (account_id, role)
);
comment on table directory_role is 'Roles a directory group added to an account (trustchain.ldap.groups), removed when no group grants them.';
