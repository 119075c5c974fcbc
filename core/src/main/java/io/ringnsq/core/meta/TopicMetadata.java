package io.ringnsq.core.meta;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

import io.ringnsq.core.Names;

/**
 * One topic as {@code nsqd.dat} records it.
 *
 * @param name     a valid topic name ({@link Names#isValid(String)}), possibly ephemeral.
 * @param paused   whether the topic is paused.
 * @param channels its channels in order, names unique; an immutable copy is kept.
 */
public record TopicMetadata(String name, boolean paused, List<ChannelMetadata> channels)
{
    /**
     * Checks the name and that no channel appears twice (upstream keeps channels in a map, so it never
     * writes a duplicate).
     */
    public TopicMetadata
    {
        if (!Names.isValid(name))
        {
            throw new IllegalArgumentException("invalid topic name: " + name);
        }
        channels = List.copyOf(channels);
        final Set<String> seen = new HashSet<>();
        for (final ChannelMetadata channel : channels)
        {
            if (!seen.add(channel.name()))
            {
                throw new IllegalArgumentException("duplicate channel " + channel.name() + " in topic " + name);
            }
        }
    }

    /**
     * @param name   a valid topic name.
     * @param paused whether the topic is paused.
     * @return a topic without channels.
     */
    public static TopicMetadata of(final String name, final boolean paused)
    {
        return new TopicMetadata(name, paused, List.of());
    }

    /**
     * @return whether the name ends in {@code #ephemeral}.
     */
    public boolean ephemeral()
    {
        return Names.isEphemeral(name);
    }
}
