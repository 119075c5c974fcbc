package io.ringnsq.interop.support;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

/** The parser of mocha 9's spec reporter output, on output captured from nsqjs's suite (no broker needed). */
final class MochaReportTest
{
    @Test
    void shouldReadAPassingRun()
    {
        final MochaReport report = MochaReport.parse(List.of(
            "  failures",
            "    Writer",
            "      nsqd disconnect before publish",
            "        ✔ should fail to publish a message (69ms)",
            "",
            "",
            "  171 passing (28s)",
            ""));
        assertEquals(171, report.passing());
        assertEquals(0, report.pending());
        assertEquals(0, report.failing());
        assertEquals("171 passing (28s)", report.summary());
        assertEquals(List.of(), report.problems(171));
        assertEquals(List.of("170 passing, expected 171"), MochaReport.parse(List.of("  170 passing (3s)")).problems(171));
    }

    @Test
    void shouldReadHookFailuresAndPendingTests()
    {
        final MochaReport report = MochaReport.parse(List.of(
            "        1) \"before each\" hook for \"should send and receive a large message\"",
            "  158 passing (7s)",
            "  1 pending",
            "  2 failing",
            "",
            "  1) integration",
            "       \"before each\" hook for \"should send and receive a large message\":",
            "     Error: Timeout of 2000ms exceeded. For async tests and hooks, ensure \"done()\" is called",
            "      at listOnTimeout (node:internal/timers:581:17)",
            "",
            "  2) integration",
            "       \"after each\" hook for \"should send and receive a large message\":",
            "     TypeError: Cannot read properties of null (reading 'close')",
            ""));
        assertEquals(158, report.passing());
        assertEquals(1, report.pending());
        assertEquals(2, report.failing());
        assertEquals("158 passing (7s), 1 pending, 2 failing", report.summary());
        assertEquals(List.of(
            "1) integration > \"before each\" hook for \"should send and receive a large message\": Error: Timeout of 2000ms exceeded."
                + " For async tests and hooks, ensure \"done()\" is called",
            "2) integration > \"after each\" hook for \"should send and receive a large message\": TypeError: Cannot read properties"
                + " of null (reading 'close')"), report.failures());
        assertEquals(3, report.problems(171).size(), report.problems(171).toString());
    }

    @Test
    void shouldReportARunWithoutSummary()
    {
        final MochaReport report = MochaReport.parse(List.of("  backofftimer", "    constructor"));
        assertEquals(-1, report.passing());
        assertFalse(report.problems(171).isEmpty());
        assertTrue(MochaReport.isSummaryLine("  171 passing (5s)"));
        assertFalse(MochaReport.isSummaryLine("      ✔ should count 171 passing things"));
    }
}
