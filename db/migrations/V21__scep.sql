-- TrustChain CA schema, version 21.
-- SCEP (RFC 8894) served at /scep on the HTTP listener: one-time challenge passwords bound to a
-- TrustChain account, the RA certificates (their keys are in the crypto token, like every other
-- key: crypto_key with the software token, the HSM with PKCS#11), and which transaction got
-- which certificate (for CertPoll).

-- A challenge password an administrator made for an account. Only its SHA-256 is stored; it is
-- used once, in the transaction that records the issuance's intent, and expires.
create table scep_challenge (
    id              bigserial    primary key,
    password_sha256 bytea        not null unique,
    account_id      bigint       not null references account (id),
    created_at      timestamptz  not null,
    created_by      varchar(80)  not null,
    expires_at      timestamptz  not null,
    used_at         timestamptz,
    used_serial     varchar(40)
);

-- The SCEP RA identities: a certificate per RA key (RSA, keyUsage digitalSignature and
-- keyEncipherment), issued by the root. Old ones stay until they expire, so a request encrypted
-- to the previous RA certificate still opens after a rotation.
create table scep_ra (
    key_alias    varchar(64)  primary key,
    authority_id varchar(64)  not null,
    certificate  bytea        not null,
    not_before   timestamptz  not null,
    not_after    timestamptz  not null
);

-- The certificate a SCEP transaction (transactionID, RFC 8894 3.2.1.1) was answered with; a
-- CertPoll for it returns that certificate again. A later request with the same transactionID
-- (clients derive it from the key, so a renewal with the same key has the same one) replaces it.
create table scep_transaction (
    transaction_id     varchar(256) primary key,
    certificate_serial varchar(40)  not null,
    updated_at         timestamptz  not null
);
