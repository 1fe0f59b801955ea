package online.hypermesh.trustchain.ca.api;

import java.util.List;

/** One name of the zone with its addresses. @param name fully qualified, with the trailing dot */
public record DnsRecordView(String name, List<String> aaaa) {
    public DnsRecordView {
        aaaa = List.copyOf(aaaa);
    }
}
