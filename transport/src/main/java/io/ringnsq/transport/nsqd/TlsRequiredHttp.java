package io.ringnsq.transport.nsqd;

import java.nio.charset.StandardCharsets;

import io.ringnsq.core.link.OutboundEvent;
import io.ringnsq.transport.http.BodyLimit;
import io.ringnsq.transport.http.HttpExchange;
import io.ringnsq.transport.http.HttpHeaders;
import io.ringnsq.transport.http.HttpRequest;
import io.ringnsq.transport.http.HttpResponse;
import io.ringnsq.transport.http.HttpService;
import io.ringnsq.transport.http.NsqResponses;

/**
 * The plain HTTP listener under {@code --tls-required=true}: every request gets upstream's 403, with
 * its exact body (spaces after the colons included) pointing at the HTTPS port.
 */
final class TlsRequiredHttp implements HttpService
{
    private final HttpResponse forbidden;

    TlsRequiredHttp(final int httpsPort)
    {
        final byte[] body = ("{\"message\": \"TLS_REQUIRED\", \"https_port\": " + httpsPort + "}").getBytes(StandardCharsets.UTF_8);
        forbidden = HttpResponse.of(403,
            HttpHeaders.of("X-Nsq-Content-Type", "nsq; version=1.0", "Content-Type", NsqResponses.JSON), body);
    }

    @Override
    public BodyLimit bodyLimit(final HttpRequest head)
    {
        return BodyLimit.DISCARD;
    }

    @Override
    public void onRequest(final HttpExchange exchange)
    {
        exchange.respond(forbidden);
    }

    @Override
    public void onEngineEvent(final HttpExchange exchange, final OutboundEvent event)
    {
        // nothing is ever asked of the engine here
    }
}
