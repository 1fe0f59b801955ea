-- TrustChain CA schema, version 34: CMP requests protected by signature (RFC 9483 3.2).
--
-- A signed request has no shared secret to answer with, so its answer is signed by the CA's CMP
-- protection key: a P-256 key in the crypto token, certified by a regional issuing CA for
-- digitalSignature and id-kp-cmcCA only. Made on first need and again once the newest is past two
-- thirds of its life; older ones stay listed until they expire. Nodes share the token, so any
-- node signs with a key another node made; two nodes making one at once is harmless.
create table cmp_protection_certificate (
    key_alias    varchar(64)  primary key,
    authority_id varchar(64)  not null references certificate_authority (id),
    certificate  bytea        not null,
    not_before   timestamptz  not null,
    not_after    timestamptz  not null
);
create index cmp_protection_certificate_newest on cmp_protection_certificate (authority_id, not_after);
