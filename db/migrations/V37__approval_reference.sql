-- TrustChain CA schema, version 37: enrollment protocols poll their held requests.
--
-- A protocol that knows "pending" (SCEP, CMP, ACME) holds an issuance that needs approval with an
-- opaque reference of its own in the approval's request (e.g. "scep:<transactionID>"); the
-- client's poll finds the approval by it. At most one pending approval per reference: a request
-- sent again while it waits is answered from that approval, never held twice. Once decided, the
-- same reference may be held again (a SCEP transactionID comes from the key, and a key may enroll
-- again later); the newest one is the poll's.
create index approval_reference on approval ((request->>'reference'), id) where (request->>'reference') is not null;
create unique index approval_pending_reference on approval ((request->>'reference'))
    where status = 'pending' and (request->>'reference') is not null;
