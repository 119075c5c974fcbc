package io.ringnsq.transport.log;

import java.util.Locale;

import ch.qos.logback.classic.Level;

/**
 * Upstream's log levels ({@code internal/lg}): their numbers (what {@code GET /config/log_level}
 * answers), the names {@code --log-level} and {@code PUT /config/log_level} accept, the words a log
 * line shows, and the logback level each one maps to.
 *
 * <p>Logback has no FATAL: a fatal message is logged at ERROR with the {@link NsqdLogging#FATAL}
 * marker, and at level {@link #FATAL} the appender drops ERROR messages without it.
 */
public enum LogLevel
{
    /** {@code debug}, 1. */
    DEBUG(1, "debug", "DEBUG", Level.DEBUG),
    /** {@code info}, 2: upstream's default. */
    INFO(2, "info", "INFO", Level.INFO),
    /** {@code warn}, 3; its lines say {@code WARNING}. */
    WARN(3, "warn", "WARNING", Level.WARN),
    /** {@code error}, 4. */
    ERROR(4, "error", "ERROR", Level.ERROR),
    /** {@code fatal}, 5: only messages marked {@link NsqdLogging#FATAL}. */
    FATAL(5, "fatal", "FATAL", Level.ERROR);

    private static final LogLevel[] BY_NUMBER = {null, DEBUG, INFO, WARN, ERROR, FATAL};

    private final int number;
    private final String flagName;
    private final String word;
    private final Level logbackLevel;

    LogLevel(final int number, final String flagName, final String word, final Level logbackLevel)
    {
        this.number = number;
        this.flagName = flagName;
        this.word = word;
        this.logbackLevel = logbackLevel;
    }

    /** Upstream's {@code lg.LogLevel} value: 1 (debug) to 5 (fatal). */
    public int number()
    {
        return number;
    }

    /** The name {@code --log-level} takes: {@code debug}, {@code info}, {@code warn}, {@code error}, {@code fatal}. */
    public String flagName()
    {
        return flagName;
    }

    /** The word in a log line: {@code DEBUG}, {@code INFO}, {@code WARNING}, {@code ERROR}, {@code FATAL}. */
    public String word()
    {
        return word;
    }

    /** The logback threshold that lets this level's messages through (ERROR for {@link #FATAL}). */
    public Level logbackLevel()
    {
        return logbackLevel;
    }

    /**
     * Upstream's {@code lg.ParseLogLevel}: the name in any case, nothing around it.
     *
     * @throws IllegalArgumentException with upstream's text, {@code invalid log level 'x' (debug, info, warn, error, fatal)}
     */
    public static LogLevel parse(final String name)
    {
        // Go's strings.ToLower; no trimming, as upstream (a PUT body "debug\n" is refused)
        final String lower = name.toLowerCase(Locale.ROOT);
        for (final LogLevel level : values())
        {
            if (level.flagName.equals(lower))
            {
                return level;
            }
        }
        throw new IllegalArgumentException("invalid log level '" + name + "' (debug, info, warn, error, fatal)");
    }

    /**
     * The level with upstream's number.
     *
     * @throws IllegalArgumentException outside 1..5
     */
    public static LogLevel fromNumber(final int number)
    {
        if (number < 1 || number >= BY_NUMBER.length)
        {
            throw new IllegalArgumentException("invalid log level number " + number + " (1 debug ... 5 fatal)");
        }
        return BY_NUMBER[number];
    }
}
