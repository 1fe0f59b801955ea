-- Certificate Transparency log (issue 4): one RFC 6962 log per database, written only by the
-- sequencer that holds the log's advisory lock. Each flush of the sequencer is one transaction
-- that inserts the batch's entries, nodes and issuers and moves ct_log_state forward with a
-- compare-and-set on tree_size; an SCT is handed out only after that commit.

-- The latest signed tree head. One row: the log is named by its LogID (SHA-256 of the key's
-- SubjectPublicKeyInfo), so a database can never be reused with another key by mistake.
CREATE TABLE ct_log_state (
    log_id        bytea       PRIMARY KEY CHECK (octet_length(log_id) = 32),
    one_log       boolean     NOT NULL DEFAULT true UNIQUE CHECK (one_log),
    tree_size     bigint      NOT NULL CHECK (tree_size >= 0),
    sth_timestamp bigint      NOT NULL CHECK (sth_timestamp >= 0),   -- ms since the epoch
    root_hash     bytea       NOT NULL CHECK (octet_length(root_hash) = 32),
    sth_signature bytea       NOT NULL,                              -- TLS DigitallySigned
    updated_at    timestamptz NOT NULL DEFAULT now()
);

-- Entries by index. identity_hash = SHA-256 of entry_type || signed_entry (the leaf without its
-- timestamp and extensions, which differ between two submissions of the same certificate): its
-- unique index is the de-duplication, and sct is the SCT first returned, returned again.
CREATE TABLE ct_entry (
    leaf_index      bigint PRIMARY KEY CHECK (leaf_index >= 0),
    entry_timestamp bigint NOT NULL,
    identity_hash   bytea  NOT NULL UNIQUE CHECK (octet_length(identity_hash) = 32),
    leaf_hash       bytea  NOT NULL CHECK (octet_length(leaf_hash) = 32),
    leaf_input      bytea  NOT NULL,   -- MerkleTreeLeaf (get-entries leaf_input)
    extra_data      bytea  NOT NULL,   -- get-entries extra_data
    tile_leaf       bytea  NOT NULL,   -- static-ct-api TileLeaf
    sct             bytea  NOT NULL    -- serialized SignedCertificateTimestamp
);
CREATE INDEX ct_entry_leaf_hash ON ct_entry (leaf_hash);   -- get-proof-by-hash

-- Hashes of perfect subtrees: level 0 are the leaf hashes; (level, i) covers leaves
-- [i * 2^level, (i + 1) * 2^level). Append-only; proofs and hash tiles read them.
CREATE TABLE ct_node (
    level      smallint NOT NULL CHECK (level BETWEEN 0 AND 62),
    node_index bigint   NOT NULL CHECK (node_index >= 0),
    hash       bytea    NOT NULL CHECK (octet_length(hash) = 32),
    PRIMARY KEY (level, node_index)
);

-- Issuer certificates of logged chains, served at /issuer/<sha256 hex>.
CREATE TABLE ct_issuer (
    fingerprint bytea PRIMARY KEY CHECK (octet_length(fingerprint) = 32),
    certificate bytea NOT NULL
);

-- Roots the log accepts chains to, besides TrustChain's own root (which the deployment adds
-- at start-up with source 'trustchain'). An operator adds one with source 'operator'.
CREATE TABLE ct_accepted_root (
    fingerprint bytea       PRIMARY KEY CHECK (octet_length(fingerprint) = 32),
    certificate bytea       NOT NULL,
    source      text        NOT NULL CHECK (source IN ('trustchain', 'operator')),
    added_at    timestamptz NOT NULL DEFAULT now()
);
