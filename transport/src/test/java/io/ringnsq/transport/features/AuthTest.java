package io.ringnsq.transport.features;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

import io.ringnsq.transport.nsqd.NsqdContext;
import io.ringnsq.transport.testsupport.TlsFixtures;
import io.ringnsq.transport.testsupport.Wire;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * AUTH against an auth server this test runs (spec §1.5 AUTH, §1.6, §1.10): {@code auth_required} in IDENTIFY, the
 * fatal {@code E_AUTH_FIRST} before AUTH, the AUTH reply, {@code E_UNAUTHORIZED} for what the authorizations do not
 * cover, {@code E_INVALID AUTH already set}, {@code E_UNAUTHORIZED AUTH no authorizations found},
 * {@code E_AUTH_FAILED AUTH failed} for a 403, a garbage or invalid answer and a server that is down; the query the
 * auth server receives ({@code common_name}, {@code remote_ip}, {@code secret}, {@code tls}) with TLS off, on, and with
 * a client certificate; and expiry after the ttl on nsqd's (manual) clock, which makes nsqd ask the server again.
 */
final class AuthTest
{
    private static final String ACCEPT = "application/vnd.nsq; version=1.0";
    /** A secret with characters that the query must escape as Go's url.Values.Encode does. */
    private static final String SECRET = "a b/c+d&e=f";
    private static final String SECRET_ESCAPED = "a+b%2Fc%2Bd%26e%3Df";
    private static final String REPLY = "{\"identity\":\"alice\",\"identity_url\":\"http://x/alice\",\"permission_count\":1}";

    private AuthServer auth;

    @BeforeEach
    void startAuthServer() throws IOException
    {
        auth = AuthServer.start().respond(200, AuthServer.grant(3600, "^allowed", "subscribe", "publish"));
    }

    @AfterEach
    void stopAuthServer()
    {
        auth.close();
    }

    private FeatureNsqd start()
    {
        return start(UnaryOperator.identity());
    }

    private FeatureNsqd start(final UnaryOperator<NsqdContext> more)
    {
        return FeatureNsqd.start(context -> more.apply(context.authHttpAddresses(List.of(auth.address()))));
    }

    private static void authenticate(final StackedClient client, final String secret)
    {
        client.send("AUTH", Wire.utf8(secret));
        client.expectResponse(REPLY);
    }

    @Test
    void shouldSayAuthRequiredInTheIdentifyResponse()
    {
        try (FeatureNsqd nsqd = start(); StackedClient client = nsqd.connect())
        {
            assertEquals(IdentifyResponse.defaults().withAuthRequired(true).json(), client.identify("{\"feature_negotiation\":true}").text());
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"PUB", "MPUB", "DPUB", "SUB"})
    void shouldRefuseEveryPublishAndSubscribeBeforeAuth(final String command)
    {
        try (FeatureNsqd nsqd = start(); StackedClient client = nsqd.connect())
        {
            switch (command)
            {
                case "PUB" -> client.send("PUB allowed", Wire.utf8("before auth"));
                case "MPUB" -> client.send("MPUB allowed", Wire.concat(Wire.int32(1), Wire.int32(3), Wire.ascii("one")));
                case "DPUB" -> client.send("DPUB allowed 10", Wire.utf8("before auth"));
                default -> client.send("SUB allowed ch");
            }
            client.expectFatalError("E_AUTH_FIRST AUTH required before " + command);
            assertEquals(List.of(), auth.requests(), "no AUTH, no query");
        }
    }

    @Test
    void shouldAnswerASuccessfulAuthWithIdentityUrlAndPermissionCountThenAllowWhatItGrants()
    {
        try (FeatureNsqd nsqd = start(); StackedClient client = nsqd.connect())
        {
            client.identify("{\"client_id\":\"alice-client\",\"feature_negotiation\":true}");
            authenticate(client, SECRET);
            client.roundTrip("allowed-topic", "authorized");
            final Map<String, Object> stats = nsqd.statsClient("alice-client").orElseThrow();
            assertEquals(true, stats.get("authed"), stats.toString());
            assertEquals("alice", stats.get("auth_identity"), stats.toString());
            assertEquals("http://x/alice", stats.get("auth_identity_url"), stats.toString());
        }
    }

    @Test
    void shouldRefusePublishingToATopicTheAuthorizationsDoNotCover()
    {
        try (FeatureNsqd nsqd = start(); StackedClient client = nsqd.connect())
        {
            authenticate(client, SECRET);
            client.publish("allowed", "fine");
            client.send("PUB other", Wire.utf8("not fine"));
            client.expectFatalError("E_UNAUTHORIZED AUTH failed for PUB on \"other\" \"\"");
        }
    }

    @Test
    void shouldRefuseSubscribingToATopicTheAuthorizationsDoNotCover()
    {
        try (FeatureNsqd nsqd = start(); StackedClient client = nsqd.connect())
        {
            authenticate(client, SECRET);
            client.send("SUB other ch");
            client.expectFatalError("E_UNAUTHORIZED AUTH failed for SUB on \"other\" \"ch\"");
        }
    }

    @Test
    void shouldRefusePublishingWithOnlyTheSubscribePermission()
    {
        auth.respond(200, AuthServer.grant(3600, "^allowed", "subscribe"));
        try (FeatureNsqd nsqd = start(); StackedClient client = nsqd.connect())
        {
            authenticate(client, SECRET);
            client.send("PUB allowed", Wire.utf8("no publish permission"));
            client.expectFatalError("E_UNAUTHORIZED AUTH failed for PUB on \"allowed\" \"\"");
        }
    }

    @Test
    void shouldRefuseASecondAuth()
    {
        try (FeatureNsqd nsqd = start(); StackedClient client = nsqd.connect())
        {
            authenticate(client, SECRET);
            client.send("AUTH", Wire.utf8(SECRET));
            client.expectFatalError("E_INVALID AUTH already set");
        }
    }

    @Test
    void shouldRefuseAnAnswerWithoutAuthorizations()
    {
        auth.respond(200, "{\"ttl\":60,\"identity\":\"bob\",\"identity_url\":\"\",\"authorizations\":[]}");
        try (FeatureNsqd nsqd = start(); StackedClient client = nsqd.connect())
        {
            client.send("AUTH", Wire.utf8(SECRET));
            client.expectFatalError("E_UNAUTHORIZED AUTH no authorizations found");
        }
    }

    @ParameterizedTest(name = "auth server answers {0} {1}")
    @CsvSource(delimiter = '|', value = {
        "403 | {\"message\":\"FORBIDDEN\"}",
        "403 | {\"ttl\":3600,\"identity\":\"alice\",\"authorizations\":[{\"topic\":\".*\",\"channels\":[\".*\"],\"permissions\":[\"publish\"]}]}",
        "500 | oops",
        "200 | this is not json",
        "200 | {\"ttl\":0,\"identity\":\"alice\",\"authorizations\":[{\"topic\":\".*\",\"channels\":[\".*\"],\"permissions\":[\"publish\"]}]}",
        "200 | {\"ttl\":60,\"identity\":\"alice\",\"authorizations\":[{\"topic\":\".*\",\"channels\":[\".*\"],\"permissions\":[\"admin\"]}]}",
        "200 | {\"ttl\":60,\"identity\":\"alice\",\"authorizations\":[{\"topic\":\"(\",\"channels\":[\".*\"],\"permissions\":[\"publish\"]}]}",
    })
    void shouldFailAuthWhenTheAuthServerRefusesOrAnswersGarbage(final int status, final String body)
    {
        auth.respond(status, body);
        try (FeatureNsqd nsqd = start(); StackedClient client = nsqd.connect())
        {
            client.send("AUTH", Wire.utf8(SECRET));
            client.expectFatalError("E_AUTH_FAILED AUTH failed");
            assertEquals(1, auth.requests().size(), "one query");
            auth.respond(200, AuthServer.grant(60, "^alive", "subscribe", "publish"));
            try (StackedClient other = nsqd.connect())
            {
                authenticate(other, SECRET);
                other.roundTrip("alive-after-auth-failure", "another client still works");
            }
        }
    }

    @Test
    void shouldFailAuthWhenTheAuthServerIsDown() throws IOException
    {
        final int down;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress()))
        {
            down = socket.getLocalPort();
        }
        try (FeatureNsqd nsqd = FeatureNsqd.start(context -> context.authHttpAddresses(List.of("127.0.0.1:" + down)));
             StackedClient client = nsqd.connect())
        {
            client.send("AUTH", Wire.utf8(SECRET));
            client.expectFatalError("E_AUTH_FAILED AUTH failed");
        }
    }

    @Test
    void shouldQueryTheAuthServerWithSecretRemoteIpAndTlsFalseOnAPlainConnection()
    {
        try (FeatureNsqd nsqd = start(); StackedClient client = nsqd.connect())
        {
            authenticate(client, SECRET);
            assertEquals(List.of(new AuthServer.Request("GET", "/auth",
                "common_name=&remote_ip=127.0.0.1&secret=" + SECRET_ESCAPED + "&tls=false", ACCEPT)), auth.requests());
        }
    }

    @Test
    void shouldQueryTheAuthServerWithTlsTrueAfterTheTlsUpgrade()
    {
        try (FeatureNsqd nsqd = start(FeatureNsqd::withTls); StackedClient client = nsqd.connect())
        {
            client.identifyAndUpgrade("{\"feature_negotiation\":true,\"tls_v1\":true}", TlsFixtures.anyServerNoCertificate(), 0);
            authenticate(client, SECRET);
            assertEquals(List.of(new AuthServer.Request("GET", "/auth",
                "common_name=&remote_ip=127.0.0.1&secret=" + SECRET_ESCAPED + "&tls=true", ACCEPT)), auth.requests());
            client.roundTrip("allowed-over-tls", "authorized and encrypted");
        }
    }

    @Test
    void shouldQueryTheAuthServerWithTheCommonNameOfTheClientCertificate()
    {
        try (FeatureNsqd nsqd = start(context -> FeatureNsqd.withTls(context).tlsClientAuthPolicy("require-verify"));
             StackedClient client = nsqd.connect())
        {
            client.identify("{\"feature_negotiation\":true,\"tls_v1\":true}");
            assertNull(client.tlsFailure(TlsFixtures.anyServerWithCertificate(TlsFixtures.TRUSTED_CLIENT_CERT, TlsFixtures.TRUSTED_CLIENT_KEY)));
            authenticate(client, "s");
            assertEquals(List.of(new AuthServer.Request("GET", "/auth",
                "common_name=client-one&remote_ip=127.0.0.1&secret=s&tls=true", ACCEPT)), auth.requests());
        }
    }

    @Test
    void shouldQueryAnAddressGivenAsAFullUrlAtItsOwnPath()
    {
        final String url = "http://" + auth.address() + "/custom/check";
        try (FeatureNsqd nsqd = FeatureNsqd.start(context -> context.authHttpAddresses(List.of(url)));
             StackedClient client = nsqd.connect())
        {
            authenticate(client, "s");
            assertEquals(List.of(new AuthServer.Request("GET", "/custom/check",
                "common_name=&remote_ip=127.0.0.1&secret=s&tls=false", ACCEPT)), auth.requests());
        }
    }

    @Test
    void shouldAskTheAuthServerAgainOnlyAfterTheTtlAndFailOnceItNoLongerGrants()
    {
        auth.respond(200, AuthServer.grant(10, "^allowed", "publish"));
        try (FeatureNsqd nsqd = start(); StackedClient client = nsqd.connect())
        {
            authenticate(client, SECRET);
            client.publish("allowed", "within the ttl");
            assertEquals(1, auth.requests().size(), "queries after AUTH");

            nsqd.advance(Duration.ofSeconds(5));
            client.publish("allowed", "5 s later, still within the ttl");
            assertEquals(1, auth.requests().size(), "no new query within the ttl");

            nsqd.advance(Duration.ofSeconds(6));
            client.publish("allowed", "11 s later: expired, asked again, granted again");
            assertEquals(2, auth.requests().size(), "a new query once the ttl has passed");
            assertEquals(auth.requests().get(0), auth.requests().get(1), "the same query again");

            auth.respond(403, "{\"message\":\"FORBIDDEN\"}");
            nsqd.advance(Duration.ofSeconds(11));
            client.send("PUB allowed", Wire.utf8("expired again, and now refused"));
            client.expectFatalError("E_AUTH_FAILED AUTH failed");
            assertEquals(3, auth.requests().size(), "asked a third time");
        }
    }
}
