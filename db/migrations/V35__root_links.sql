-- TrustChain CA schema, version 35: a root rollover links the new root to the old one.
--
-- After a root rollover new chains end at the new root, which relying parties that still trust
-- only the old root do not know yet. The rollover therefore has the old root certify the new
-- root's key under the new root's name (a link certificate, RFC 4210 "newWithOld"), in the
-- rollover's own transaction. The link is a row of `certificate` (profile 'cross', revocable and
-- on the old root's CRL like any other) and of this table, which says which roots it joins. ACME
-- offers the chain through it as an alternate (RFC 8555 7.4.2).
create table root_link (
    serial_number varchar(40)  primary key references certificate (serial_number),
    issuer_id     varchar(64)  not null references certificate_authority (id),
    subject_id    varchar(64)  not null references certificate_authority (id),
    created_at    timestamptz  not null
);
create index root_link_subject on root_link (subject_id);
