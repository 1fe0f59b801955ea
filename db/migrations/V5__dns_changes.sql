-- DNS zone changes, in commit order as far as a sequence can tell, so that every node sharing this
-- database can follow the zone: each node polls for rows after the last id it applied and re-reads
-- the named subject (an AAAA name, or a certificate whose TLSA records may change). A row is written
-- in the transaction that makes the change, so a rolled-back change leaves no row.
-- Sequence values are taken before commit, so a row with a lower id can become visible after one with
-- a higher id; readers therefore keep the gaps they saw and look for them again for a while.
create table dns_change (
    id          bigserial    primary key,
    kind        varchar(16)  not null check (kind in ('name', 'certificate')),
    subject     varchar(253) not null,   -- relative name ('@' for the apex) or certificate serial (hex)
    node        varchar(64)  not null,   -- the node that wrote it; that node has applied it already
    created_at  timestamptz  not null default now()
);
