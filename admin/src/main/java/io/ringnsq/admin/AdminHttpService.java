package io.ringnsq.admin;

import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;

import io.ringnsq.transport.http.BodyLimit;
import io.ringnsq.transport.http.HttpExchange;
import io.ringnsq.transport.http.HttpRequest;
import io.ringnsq.transport.http.HttpResponse;
import io.ringnsq.transport.http.NsqResponses;

/**
 * nsqadmin on the shared HTTP server. Pages, static files and {@code /ping} are answered on the I/O
 * agent from memory; {@code /api/*} and {@code /config/*} ask the cluster, so they go to the API's
 * bounded pool and their answer comes back to the agent's thread. A slow node never holds the agent.
 * {@code /render} (with {@code --proxy-graphite} only) waits on graphite without holding any thread.
 */
final class AdminHttpService implements io.ringnsq.transport.http.HttpService
{
    private static final BodyLimit BODY_LIMIT = BodyLimit.upTo(1024 * 1024 + 1);
    private static final Set<String> PAGES = Set.of("", "topics", "nodes", "counter", "lookup");

    private final String basePath;
    private final String aclHeader;
    private final StaticAssets assets;
    private final AdminApi api;
    private final ExecutorService pool;
    private final GraphiteProxy graphite;

    /** @param graphite the {@code /render} proxy; null without {@code --proxy-graphite}, when {@code /render} is not found */
    AdminHttpService(final AdminContext context, final StaticAssets assets, final AdminApi api, final ExecutorService pool,
        final GraphiteProxy graphite)
    {
        this.basePath = context.basePath().equals("/") ? "" : context.basePath();
        this.aclHeader = context.aclHttpHeader();
        this.assets = assets;
        this.api = api;
        this.pool = pool;
        this.graphite = graphite;
    }

    @Override
    public BodyLimit bodyLimit(final HttpRequest head)
    {
        return BODY_LIMIT;
    }

    @Override
    public void onRequest(final HttpExchange exchange)
    {
        final HttpRequest request = exchange.request();
        final String full = request.path();
        if (!full.startsWith(basePath) || (full.length() > basePath.length() && full.charAt(basePath.length()) != '/'))
        {
            exchange.respond(NsqResponses.error(404, "NOT_FOUND"));
            return;
        }
        final String path = full.length() == basePath.length() ? "/" : full.substring(basePath.length());
        if (path.startsWith("/api/") || path.startsWith("/config/"))
        {
            submit(exchange, ApiCall.of(request, path, aclHeader));
            return;
        }
        if (path.equals("/render") && graphite != null)
        {
            if (request.method().equals("GET"))
            {
                answerWhenDone(exchange, graphite.render(request.rawQuery()));
            }
            else
            {
                exchange.respond(NsqResponses.methodNotAllowed("GET, OPTIONS"));
            }
            return;
        }
        exchange.respond(local(request.method(), path, StaticAssets.acceptsGzip(request.header("Accept-Encoding"))));
    }

    /** What the agent answers itself. */
    private HttpResponse local(final String method, final String path, final boolean gzip)
    {
        final boolean get = method.equals("GET") || method.equals("HEAD");
        if (path.equals("/ping"))
        {
            return get ? NsqResponses.plain(200, "OK") : NsqResponses.methodNotAllowed("GET, OPTIONS");
        }
        if (path.startsWith("/static/"))
        {
            return get ? assets.file(path.substring("/static/".length()), gzip) : NsqResponses.methodNotAllowed("GET, OPTIONS");
        }
        if (isPage(path))
        {
            return get ? assets.index(gzip) : NsqResponses.methodNotAllowed("GET, OPTIONS");
        }
        return NsqResponses.error(404, "NOT_FOUND");
    }

    /** Upstream's UI routes: /, /topics[/:topic[/:channel]], /nodes[/:node], /counter, /lookup. */
    static boolean isPage(final String path)
    {
        final String[] s = path.substring(1).split("/", -1);
        if (!PAGES.contains(s[0]))
        {
            return false;
        }
        return switch (s[0])
        {
            case "topics" -> s.length <= 3 && notEmpty(s);
            case "nodes" -> s.length <= 2 && notEmpty(s);
            default -> s.length == 1;
        };
    }

    private static boolean notEmpty(final String[] segments)
    {
        for (int i = 1; i < segments.length; i++)
        {
            if (segments[i].isEmpty())
            {
                return false;
            }
        }
        return true;
    }

    private void submit(final HttpExchange exchange, final ApiCall call)
    {
        final CompletableFuture<HttpResponse> answer;
        try
        {
            answer = CompletableFuture.supplyAsync(() -> api.handle(call), pool);
        }
        catch (final RejectedExecutionException ex)
        {
            exchange.respond(NsqResponses.error(503, "SERVICE_UNAVAILABLE"));
            return;
        }
        answerWhenDone(exchange, answer);
    }

    /** Answers on the agent's thread once the answer is there (each answer here is a response, never a failure). */
    private static void answerWhenDone(final HttpExchange exchange, final CompletableFuture<HttpResponse> answer)
    {
        final Object ticket = new Object(); // the exchange is reused per connection: answer only the request we took
        exchange.attach(ticket);
        final Executor agent = exchange.connection().agentExecutor();
        answer.thenAccept(response -> agent.execute(() ->
        {
            if (exchange.isWaiting() && exchange.attachment() == ticket)
            {
                exchange.respond(response);
            }
        }));
    }
}
