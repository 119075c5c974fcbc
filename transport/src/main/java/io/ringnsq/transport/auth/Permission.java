package io.ringnsq.transport.auth;

/** A permission an auth server can grant on a topic: the two names upstream accepts. */
public enum Permission
{
    /** Needed by SUB. */
    SUBSCRIBE("subscribe"),
    /** Needed by PUB, MPUB and DPUB. */
    PUBLISH("publish");

    private final String wireName;

    Permission(final String wireName)
    {
        this.wireName = wireName;
    }

    /** The name in the auth server's JSON. */
    public String wireName()
    {
        return wireName;
    }

    /** The permission with this exact name (upstream compares case-sensitively), or null. */
    static Permission fromWireName(final String name)
    {
        for (final Permission permission : values())
        {
            if (permission.wireName.equals(name))
            {
                return permission;
            }
        }
        return null;
    }
}
