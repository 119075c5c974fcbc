package io.ringnsq.lookup;

/**
 * One key of the registration DB (upstream's {@code Registration}): {@code ("client", "", "")} for every
 * identified nsqd, {@code ("topic", T, "")}, {@code ("channel", T, C)}.
 */
public record Registration(String category, String key, String subKey)
{
    public static final String CLIENT = "client";
    public static final String TOPIC = "topic";
    public static final String CHANNEL = "channel";
    /** In a search, a key or subkey of {@code *} matches any (upstream; user input reaches it unvalidated). */
    public static final String ANY = "*";

    public static Registration client()
    {
        return new Registration(CLIENT, "", "");
    }

    public static Registration topic(final String topic)
    {
        return new Registration(TOPIC, topic, "");
    }

    public static Registration channel(final String topic, final String channel)
    {
        return new Registration(CHANNEL, topic, channel);
    }

    boolean matches(final String category, final String key, final String subKey)
    {
        return this.category.equals(category)
            && (ANY.equals(key) || this.key.equals(key))
            && (ANY.equals(subKey) || this.subKey.equals(subKey));
    }

    /** How /debug names it: {@code category:key:subkey}. */
    String debugName()
    {
        return category + ":" + key + ":" + subKey;
    }
}
