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

import io.ringnsq.transport.testsupport.TlsFixtures;
import io.ringnsq.transport.testsupport.Wire;

/**
 * Clients that break the negotiated stream: one that asks for TLS and then speaks plaintext or sends another first
 * record Go's TLS server refuses (upstream's {@code E_IDENTIFY_FAILED} frame in plaintext, after Go's alert if any),
 * one that stops in the middle of the handshake (nsqd gives it 5 s, on its own clock), corrupt deflate and snappy
 * data, and garbage followed by EOF under a compression layer (what nsqjs's {@code close()} does: it writes
 * {@code CLS} raw on a compressed stream). Each time that connection is closed (with no frame on the compressed
 * stream, as upstream's read loop just ends) and another client on the same nsqd still works.
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
    void shouldAnswerAClientThatAsksForTlsAndThenSendsPlaintextWithUpstreamsPlaintextErrorAndClose()
    {
        try (StackedClient client = nsqd.connect())
        {
            assertEquals(IdentifyResponse.defaults().withTls(true).json(),
                client.identify("{\"feature_negotiation\":true,\"tls_v1\":true}").text());
            client.writeRaw(Wire.withBody("PUB plain", Wire.utf8("not a TLS record")));
            // Go's TLS server refuses the first record without an alert; nsqd writes the error on the still-plain connection
            assertBytes(identifyFailed("tls: first record does not look like a TLS handshake"), client.readRawUntilClosed());
        }
        nsqd.assertStillServes(null);
    }

    /** The other first records Go's server refuses on their header alone (crypto/tls Conn.readRecordOrCCS), alert first. */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"an SSLv2 hello", "a handshake record of version 0x1000", "a record over 18432 bytes"})
    void shouldRefuseTheFirstRecordsGoRefusesAsUpstreamDoes(final String sent)
    {
        try (StackedClient client = nsqd.connect())
        {
            client.identify("{\"feature_negotiation\":true,\"tls_v1\":true}");
            final byte[] expected = switch (sent)
            {
                case "an SSLv2 hello" ->
                {
                    // SSLv2 CLIENT-HELLO: 2-byte length with the top bit set, type 1, version 3.1, ...
                    client.writeRaw(new byte[] {(byte)0x80, 0x2e, 0x01, 0x03, 0x01, 0x00, 0x15, 0x00, 0x00, 0x00, 0x10});
                    yield Wire.concat(alert(70), identifyFailed("tls: unsupported SSLv2 handshake received"));
                }
                case "a handshake record of version 0x1000" ->
                {
                    client.writeRaw(new byte[] {0x16, 0x10, 0x00, 0x00, 0x04, 0x01, 0x00, 0x00, 0x00});
                    yield identifyFailed("tls: first record does not look like a TLS handshake");
                }
                default ->
                {
                    client.writeRaw(new byte[] {0x16, 0x03, 0x01, 0x48, 0x01, 0x01, 0x00, 0x47, (byte)0xfd});
                    yield Wire.concat(alert(22), identifyFailed("tls: oversized record received with length 18433"));
                }
            };
            assertBytes(expected, client.readRawUntilClosed());
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
            assertTrue(before.length == 0 || before[0] == 0x15, () -> "at most a TLS alert before the close: " + Wire.escape(before));
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
                TlsFixtures.anyServerNoCertificate(), 0);
            assertEquals(tls ? List.of("tcp", "tls", compression) : List.of("tcp", compression), client.layers());
            client.subscribe("raw-cls-" + stack.replace('+', '-'), "ch");
            client.send("RDY 1");
            client.writeBelowCompression(Wire.line("CLS"));
            client.shutdownOutput();
            client.readRawUntilClosed();
        }
        nsqd.assertStillServes(null);
    }

    /** Upstream's fatal error for a failed TLS upgrade: an error frame, in plaintext. */
    private static byte[] identifyFailed(final String goError)
    {
        return Wire.frame(1, Wire.utf8("E_IDENTIFY_FAILED IDENTIFY failed " + goError));
    }

    /** A fatal alert as Go's server writes it before a version is agreed: a plaintext record of version TLS 1.0. */
    private static byte[] alert(final int description)
    {
        return new byte[] {0x15, 0x03, 0x01, 0x00, 0x02, 0x02, (byte)description};
    }

    private static void assertBytes(final byte[] expected, final byte[] actual)
    {
        assertEquals(Wire.escape(expected), Wire.escape(actual), "what nsqd sent before closing");
    }
}
