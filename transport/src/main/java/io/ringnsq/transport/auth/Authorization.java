package io.ringnsq.transport.auth;

import java.util.List;
import java.util.regex.Pattern;

/**
 * One entry of the auth server's {@code authorizations}: a topic regex, channel regexes and the
 * permissions they grant. The regexes are Go (RE2) syntax, compiled with {@link GoRegex} and
 * matched as upstream's {@code MatchString} does: an unanchored search.
 */
public final class Authorization
{
    private final String topic;
    private final List<String> channels;
    private final List<Permission> permissions;
    private final Pattern topicPattern;
    private final List<Pattern> channelPatterns;

    Authorization(
        final String topic,
        final List<String> channels,
        final List<Permission> permissions,
        final Pattern topicPattern,
        final List<Pattern> channelPatterns)
    {
        this.topic = topic;
        this.channels = List.copyOf(channels);
        this.permissions = List.copyOf(permissions);
        this.topicPattern = topicPattern;
        this.channelPatterns = List.copyOf(channelPatterns);
    }

    /** The topic regex as the auth server sent it. */
    public String topic()
    {
        return topic;
    }

    /** The channel regexes as sent; empty when the server sent none (or {@code null}). */
    public List<String> channels()
    {
        return channels;
    }

    /** The permissions as sent, in order, duplicates kept. */
    public List<Permission> permissions()
    {
        return permissions;
    }

    /** Whether this entry grants the permission at all. */
    public boolean hasPermission(final Permission permission)
    {
        return permissions.contains(permission);
    }

    /**
     * Upstream's {@code Authorization.IsAllowed}: the permission is granted, the topic regex is found
     * in the topic, and some channel regex is found in the channel. Publishing passes the channel
     * {@code ""}, so only a channel regex that matches the empty string (such as {@code .*}) lets a
     * topic be published to: an entry without channels allows no publishing.
     */
    public boolean isAllowed(final CharSequence topicName, final CharSequence channelName, final Permission permission)
    {
        if (!hasPermission(permission) || !topicPattern.matcher(topicName).find())
        {
            return false;
        }
        for (final Pattern channelPattern : channelPatterns)
        {
            if (channelPattern.matcher(channelName).find())
            {
                return true;
            }
        }
        return false;
    }
}
