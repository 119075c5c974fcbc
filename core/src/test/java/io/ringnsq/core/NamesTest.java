package io.ringnsq.core;

import java.nio.charset.StandardCharsets;

import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class NamesTest
{
    @Test
    void shouldAcceptUpstreamCharacterSetAndEphemeralSuffix()
    {
        for (final String name : new String[]{"a", "Topic_1", "t.b-c", "x#ephemeral", "0".repeat(64), "a".repeat(54) + "#ephemeral"})
        {
            assertTrue(Names.isValid(name), name);
            assertTrue(Names.isValid(bytes(name), 0, name.length()), name);
        }
    }

    @Test
    void shouldRejectEmptyTooLongAndForeignCharacters()
    {
        for (final String name : new String[]{"", "#ephemeral", "0".repeat(65), "a".repeat(55) + "#ephemeral", "bad!topic",
            "a b", "a#b", "a#ephemeral#ephemeral", "é", "a/b", "..\u0000"})
        {
            assertFalse(Names.isValid(name), name);
            final byte[] raw = name.getBytes(StandardCharsets.UTF_8);
            assertFalse(Names.isValid(new UnsafeBuffer(raw), 0, raw.length), name);
        }
    }

    @Test
    void shouldRecogniseEphemeralNames()
    {
        assertTrue(Names.isEphemeral("t#ephemeral"));
        assertFalse(Names.isEphemeral("t"));
        assertEquals(64, Names.MAX_LENGTH);
    }

    private static UnsafeBuffer bytes(final String s)
    {
        return new UnsafeBuffer(s.getBytes(StandardCharsets.US_ASCII));
    }
}
