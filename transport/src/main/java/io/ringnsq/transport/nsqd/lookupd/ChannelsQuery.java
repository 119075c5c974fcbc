package io.ringnsq.transport.nsqd.lookupd;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.ringnsq.cli.GoQuote;
import io.ringnsq.core.json.GoJson;
import io.ringnsq.transport.http.StatusText;

/**
 * Upstream's {@code ClusterInfo.GetLookupdTopicChannels}: {@code GET /channels?topic=<t>} on every
 * lookupd at once, the union of their answers sorted; an error only when every lookupd failed, else
 * the answers there are and the errors beside them. Asynchronous (the JDK's {@link HttpClient},
 * created at the first query, on one thread of its own plus the client's selector), so the
 * registration thread keeps registering and PINGing while a slow lookupd is asked. Each request is
 * bounded by {@code --http-client-connect-timeout} and, as a whole, {@code --http-client-request-timeout}.
 */
final class ChannelsQuery implements AutoCloseable
{
    static final String ACCEPT = "application/vnd.nsq; version=1.0";
    private static final JsonFactory JSON = new JsonFactory();

    /** What the lookupds answered: the channel names, and the errors of those that failed ({@code null} if none). */
    record Answer(List<String> channels, String error)
    {
    }

    private final Duration connectTimeout;
    private final Duration requestTimeout;
    private ExecutorService executor;
    private HttpClient http;

    ChannelsQuery(final Duration connectTimeout, final Duration requestTimeout)
    {
        this.connectTimeout = connectTimeout;
        this.requestTimeout = requestTimeout;
    }

    /** Asks every lookupd HTTP address ({@code host:port}); the answer completes on the client's thread. */
    CompletableFuture<Answer> query(final String topic, final List<String> httpAddresses)
    {
        final List<CompletableFuture<Object>> each = new ArrayList<>();
        for (final String address : httpAddresses)
        {
            each.add(get("http://" + address + "/channels?topic=" + URLEncoder.encode(topic, StandardCharsets.UTF_8)));
        }
        return CompletableFuture.allOf(each.toArray(CompletableFuture[]::new)).handle((ignored, error) -> combine(each));
    }

    private static Answer combine(final List<CompletableFuture<Object>> each)
    {
        final TreeSet<String> channels = new TreeSet<>();
        final List<String> errors = new ArrayList<>();
        for (final CompletableFuture<Object> one : each)
        {
            final Object result = one.join(); // done: get() maps every failure to a String
            if (result instanceof String)
            {
                errors.add((String)result);
            }
            else
            {
                @SuppressWarnings("unchecked")
                final List<String> names = (List<String>)result;
                channels.addAll(names);
            }
        }
        if (errors.size() == each.size() && !errors.isEmpty())
        {
            return new Answer(List.of(), "Failed to query any nsqlookupd: " + errors);
        }
        return new Answer(List.copyOf(channels), errors.isEmpty() ? null : errors.toString());
    }

    /** A list of channel names, or a String describing the failure. */
    private CompletableFuture<Object> get(final String endpoint)
    {
        final HttpRequest.Builder request;
        try
        {
            request = HttpRequest.newBuilder(URI.create(endpoint)).GET().header("Accept", ACCEPT);
        }
        catch (final IllegalArgumentException ex)
        {
            return CompletableFuture.completedFuture(endpoint + ": " + ex.getMessage());
        }
        if (!requestTimeout.isZero() && !requestTimeout.isNegative())
        {
            request.timeout(requestTimeout);
        }
        CompletableFuture<HttpResponse<byte[]>> sent = client().sendAsync(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        if (!requestTimeout.isZero() && !requestTimeout.isNegative())
        {
            // Go's http.Client.Timeout bounds the whole exchange, the body included
            sent = sent.orTimeout(requestTimeout.toNanos(), TimeUnit.NANOSECONDS);
        }
        return sent.handle((response, error) -> error != null ? endpoint + ": " + describe(error) : answer(response));
    }

    private static Object answer(final HttpResponse<byte[]> response)
    {
        final int status = response.statusCode();
        if (status != 200)
        {
            return "got response " + (status + " " + StatusText.of(status)).trim() + " " + GoQuote.quote(response.body());
        }
        try
        {
            return parseChannels(response.body());
        }
        catch (final IOException ex)
        {
            return ex.getMessage();
        }
    }

    private static String describe(final Throwable error)
    {
        final Throwable cause = error.getCause() != null && error instanceof java.util.concurrent.CompletionException ? error.getCause() : error;
        return cause.getClass().getSimpleName() + (cause.getMessage() == null ? "" : ": " + cause.getMessage());
    }

    /**
     * Go's {@code json.Unmarshal} into {@code struct{ Channels []string `json:"channels"` }}: the key matched as Go
     * matches it, others skipped, {@code null} elements as {@code ""}; anything else fails.
     */
    static List<String> parseChannels(final byte[] body) throws IOException
    {
        final List<String> channels = new ArrayList<>();
        try (JsonParser parser = JSON.createParser(body))
        {
            if (parser.nextToken() != JsonToken.START_OBJECT)
            {
                throw new IOException("not a JSON object");
            }
            while (parser.nextToken() == JsonToken.FIELD_NAME)
            {
                final String key = parser.currentName();
                final JsonToken value = parser.nextToken();
                if (!GoJson.keyMatches("channels", key) || value == JsonToken.VALUE_NULL)
                {
                    parser.skipChildren();
                    continue;
                }
                if (value != JsonToken.START_ARRAY)
                {
                    throw new IOException("json: cannot unmarshal " + GoJson.kind(value) + " into field channels");
                }
                channels.clear();
                for (JsonToken token = parser.nextToken(); token != JsonToken.END_ARRAY; token = parser.nextToken())
                {
                    if (token != JsonToken.VALUE_STRING && token != JsonToken.VALUE_NULL)
                    {
                        throw new IOException("json: cannot unmarshal " + GoJson.kind(token) + " into a channel name");
                    }
                    channels.add(token == JsonToken.VALUE_NULL ? "" : parser.getText());
                }
            }
        }
        catch (final RuntimeException ex)
        {
            throw new IOException(ex.getMessage(), ex);
        }
        return channels;
    }

    private HttpClient client()
    {
        if (http == null)
        {
            executor = Executors.newSingleThreadExecutor(task ->
            {
                final Thread thread = new Thread(task, "nsqd-lookupd-http");
                thread.setDaemon(true);
                return thread;
            });
            final HttpClient.Builder builder = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .followRedirects(HttpClient.Redirect.ALWAYS)
                .executor(executor);
            if (!connectTimeout.isZero() && !connectTimeout.isNegative())
            {
                builder.connectTimeout(connectTimeout);
            }
            http = builder.build();
        }
        return http;
    }

    @Override
    public void close()
    {
        if (executor != null)
        {
            executor.shutdownNow();
        }
    }
}
