package io.ringnsq.transport.nsqd.lookupd;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The registration thread's own copy of the engine's topics and channels, kept from the events, so
 * that a (re)connected lookupd can be sent everything without reading the engine's state.
 */
final class RegisteredTopics
{
    private final Map<String, Set<String>> topics = new LinkedHashMap<>();

    void apply(final TopologyEvent event)
    {
        switch (event.type())
        {
            case TopologyEvent.TOPIC_CREATED -> topics.computeIfAbsent(event.topic(), t -> new LinkedHashSet<>());
            case TopologyEvent.CHANNEL_CREATED -> topics.computeIfAbsent(event.topic(), t -> new LinkedHashSet<>()).add(event.channel());
            case TopologyEvent.TOPIC_DELETED -> topics.remove(event.topic());
            case TopologyEvent.CHANNEL_DELETED ->
            {
                final Set<String> channels = topics.get(event.topic());
                if (channels != null)
                {
                    channels.remove(event.channel());
                }
            }
            default -> throw new IllegalArgumentException("unknown event type " + event.type());
        }
    }

    /** Upstream's connect callback: {@code REGISTER t} for a topic without channels, {@code REGISTER t c} for each channel. */
    List<String> registerCommands()
    {
        final List<String> commands = new ArrayList<>();
        for (final Map.Entry<String, Set<String>> topic : topics.entrySet())
        {
            if (topic.getValue().isEmpty())
            {
                commands.add("REGISTER " + topic.getKey());
            }
            for (final String channel : topic.getValue())
            {
                commands.add("REGISTER " + topic.getKey() + " " + channel);
            }
        }
        return commands;
    }
}
