package io.ringnsq.transport.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnixDomainSocketAddress;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

class AuthQueryTest
{
    @Test
    void shouldEncodeTheKeysInAlphabeticalOrderAsTheRealNsqdSent()
    {
        assertEquals("common_name=&remote_ip=127.0.0.1&secret=good&tls=false",
            AuthQuery.of("127.0.0.1", false, "", "good".getBytes(StandardCharsets.UTF_8)).encoded());
        assertEquals("common_name=client.example&remote_ip=%3A%3A1&secret=s&tls=true",
            AuthQuery.of("::1", true, "client.example", "s".getBytes(StandardCharsets.UTF_8)).encoded());
    }

    @Test
    void shouldEscapeValuesAsGosQueryEscape()
    {
        final byte[] secret = {'a', ' ', 'b', '+', 'c', '/', '~', '*', '&', '=', (byte)0xC3, (byte)0xA9, (byte)0xFF, '-', '_', '.'};

        assertEquals("common_name=J%C3%B6rg+M&remote_ip=&secret=a+b%2Bc%2F~%2A%26%3D%C3%A9%FF-_.&tls=false",
            AuthQuery.of("", false, "J\u00f6rg M", secret).encoded());
    }

    @Test
    void shouldBuildTheEndpointAsUpstreamDoes()
    {
        assertEquals("http://10.0.0.1:4181/auth?q", AuthQuery.endpoint("10.0.0.1:4181", "q"));
        assertEquals("https://auth.example/v1/check?q", AuthQuery.endpoint("https://auth.example/v1/check", "q"));
        assertEquals("http://a/x?y=1?q", AuthQuery.endpoint("http://a/x?y=1", "q"));
    }

    @Test
    void shouldPrintTheRemoteIpAsGoDoes() throws Exception
    {
        assertEquals("127.0.0.1", AuthQuery.remoteIp(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 5000)));
        assertEquals("::1", AuthQuery.remoteIp(new InetSocketAddress(InetAddress.getByName("::1"), 5000)));
        assertEquals("2001:db8::1", AuthQuery.remoteIp(new InetSocketAddress(InetAddress.getByName("2001:db8:0:0:0:0:0:1"), 1)));
        assertEquals("2001:db8:0:1:1:1:1:1", AuthQuery.remoteIp(new InetSocketAddress(InetAddress.getByName("2001:db8:0:1:1:1:1:1"), 1)));
        assertEquals("2001:0:0:1::1", AuthQuery.remoteIp(new InetSocketAddress(InetAddress.getByName("2001:0:0:1:0:0:0:1"), 1)));
        assertEquals("1::", AuthQuery.remoteIp(new InetSocketAddress(InetAddress.getByName("1::"), 1)));
        assertEquals("::", AuthQuery.remoteIp(new InetSocketAddress(InetAddress.getByName("::"), 1)));
        assertEquals("", AuthQuery.remoteIp(UnixDomainSocketAddress.of("/tmp/nsqd.sock")));
    }
}
