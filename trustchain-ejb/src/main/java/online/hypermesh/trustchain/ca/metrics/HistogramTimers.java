package online.hypermesh.trustchain.ca.metrics;

import java.lang.reflect.Field;
import java.util.logging.Level;
import java.util.logging.Logger;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;

/**
 * Timers with Prometheus histogram buckets, so that alerts can take a p99 with
 * {@code histogram_quantile}. WildFly 39 hands a deployment an {@code ApplicationRegistry} that
 * forwards only the name-based calls ({@code timer(name, tags)}) to the server's registry, with
 * the default distribution (count, sum and max, no buckets): a builder's buckets would land in a
 * private registry nobody exports. So this registers the bucketed timer in the server's registry
 * itself (the registry the application one forwards to), tagged with the deployment exactly as
 * the forwarded meters are. If a later WildFly changes that class, the timer falls back to the
 * name-based call: the figures stay, only the buckets are lost, and this says so in the log.
 */
final class HistogramTimers {
    private static final Logger LOG = Logger.getLogger(HistogramTimers.class.getName());
    private static final String DEPLOYMENT_TAG = "WF_DEPLOYMENT";

    private final MeterRegistry application;
    private final MeterRegistry server;
    private final String deployment;

    private HistogramTimers(MeterRegistry application, MeterRegistry server, String deployment) {
        this.application = application;
        this.server = server;
        this.deployment = deployment;
    }

    static HistogramTimers of(MeterRegistry registry) {
        try {
            Field parent = field(registry.getClass(), "parentRegistry");
            Field name = field(registry.getClass(), "deploymentName");
            if (parent != null && name != null && parent.get(registry) instanceof MeterRegistry server
                    && name.get(registry) instanceof String deployment) {
                return new HistogramTimers(registry, server, deployment);
            }
        } catch (ReflectiveOperationException | RuntimeException e) {
            LOG.log(Level.FINE, "no server registry behind " + registry.getClass().getName(), e);
        }
        LOG.warning(() -> "metrics: cannot reach the server's registry behind " + registry.getClass().getName()
                + "; latency timers are exported without histogram buckets");
        return new HistogramTimers(registry, null, null);
    }

    private static Field field(Class<?> type, String name) {
        for (Class<?> c = type; c != null; c = c.getSuperclass()) {
            try {
                Field f = c.getDeclaredField(name);
                f.setAccessible(true);
                return f;
            } catch (NoSuchFieldException e) {
                // look further up
            }
        }
        return null;
    }

    Timer timer(String name, String description, Tags tags) {
        if (server == null) {
            return application.timer(name, tags);
        }
        return Timer.builder(name).description(description).tags(tags).tag(DEPLOYMENT_TAG, deployment)
                .serviceLevelObjectives(MetricNames.LATENCY_BUCKETS).register(server);
    }
}
