-- TrustChain CA schema, version 19: the audit trail made tamper-evident.
--
-- audit_event stays as it is, written in the transaction of what it records. Chaining happens
-- just after commit, not in that transaction: a chain position assigned inside every writing
-- transaction would serialize all of them on the chain head. Instead an insert trigger queues the
-- new event's id in audit_unchained (same transaction, so a committed event is always queued),
-- and the sealer (AuditSealer) takes queued ids in order, appends each to audit_chain with
-- hash = SHA-256(previous hash || canonical JSON) and removes it from the queue, in one
-- transaction. audit_checkpoint holds the signed heads (every minute and on demand).
--
-- Nothing updates or deletes an audit row: triggers refuse UPDATE, DELETE and TRUNCATE on
-- audit_event, audit_chain and audit_checkpoint for every role, the owner included. (A superuser
-- can drop a trigger; what it then changes, the chain and the signed checkpoints expose.)

create table audit_unchained (
    event_id bigint primary key references audit_event (id)
);
comment on table audit_unchained is 'Committed audit events not yet in the chain; a queue, the only audit table rows leave.';

create table audit_chain (
    seq       bigint primary key check (seq > 0),
    event_id  bigint not null unique references audit_event (id),
    hash      bytea  not null check (octet_length(hash) = 32)
);
comment on table audit_chain is 'Position and chain hash of each audit event: hash(n) = SHA-256(hash(n-1) || canonical JSON of event n).';

create table audit_checkpoint (
    id         bigserial   primary key,
    size       bigint      not null references audit_chain (seq),
    head       bytea       not null check (octet_length(head) = 32),
    signed_at  timestamptz not null,
    node       varchar(128) not null,
    text       text        not null,
    signature  bytea       not null
);
create index audit_checkpoint_size on audit_checkpoint (size);
comment on table audit_checkpoint is 'Chain heads signed by the audit key: text is exactly the signed bytes (AuditCheckpoint).';

create function audit_queue_for_chain() returns trigger language plpgsql as $$
begin
    insert into audit_unchained (event_id) values (new.id);
    return new;
end $$;
create trigger audit_event_queued after insert on audit_event for each row execute function audit_queue_for_chain();

create function audit_append_only() returns trigger language plpgsql as $$
begin
    raise exception 'the audit trail is append-only: % on % is refused', tg_op, tg_table_name
        using errcode = 'insufficient_privilege';
end $$;
create trigger audit_event_append_only before update or delete on audit_event for each row execute function audit_append_only();
create trigger audit_event_no_truncate before truncate on audit_event for each statement execute function audit_append_only();
create trigger audit_chain_append_only before update or delete on audit_chain for each row execute function audit_append_only();
create trigger audit_chain_no_truncate before truncate on audit_chain for each statement execute function audit_append_only();
create trigger audit_checkpoint_append_only before update or delete on audit_checkpoint for each row execute function audit_append_only();
create trigger audit_checkpoint_no_truncate before truncate on audit_checkpoint for each statement execute function audit_append_only();

-- Events from before this version join the chain first, in id order.
insert into audit_unchained (event_id) select id from audit_event;
