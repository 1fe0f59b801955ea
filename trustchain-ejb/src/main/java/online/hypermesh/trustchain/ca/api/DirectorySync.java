package online.hypermesh.trustchain.ca.api;

import java.util.List;
import java.util.Map;

/** The group mapping (scopes and roles) of the enterprise directory, refreshed now (it also runs on its schedule). */
public interface DirectorySync {

    /**
     * @param granted        each account the mapped groups grant scopes, with those scopes
     * @param roles          each account the mapped groups grant roles, with those roles (an emergency account is given none)
     * @param unknownMembers members that name no TrustChain account (an account is made by an administrator, never by the directory)
     * @param missingGroups  mapped groups the directory does not have
     * @param changed        accounts whose scopes or roles changed in this refresh
     */
    record Report(Map<String, List<String>> granted, Map<String, List<String>> roles, List<String> unknownMembers, List<String> missingGroups, List<String> changed) {
    }

    /** Admin only; SERVICE_UNAVAILABLE when no directory is configured or it cannot be reached. */
    Report sync(Caller caller);
}
