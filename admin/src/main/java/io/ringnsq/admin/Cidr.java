package io.ringnsq.admin;

import java.net.InetAddress;
import java.net.UnknownHostException;

/** An IP network as Go's {@code net.ParseCIDR} reads it, for {@code --allow-config-from-cidr}. */
record Cidr(byte[] network, int prefixBits)
{
    static Cidr parse(final String text)
    {
        final int slash = text.indexOf('/');
        if (slash < 0)
        {
            throw new IllegalArgumentException("invalid CIDR address: " + text);
        }
        try
        {
            final byte[] address = InetAddress.getByName(text.substring(0, slash)).getAddress();
            final int bits = Integer.parseInt(text.substring(slash + 1));
            if (bits < 0 || bits > address.length * 8 || !literal(text.substring(0, slash)))
            {
                throw new IllegalArgumentException("invalid CIDR address: " + text);
            }
            return new Cidr(address, bits);
        }
        catch (final UnknownHostException | NumberFormatException ex)
        {
            throw new IllegalArgumentException("invalid CIDR address: " + text, ex);
        }
    }

    /** Only IP literals: getByName would otherwise resolve a host name. */
    private static boolean literal(final String host)
    {
        return host.chars().allMatch(c -> Character.digit(c, 16) >= 0 || c == '.' || c == ':');
    }

    boolean contains(final String ip)
    {
        final byte[] address;
        try
        {
            if (!literal(ip))
            {
                return false;
            }
            address = InetAddress.getByName(ip).getAddress();
        }
        catch (final UnknownHostException ex)
        {
            return false;
        }
        if (address.length != network.length)
        {
            return false;
        }
        for (int bit = 0; bit < prefixBits; bit++)
        {
            final int mask = 0x80 >>> (bit % 8);
            if ((address[bit / 8] & mask) != (network[bit / 8] & mask))
            {
                return false;
            }
        }
        return true;
    }
}
