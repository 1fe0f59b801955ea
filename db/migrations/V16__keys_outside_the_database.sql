-- Keys may live outside the database: in a PKCS#11 token (trustchain.crypto.token=pkcs11) a CA's or
-- responder's key is a labelled object in the HSM and has no crypto_key row. key_alias then names
-- the key in the configured token; with the software token crypto_key still holds every key, and
-- its rows are never deleted, so no alias can dangle there.
alter table certificate_authority drop constraint certificate_authority_key_alias_fkey;
alter table ocsp_responder drop constraint ocsp_responder_key_alias_fkey;
