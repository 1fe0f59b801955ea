-- Where the CT log's sequencer runs (issue 4, scale-out): the node that holds the log's advisory
-- lock writes the URL at which the other nodes reach its CT listener, and they forward
-- add-chain / add-pre-chain there. A stale row (its node died) only costs a failed forward
-- (503, retry) until the next leader overwrites it within a second of taking the lead.
CREATE TABLE ct_log_leader (
    log_id     bytea       PRIMARY KEY CHECK (octet_length(log_id) = 32),
    url        text        NOT NULL,
    node_name  text        NOT NULL,
    since      timestamptz NOT NULL DEFAULT now()
);
