package io.ringnsq.transport.tls;

import java.util.Locale;

/**
 * The TLS versions nsqd's {@code --tls-min-version} names, with the JDK's protocol name for each and the
 * text upstream shows in /stats ({@code tls_version}).
 */
public enum TlsVersion
{
    TLS1_0("tls1.0", "TLSv1", "TLS1.0"),
    TLS1_1("tls1.1", "TLSv1.1", "TLS1.1"),
    TLS1_2("tls1.2", "TLSv1.2", "TLS1.2"),
    TLS1_3("tls1.3", "TLSv1.3", "TLS1.3");

    /** Upstream's default for {@code --tls-min-version}. */
    public static final TlsVersion DEFAULT_MIN = TLS1_0;

    private static final TlsVersion[] VALUES = values();

    private final String flagValue;
    private final String jdkName;
    private final String statsName;

    TlsVersion(final String flagValue, final String jdkName, final String statsName)
    {
        this.flagValue = flagValue;
        this.jdkName = jdkName;
        this.statsName = statsName;
    }

    /**
     * Parses a {@code --tls-min-version} value as upstream does: case-insensitive, and empty means the
     * default. Upstream's help text also names {@code ssl3.0}, which its parser refuses; so does this one.
     *
     * @throws IllegalArgumentException with upstream's text, {@code unknown tlsVersionOption "x"}.
     */
    public static TlsVersion parse(final String flagValue)
    {
        final String value = flagValue == null ? "" : flagValue.toLowerCase(Locale.ROOT);
        if (value.isEmpty())
        {
            return DEFAULT_MIN;
        }
        for (final TlsVersion version : VALUES)
        {
            if (version.flagValue.equals(value))
            {
                return version;
            }
        }
        throw new IllegalArgumentException("unknown tlsVersionOption \"" + flagValue + "\"");
    }

    /** The version the JDK names {@code jdkName} ({@code SSLSession.getProtocol()}), or null for another. */
    public static TlsVersion fromJdkName(final String jdkName)
    {
        for (final TlsVersion version : VALUES)
        {
            if (version.jdkName.equals(jdkName))
            {
                return version;
            }
        }
        return null;
    }

    /** As given on the command line: {@code tls1.2}. */
    public String flagValue()
    {
        return flagValue;
    }

    /** As the JDK names it: {@code TLSv1.2}. */
    public String jdkName()
    {
        return jdkName;
    }

    /** As upstream's /stats shows it: {@code TLS1.2}. */
    public String statsName()
    {
        return statsName;
    }

    /** This version and every later one, newest first, as JDK protocol names for {@code setEnabledProtocols}. */
    String[] jdkNamesFromHere()
    {
        final String[] names = new String[VALUES.length - ordinal()];
        for (int i = 0; i < names.length; i++)
        {
            names[i] = VALUES[VALUES.length - 1 - i].jdkName;
        }
        return names;
    }
}
