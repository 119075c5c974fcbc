package io.ringnsq.transport.nsqd.lookupd;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class PeerInfoTest
{
    @Test
    void shouldWriteIdentifyAsGoMarshalsTheMapKeysSortedAndCompact()
    {
        final byte[] body = PeerInfo.identifyBody("node<1>", "host", 4151, 4150, "1.3.0");

        assertEquals("{\"broadcast_address\":\"node\\u003c1\\u003e\",\"hostname\":\"host\",\"http_port\":4151,\"tcp_port\":4150,"
            + "\"version\":\"1.3.0\"}", new String(body, StandardCharsets.UTF_8));
    }

    @Test
    void shouldKeepBroadcastAddressAndHttpPortOfTheReplyMatchingKeysAsGoDoes() throws IOException
    {
        final PeerInfo info = PeerInfo.parse(("{\"tcp_port\":4160,\"Broadcast_Address\":\"lookupd.example\",\"http_port\":4161,"
            + "\"hostname\":\"h\",\"version\":\"1.3.0\",\"extra\":{\"a\":[1]}}").getBytes(StandardCharsets.UTF_8));

        assertEquals(new PeerInfo("lookupd.example", 4161), info);
        assertEquals("lookupd.example:4161", info.httpAddress());
    }

    @Test
    void shouldBracketAnIpv6BroadcastAddressAsJoinHostPortDoes()
    {
        assertEquals("[::1]:4161", new PeerInfo("::1", 4161).httpAddress());
    }

    @Test
    void shouldRefuseAReplyThatIsNotTheIdentifyJson()
    {
        assertThrows(IOException.class, () -> PeerInfo.parse("E_INVALID cannot IDENTIFY again".getBytes(StandardCharsets.UTF_8)));
        assertThrows(IOException.class, () -> PeerInfo.parse("{\"http_port\":\"4161\"}".getBytes(StandardCharsets.UTF_8)));
    }
}
