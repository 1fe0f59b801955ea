package online.hypermesh.trustchain.ca.application;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.annotation.PostConstruct;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.Singleton;
import jakarta.inject.Inject;

import online.hypermesh.trustchain.ca.api.Caller;
import online.hypermesh.trustchain.ca.api.RequestLimits;
import online.hypermesh.trustchain.ca.config.AccountSettings;

/**
 * A token bucket per account on this node: {@code trustchain.accounts.rate.per.minute} tokens,
 * refilled evenly over the minute, one taken per request. Per node and in memory: behind a load
 * balancer an account gets the limit on each node, and a restart forgets the buckets; the limit
 * protects a node from one account, it is not a quota.
 */
@Singleton
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
public class AccountRateLimiter implements RequestLimits {
    private static final int MAX_ACCOUNTS = 100_000;

    private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();
    private volatile int perMinute;

    @Inject
    AccountSettings settings;

    @PostConstruct
    void init() {
        perMinute = settings.requestsPerMinute();
    }

    /** For tests: a limiter with this many requests per minute. */
    static AccountRateLimiter withLimit(int perMinute) {
        AccountRateLimiter limiter = new AccountRateLimiter();
        limiter.perMinute = perMinute;
        return limiter;
    }

    @Override
    public long admit(Caller caller) {
        return admit(caller.name(), System.nanoTime());
    }

    long admit(String account, long nowNanos) {
        if (buckets.size() > MAX_ACCOUNTS) {
            buckets.clear(); // bounded memory; accounts are far fewer than this
        }
        return buckets.computeIfAbsent(account, a -> new Bucket(perMinute, nowNanos)).take(perMinute, nowNanos);
    }

    /** Tokens as a double, refilled lazily; the monitor of each bucket guards its two fields. */
    private static final class Bucket {
        private double tokens;
        private long updatedNanos;

        Bucket(int capacity, long now) {
            this.tokens = capacity;
            this.updatedNanos = now;
        }

        synchronized long take(int perMinute, long now) {
            double perNano = perMinute / 60e9;
            tokens = Math.min(perMinute, tokens + (now - updatedNanos) * perNano);
            updatedNanos = now;
            if (tokens >= 1) {
                tokens -= 1;
                return 0;
            }
            return Math.max(1, (long) Math.ceil((1 - tokens) / perNano / 1e9));
        }
    }
}
