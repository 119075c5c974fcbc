package io.ringnsq.transport.nsqd;

import java.io.IOException;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.file.Files;

import org.agrona.CloseHelper;

/**
 * A listen address as upstream takes it: {@code host:port} ({@code 0.0.0.0} or an empty host means
 * every interface, IPv4 and IPv6), {@code [v6]:port}, or, when it is not {@code host:port}, a unix
 * socket path.
 */
public final class ListenAddress
{
    private final String text;
    private final SocketAddress address;

    private ListenAddress(final String text, final SocketAddress address)
    {
        this.text = text;
        this.address = address;
    }

    public static ListenAddress parse(final String text)
    {
        final int colon = text.lastIndexOf(':');
        if (colon < 0)
        {
            return new ListenAddress(text, UnixDomainSocketAddress.of(text));
        }
        String host = text.substring(0, colon);
        final int port;
        try
        {
            port = Integer.parseInt(text.substring(colon + 1));
        }
        catch (final NumberFormatException ex)
        {
            throw new IllegalArgumentException("invalid listen address " + text + ": bad port");
        }
        if (port < 0 || port > 65535)
        {
            throw new IllegalArgumentException("invalid listen address " + text + ": port out of range");
        }
        if (host.startsWith("[") && host.endsWith("]"))
        {
            host = host.substring(1, host.length() - 1);
        }
        if (host.isEmpty() || host.equals("0.0.0.0") || host.equals("::"))
        {
            return new ListenAddress(text, new InetSocketAddress(port));
        }
        return new ListenAddress(text, new InetSocketAddress(host, port));
    }

    /** A {@code host:port} to send to (statsd), resolved now. */
    public static InetSocketAddress hostPort(final String text)
    {
        final int colon = text.lastIndexOf(':');
        if (colon < 0)
        {
            throw new IllegalArgumentException("invalid address " + text + ": want host:port");
        }
        String host = text.substring(0, colon);
        if (host.startsWith("[") && host.endsWith("]"))
        {
            host = host.substring(1, host.length() - 1);
        }
        try
        {
            return new InetSocketAddress(host.isEmpty() ? "127.0.0.1" : host, Integer.parseInt(text.substring(colon + 1)));
        }
        catch (final NumberFormatException ex)
        {
            throw new IllegalArgumentException("invalid address " + text + ": bad port");
        }
    }

    /** A listener on this address; a failure reads as upstream's {@code listen (<address>) failed - <reason>}. */
    public ServerSocketChannel bind() throws IOException
    {
        final boolean unix = address instanceof UnixDomainSocketAddress;
        ServerSocketChannel server = null;
        try
        {
            if (unix)
            {
                // a socket file left by a previous run, as Go's net.Listen would fail on it
                Files.deleteIfExists(((UnixDomainSocketAddress)address).getPath());
            }
            server = unix ? ServerSocketChannel.open(StandardProtocolFamily.UNIX) : ServerSocketChannel.open();
            if (!unix)
            {
                server.socket().setReuseAddress(true);
            }
            server.bind(address, unix ? 0 : 1024);
            return server;
        }
        catch (final IOException ex)
        {
            CloseHelper.quietClose(server);
            throw new IOException("listen (" + text + ") failed - " + ex.getMessage(), ex);
        }
    }

    @Override
    public String toString()
    {
        return text;
    }

    /** How upstream prints a bound address: {@code 127.0.0.1:4150}, {@code [::]:4150}. */
    public static String format(final SocketAddress bound)
    {
        if (bound instanceof InetSocketAddress)
        {
            final InetSocketAddress inet = (InetSocketAddress)bound;
            final InetAddress ip = inet.getAddress();
            if (ip instanceof Inet6Address)
            {
                return "[" + (ip.isAnyLocalAddress() ? "::" : ip.getHostAddress()) + "]:" + inet.getPort();
            }
            return ip.getHostAddress() + ":" + inet.getPort();
        }
        return String.valueOf(bound);
    }
}
