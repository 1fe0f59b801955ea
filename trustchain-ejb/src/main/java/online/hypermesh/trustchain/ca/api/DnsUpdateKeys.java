package online.hypermesh.trustchain.ca.api;

/** Administration of the TSIG keys through which an account's ACME clients place dns-01 records in the mesh zone. */
public interface DnsUpdateKeys {
    /** A new HMAC-SHA256 key for the account; admin only; audited as {@code dns.update-key.created}. */
    DnsUpdateKeyView create(String accountName, Caller caller);
}
