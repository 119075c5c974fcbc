package io.ringnsq.admin.support;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ringnsq.transport.nsqd.Nsqd;
import io.ringnsq.transport.nsqd.NsqdContext;
import io.ringnsq.transport.nsqd.TlsRequired;

/** A real ringnsq nsqd in this JVM on 127.0.0.1 port 0, with a data folder of its own, and its HTTP API. */
public final class TestNsqd implements AutoCloseable
{
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path dataPath;
    private final Nsqd nsqd;

    private TestNsqd(final Path dataPath, final Nsqd nsqd)
    {
        this.dataPath = dataPath;
        this.nsqd = nsqd;
    }

    /** Starts an nsqd whose broadcast address is 127.0.0.1, so nsqadmin's node names are reachable. */
    public static TestNsqd start() throws IOException
    {
        return start(loopback());
    }

    /** An nsqd registered with the nsqlookupd at {@code lookupdTcpAddress}. */
    public static TestNsqd startRegisteredWith(final String lookupdTcpAddress) throws IOException
    {
        return start(loopback().nsqlookupdTcpAddresses(java.util.List.of(lookupdTcpAddress)));
    }

    /** An nsqd with {@code --tls-required=true}: plain HTTP answers 403 TLS_REQUIRED with the port of its HTTPS listener. */
    public static TestNsqd startTlsRequired(final Path certificate, final Path key) throws IOException
    {
        return start(tlsRequired(certificate, key));
    }

    /** As {@link #startTlsRequired}, and the HTTPS port requires a client certificate that {@code clientRoots} verify. */
    public static TestNsqd startClientCertificateRequired(final Path certificate, final Path key, final Path clientRoots)
        throws IOException
    {
        return start(tlsRequired(certificate, key).tlsClientAuthPolicy("require-verify").tlsRootCaFile(clientRoots.toString()));
    }

    private static TestNsqd start(final NsqdContext context) throws IOException
    {
        final Path dir = Files.createTempDirectory("admin-nsqd");
        return new TestNsqd(dir, Nsqd.start(context.dataPath(dir)));
    }

    private static NsqdContext loopback()
    {
        return new NsqdContext().tcpAddress("127.0.0.1:0").httpAddress("127.0.0.1:0").broadcastAddress("127.0.0.1");
    }

    private static NsqdContext tlsRequired(final Path certificate, final Path key)
    {
        return loopback().httpsAddress("127.0.0.1:0").tlsCert(certificate.toString()).tlsKey(key.toString())
            .tlsRequired(TlsRequired.YES);
    }

    /** {@code 127.0.0.1:<http port>}: the address nsqadmin is given and names the node by. */
    public String httpAddress()
    {
        return "127.0.0.1:" + nsqd.httpAddress().getPort();
    }

    public int httpPort()
    {
        return nsqd.httpAddress().getPort();
    }

    public int tcpPort()
    {
        return nsqd.tcpAddress().getPort();
    }

    public void post(final String pathAndQuery, final String body) throws IOException, InterruptedException
    {
        final HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create("http://" + httpAddress() + pathAndQuery))
            .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200)
        {
            throw new IOException("POST " + pathAndQuery + " gave " + r.statusCode() + " " + r.body());
        }
    }

    public void publish(final String topic, final String body) throws IOException, InterruptedException
    {
        post("/pub?topic=" + topic, body);
    }

    public void createChannel(final String topic, final String channel) throws IOException, InterruptedException
    {
        post("/topic/create?topic=" + topic, "");
        post("/channel/create?topic=" + topic + "&channel=" + channel, "");
    }

    /** {@code /stats?format=json}, as nsqadmin reads it. */
    public JsonNode stats() throws IOException, InterruptedException
    {
        final HttpResponse<byte[]> r = HTTP.send(HttpRequest.newBuilder(URI.create("http://" + httpAddress() + "/stats?format=json"))
            .build(), HttpResponse.BodyHandlers.ofByteArray());
        return JSON.readTree(r.body());
    }

    /** The stats object of a channel, or null. */
    public JsonNode channelStats(final String topic, final String channel) throws IOException, InterruptedException
    {
        for (final JsonNode t : stats().path("topics"))
        {
            if (t.path("topic_name").asText().equals(topic))
            {
                for (final JsonNode c : t.path("channels"))
                {
                    if (c.path("channel_name").asText().equals(channel))
                    {
                        return c;
                    }
                }
            }
        }
        return null;
    }

    /** The stats object of a topic, or null. */
    public JsonNode topicStats(final String topic) throws IOException, InterruptedException
    {
        for (final JsonNode t : stats().path("topics"))
        {
            if (t.path("topic_name").asText().equals(topic))
            {
                return t;
            }
        }
        return null;
    }

    @Override
    public void close() throws IOException
    {
        nsqd.close();
        try (Stream<Path> files = Files.walk(dataPath))
        {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    static String utf8(final byte[] b)
    {
        return new String(b, StandardCharsets.UTF_8);
    }
}
