-- TrustChain CA schema, version 15: the networks an account may call from. CIDR prefixes in
-- canonical form (IPv6 as RFC 5952, IPv4 dotted quad), checked by the application; an empty
-- array means anywhere, so every account of an earlier version keeps working as before.

alter table account add column allowed_networks varchar(64)[] not null default '{}';
alter table account add constraint account_allowed_networks_bounded check (cardinality(allowed_networks) <= 64);
comment on column account.allowed_networks is 'CIDR prefixes a request of this account must come from; empty: anywhere.';
