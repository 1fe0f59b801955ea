-- TrustChain CA schema, version 4: the certificate lifecycle. Delta CRLs need to know when a
-- status last changed, renewal links a certificate to the one it replaces, key rollover links an
-- authority to its successor, and the emergency switch can stop issuance on every node at once.

-- When revocation, hold release or a supersede last changed the row; null for untouched rows.
-- A delta CRL lists the certificates whose status changed since its base full CRL.
alter table certificate add column status_changed_at timestamptz;
create index certificate_status_changed on certificate (issuer_id, status_changed_at) where status_changed_at is not null;

-- Renewal: the certificate this one replaces. Unique, so two concurrent renewals of one
-- certificate cannot both commit.
alter table certificate add column replaces_serial varchar(40) references certificate (serial_number);
create unique index certificate_replaces_serial on certificate (replaces_serial) where replaces_serial is not null;

-- Key rollover: a retired authority names the authority that took over from it.
-- Deferred: the old authority is retired (naming its successor) before the successor row exists,
-- because only one authority per region may be active at any moment.
alter table certificate_authority add column successor_id varchar(64) references certificate_authority (id) deferrable initially deferred;
alter table certificate_authority add column retired_at timestamptz;

-- The emergency issuance switch: exactly one row, read by every issuance on every node.
create table issuance_control (
    singleton   boolean      primary key default true check (singleton),
    enabled     boolean      not null,
    reason      text,
    changed_by  varchar(128) not null,
    changed_at  timestamptz  not null
);
insert into issuance_control (enabled, reason, changed_by, changed_at) values (true, null, 'system:migration', now());
comment on table issuance_control is 'Emergency switch: while enabled is false every issuance request gets 503 and nothing is stored.';
