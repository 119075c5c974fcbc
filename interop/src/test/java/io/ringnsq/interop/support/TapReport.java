package io.ringnsq.interop.support;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a {@code tap -R classic -o raw.tap} run reports, read from both outputs: the classic reporter's summary
 * (assertion counts) and the raw TAP stream (one result per test file, one per test inside it). Two sources
 * because each misses something: the classic summary counts assertions, not tests, and leaves out "failing"
 * when a file dies of an uncaught exception; the raw TAP names every test and its directive (SKIP/TODO).
 */
public final class TapReport
{
    /** One test file: its own verdict and its top-level tests. */
    public record FileResult(String file, boolean ok, List<String> passed, List<String> failed, List<String> skipped)
    {
        public int tests()
        {
            return passed.size() + failed.size() + skipped.size();
        }
    }

    private static final Pattern TOTAL = Pattern.compile("^total \\.+ (\\d+)/(\\d+)\\b.*$");
    private static final Pattern FAILING = Pattern.compile("^\\s*(\\d+) failing\\b.*$");
    private static final Pattern FILE_POINT = Pattern.compile("^(ok|not ok) \\d+ - (.+?)(?: # (.*))?$");
    private static final Pattern TEST_POINT = Pattern.compile("^    (ok|not ok) \\d+ - (.*?)(?: # (.*))?$");
    private static final String SUBTEST_HEADER = "# Subtest: ";
    private static final String TEST_HEADER = "    # Subtest: ";
    private static final Pattern SKIP_OR_TODO = Pattern.compile("^(skip|todo)\\b.*", Pattern.CASE_INSENSITIVE);

    private final int assertionsPassed;
    private final int assertionsTotal;
    private final int failing;
    private final Map<String, FileResult> files;

    private TapReport(final int assertionsPassed, final int assertionsTotal, final int failing, final Map<String, FileResult> files)
    {
        this.assertionsPassed = assertionsPassed;
        this.assertionsTotal = assertionsTotal;
        this.failing = failing;
        this.files = files;
    }

    /** {@code classicLines}: the reporter's output, line by line; {@code rawTap}: the file written by {@code -o}. */
    public static TapReport parse(final List<String> classicLines, final String rawTap)
    {
        int passed = -1;
        int total = -1;
        int failing = 0;
        for (final String line : classicLines)
        {
            final Matcher totalLine = TOTAL.matcher(line);
            if (totalLine.matches())
            {
                passed = Integer.parseInt(totalLine.group(1));
                total = Integer.parseInt(totalLine.group(2));
            }
            final Matcher failingLine = FAILING.matcher(line);
            if (failingLine.matches())
            {
                failing = Integer.parseInt(failingLine.group(1));
            }
        }
        return new TapReport(passed, total, failing, parseRaw(rawTap));
    }

    /**
     * Serial runs ({@code -j1}) print a file's tests first, under {@code # Subtest: <file>}, and its result line
     * after them; parallel runs print the result line first, then the tests in braces (the opening brace ends
     * the result line, or has a line of its own after a failed file's YAML block).
     */
    private static Map<String, FileResult> parseRaw(final String rawTap)
    {
        final Map<String, FileResult> files = new LinkedHashMap<>();
        FileResult pending = emptyResult("");
        FileResult buffered = null;
        FileResult last = null;
        // a test that started ("    # Subtest: name") and has no result line yet, and the file it belongs to
        String open = null;
        FileResult openIn = null;
        for (final String line : rawTap.split("\\R"))
        {
            final boolean endsOpenTest = line.startsWith(TEST_HEADER) || line.startsWith(SUBTEST_HEADER)
                || "}".equals(line) || FILE_POINT.matcher(line).matches();
            if (endsOpenTest && open != null)
            {
                openIn.failed().add(open + " (no result: killed by tap's time-out, or crashed)");
                open = null;
            }
            if ("{".equals(line))
            {
                buffered = last;
                continue;
            }
            if (line.startsWith(SUBTEST_HEADER))
            {
                pending = emptyResult(line.substring(SUBTEST_HEADER.length()));
                continue;
            }
            if (line.startsWith(TEST_HEADER))
            {
                open = line.substring(TEST_HEADER.length());
                openIn = buffered != null ? buffered : pending;
                continue;
            }
            if ("}".equals(line))
            {
                buffered = null;
                continue;
            }
            final Matcher file = FILE_POINT.matcher(line);
            if (file.matches())
            {
                final boolean ok = "ok".equals(file.group(1));
                if (line.endsWith(" {"))
                {
                    buffered = new FileResult(file.group(2), ok, new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
                    last = buffered;
                }
                else
                {
                    last = new FileResult(file.group(2), ok, pending.passed(), pending.failed(), pending.skipped());
                    pending = emptyResult("");
                }
                files.put(last.file(), last);
                continue;
            }
            final Matcher test = TEST_POINT.matcher(line);
            if (test.matches())
            {
                open = null;
                addTest(buffered != null ? buffered : pending, test);
            }
        }
        return files;
    }

    private static FileResult emptyResult(final String file)
    {
        return new FileResult(file, false, new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
    }

    private static void addTest(final FileResult result, final Matcher test)
    {
        final String directive = test.group(3) == null ? "" : test.group(3).trim();
        if (SKIP_OR_TODO.matcher(directive).matches())
        {
            result.skipped().add(test.group(2) + " # " + directive);
        }
        else if ("ok".equals(test.group(1)))
        {
            result.passed().add(test.group(2));
        }
        else
        {
            result.failed().add(test.group(2));
        }
    }

    public int assertionsPassed()
    {
        return assertionsPassed;
    }

    public int assertionsTotal()
    {
        return assertionsTotal;
    }

    public Map<String, FileResult> files()
    {
        return files;
    }

    /**
     * Every way this run falls short of "the whole suite ran and passed": each expected file ran exactly its
     * expected number of tests, all passing, none skipped; every assertion passed and at least
     * {@code minAssertions} ran; nothing failed. Empty when the suite passed in full.
     */
    public List<String> problems(final Map<String, Integer> expectedTestsPerFile, final int minAssertions)
    {
        final List<String> problems = new ArrayList<>();
        if (assertionsTotal < 0)
        {
            problems.add("no 'total ... N/M' summary line from the classic reporter");
        }
        else
        {
            if (assertionsPassed != assertionsTotal)
            {
                problems.add((assertionsTotal - assertionsPassed) + " of " + assertionsTotal + " assertions failed");
            }
            if (assertionsTotal < minAssertions)
            {
                problems.add("only " + assertionsTotal + " assertions ran, expected at least " + minAssertions);
            }
        }
        if (failing > 0)
        {
            problems.add(failing + " failing");
        }
        for (final Map.Entry<String, Integer> expected : expectedTestsPerFile.entrySet())
        {
            final FileResult result = files.get(expected.getKey());
            if (result == null)
            {
                problems.add(expected.getKey() + ": no result in the raw TAP (did it run?)");
                continue;
            }
            if (!result.ok())
            {
                problems.add(expected.getKey() + ": not ok");
            }
            if (!result.failed().isEmpty())
            {
                problems.add(expected.getKey() + ": failed tests " + result.failed());
            }
            if (!result.skipped().isEmpty())
            {
                problems.add(expected.getKey() + ": skipped tests " + result.skipped());
            }
            if (result.tests() != expected.getValue())
            {
                problems.add(expected.getKey() + ": " + result.tests() + " tests ran, expected " + expected.getValue());
            }
        }
        for (final String file : files.keySet())
        {
            if (!expectedTestsPerFile.containsKey(file))
            {
                problems.add(file + ": an unexpected test file ran");
            }
        }
        return problems;
    }
}
