package io.ringnsq.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.sproutsocial.nsq.Client;
import com.sproutsocial.nsq.Config;
import com.sproutsocial.nsq.Publisher;
import com.sproutsocial.nsq.Subscriber;

import io.ringnsq.interop.support.ChannelBarrier;
import io.ringnsq.interop.support.ChannelLedger;
import io.ringnsq.interop.support.FakeLookupd;
import io.ringnsq.interop.support.NsqJSubscribers;
import io.ringnsq.interop.support.PublishPlan;
import io.ringnsq.interop.support.RunningNsqd;
import io.ringnsq.transport.nsqd.NsqdContext;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * sproutsocial nsq-j 1.2 with each stream feature it supports, against ringnsq's nsqd: snappy (framed, through
 * snappy-java's {@code SnappyFramedInputStream}/{@code OutputStream}), deflate (JDK {@code Inflater}/{@code Deflater}
 * with sync flush) and TLS (JDK {@code SSLSocket} layered on the plain socket after IDENTIFY; the broker's
 * certificate is verified against the test CA). Per mode, as {@link NsqJInteropTest} does in plain mode: 10,000
 * messages published with PUB, MPUB and DPUB, consumed on two channels with FIN and REQ, each counted exactly once
 * per channel (published by {@value #PUBLISHERS} publishers at once, see there). nsq-j falls back to plain silently
 * when the broker declines a feature, so {@code /stats} must show the feature on every connection of the run, the
 * publishers' and both subscribers'.
 *
 * <p>TLS together with compression is not among the modes: nsq-j 1.2 layers the compression streams over the
 * plain socket, not the TLS one (its {@code wrapCompression} gets the socket from before {@code wrapEncryption}), so
 * it cannot speak that combination to any nsqd. nsqjs's suite and {@code io.ringnsq.transport.features} cover it.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
final class NsqJFeaturesInteropTest
{
    enum Mode
    {
        SNAPPY, DEFLATE, TLS
    }

    private static final int MAX_IN_FLIGHT = 200;
    private static final Duration CHANNELS_LIMIT = Duration.ofSeconds(15);
    private static final Duration CONSUME_LIMIT = Duration.ofSeconds(60);
    /**
     * Publishing connections, each sending its share of the plan. nsq-j publishes synchronously (one PUB, wait for
     * OK), and in snappy mode it writes each snappy chunk as two socket writes (header, then data) on a socket without
     * TCP_NODELAY: Nagle holds the data until the broker's kernel acknowledges the header, which it delays (~40 ms on
     * Linux), so each PUB takes ~43 ms whatever the broker (the same happens with any server that answers after the
     * whole chunk). 4,000 PUBs in a row would take three minutes; 40 connections take a few seconds.
     */
    private static final int PUBLISHERS = 40;
    private static final Duration PUBLISH_LIMIT = Duration.ofSeconds(60);
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @ParameterizedTest(name = "{0}")
    @EnumSource(Mode.class)
    void shouldDeliverEveryMessageExactlyOncePerChannelOverTheNegotiatedFeature(final Mode mode) throws Exception
    {
        final String topic = "nsqj_" + mode.name().toLowerCase();
        final PublishPlan plan = PublishPlan.create(topic, 4_000, 5_000, 1_000);
        final List<ChannelLedger> ledgers = List.of(new ChannelLedger("alpha", plan), new ChannelLedger("beta", plan));
        final List<String> problems = new ArrayList<>();

        try (RunningNsqd nsqd = RunningNsqd.start("nsqj-" + mode.name().toLowerCase(), brokerOptions(mode));
             FakeLookupd lookupd = FakeLookupd.start(nsqd.host(), nsqd.port()))
        {
            final Client client = new Client();
            try
            {
                if (mode == Mode.TLS)
                {
                    client.setSSLSocketFactory(trustingTestCa().getSocketFactory());
                }
                final Subscriber subscriber = NsqJSubscribers.lookingUp(client, lookupd);
                subscriber.setConfig(clientConfig(mode));
                NsqJSubscribers.subscribeAll(subscriber, topic, MAX_IN_FLIGHT, ledgers);
                final List<Publisher> publishers = new ArrayList<>();
                for (int i = 0; i < PUBLISHERS; i++)
                {
                    final Publisher publisher = new Publisher(client, nsqd.hostAndPort(), null);
                    publisher.setConfig(clientConfig(mode));
                    publishers.add(publisher);
                }
                ChannelBarrier.awaitEveryChannel(probe -> publishers.get(0).publish(topic, probe), CHANNELS_LIMIT, ledgers);

                publishInParallel(publishers, topic, plan);
                problems.addAll(ChannelLedger.awaitEveryMessage(ledgers, CONSUME_LIMIT));
                problems.addAll(featureProblems(nsqd, topic, mode));
            }
            finally
            {
                client.stop();
            }
        }

        ledgers.forEach(ledger -> System.out.println("[nsq-j " + mode + "] " + ledger.summary()));
        ledgers.forEach(ledger -> problems.addAll(ledger.problems()));
        assertTrue(problems.isEmpty(), String.join("\n", problems));
    }

    private static UnaryOperator<NsqdContext> brokerOptions(final Mode mode)
    {
        // snappy and deflate are on by default (upstream); TLS needs a certificate and key
        return context -> mode != Mode.TLS ? context
            : context.tlsCert(fixture("server-rsa.pem").toString()).tlsKey(fixture("server-rsa-pkcs8.key").toString());
    }

    private static Config clientConfig(final Mode mode)
    {
        final Config config = new Config();
        switch (mode)
        {
            case SNAPPY -> config.setSnappy(true);
            case DEFLATE -> config.setDeflate(true);
            case TLS -> config.setTlsV1(true);
            default -> throw new IllegalArgumentException(mode.name());
        }
        return config;
    }

    /**
     * Every connection on the topic (the two subscribers' and the publisher's) has exactly this mode's feature in
     * {@code /stats}: nsq-j would have fallen back to plain without complaint.
     */
    private static List<String> featureProblems(final RunningNsqd nsqd, final String topic, final Mode mode) throws Exception
    {
        final HttpResponse<String> response = HTTP.send(
            HttpRequest.newBuilder(URI.create(nsqd.httpBase() + "/stats?format=json&topic=" + topic)).GET().build(),
            HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode(), response.body());
        final JsonObject stats = new JsonParser().parse(response.body()).getAsJsonObject();
        final List<JsonObject> clients = new ArrayList<>();
        for (final JsonElement topicStats : stats.getAsJsonArray("topics"))
        {
            for (final JsonElement channel : topicStats.getAsJsonObject().getAsJsonArray("channels"))
            {
                channel.getAsJsonObject().getAsJsonArray("clients").forEach(c -> clients.add(c.getAsJsonObject()));
            }
        }
        final int subscribers = clients.size();
        stats.getAsJsonArray("producers").forEach(c -> clients.add(c.getAsJsonObject()));
        final List<String> problems = new ArrayList<>();
        if (subscribers != 2 || clients.size() != 2 + PUBLISHERS)
        {
            problems.add("/stats lists " + subscribers + " subscriber(s) and " + (clients.size() - subscribers)
                + " producer(s), expected 2 and " + PUBLISHERS + ": " + response.body());
        }
        for (final JsonObject c : clients)
        {
            final boolean snappy = c.get("snappy").getAsBoolean();
            final boolean deflate = c.get("deflate").getAsBoolean();
            final boolean tls = c.get("tls").getAsBoolean();
            if (snappy != (mode == Mode.SNAPPY) || deflate != (mode == Mode.DEFLATE) || tls != (mode == Mode.TLS))
            {
                problems.add("client " + c.get("remote_address") + " (" + c.get("user_agent") + ") in /stats has snappy " + snappy
                    + ", deflate " + deflate + ", tls " + tls + "; expected only " + mode);
            }
            if (mode == Mode.TLS && !c.get("tls_version").getAsString().startsWith("TLS1."))
            {
                problems.add("client " + c.get("remote_address") + " has tls_version " + c.get("tls_version"));
            }
        }
        return problems;
    }

    /**
     * Publisher {@code k} of {@code n} publishes the plan's PUB and DPUB messages with index = k mod n and the MPUB
     * batches with number = k mod n, all publishers at once.
     */
    private static void publishInParallel(final List<Publisher> publishers, final String topic, final PublishPlan plan)
        throws Exception
    {
        final int n = publishers.size();
        final ExecutorService pool = Executors.newFixedThreadPool(n);
        try
        {
            final List<Future<?>> done = new ArrayList<>();
            for (int k = 0; k < n; k++)
            {
                final int slice = k;
                final Publisher publisher = publishers.get(k);
                done.add(pool.submit(() ->
                {
                    for (final PublishPlan.Entry entry : plan.of(PublishPlan.Method.PUB))
                    {
                        if (entry.index() % n == slice)
                        {
                            publisher.publish(topic, entry.bytes());
                        }
                    }
                    final List<List<byte[]>> batches = plan.mpubBatches();
                    for (int b = slice; b < batches.size(); b += n)
                    {
                        publisher.publish(topic, batches.get(b));
                    }
                    for (final PublishPlan.Entry entry : plan.of(PublishPlan.Method.DPUB))
                    {
                        if (entry.index() % n == slice)
                        {
                            publisher.publishDeferred(topic, entry.bytes(), entry.deferMillis(), TimeUnit.MILLISECONDS);
                        }
                    }
                    return null;
                }));
            }
            for (final Future<?> future : done)
            {
                future.get(PUBLISH_LIMIT.toSeconds(), TimeUnit.SECONDS);
            }
        }
        finally
        {
            pool.shutdownNow();
        }
    }

    /** A client TLS context that trusts the test CA only (nsq-j's default would trust the JDK's CAs only). */
    private static SSLContext trustingTestCa() throws Exception
    {
        final KeyStore trusted = KeyStore.getInstance("PKCS12");
        trusted.load(null, null);
        try (InputStream pem = Files.newInputStream(fixture("ca.pem")))
        {
            trusted.setCertificateEntry("ringnsq-test-ca", CertificateFactory.getInstance("X.509").generateCertificate(pem));
        }
        final TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(trusted);
        final SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, trust.getTrustManagers(), null);
        return context;
    }

    private static Path fixture(final String name)
    {
        final URL url = NsqJFeaturesInteropTest.class.getResource("/tls/" + name);
        if (url == null)
        {
            throw new IllegalStateException("no fixture /tls/" + name);
        }
        try
        {
            return Path.of(url.toURI());
        }
        catch (final URISyntaxException ex)
        {
            throw new IllegalStateException(ex);
        }
    }
}
