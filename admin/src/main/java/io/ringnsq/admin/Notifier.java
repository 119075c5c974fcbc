package io.ringnsq.admin;

import java.time.Instant;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ringnsq.transport.nsqd.NsqdContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tells {@code --notification-http-endpoint} of each admin action, as upstream's {@code notifyAdminAction}:
 * a JSON POST, sent without waiting, a failure only logged.
 */
final class Notifier
{
    private static final Logger LOG = LoggerFactory.getLogger("nsqadmin");

    private final String endpoint;
    private final NodeClient client;
    private final ObjectMapper json;
    private final String via = NsqdContext.hostname();

    Notifier(final String endpoint, final NodeClient client, final ObjectMapper json)
    {
        this.endpoint = endpoint;
        this.client = client;
        this.json = json;
    }

    void notify(final String action, final String topic, final String channel, final String node, final ApiCall call)
    {
        if (endpoint.isEmpty())
        {
            return;
        }
        final String url = "http://" + call.host() + call.path() + (call.query().isEmpty() ? "" : "?" + call.query());
        final AdminAction a = new AdminAction(action, topic, channel, node, Instant.now().getEpochSecond(), call.basicAuthUser(),
            call.remoteAddress(), call.userAgent(), url, via);
        try
        {
            client.postJson(NodeClient.url(endpoint, ""), json.writeValueAsBytes(a)).whenComplete((body, failure) ->
            {
                if (failure != null)
                {
                    LOG.error("failed to notify {} of {} - {}", endpoint, action, NodeClient.message(failure));
                }
            });
        }
        catch (final JsonProcessingException ex)
        {
            LOG.error("failed to encode the {} notification - {}", action, ex.getMessage());
        }
    }
}
