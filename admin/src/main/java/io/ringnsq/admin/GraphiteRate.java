package io.ringnsq.admin;

import java.util.concurrent.CompletionException;

import com.fasterxml.jackson.databind.JsonNode;
import io.ringnsq.transport.http.HttpResponse;
import io.ringnsq.transport.http.NsqResponses;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code GET /api/graphite?metric=rate&target=<t>} as upstream's graphiteHandler: graphite's {@code /render} of
 * the target from two statsd intervals ago to one, its first datapoint divided by the interval in seconds,
 * {@code {"rate":"12.34"}} (or {@code "N/A"} for a negative value), graphite asked with the credentials of its URL.
 * Upstream's pages ask graphite for these rates straight from the browser; ringnsq's ask here, which works
 * whether or not the browser can reach graphite.
 */
final class GraphiteRate
{
    private static final Logger LOG = LoggerFactory.getLogger("nsqadmin");

    private final GraphiteUrl graphite;
    private final long intervalSeconds;
    private final NodeClient client;

    GraphiteRate(final AdminContext context, final GraphiteUrl graphite, final NodeClient client)
    {
        this.graphite = graphite;
        this.intervalSeconds = Math.max(1, context.statsdInterval().toSeconds());
        this.client = client;
    }

    HttpResponse rate(final ApiCall call)
    {
        if (!"rate".equals(call.param("metric")))
        {
            return AdminApi.error(400, "INVALID_ARG_METRIC");
        }
        final String target = call.param("target");
        if (target == null)
        {
            return AdminApi.error(400, "INVALID_ARG_TARGET");
        }
        // url.Values.Encode: keys sorted
        final String query = "/render?format=json&from=-" + 2 * intervalSeconds + "sec&target=" + ClusterInfo.q(target)
            + "&until=-" + intervalSeconds + "sec";
        LOG.info("GRAPHITE: {}{}", graphite.address(), query);
        try
        {
            final JsonNode value = client.getJson(graphite.address(), query, graphite.authorization()).join()
                .path(0).path("datapoints").path(0).path(0);
            if (!value.isNumber())
            {
                return AdminApi.error(500, "INTERNAL_ERROR"); // upstream dereferences a nil datapoint here
            }
            final double rate = value.asDouble();
            final String text = rate < 0 ? "N/A" : String.format(java.util.Locale.ROOT, "%.2f", rate / intervalSeconds);
            return NsqResponses.json(("{\"rate\":\"" + text + "\"}").getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }
        catch (final CompletionException ex)
        {
            LOG.error("GRAPHITE: {}", NodeClient.message(ex));
            return AdminApi.error(500, "INTERNAL_ERROR");
        }
    }
}
