package io.ringnsq.admin;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * End-to-end processing latency as nsqadmin aggregates it ({@code quantile.E2eProcessingLatencyAggregate}):
 * a node's {@code {"count", "percentiles":[{"quantile","value"}]}} read from {@code /stats}, and summed over
 * nodes into percentiles with {@code average, count, max, min, quantile, value} (Go map keys, so sorted).
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonPropertyOrder({"count", "percentiles", "topic", "channel", "host"})
public final class E2eLatency
{
    @JsonProperty("count") public long count;
    /** Null when no node tracks percentiles, as Go's nil slice marshals. */
    @JsonProperty("percentiles") public List<Map<String, Number>> percentiles;
    @JsonProperty("topic") public String topic = "";
    @JsonProperty("channel") public String channel = "";
    @JsonProperty("host") public String host = "";

    static E2eLatency aggregate(final String host, final String topic, final String channel)
    {
        final E2eLatency e = new E2eLatency();
        e.host = host;
        e.topic = topic;
        e.channel = channel;
        return e;
    }

    /** Adds one node's figures: per quantile the min, max and mean of the nodes' values; value is the worst (max). */
    void add(final E2eLatency node)
    {
        if (node == null)
        {
            return;
        }
        count += node.count;
        if (node.percentiles == null)
        {
            return;
        }
        for (final Map<String, Number> p : node.percentiles)
        {
            final double quantile = value(p, "quantile");
            final double v = value(p, "value");
            if (percentiles == null)
            {
                percentiles = new ArrayList<>();
            }
            Map<String, Number> mine = null;
            for (final Map<String, Number> m : percentiles)
            {
                if (value(m, "quantile") == quantile)
                {
                    mine = m;
                }
            }
            if (mine == null)
            {
                mine = new TreeMap<>();
                mine.put("quantile", number(quantile));
                mine.put("count", 0L);
                mine.put("min", number(v));
                mine.put("max", number(v));
                mine.put("average", 0L);
                percentiles.add(mine);
            }
            final double n = value(mine, "count");
            mine.put("average", number((value(mine, "average") * n + v) / (n + 1)));
            mine.put("count", number(n + 1));
            mine.put("min", number(Math.min(value(mine, "min"), v)));
            mine.put("max", number(Math.max(value(mine, "max"), v)));
            mine.put("value", mine.get("max"));
        }
        percentiles.sort(Comparator.comparingDouble((Map<String, Number> m) -> value(m, "quantile")).reversed());
    }

    private static double value(final Map<String, Number> m, final String key)
    {
        final Number n = m.get(key);
        return n == null ? 0 : n.doubleValue();
    }

    /** Go prints a whole float64 without a fraction (0, not 0.0): keep whole values as longs. */
    static Number number(final double d)
    {
        return d == Math.rint(d) && Math.abs(d) < 1e15 ? (Number)(long)d : (Number)d;
    }
}
