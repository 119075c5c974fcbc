package io.ringnsq.transport.features;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.util.List;

import io.ringnsq.transport.nsqd.TlsRequired;
import io.ringnsq.transport.testsupport.Frame;
import io.ringnsq.transport.testsupport.TlsFixtures;
import io.ringnsq.transport.testsupport.Wire;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code --tls-required} (spec §1.6 TLS policy, §3.1, §1.9 HTTPS): with {@code true} or {@code tcp-https}, every
 * command but IDENTIFY sent before the TLS upgrade is refused with the fatal
 * {@code E_INVALID cannot <CMD> in current state (TLS required)}, and after the upgrade the connection works; the
 * plain HTTP listener answers 403 {@code {"message": "TLS_REQUIRED", "https_port": N}} under {@code true} and serves
 * as usual under {@code tcp-https}; HTTPS serves the API either way. {@code false} requires nothing.
 */
final class TlsRequiredTest
{
    private static FeatureNsqd start(final TlsRequired required)
    {
        return FeatureNsqd.start(context -> FeatureNsqd.withTls(context).tlsRequired(required));
    }

    @ParameterizedTest(name = "--tls-required={0}")
    @EnumSource(value = TlsRequired.class, names = {"YES", "TCP_HTTPS"})
    void shouldRefusePubBeforeTlsWithTheTlsRequiredError(final TlsRequired required)
    {
        try (FeatureNsqd nsqd = start(required); StackedClient client = nsqd.connect())
        {
            client.send("PUB t", Wire.utf8("before tls"));
            client.expectFatalError("E_INVALID cannot PUB in current state (TLS required)");
            nsqd.assertStillServes(TlsFixtures.anyServerNoCertificate());
        }
    }

    @ParameterizedTest(name = "{0} before TLS")
    @ValueSource(strings = {"SUB t c", "RDY 1", "FIN 0123456789abcdef", "REQ 0123456789abcdef 0", "TOUCH 0123456789abcdef",
        "CLS", "NOP", "MPUB t", "DPUB t 10", "AUTH", "ASDF"})
    void shouldRefuseEveryOtherCommandBeforeTlsNamingItsRawCommandWord(final String line)
    {
        try (FeatureNsqd nsqd = start(TlsRequired.YES); StackedClient client = nsqd.connect())
        {
            client.send(line);
            client.expectFatalError("E_INVALID cannot " + line.split(" ")[0] + " in current state (TLS required)");
        }
    }

    @Test
    void shouldAcceptIdentifyWithoutTlsAndStillRefuseSubAfterIt()
    {
        try (FeatureNsqd nsqd = start(TlsRequired.YES); StackedClient client = nsqd.connect())
        {
            final Frame answer = client.identify("{\"feature_negotiation\":true,\"tls_v1\":false}");
            assertEquals(IdentifyResponse.defaults().json(), answer.text());
            client.send("SUB t c");
            client.expectFatalError("E_INVALID cannot SUB in current state (TLS required)");
        }
    }

    @ParameterizedTest(name = "--tls-required={0}")
    @EnumSource(value = TlsRequired.class, names = {"YES", "TCP_HTTPS"})
    void shouldServeEveryCommandAfterTheTlsUpgrade(final TlsRequired required)
    {
        try (FeatureNsqd nsqd = start(required); StackedClient client = nsqd.connect())
        {
            final Frame answer = client.identifyAndUpgrade("{\"client_id\":\"required-" + required + "\",\"feature_negotiation\":true,"
                + "\"tls_v1\":true}", TlsFixtures.anyServerNoCertificate(), 0);
            assertEquals(IdentifyResponse.defaults().withTls(true).json(), answer.text());
            client.roundTrip("after-tls", "encrypted all the way");
            ClientStats.assertStreamFields(nsqd, "required-" + required, client.tlsSession(), false, false);
        }
    }

    @Test
    void shouldAnswerEveryPlainHttpRequestWith403TlsRequiredUnderTrue()
    {
        try (FeatureNsqd nsqd = start(TlsRequired.YES))
        {
            final String expected = "{\"message\": \"TLS_REQUIRED\", \"https_port\": " + nsqd.httpsPort() + "}";
            for (final String path : List.of("/ping", "/stats?format=json", "/info", "/nonexistent"))
            {
                final HttpResponse<String> response = nsqd.http(path);
                assertEquals(403, response.statusCode(), path);
                assertEquals(expected, response.body(), path);
                assertEquals("nsq; version=1.0", response.headers().firstValue("X-NSQ-Content-Type").orElse(""), path);
                assertEquals("application/json; charset=utf-8", response.headers().firstValue("Content-Type").orElse(""), path);
            }
        }
    }

    @ParameterizedTest(name = "--tls-required={0}")
    @EnumSource(TlsRequired.class)
    void shouldServeTheApiOverHttpsWhateverIsRequired(final TlsRequired required)
    {
        try (FeatureNsqd nsqd = start(required))
        {
            final HttpResponse<String> ping = nsqd.https("/ping");
            assertEquals(200, ping.statusCode());
            assertEquals("OK", ping.body());
            final HttpResponse<String> info = nsqd.https("/info");
            assertEquals(200, info.statusCode());
            assertEquals((long)nsqd.tcpPort(), Json.object(info.body()).get("tcp_port"), info.body());
        }
    }

    @ParameterizedTest(name = "--tls-required={0}")
    @EnumSource(value = TlsRequired.class, names = {"NO", "TCP_HTTPS"})
    void shouldKeepPlainHttpOpenUnlessTlsIsRequiredForHttpToo(final TlsRequired required)
    {
        try (FeatureNsqd nsqd = start(required))
        {
            final HttpResponse<String> ping = nsqd.http("/ping");
            assertEquals(200, ping.statusCode());
            assertEquals("OK", ping.body());
            final HttpResponse<String> stats = nsqd.http("/stats?format=json");
            assertEquals(200, stats.statusCode());
            assertTrue(stats.body().startsWith("{\"version\":\"1.3.0\""), stats.body());
        }
    }

    @Test
    void shouldServePlainTcpClientsWhenTlsIsOfferedButNotRequired()
    {
        try (FeatureNsqd nsqd = start(TlsRequired.NO); StackedClient client = nsqd.connect())
        {
            client.roundTrip("plain-allowed", "no tls needed");
        }
    }
}
