package io.ringnsq.transport.http;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;

import io.ringnsq.core.link.CommandEvent;
import io.ringnsq.core.link.CommandType;
import io.ringnsq.core.link.OutboundEvent;

/**
 * A tiny service over the paths the tests use: {@code /echo} answers with the body, {@code /engine}
 * sends the body to the (fake) engine and answers with what comes back, {@code /describe} answers
 * with what the server parsed, {@code /discard} does not want its body, {@code /empty} answers 200
 * with no body, {@code /big} with 1 MiB, {@code /service} reads its body with
 * {@link BodyLimit#upTo(int)} and answers every outcome itself, {@code /status/N} with status N, and {@code /fail} throws.
 */
final class TestService implements HttpService
{
    static final int MAX_BODY = 1024;
    static final HttpHeaders V1 = HttpHeaders.of("X-NSQ-Content-Type", "nsq; version=1.0");
    static final HttpResponse TOO_BIG = HttpResponse.of(
        413, V1.with("Content-Type", "application/json; charset=utf-8"), "{\"message\":\"MSG_TOO_BIG\"}");
    private static final BodyLimit LIMIT = BodyLimit.upTo(MAX_BODY, TOO_BIG);
    private static final BodyLimit SERVICE_ANSWERS = BodyLimit.upTo(MAX_BODY);

    /** The answer of {@code /big}: large enough that a client not reading fills the output. */
    static final byte[] BIG = new byte[1 << 20];

    final AtomicInteger bodyLimitCalls = new AtomicInteger();
    final AtomicInteger requests = new AtomicInteger();

    @Override
    public BodyLimit bodyLimit(final HttpRequest head)
    {
        bodyLimitCalls.incrementAndGet();
        return switch (head.path())
        {
            case "/discard" -> BodyLimit.DISCARD;
            case "/service" -> SERVICE_ANSWERS;
            default -> LIMIT;
        };
    }

    @Override
    public void onRequest(final HttpExchange exchange)
    {
        requests.incrementAndGet();
        final HttpRequest r = exchange.request();
        final String path = r.path();
        switch (path)
        {
            case "/echo" -> exchange.respond(200, V1, r.body());
            case "/service" ->
            {
                // as nsqd's handlers answer after their own ReadAll
                switch (r.bodyStatus())
                {
                    case TOO_BIG -> exchange.respond(413, V1, "{\"message\":\"BODY_TOO_BIG\"}".getBytes(StandardCharsets.US_ASCII));
                    case UNREADABLE -> exchange.respond(500, V1, "{\"message\":\"INTERNAL_ERROR\"}".getBytes(StandardCharsets.US_ASCII));
                    default -> exchange.respond(200, V1, r.body());
                }
            }
            case "/engine" ->
            {
                final long sequence = exchange.link().claimCommand();
                final CommandEvent e = exchange.link().command(sequence);
                e.type = CommandType.HTTP_PUB;
                e.connectionId = exchange.connectionId();
                e.topic = "t";
                e.body = r.body();
                exchange.link().publishCommand(sequence);
                exchange.attach("engine");
            }
            case "/describe" -> exchange.respond(200, HttpHeaders.EMPTY, describe(r).getBytes(StandardCharsets.UTF_8));
            case "/discard", "/empty" -> exchange.respond(200, V1, null);
            case "/big" -> exchange.respond(200, V1, BIG);
            case "/fail" -> throw new IllegalStateException("the service failed");
            default ->
            {
                if (path.startsWith("/status/"))
                {
                    exchange.respond(Integer.parseInt(path.substring(8)), HttpHeaders.EMPTY,
                        "status".getBytes(StandardCharsets.US_ASCII));
                }
                else
                {
                    exchange.respond(404, V1.with("Content-Type", "application/json; charset=utf-8"),
                        "{\"message\":\"NOT_FOUND\"}".getBytes(StandardCharsets.US_ASCII));
                }
            }
        }
    }

    @Override
    public void onEngineEvent(final HttpExchange exchange, final OutboundEvent event)
    {
        final byte[] payload = (byte[])event.payload;
        exchange.respond(200, V1, payload == null ? "OK".getBytes(StandardCharsets.US_ASCII) : payload);
    }

    private static String describe(final HttpRequest r)
    {
        final StringBuilder sb = new StringBuilder();
        sb.append("method=").append(r.method()).append('\n');
        sb.append("path=").append(r.path()).append('\n');
        sb.append("rawQuery=").append(r.rawQuery()).append('\n');
        sb.append("queryInvalid=").append(r.query().isInvalid()).append('\n');
        for (int i = 0; i < r.query().size(); i++)
        {
            sb.append("q:").append(r.query().key(i)).append('=').append(r.query().value(i)).append('\n');
        }
        for (int i = 0; i < r.headerCount(); i++)
        {
            sb.append("h:").append(r.headerName(i)).append('=').append(r.headerValue(i)).append('\n');
        }
        sb.append("body=").append(new String(r.body(), StandardCharsets.UTF_8)).append('\n');
        sb.append("remote=").append(r.remoteAddress().startsWith("127.0.0.1:")).append('\n');
        return sb.toString();
    }
}
