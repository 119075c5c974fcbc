package io.ringnsq.transport.nsqd;

/** {@code --tls-required}: which listeners demand TLS (upstream's TLSNotRequired, TLSRequiredExceptHTTP, TLSRequired). */
public enum TlsRequired
{
    /** {@code false}: TLS is offered, not demanded. */
    NO("false", 0),
    /** {@code tcp-https}: TCP clients must upgrade before any command but IDENTIFY; plain HTTP stays open. */
    TCP_HTTPS("tcp-https", 1),
    /** {@code true}: as tcp-https, and the plain HTTP listener answers 403 TLS_REQUIRED. */
    YES("true", 2);

    private final String flag;
    private final int number;

    TlsRequired(final String flag, final int number)
    {
        this.flag = flag;
        this.number = number;
    }

    /** The flag's word. */
    public String flag()
    {
        return flag;
    }

    /** Upstream's value, what {@code GET /config/tls_required} shows. */
    public int number()
    {
        return number;
    }

    public static TlsRequired fromFlag(final String flag)
    {
        for (final TlsRequired value : values())
        {
            if (value.flag.equals(flag))
            {
                return value;
            }
        }
        throw new IllegalArgumentException("invalid --tls-required " + flag + " (true, false, tcp-https)");
    }
}
