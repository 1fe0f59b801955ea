-- TrustChain CA schema, version 36: four-eyes approvals.
--
-- An action that the configuration (trustchain.approvals.actions) puts under four eyes is not
-- carried out when it is requested: its complete request is stored here as `pending`, in the
-- transaction that audits approval.requested, and a second officer approves or refuses it. The
-- decision moves the row out of `pending` with a conditional update under the row lock, so two
-- concurrent approvals carry the action out once; the other one finds it decided (409).
--
-- The action is carried out later as the requester (its authorization checks and audit actor are
-- the requester's account as it is then), never as the approver, so approving cannot widen what
-- the requester may do. requested_roles records the requester's roles at request time.
create table approval (
    id              bigserial    primary key,
    action          varchar(32)  not null
        check (action in ('revoke', 'revoke-all', 'root-rollover', 'account-scopes', 'issuance')),
    status          varchar(16)  not null default 'pending'
        check (status in ('pending', 'approved', 'refused', 'failed')),
    requested_by    varchar(64)  not null,
    requested_roles varchar(128) not null,
    requested_at    timestamptz  not null,
    summary         varchar(512) not null,
    request         jsonb        not null,
    decided_by      varchar(64),
    decided_at      timestamptz,
    reason          varchar(1000),
    result          jsonb,
    check ((status = 'pending') = (decided_by is null))
);
create index approval_pending on approval (requested_at) where status = 'pending';
create index approval_status on approval (status, id);
