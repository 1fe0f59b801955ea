-- TrustChain CA schema, version 30: the bridge to an existing enterprise PKI.
--
-- A trust anchor is an enterprise CA's root and intermediates, imported by an administrator for a
-- set of purposes: 'ct' (the CT log accepts chains to its root), 'client-auth' (its TLS client
-- certificates authenticate as the account their URI SAN is bound to), 'cross-certification' (this CA's root may
-- cross-certify its root, and its root may cross-certify ours). Validated before it is stored
-- (bridge.trust.AnchorBundle); never deleted: deactivation sets deactivated_at, and an inactive
-- anchor serves no purpose. At most one active anchor per root certificate.
create table trust_anchor (
    id               bigserial     primary key,
    name             varchar(128)  not null,
    root_fingerprint bytea         not null check (octet_length(root_fingerprint) = 32),
    purposes         text[]        not null check (purposes <@ array['ct', 'client-auth', 'cross-certification']::text[]
                                                   and cardinality(purposes) > 0),
    imported_at      timestamptz   not null,
    imported_by      varchar(128)  not null,
    deactivated_at   timestamptz,
    deactivated_by   varchar(128)
);
create unique index trust_anchor_active_root on trust_anchor (root_fingerprint) where deactivated_at is null;

-- The anchor's certificates: position 0 is the root, then the intermediates in the order given.
create table trust_anchor_certificate (
    anchor_id   bigint  not null references trust_anchor (id),
    position    integer not null check (position >= 0),
    fingerprint bytea   not null check (octet_length(fingerprint) = 32),
    certificate bytea   not null,
    primary key (anchor_id, position)
);

-- The other direction: a cross certificate an enterprise CA issued for this CA's root (from the
-- request of POST /api/v1/cross-certificate-request), verified under the anchor's root before it
-- is stored. Cross certificates this CA's root issues are rows of `certificate` (profile 'cross'),
-- so they are searchable, revocable and on the root's CRL like every other certificate; this
-- table only links them to their anchor.
create table cross_certificate (
    id             bigserial    primary key,
    anchor_id      bigint       not null references trust_anchor (id),
    direction      varchar(16)  not null check (direction in ('issued', 'received')),
    serial_number  varchar(40)  references certificate (serial_number),
    certificate    bytea        not null,
    fingerprint    bytea        not null unique check (octet_length(fingerprint) = 32),
    not_after      timestamptz  not null,
    created_at     timestamptz  not null,
    created_by     varchar(128) not null,
    check ((direction = 'issued') = (serial_number is not null))
);
create index cross_certificate_anchor on cross_certificate (anchor_id);
