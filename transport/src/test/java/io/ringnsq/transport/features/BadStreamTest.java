package io.ringnsq.transport.features;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Clients that break the negotiated stream: one that asks for TLS and then speaks plaintext, one that stops in the
 * middle of the handshake (nsqd gives it 5 s, on its own clock), corrupt deflate and snappy data, and garbage followed
 * by EOF under a compression layer (what nsqjs's {@code close()} does: it writes {@code CLS} raw on a compressed
 * stream). Each time that connection is closed (with no frame on the compressed stream, as upstream's read loop just
 * ends) and another client on the same nsqd still works.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
final class BadStreamTest
{
    /** A TLS record header for a 512-byte handshake record (a ClientHello would follow), then only 5 bytes of it. */
    private static final byte[] PARTIAL_CLIENT_HELLO = {0x16, 0x03, 0x01, 0x02, 0x00, 0x01, 0x00, 0x01, (byte)0xfc, 0x03};
    private static final Duration HANDSHAKE_DEADLINE = Duration.ofSeconds(5);

    private FeatureNsqd nsqd;

    @BeforeAll
    void start()
    {
        nsqd = FeatureNsqd.start(FeatureNsqd::withTls);
    }

    @AfterAll
    void stop()
    {
        nsqd.close();
    }

    @Test
    void shouldCloseAClientThatAsksForTlsAndThenSendsPlaintext()
    {
        try (StackedClient client = nsqd.connect())
        {
            assertEquals(IdentifyResponse.defaults().withTls(true).json(),
                client.identify("{\"feature_negotiation\":true,\"tls_v1\":true}").text());
            client.writeRaw(Bytes.withBody("PUB plain", Bytes.utf8("not a TLS record")));
            final byte[] before = client.readRawUntilClosed();
            System.out.println("[bad-stream] after plaintext instead of a ClientHello nsqd sent " + before.length + " byte(s) and closed: "
                + Bytes.escape(before));
            assertTrue(before.length == 0 || before[0] == 0x15 || Bytes.contains(before, Bytes.ascii("E_IDENTIFY_FAILED")),
                () -> "before closing, at most a TLS alert or an E_IDENTIFY_FAILED frame (upstream: E_IDENTIFY_FAILED IDENTIFY failed "
                    + "<tls error>, in plaintext): " + Bytes.escape(before));
        }
        nsqd.assertStillServes(null);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"nothing after the JSON", "part of a ClientHello"})
    void shouldCloseAClientThatStopsInTheMiddleOfTheHandshakeAfterFiveSecondsOfClockTime(final String sent)
    {
        try (StackedClient client = nsqd.connect())
        {
            client.identify("{\"feature_negotiation\":true,\"tls_v1\":true}");
            if (sent.startsWith("part"))
            {
                client.writeRaw(PARTIAL_CLIENT_HELLO);
            }
            nsqd.advance(HANDSHAKE_DEADLINE.minusMillis(100));
            client.expectRawSilence(Duration.ofMillis(250));
            nsqd.advance(Duration.ofMillis(100));
            final byte[] before = client.readRawUntilClosed();
            assertTrue(before.length == 0 || before[0] == 0x15, () -> "at most a TLS alert before the close: " + Bytes.escape(before));
        }
        nsqd.assertStillServes(null);
    }

    @Test
    void shouldCloseAClientWhoseDeflateStreamIsCorrupt()
    {
        try (StackedClient client = nsqd.connect())
        {
            client.identifyAndUpgrade("{\"feature_negotiation\":true,\"deflate\":true}", null, 0);
            assertEquals(List.of("tcp", "deflate"), client.layers());
            client.subscribe("bad-deflate", "ch");
            // BFINAL 1, BTYPE 11: a block type RFC 1951 reserves, an error in any inflater
            client.writeBelowCompression(new byte[] {(byte)0xff, (byte)0xff, (byte)0xff, (byte)0xff, 0x00, 0x01, 0x02, 0x03});
            client.expectClosed();
        }
        nsqd.assertStillServes(null);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"bad checksum", "reserved unskippable chunk", "garbage chunk length"})
    void shouldCloseAClientWhoseSnappyStreamIsCorrupt(final String corruption)
    {
        try (StackedClient client = nsqd.connect())
        {
            client.identifyAndUpgrade("{\"feature_negotiation\":true,\"snappy\":true}", null, 0);
            assertEquals(List.of("tcp", "snappy"), client.layers());
            client.subscribe("bad-snappy", "ch");
            client.writeBelowCompression(switch (corruption)
            {
                // an uncompressed chunk (type 1) with "NOP\n" and a CRC that does not match it
                case "bad checksum" -> new byte[] {0x01, 0x08, 0x00, 0x00, 0x12, 0x34, 0x56, 0x78, 'N', 'O', 'P', '\n'};
                // chunk types 0x02-0x7f are reserved and must not be skipped
                case "reserved unskippable chunk" -> new byte[] {0x02, 0x04, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00};
                // a compressed chunk (type 0) whose data is not a snappy block
                default -> new byte[] {0x00, 0x0c, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, (byte)0xff, (byte)0xff, (byte)0xff, (byte)0xff,
                    (byte)0xff, (byte)0xff, (byte)0xff, (byte)0xff};
            });
            client.expectClosed();
        }
        nsqd.assertStillServes(null);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"deflate", "snappy", "tls+deflate", "tls+snappy"})
    void shouldSurviveRawClsThenEofOnACompressedStreamAsNsqjsCloseSendsIt(final String stack)
    {
        final boolean tls = stack.startsWith("tls");
        final String compression = stack.replace("tls+", "");
        try (StackedClient client = nsqd.connect())
        {
            client.identifyAndUpgrade("{\"feature_negotiation\":true,\"tls_v1\":" + tls + ",\"" + compression + "\":true}",
                Fixtures.anyServerNoCertificate(), 0);
            assertEquals(tls ? List.of("tcp", "tls", compression) : List.of("tcp", compression), client.layers());
            client.subscribe("raw-cls-" + stack.replace('+', '-'), "ch");
            client.send("RDY 1");
            client.writeBelowCompression(Bytes.line("CLS"));
            client.shutdownOutput();
            client.readRawUntilClosed();
        }
        nsqd.assertStillServes(null);
    }
}
