package io.ringnsq.core.meta;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * An immutable snapshot of what nsqd saves in {@code nsqd.dat}: its topics in order, each with its pause state
 * and channels. Built on the engine's thread from plain lists and handed to {@link MetadataFile#save}.
 *
 * @param topics the topics in order, names unique; an immutable copy is kept.
 */
public record NsqdMetadata(List<TopicMetadata> topics)
{
    /** No topics: a fresh data directory. */
    public static final NsqdMetadata EMPTY = new NsqdMetadata(List.of());

    /**
     * Checks that no topic appears twice (upstream keeps topics in a map, so it never writes a duplicate).
     */
    public NsqdMetadata
    {
        topics = List.copyOf(topics);
        final Set<String> seen = new HashSet<>();
        for (final TopicMetadata topic : topics)
        {
            if (!seen.add(topic.name()))
            {
                throw new IllegalArgumentException("duplicate topic " + topic.name());
            }
        }
    }

    /**
     * @return this snapshot without ephemeral topics and channels, which are never saved.
     */
    public NsqdMetadata withoutEphemeral()
    {
        final List<TopicMetadata> kept = new ArrayList<>(topics.size());
        boolean changed = false;
        for (final TopicMetadata topic : topics)
        {
            if (topic.ephemeral())
            {
                changed = true;
                continue;
            }
            final List<ChannelMetadata> channels = new ArrayList<>(topic.channels().size());
            for (final ChannelMetadata channel : topic.channels())
            {
                if (!channel.ephemeral())
                {
                    channels.add(channel);
                }
            }
            if (channels.size() == topic.channels().size())
            {
                kept.add(topic);
            }
            else
            {
                changed = true;
                kept.add(new TopicMetadata(topic.name(), topic.paused(), channels));
            }
        }
        return changed ? new NsqdMetadata(kept) : this;
    }
}
