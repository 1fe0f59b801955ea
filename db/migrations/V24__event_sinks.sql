-- TrustChain CA schema, version 24: delivery of the audit trail to outside systems (event sinks).
--
-- The audit chain is the transactional outbox: every audit event is committed in the transaction
-- of what it records and the sealer gives it a position (audit_chain.seq) just after, so nothing
-- more is written on the issuance path. Each sink keeps a cursor over those positions: everything
-- at or before it has been handed to the sink. The cursor only moves forward, and only after the
-- sink took the events (its own transaction), so a crash between a send and the cursor's commit
-- means a resend: at least once, in chain order, deduplicated by the receiver by the event's
-- idempotency key (its chain hash).
--
-- A lease (owner, lease_until) lets one node at a time send for a sink when several run.

create table event_sink (
    sink        varchar(64)  primary key check (sink ~ '^[a-z0-9-]+$'),
    position    bigint       not null default 0 check (position >= 0),
    updated_at  timestamptz  not null default now(),
    owner       varchar(128),
    lease_until timestamptz
);
comment on table event_sink is 'One row per event sink: the last audit_chain.seq handed to it, and which node sends for it.';

-- Poison events: ones the sink can never take (cannot be rendered in its format, too large for it).
-- Parking one and moving the cursor past it is one statement.
create table event_sink_dead_letter (
    id        bigserial    primary key,
    sink      varchar(64)  not null references event_sink (sink),
    seq       bigint       not null references audit_chain (seq),
    reason    text         not null,
    parked_at timestamptz  not null default now(),
    unique (sink, seq)
);
comment on table event_sink_dead_letter is 'Audit events a sink could not take, with the reason; the cursor moved past them.';
