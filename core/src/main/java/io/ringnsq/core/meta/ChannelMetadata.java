package io.ringnsq.core.meta;

import io.ringnsq.core.Names;

/**
 * One channel as {@code nsqd.dat} records it.
 *
 * @param name   a valid channel name ({@link Names#isValid(String)}), possibly ephemeral.
 * @param paused whether the channel is paused.
 */
public record ChannelMetadata(String name, boolean paused)
{
    /**
     * Checks the name, so a snapshot never holds one upstream would refuse to load.
     */
    public ChannelMetadata
    {
        if (!Names.isValid(name))
        {
            throw new IllegalArgumentException("invalid channel name: " + name);
        }
    }

    /**
     * @return whether the name ends in {@code #ephemeral}.
     */
    public boolean ephemeral()
    {
        return Names.isEphemeral(name);
    }
}
