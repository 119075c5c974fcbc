package io.ringnsq.lookup;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;

import org.junit.jupiter.api.Test;

/** Peer addresses as Go's {@code net.TCPAddr.String()} writes them (lookupd's producer id and remote_address). */
class GoHostPortTest
{
    private static String format(final String ip, final int port) throws UnknownHostException
    {
        return GoHostPort.format(new InetSocketAddress(InetAddress.getByName(ip), port));
    }

    @Test
    void shouldWriteIpv4AndIpv4MappedAsDottedQuads() throws UnknownHostException
    {
        assertEquals("127.0.0.1:4711", format("127.0.0.1", 4711));
        assertEquals("10.1.2.3:1", format("::ffff:10.1.2.3", 1));
    }

    @Test
    void shouldWriteIpv6InGosShortestFormInBrackets() throws UnknownHostException
    {
        assertEquals("[::1]:4160", format("::1", 4160));
        assertEquals("[::]:1", format("::", 1));
        assertEquals("[2001:db8::1]:1", format("2001:DB8:0:0:0:0:0:1", 1));
        assertEquals("[2001:db8::1:0:0:1]:1", format("2001:db8:0:0:1:0:0:1", 1), "the first of two equal runs");
        assertEquals("[2001:db8:0:1::1]:1", format("2001:db8:0:1:0:0:0:1", 1));
        assertEquals("[1:0:1:0:1:0:1:0]:1", format("1:0:1:0:1:0:1:0", 1), "a single zero group stays");
        assertEquals("[1::]:1", format("1:0:0:0:0:0:0:0", 1));
    }
}
