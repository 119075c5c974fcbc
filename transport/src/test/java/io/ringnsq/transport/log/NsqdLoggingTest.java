package io.ringnsq.transport.log;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Logging as nsqd uses it: through SLF4J, with the global configuration put back after each test. */
class NsqdLoggingTest
{
    private static final Pattern LINE =
        Pattern.compile("\\[nsqd] \\d{4}/\\d{2}/\\d{2} \\d{2}:\\d{2}:\\d{2}\\.\\d{6} (DEBUG|INFO|WARNING|ERROR|FATAL): .*");

    @TempDir
    Path dir;

    private final Logger log = LoggerFactory.getLogger("nsqd.test");
    private final ByteArrayOutputStream captured = new ByteArrayOutputStream();
    private PrintStream originalErr;

    @BeforeEach
    void captureStderr()
    {
        originalErr = System.err;
        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
    }

    @AfterEach
    void restoreDefaults() throws IOException
    {
        System.setErr(originalErr);
        NsqdLogging.configure(LogLevel.INFO, NsqdLogging.DEFAULT_PREFIX, "", 1, 0);
    }

    private List<String> stderrLines()
    {
        final String text = captured.toString(StandardCharsets.UTF_8);
        return text.isEmpty() ? List.of() : Arrays.asList(text.split("\n"));
    }

    private static String messageOf(final String line)
    {
        return line.substring(line.indexOf(": ") + 2);
    }

    @Test
    void shouldWriteUpstreamsFormatToStderrByDefault() throws IOException
    {
        NsqdLogging.configure(LogLevel.INFO, "[nsqd] ", "", 1, 0);

        log.info("TCP: listening on {}", "127.0.0.1:4150");

        final List<String> lines = stderrLines();
        assertEquals(1, lines.size(), lines::toString);
        assertTrue(LINE.matcher(lines.get(0)).matches(), lines.get(0));
        assertTrue(lines.get(0).endsWith(" INFO: TCP: listening on 127.0.0.1:4150"), lines.get(0));
    }

    @Test
    void shouldShowEachLevelsUpstreamWord() throws IOException
    {
        NsqdLogging.configure(LogLevel.DEBUG, "[nsqd] ", "", 1, 0);

        log.debug("d");
        log.info("i");
        log.warn("w");
        log.error("e");
        log.error(NsqdLogging.FATAL, "f");

        final List<String> lines = stderrLines();
        assertEquals(5, lines.size(), lines::toString);
        final String[] words = {"DEBUG: d", "INFO: i", "WARNING: w", "ERROR: e", "FATAL: f"};
        for (int i = 0; i < words.length; i++)
        {
            assertTrue(LINE.matcher(lines.get(i)).matches(), lines.get(i));
            assertTrue(lines.get(i).endsWith(" " + words[i]), lines.get(i));
        }
    }

    @Test
    void shouldDropMessagesBelowTheLevel() throws IOException
    {
        NsqdLogging.configure(LogLevel.WARN, "[nsqd] ", "", 1, 0);

        log.debug("d");
        log.info("i");
        log.warn("w");
        log.error("e");

        assertEquals(List.of("w", "e"), stderrLines().stream().map(NsqdLoggingTest::messageOf).toList());
    }

    @Test
    void shouldLetOnlyFatalMessagesThroughAtFatal() throws IOException
    {
        NsqdLogging.configure(LogLevel.FATAL, "[nsqd] ", "", 1, 0);

        log.warn("w");
        log.error("e");
        log.error(NsqdLogging.FATAL, "f");

        assertEquals(List.of("f"), stderrLines().stream().map(NsqdLoggingTest::messageOf).toList());
    }

    @Test
    void shouldChangeTheLevelAtRunTime() throws IOException
    {
        NsqdLogging.configure(LogLevel.INFO, "[nsqd] ", "", 1, 0);
        log.debug("hidden");

        NsqdLogging.setLevel(LogLevel.DEBUG);
        log.debug("shown");
        assertEquals(LogLevel.DEBUG, NsqdLogging.level());

        NsqdLogging.setLevel(LogLevel.ERROR);
        log.info("hidden again");
        log.error("error");
        assertEquals(LogLevel.ERROR, NsqdLogging.level());

        assertEquals(List.of("shown", "error"), stderrLines().stream().map(NsqdLoggingTest::messageOf).toList());
    }

    @Test
    void shouldPutTheConfiguredPrefixFirst() throws IOException
    {
        NsqdLogging.configure(LogLevel.INFO, "my-prefix ", "", 1, 0);

        log.info("hello");

        assertEquals("my-prefix ", NsqdLogging.prefix());
        assertTrue(stderrLines().get(0).matches("my-prefix \\d{4}/\\d{2}/\\d{2} \\d{2}:\\d{2}:\\d{2}\\.\\d{6} INFO: hello"),
            stderrLines().get(0));
    }

    @Test
    void shouldWriteToTheLogFileInsteadOfStderr() throws IOException
    {
        final Path file = dir.resolve("nsqd.log");
        NsqdLogging.configure(LogLevel.INFO, "[nsqd] ", file.toString(), 1_000_000, 2);

        log.info("to the file");

        assertEquals(file, NsqdLogging.file());
        assertEquals(List.of(), stderrLines());
        final List<String> lines = Files.readAllLines(file);
        assertEquals(1, lines.size());
        assertTrue(LINE.matcher(lines.get(0)).matches(), lines.get(0));
        assertTrue(lines.get(0).endsWith(" INFO: to the file"));
    }

    @Test
    void shouldAlsoWriteFatalLinesToStderrWhenLoggingToAFile() throws IOException
    {
        final Path file = dir.resolve("nsqd.log");
        NsqdLogging.configure(LogLevel.INFO, "[nsqd] ", file.toString(), 1_000_000, 2);

        log.error(NsqdLogging.FATAL, "failed to start nsqd - boom");

        assertEquals(List.of("failed to start nsqd - boom"), stderrLines().stream().map(NsqdLoggingTest::messageOf).toList());
        assertEquals(1, Files.readAllLines(file).size());
    }

    @Test
    void shouldRotateTheLogFileBySize() throws IOException
    {
        final Path file = dir.resolve("nsqd.log");
        // each line is about 50 bytes: 3 fit in 160
        NsqdLogging.configure(LogLevel.INFO, "[nsqd] ", file.toString(), 160, 2);

        for (int i = 0; i < 10; i++)
        {
            log.info("line {}", i);
        }

        final Path first = file.resolveSibling("nsqd.log.1");
        final Path second = file.resolveSibling("nsqd.log.2");
        assertTrue(Files.size(file) <= 160 && Files.size(first) <= 160 && Files.size(second) <= 160);
        assertFalse(Files.exists(file.resolveSibling("nsqd.log.3")));
        assertEquals(List.of("line 9"), Files.readAllLines(file).stream().map(NsqdLoggingTest::messageOf).toList());
        assertEquals(List.of("line 6", "line 7", "line 8"),
            Files.readAllLines(first).stream().map(NsqdLoggingTest::messageOf).toList());
        assertEquals(List.of("line 3", "line 4", "line 5"),
            Files.readAllLines(second).stream().map(NsqdLoggingTest::messageOf).toList());
    }

    @Test
    void shouldGoBackToStderrWhenConfiguredWithoutAFile() throws IOException
    {
        NsqdLogging.configure(LogLevel.INFO, "[nsqd] ", dir.resolve("nsqd.log").toString(), 1_000, 1);
        NsqdLogging.configure(LogLevel.INFO, "[nsqd] ", "", 1, 0);

        log.info("back");

        assertNull(NsqdLogging.file());
        assertEquals(List.of("back"), stderrLines().stream().map(NsqdLoggingTest::messageOf).toList());
    }

    @Test
    void shouldRefuseAnUnwritableLogFileAndKeepTheOldSettings() throws IOException
    {
        NsqdLogging.configure(LogLevel.WARN, "[old] ", "", 1, 0);
        final Path file = dir.resolve("no-such-dir").resolve("nsqd.log");

        final IOException ex = assertThrows(IOException.class,
            () -> NsqdLogging.configure(LogLevel.DEBUG, "[new] ", file.toString(), 1_000, 1));

        assertEquals(file + ": no such file or directory", ex.getMessage());
        assertEquals(LogLevel.WARN, NsqdLogging.level());
        assertEquals("[old] ", NsqdLogging.prefix());
        assertNull(NsqdLogging.file());
    }

    @Test
    void shouldAppendTheStackTraceOfALoggedException() throws IOException
    {
        NsqdLogging.configure(LogLevel.INFO, "[nsqd] ", "", 1, 0);

        log.error("agent error", new IllegalStateException("broken"));

        final List<String> lines = stderrLines();
        assertTrue(lines.get(0).endsWith(" ERROR: agent error"), lines.get(0));
        assertEquals("java.lang.IllegalStateException: broken", lines.get(1));
        assertTrue(lines.get(2).startsWith("\tat "), lines.get(2));
    }
}
