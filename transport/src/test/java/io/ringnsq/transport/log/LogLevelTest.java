package io.ringnsq.transport.log;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;

import ch.qos.logback.classic.Level;
import org.junit.jupiter.api.Test;

class LogLevelTest
{
    @Test
    void shouldNumberLevelsAsUpstreamFromDebugOneToFatalFive()
    {
        assertEquals(List.of(1, 2, 3, 4, 5), List.of(LogLevel.values()).stream().map(LogLevel::number).toList());
        for (final LogLevel level : LogLevel.values())
        {
            assertEquals(level, LogLevel.fromNumber(level.number()));
        }
    }

    @Test
    void shouldShowUpstreamsLevelWords()
    {
        assertEquals(List.of("DEBUG", "INFO", "WARNING", "ERROR", "FATAL"),
            List.of(LogLevel.values()).stream().map(LogLevel::word).toList());
    }

    @Test
    void shouldParseNamesInAnyCase()
    {
        assertEquals(LogLevel.DEBUG, LogLevel.parse("debug"));
        assertEquals(LogLevel.INFO, LogLevel.parse("INFO"));
        assertEquals(LogLevel.WARN, LogLevel.parse("Warn"));
        assertEquals(LogLevel.ERROR, LogLevel.parse("eRRor"));
        assertEquals(LogLevel.FATAL, LogLevel.parse("FATAL"));
    }

    @Test
    void shouldRefuseOtherNamesWithUpstreamsText()
    {
        for (final String bad : List.of("warning", "trace", "", " info", "debug\n", "2"))
        {
            final IllegalArgumentException ex = assertThrows(IllegalArgumentException.class, () -> LogLevel.parse(bad));
            assertEquals("invalid log level '" + bad + "' (debug, info, warn, error, fatal)", ex.getMessage());
        }
    }

    @Test
    void shouldMapOntoLogbackWithFatalAtError()
    {
        assertEquals(Level.DEBUG, LogLevel.DEBUG.logbackLevel());
        assertEquals(Level.INFO, LogLevel.INFO.logbackLevel());
        assertEquals(Level.WARN, LogLevel.WARN.logbackLevel());
        assertEquals(Level.ERROR, LogLevel.ERROR.logbackLevel());
        assertEquals(Level.ERROR, LogLevel.FATAL.logbackLevel());
    }

    @Test
    void shouldRefuseNumbersOutsideOneToFive()
    {
        assertThrows(IllegalArgumentException.class, () -> LogLevel.fromNumber(0));
        assertThrows(IllegalArgumentException.class, () -> LogLevel.fromNumber(6));
    }
}
