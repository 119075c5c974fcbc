package io.ringnsq.lookup;

import java.io.IOException;
import java.net.Inet6Address;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.channels.SocketChannel;

/**
 * A peer's address as Go's {@code net.TCPAddr.String()} writes it, which upstream lookupd uses as a producer's id
 * and {@code remote_address}: {@code 127.0.0.1:4711}, {@code [::1]:4711} (IPv6 in its shortest form, the longest
 * run of two or more zero groups as {@code ::}, lower-case hex, the zone after {@code %}).
 */
final class GoHostPort
{
    private GoHostPort()
    {
    }

    /** The channel's peer, or {@code fallback} when the socket cannot say (it is closing anyway). */
    static String of(final SocketChannel channel, final String fallback)
    {
        try
        {
            final SocketAddress remote = channel.getRemoteAddress();
            return remote instanceof InetSocketAddress ? format((InetSocketAddress)remote) : fallback;
        }
        catch (final IOException ex)
        {
            return fallback;
        }
    }

    static String format(final InetSocketAddress address)
    {
        if (!(address.getAddress() instanceof Inet6Address))
        {
            return address.getAddress().getHostAddress() + ":" + address.getPort(); // IPv4, IPv4-mapped IPv6 included
        }
        final Inet6Address ip = (Inet6Address)address.getAddress();
        final String zone = ip.getScopedInterface() != null ? ip.getScopedInterface().getName()
            : ip.getScopeId() != 0 ? Integer.toString(ip.getScopeId()) : "";
        return "[" + ipv6(ip.getAddress()) + (zone.isEmpty() ? "" : "%" + zone) + "]:" + address.getPort();
    }

    /** Go's {@code IP.String()} for 16 bytes that are not IPv4-mapped. */
    static String ipv6(final byte[] bytes)
    {
        final int[] groups = new int[8];
        for (int i = 0; i < 8; i++)
        {
            groups[i] = (bytes[2 * i] & 0xFF) << 8 | (bytes[2 * i + 1] & 0xFF);
        }
        int bestStart = -1;
        int bestLength = 1; // a single zero group is not shortened
        for (int i = 0; i < 8; i++)
        {
            int j = i;
            while (j < 8 && groups[j] == 0)
            {
                j++;
            }
            if (j - i > bestLength)
            {
                bestStart = i;
                bestLength = j - i;
            }
            i = Math.max(i, j);
        }
        final StringBuilder out = new StringBuilder(39);
        for (int i = 0; i < 8; i++)
        {
            if (i == bestStart)
            {
                out.append("::");
                i += bestLength - 1;
                continue;
            }
            if (out.length() > 0 && out.charAt(out.length() - 1) != ':')
            {
                out.append(':');
            }
            out.append(Integer.toHexString(groups[i]));
        }
        return out.toString();
    }
}
