package online.hypermesh.trustchain.ca.api;

import java.util.List;
import java.util.Map;

/** The group-to-scope mapping of the enterprise directory, refreshed now (it also runs on its schedule). */
public interface DirectorySync {

    /**
     * @param granted        each account the mapped groups name, with the scopes they grant it now
     * @param unknownMembers members that name no TrustChain account (an account is made by an administrator, never by the directory)
     * @param missingGroups  mapped groups the directory does not have
     * @param changed        accounts whose scopes changed in this refresh
     */
    record Report(Map<String, List<String>> granted, List<String> unknownMembers, List<String> missingGroups, List<String> changed) {
    }

    /** Admin only; SERVICE_UNAVAILABLE when no directory is configured or it cannot be reached. */
    Report sync(Caller caller);
}
