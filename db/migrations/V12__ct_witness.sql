-- The CT log's witnesses (issue 15): per log and witness, the tree size the witness last
-- acknowledged (cosigned, or named in a 409), so whichever node leads next sends it a consistency
-- proof from the size it really holds; and its latest verified cosignature, which /checkpoint
-- carries while it covers the latest tree and health reports with its size and age.
CREATE TABLE ct_witness (
    log_id            bytea       NOT NULL CHECK (octet_length(log_id) = 32),
    witness_name      text        NOT NULL,
    acknowledged_size bigint      NOT NULL CHECK (acknowledged_size >= 0),
    cosigned_size     bigint      CHECK (cosigned_size >= 0),
    cosigned_root     bytea       CHECK (octet_length(cosigned_root) = 32),
    cosignature       text,
    cosigned_at       timestamptz,
    updated_at        timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (log_id, witness_name),
    CHECK ((cosigned_size IS NULL) = (cosignature IS NULL)
       AND (cosigned_size IS NULL) = (cosigned_root IS NULL)
       AND (cosigned_size IS NULL) = (cosigned_at IS NULL))
);
