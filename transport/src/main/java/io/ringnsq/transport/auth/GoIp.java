package io.ringnsq.transport.auth;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.NetworkInterface;

/**
 * Go's {@code net.IP.String()}, with the zone {@code net.TCPAddr} adds: dotted IPv4, and IPv6 in
 * lower-case hex with the longest run of two or more zero groups (the first of equal runs) as
 * {@code ::}. Java's {@code getHostAddress} would print {@code 0:0:0:0:0:0:0:1}.
 */
final class GoIp
{
    private GoIp()
    {
    }

    static String format(final InetAddress address)
    {
        if (address instanceof Inet4Address)
        {
            return address.getHostAddress();
        }
        final byte[] ip = address.getAddress();
        if (isMappedV4(ip))
        {
            return (ip[12] & 0xFF) + "." + (ip[13] & 0xFF) + "." + (ip[14] & 0xFF) + "." + (ip[15] & 0xFF);
        }
        int e0 = -1;
        int e1 = -1;
        for (int i = 0; i < 16; i += 2)
        {
            int j = i;
            while (j < 16 && ip[j] == 0 && ip[j + 1] == 0)
            {
                j += 2;
            }
            if (j > i && j - i > e1 - e0)
            {
                e0 = i;
                e1 = j;
                i = j;
            }
        }
        // "::" must not shorten a single zero group
        if (e1 - e0 <= 2)
        {
            e0 = -1;
            e1 = -1;
        }
        final StringBuilder out = new StringBuilder(39);
        for (int i = 0; i < 16; i += 2)
        {
            if (i == e0)
            {
                out.append("::");
                i = e1;
                if (i >= 16)
                {
                    break;
                }
            }
            else if (i > 0)
            {
                out.append(':');
            }
            out.append(Integer.toHexString(((ip[i] & 0xFF) << 8) | (ip[i + 1] & 0xFF)));
        }
        return out.append(zone((Inet6Address)address)).toString();
    }

    private static boolean isMappedV4(final byte[] ip)
    {
        for (int i = 0; i < 10; i++)
        {
            if (ip[i] != 0)
            {
                return false;
            }
        }
        return ip[10] == (byte)0xFF && ip[11] == (byte)0xFF;
    }

    private static String zone(final Inet6Address address)
    {
        final NetworkInterface scoped = address.getScopedInterface();
        if (scoped != null)
        {
            return "%" + scoped.getName();
        }
        return address.getScopeId() != 0 ? "%" + address.getScopeId() : "";
    }
}
