package online.hypermesh.trustchain.bench;

import java.net.http.HttpRequest;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/** Hands out the pre-built requests round-robin to all workers. */
final class RequestCycle {
    private final List<HttpRequest> requests;
    private final AtomicInteger next = new AtomicInteger();

    RequestCycle(List<HttpRequest> requests) {
        if (requests.isEmpty()) {
            throw new IllegalArgumentException("no requests");
        }
        this.requests = List.copyOf(requests);
    }

    HttpRequest next() {
        return requests.get(Math.floorMod(next.getAndIncrement(), requests.size()));
    }
}
