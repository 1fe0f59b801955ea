-- TrustChain CA schema, version 13: accounts. An account is who asks: a name, roles, and an
-- authorization (the names it may have, the profiles, regions and longest validity). Bearer
-- tokens become credentials of an account, with an expiry; they are still stored only as SHA-256.

create table account (
    id                  bigserial     primary key,
    name                varchar(64)   not null unique check (name ~ '^[a-z0-9][a-z0-9._-]{0,63}$'),
    roles               varchar(16)[] not null
        check (cardinality(roles) > 0 and roles <@ array['admin', 'officer', 'issuer', 'auditor', 'emergency']::varchar(16)[]),
    profiles            varchar(32)[] not null default '{}',
    regions             varchar(32)[] not null default '{}',
    max_validity_hours  integer       check (max_validity_hours > 0),
    enabled             boolean       not null default true,
    -- Set for accounts made from the tokens of earlier versions and for the bootstrap administrator:
    -- the next start gives them the deployment's own names (the mesh zone, its prefix, its SPIFFE
    -- trust domain), which only the running node knows, and clears the flag.
    default_scopes_pending boolean    not null default false,
    created_at          timestamptz   not null,
    updated_at          timestamptz   not null
);
comment on table account is 'Who may call the API and which names, profiles, regions and validity it may be issued.';

-- The names an account may have. kind 'dns': value is an A-label name, subdomains says whether
-- names below it are covered, wildcard whether *.<covered name> is. 'ip': a CIDR prefix. 'uri': a
-- URI prefix that ends at a path-segment boundary.
create table account_scope (
    account_id  bigint        not null references account (id),
    position    integer       not null,
    kind        varchar(8)    not null check (kind in ('dns', 'ip', 'uri')),
    value       varchar(2048) not null,
    subdomains  boolean       not null default false,
    wildcard    boolean       not null default false,
    primary key (account_id, position),
    unique (account_id, kind, value, subdomains, wildcard)
);

alter table api_token add column account_id bigint references account (id);
alter table api_token add column expires_at timestamptz;
alter table api_token add column revoked_by varchar(128);

-- Every token of an earlier version becomes the only token of an account of the same name and role.
insert into account (name, roles, profiles, regions, default_scopes_pending, created_at, updated_at)
select t.name, array[t.role]::varchar(16)[],
       case when t.role in ('admin', 'issuer') then array['*']::varchar(32)[] else '{}' end,
       case when t.role in ('admin', 'issuer') then array['*']::varchar(32)[] else '{}' end,
       t.role in ('admin', 'issuer'), t.created_at, t.created_at
  from api_token t;
update api_token t set account_id = a.id from account a where a.name = t.name;
-- An administrator of an earlier version could also issue; its account keeps that right.
update account set roles = array['admin', 'issuer']::varchar(16)[] where roles = array['admin']::varchar(16)[];

alter table api_token alter column account_id set not null;
alter table api_token drop constraint api_token_role_check;
alter table api_token drop column role;
alter table api_token drop constraint api_token_name_key;
alter table api_token add constraint api_token_account_name_key unique (account_id, name);
create index api_token_account on api_token (account_id);
comment on column api_token.expires_at is 'After this instant the token is refused; null: no expiry (only tokens from before V13).';
