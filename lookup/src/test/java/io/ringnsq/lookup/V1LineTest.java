package io.ringnsq.lookup;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;

/** A V1 line as Go's {@code strings.TrimSpace} then {@code strings.Split(line, " ")} cut it. */
class V1LineTest
{
    private static List<String> split(final byte[] line)
    {
        final ByteBuffer buffer = ByteBuffer.allocate(line.length + 4);
        buffer.put(new byte[] {'x', 'x'}).put(line).put(new byte[] {'y', 'y'});
        return V1Line.split(buffer, 2, 2 + line.length);
    }

    private static List<String> split(final String utf8)
    {
        return split(utf8.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void shouldSplitOnSingleSpacesKeepingEmptyParams()
    {
        assertEquals(List.of("REGISTER", "", "t"), split("REGISTER  t"));
        assertEquals(List.of("REGISTER", "t", "c", "extra"), split("REGISTER t c extra"));
    }

    @Test
    void shouldTrimAsciiWhiteSpaceOnBothEndsOnly()
    {
        assertEquals(List.of("PING"), split(" \t\r\u000b\fPING\r"));
        assertEquals(List.of("A\tB"), split("A\tB"));
        assertEquals(List.of(""), split(" \t "));
        assertEquals(List.of(""), split(""));
    }

    @Test
    void shouldTrimUnicodeWhiteSpaceAsGoDoes()
    {
        assertEquals(List.of("PING"), split("\u00a0\u2003PING\u3000\u0085"));
        assertEquals(List.of("PING", "t"), split("\u205fPING t\u202f\u2029"));
    }

    @Test
    void shouldKeepBytesThatAreNotWhiteSpaceAsLatin1Chars()
    {
        // U+2030 (per mille) is not a space; invalid UTF-8 is not either
        assertEquals(List.of("t\u00e2\u0080\u00b0"), split("t\u2030"));
        assertEquals(List.of("t\u0080"), split(new byte[] {'t', (byte)0x80}));
        assertEquals(List.of("\u00e2\u0080", "t"), split(new byte[] {(byte)0xE2, (byte)0x80, ' ', 't'}));
    }
}
