package online.hypermesh.trustchain.bench.dns;

/** A load that runs on its own threads between start and stop, reporting into a {@link LoadStats}. */
interface DnsLoad {

    void start() throws Exception;

    void stop() throws Exception;
}
