-- TrustChain CA schema, version 27.
-- Multi-perspective issuance corroboration (CA/Browser Forum BR 3.2.2.9): what each network
-- perspective saw when a challenge was validated, the CA's own ('primary') and each remote one,
-- kept with the challenge (and so with its authorization) for audit.
create table acme_validation_perspective (
    challenge_id    varchar(32)  not null references acme_challenge (id),
    perspective     varchar(32)  not null,
    valid           boolean      not null,
    validated_from  varchar(64),              -- the address fetched from, or the resolvers that showed the record
    error           text,                     -- the problem or why the perspective gave no verdict
    checked_at      timestamptz  not null,
    primary key (challenge_id, perspective)
);
