package io.ringnsq.interop.support;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** The parser of tap's output, on output captured from tap 14.11.0 (no broker needed). */
final class TapReportTest
{
    private static final List<String> CLASSIC_PASS = List.of(
        "a-test.js ............................................. 3/3",
        "total ................................................. 3/3",
        "",
        "  3 passing (295.749ms)",
        "",
        "  ok");

    private static final String RAW_PASS = """
        TAP version 13
        ok 1 - a-test.js # time=23.131ms {
            # Subtest: one
                ok 1 - should be equal
                ok 2 - expect truthy value
                1..2
            ok 1 - one # time=3.903ms

            # Subtest: two
                ok 1 - should be equal
                1..1
            ok 2 - two # time=0.532ms

            1..2
            # time=23.131ms
        }

        1..1
        # time=286.17ms
        """;

    private static final List<String> CLASSIC_FAIL = List.of(
        "a-test.js ............................................. 3/3",
        "b-test.js ............................................. 1/2",
        "  bad",
        "  not ok should be equal",
        "total ................................................. 4/5",
        "",
        "  4 passing (326.19ms)",
        "  1 failing");

    private static final String RAW_FAIL = RAW_PASS.replace("1..1\n# time=286.17ms\n", "") + """
        not ok 2 - b-test.js # time=64.586ms
          ---
          exitCode: 1
          ...
        {
            # Subtest: bad
                not ok 1 - should be equal
                  ---
                  compare: ===
                  ...

                1..1
                # failed 1 test
            not ok 1 - bad # time=47.274ms

            # Subtest: good
                ok 1 - should be equal
                1..1
            ok 2 - good # time=0.463ms

            # Subtest: later
            ok 3 - later # SKIP not today

            1..3
            # failed 1 of 3 tests
        }

        1..2
        # failed 1 of 2 tests
        """;

    /** The same run with -j1: tests first, each file's result line after them. */
    private static final String RAW_PASS_SERIAL = """
        TAP version 13
        # Subtest: a-test.js
            # Subtest: one
                ok 1 - should be equal
                ok 2 - expect truthy value
                1..2
            ok 1 - one # time=3.903ms

            # Subtest: two
                ok 1 - should be equal
                1..1
            ok 2 - two # time=0.532ms

            1..2
            # time=23.131ms
        ok 1 - a-test.js # time=23.131ms

        # Subtest: b-test.js
            # Subtest: three
                ok 1 - should be equal
                1..1
            ok 1 - three # time=1.2ms

            1..1
        ok 2 - b-test.js # time=5.5ms

        1..2
        # time=286.17ms
        """;

    @Test
    void shouldAttributeTestsToTheirFileInASerialRun()
    {
        final TapReport report = TapReport.parse(CLASSIC_PASS, RAW_PASS_SERIAL);

        assertEquals(List.of("one", "two"), report.files().get("a-test.js").passed());
        assertEquals(List.of("three"), report.files().get("b-test.js").passed());
        assertEquals(List.of(), report.problems(Map.of("a-test.js", 2, "b-test.js", 1), 3));
    }

    @Test
    void shouldReportATestThatStartedButNeverReportedAsFailed()
    {
        final String killed = RAW_PASS_SERIAL
            .replace("    ok 1 - three # time=1.2ms\n", "")
            .replace("ok 2 - b-test.js # time=5.5ms", "not ok 2 - b-test.js # time=90000ms");

        final List<String> problems = TapReport.parse(CLASSIC_PASS, killed).problems(Map.of("a-test.js", 2, "b-test.js", 1), 3);

        assertEquals(List.of("b-test.js: not ok", "b-test.js: failed tests [three (no result: killed by tap's time-out, or crashed)]"),
            problems);
    }

    @Test
    void shouldFindNoProblemWhenEveryExpectedTestAndAssertionPassed()
    {
        final TapReport report = TapReport.parse(CLASSIC_PASS, RAW_PASS);

        assertEquals(3, report.assertionsTotal());
        assertEquals(List.of("one", "two"), report.files().get("a-test.js").passed());
        assertEquals(List.of(), report.problems(Map.of("a-test.js", 2), 3));
    }

    @Test
    void shouldReportFailedSkippedAndMissingTestsAndFailedAssertions()
    {
        final TapReport report = TapReport.parse(CLASSIC_FAIL, RAW_FAIL);

        final List<String> problems = report.problems(Map.of("a-test.js", 2, "b-test.js", 2, "c-test.js", 1), 5);

        assertTrue(problems.contains("1 of 5 assertions failed"), problems::toString);
        assertTrue(problems.contains("1 failing"), problems::toString);
        assertTrue(problems.contains("b-test.js: not ok"), problems::toString);
        assertTrue(problems.contains("b-test.js: failed tests [bad]"), problems::toString);
        assertTrue(problems.contains("b-test.js: skipped tests [later # SKIP not today]"), problems::toString);
        assertTrue(problems.contains("b-test.js: 3 tests ran, expected 2"), problems::toString);
        assertTrue(problems.contains("c-test.js: no result in the raw TAP (did it run?)"), problems::toString);
    }

    @Test
    void shouldReportTooFewAssertionsAndAMissingSummary()
    {
        assertEquals(List.of("only 3 assertions ran, expected at least 4"),
            TapReport.parse(CLASSIC_PASS, RAW_PASS).problems(Map.of("a-test.js", 2), 4));
        assertEquals(List.of("no 'total ... N/M' summary line from the classic reporter"),
            TapReport.parse(List.of(), RAW_PASS).problems(Map.of("a-test.js", 2), 0));
    }
}
