package io.clientele.operation;

import java.util.concurrent.ConcurrentHashMap;

/**
 * A token bucket per API key: {@code perSecond} calls a second on average, bursts up to twice that.
 * In memory, per node: several nodes each allow the full rate.
 */
public final class RateLimiter {
    private final double perSecond;
    private final double burst;
    private final ConcurrentHashMap<String, Bucket> buckets = new ConcurrentHashMap<>();

    private static final class Bucket {
        double tokens;
        long lastNanos;

        Bucket(double tokens, long now) {
            this.tokens = tokens;
            this.lastNanos = now;
        }
    }

    public RateLimiter(double perSecond) {
        this.perSecond = perSecond;
        this.burst = Math.max(1, perSecond * 2);
    }

    public static RateLimiter unlimited() {
        return new RateLimiter(Double.POSITIVE_INFINITY);
    }

    public boolean tryAcquire(String key) {
        if (Double.isInfinite(perSecond) || key == null) return true;
        long now = System.nanoTime();
        Bucket bucket = buckets.computeIfAbsent(key, k -> new Bucket(burst, now));
        synchronized (bucket) {
            bucket.tokens = Math.min(burst, bucket.tokens + (now - bucket.lastNanos) / 1e9 * perSecond);
            bucket.lastNanos = now;
            if (bucket.tokens < 1) return false;
            bucket.tokens -= 1;
            return true;
        }
    }
}
