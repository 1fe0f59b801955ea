-- TrustChain CA schema, version 33: an ACME finalization that a crash interrupts is settled.
--
-- Finalization moves an order from ready to processing, issues (several transactions, the CT log
-- between them) and then stores the certificate on the order. A crash in between used to leave
-- the order processing for ever, so its client polled for ever. The order now records, when it
-- moves to processing, what identifies the issuance it starts: the SHA-256 of the CSR and the
-- highest certificate_request id at that moment (ids only grow, so the request this finalization
-- stores has a higher one, and the recovery reads a short range of the primary key instead of
-- scanning every request). AcmeFinalizationRecovery then finds the certificate and finishes the
-- order, or, if none was stored, makes the order invalid with a problem the client can act on.
alter table acme_order add column finalizing_since timestamptz;
alter table acme_order add column finalize_csr_sha256 bytea;
alter table acme_order add column finalize_request_floor bigint;
create index acme_order_finalizing on acme_order (finalizing_since) where status = 'processing';
