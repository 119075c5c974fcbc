package io.ringnsq.core.meta;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

class NsqdMetadataTest
{
    @Test
    void shouldRejectNamesUpstreamWouldNotLoad()
    {
        assertThrows(IllegalArgumentException.class, () -> TopicMetadata.of("bad topic", false));
        assertThrows(IllegalArgumentException.class, () -> new ChannelMetadata("", false));
        assertThrows(IllegalArgumentException.class, () -> new ChannelMetadata(null, false));
    }

    @Test
    void shouldRejectDuplicateTopicsAndChannels()
    {
        assertThrows(IllegalArgumentException.class,
            () -> new NsqdMetadata(List.of(TopicMetadata.of("t", false), TopicMetadata.of("t", true))));
        assertThrows(IllegalArgumentException.class, () -> new TopicMetadata("t", false,
            List.of(new ChannelMetadata("c", false), new ChannelMetadata("c", false))));
    }

    @Test
    void shouldKeepAnImmutableCopyOfTheCallersLists()
    {
        final List<ChannelMetadata> channels = new ArrayList<>(List.of(new ChannelMetadata("c", false)));
        final TopicMetadata topic = new TopicMetadata("t", false, channels);
        channels.clear();

        assertEquals(1, topic.channels().size());
        assertThrows(UnsupportedOperationException.class, () -> topic.channels().add(new ChannelMetadata("d", true)));
    }

    @Test
    void shouldDropEphemeralTopicsAndChannelsOnlyWhenAsked()
    {
        final NsqdMetadata metadata = new NsqdMetadata(List.of(
            new TopicMetadata("t", true,
                List.of(new ChannelMetadata("c#ephemeral", false), new ChannelMetadata("d", true))),
            TopicMetadata.of("e#ephemeral", false)));

        assertEquals(2, metadata.topics().size());
        assertEquals(new NsqdMetadata(List.of(new TopicMetadata("t", true, List.of(new ChannelMetadata("d", true))))),
            metadata.withoutEphemeral());
    }

    @Test
    void shouldReturnItselfWhenNothingIsEphemeral()
    {
        final NsqdMetadata metadata = new NsqdMetadata(List.of(
            new TopicMetadata("t", false, List.of(new ChannelMetadata("c", false)))));

        assertSame(metadata, metadata.withoutEphemeral());
    }
}
