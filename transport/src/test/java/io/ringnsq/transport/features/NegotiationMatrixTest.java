package io.ringnsq.transport.features;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import io.ringnsq.transport.testsupport.Frame;
import io.ringnsq.transport.testsupport.TlsFixtures;
import io.ringnsq.transport.testsupport.Wire;
import io.ringnsq.transport.testsupport.WireTap;

/**
 * Every combination of TLS × deflate × snappy a client can ask for in IDENTIFY, with and without
 * {@code feature_negotiation}, against nsqds offering every combination (TLS configured or not, {@code --deflate},
 * {@code --snappy}): 8 × 16 cases. For each (spec §1.5 IDENTIFY, §1.7, §1.9):
 * <ul>
 *   <li>the answer: {@code OK} without negotiation; with it, the exact JSON (key order, {@code tls_v1},
 *       {@code deflate}, {@code deflate_level}, {@code snappy}, {@code auth_required} as granted), or the fatal
 *       {@code E_IDENTIFY_FAILED cannot enable both deflate and snappy compression} when both compressions would be
 *       granted;</li>
 *   <li>the upgrades in upstream's order: the JSON in plaintext, then the TLS handshake and an {@code OK} over TLS,
 *       then snappy or deflate and an {@code OK} through it (the client reads each {@code OK} through exactly the
 *       layers that are on by then, and the raw bytes after the JSON are a TLS record, snappy's stream identifier,
 *       or raw deflate that inflates to the {@code OK} frame);</li>
 *   <li>a SUB/RDY/PUB/message/FIN round trip through the stack;</li>
 *   <li>that the bytes on the wire really are encrypted or compressed: a plaintext run in the message body is seen on
 *       the wire, both ways, exactly when no layer is on;</li>
 *   <li>{@code /stats} for the client: {@code tls}, {@code tls_version}, {@code tls_cipher_suite},
 *       {@code tls_negotiated_protocol_is_mutual}, {@code deflate}, {@code snappy}.</li>
 * </ul>
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
final class NegotiationMatrixTest
{
    /** What nsqd offers: TLS (a cert and key), {@code --deflate}, {@code --snappy}. */
    record Offer(boolean tls, boolean deflate, boolean snappy)
    {
        @Override
        public String toString()
        {
            return "nsqd offers tls=" + tls + " deflate=" + deflate + " snappy=" + snappy;
        }
    }

    /** What the client asks for in IDENTIFY. */
    record Ask(boolean negotiation, boolean tls, boolean deflate, boolean snappy)
    {
        @Override
        public String toString()
        {
            return "client asks feature_negotiation=" + negotiation + " tls_v1=" + tls + " deflate=" + deflate + " snappy=" + snappy;
        }
    }

    /** A requested deflate level below the maximum, so the response shows whether the request was honoured. */
    private static final int ASKED_DEFLATE_LEVEL = 3;
    private static final String MARKER_UNIT = "ringnsq-plaintext-marker|";
    /** The body: the unit 40 times; compressed, at most the first unit or two can survive as literals. */
    private static final String BODY = MARKER_UNIT.repeat(40);
    /** Four units in a row: on the wire only when nothing encrypts or compresses the stream. */
    private static final byte[] NEEDLE = Wire.ascii(MARKER_UNIT.repeat(4));
    private static final byte[] SNAPPY_STREAM_IDENTIFIER = {(byte)0xff, 0x06, 0x00, 0x00, 's', 'N', 'a', 'P', 'p', 'Y'};
    private static final byte TLS_HANDSHAKE_RECORD = 0x16;
    private static final AtomicInteger NAMES = new AtomicInteger();

    private final Map<Offer, FeatureNsqd> brokers = new HashMap<>();

    static Stream<Arguments> cases()
    {
        final List<Arguments> cases = new ArrayList<>();
        for (final boolean[] offer : combinations(3))
        {
            for (final boolean[] ask : combinations(4))
            {
                cases.add(Arguments.of(new Offer(offer[0], offer[1], offer[2]), new Ask(ask[0], ask[1], ask[2], ask[3])));
            }
        }
        return cases.stream();
    }

    private static List<boolean[]> combinations(final int n)
    {
        final List<boolean[]> all = new ArrayList<>();
        for (int bits = 0; bits < 1 << n; bits++)
        {
            final boolean[] values = new boolean[n];
            for (int i = 0; i < n; i++)
            {
                values[i] = (bits & (1 << (n - 1 - i))) != 0;
            }
            all.add(values);
        }
        return all;
    }

    @AfterAll
    void stopBrokers()
    {
        brokers.values().forEach(FeatureNsqd::close);
    }

    private FeatureNsqd broker(final Offer offer)
    {
        return brokers.computeIfAbsent(offer, o -> FeatureNsqd.start(context ->
        {
            context.deflate(o.deflate()).snappy(o.snappy());
            return o.tls() ? FeatureNsqd.withTls(context) : context;
        }));
    }

    @ParameterizedTest(name = "{0}; {1}")
    @MethodSource("cases")
    void shouldAnswerUpgradeAndCarryMessagesExactlyAsNegotiated(final Offer offer, final Ask ask) throws Exception
    {
        final FeatureNsqd nsqd = broker(offer);
        final boolean tls = ask.negotiation() && ask.tls() && offer.tls();
        final boolean deflate = ask.negotiation() && ask.deflate() && offer.deflate();
        final boolean snappy = ask.negotiation() && ask.snappy() && offer.snappy();
        final String clientId = "matrix-" + NAMES.incrementAndGet();

        try (WireTap tap = new WireTap(nsqd.tcpPort()); StackedClient client = StackedClient.connect(tap.port()))
        {
            final Frame answer = client.identifyAndUpgrade(identifyJson(clientId, ask), TlsFixtures.anyServerNoCertificate(), ASKED_DEFLATE_LEVEL);
            if (deflate && snappy)
            {
                assertEquals(Frame.TYPE_ERROR, answer.type(), () -> "expected the fatal E_IDENTIFY_FAILED, got " + answer);
                assertEquals("E_IDENTIFY_FAILED cannot enable both deflate and snappy compression", answer.text());
                client.expectClosed();
                assertArrayEquals(Wire.frame(Frame.TYPE_ERROR, answer.data()), tap.serverToClient(),
                    "nothing but the error frame may come before the close");
                return;
            }
            final String expected = ask.negotiation() ? expectedJson(tls, deflate, snappy) : "OK";
            assertEquals(Frame.TYPE_RESPONSE, answer.type(), () -> "IDENTIFY answer: " + answer);
            assertEquals(expected, answer.text(), "IDENTIFY answer");
            assertEquals(expectedLayers(tls, deflate, snappy), client.layers(), "layers after the upgrades");
            assertUpgradeOrderOnTheWire(tap.serverToClient(), answer, tls, deflate, snappy);

            final String topic = "matrix-" + NAMES.incrementAndGet();
            client.roundTrip(topic, BODY);

            ClientStats.assertStreamFields(nsqd, clientId, client.tlsSession(), deflate, snappy);

            final boolean plain = !tls && !deflate && !snappy;
            assertEquals(plain, Wire.contains(tap.clientToServer(), NEEDLE),
                plain ? "the tap must see the plaintext PUB body (the tap itself works)" : "plaintext of the PUB body on the wire to nsqd");
            assertEquals(plain, Wire.contains(tap.serverToClient(), NEEDLE),
                plain ? "the tap must see the plaintext message body" : "plaintext of the message body on the wire from nsqd");
        }
    }

    static String identifyJson(final String clientId, final Ask ask)
    {
        return "{\"client_id\":\"" + clientId + "\",\"hostname\":\"features\",\"user_agent\":\"ringnsq-features/1.0\""
            + ",\"feature_negotiation\":" + ask.negotiation()
            + ",\"tls_v1\":" + ask.tls()
            + ",\"deflate\":" + ask.deflate()
            + (ask.deflate() ? ",\"deflate_level\":" + ASKED_DEFLATE_LEVEL : "")
            + ",\"snappy\":" + ask.snappy() + "}";
    }

    /** Upstream's response for defaults, with the granted features; {@code deflate_level} 6 unless deflate was granted. */
    static String expectedJson(final boolean tls, final boolean deflate, final boolean snappy)
    {
        return IdentifyResponse.defaults().withTls(tls).withDeflate(deflate, deflate ? ASKED_DEFLATE_LEVEL : 6).withSnappy(snappy).json();
    }

    private static List<String> expectedLayers(final boolean tls, final boolean deflate, final boolean snappy)
    {
        final List<String> layers = new ArrayList<>(List.of("tcp"));
        if (tls)
        {
            layers.add("tls");
        }
        if (snappy)
        {
            layers.add("snappy");
        }
        if (deflate)
        {
            layers.add("deflate");
        }
        return layers;
    }

    /**
     * The raw bytes from nsqd start with the IDENTIFY answer in plaintext; what follows belongs to the first upgrade:
     * a TLS handshake record, snappy's stream identifier, or raw deflate whose first bytes inflate to the {@code OK}
     * frame. (With TLS, the snappy/deflate {@code OK} travels encrypted; the client read it through the layers.)
     */
    private static void assertUpgradeOrderOnTheWire(
        final byte[] fromServer, final Frame answer, final boolean tls, final boolean deflate, final boolean snappy)
        throws DataFormatException
    {
        final byte[] answerFrame = Wire.frame(Frame.TYPE_RESPONSE, answer.data());
        assertTrue(Wire.startsWith(fromServer, answerFrame), () -> "the IDENTIFY answer comes first, in plaintext: "
            + Wire.escape(fromServer));
        final byte[] after = Arrays.copyOfRange(fromServer, answerFrame.length, fromServer.length);
        final byte[] okFrame = Wire.frame(Frame.TYPE_RESPONSE, Wire.ascii("OK"));
        if (tls)
        {
            assertTrue(after.length > 0 && after[0] == TLS_HANDSHAKE_RECORD, () -> "a TLS handshake record follows the JSON: "
                + Wire.escape(after));
            assertFalse(Wire.contains(after, okFrame), "no plaintext OK frame on the wire after the JSON with TLS on");
        }
        else if (snappy)
        {
            assertTrue(Wire.startsWith(after, SNAPPY_STREAM_IDENTIFIER), () -> "snappy's stream identifier follows the JSON: "
                + Wire.escape(after));
        }
        else if (deflate)
        {
            final Inflater inflater = new Inflater(true);
            inflater.setInput(after);
            final byte[] inflated = new byte[okFrame.length];
            final int n = inflater.inflate(inflated);
            inflater.end();
            assertEquals(okFrame.length, n, () -> "raw deflate after the JSON inflates to the OK frame: " + Wire.escape(after));
            assertArrayEquals(okFrame, inflated, "the first deflated frame is OK");
        }
        else
        {
            assertTrue(after.length == 0 || Wire.startsWith(after, Wire.frame(Frame.TYPE_RESPONSE, Wire.ascii("OK"))),
                () -> "without upgrades only plaintext frames follow: " + Wire.escape(after));
        }
    }
}
