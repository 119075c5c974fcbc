package io.ringnsq.interop.support;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What mocha's default reporter ({@code spec}) printed at the end of a run: {@code N passing (Ts)}, then
 * {@code N pending} and {@code N failing} when there are any, then one numbered block per failure
 * ({@code   1) suite} / {@code        test title:} / the error). A failed hook counts as one failure and the tests
 * it skips are counted nowhere, so "passing" alone tells whether every test ran.
 */
public final class MochaReport
{
    private static final Pattern PASSING = Pattern.compile("^\\s*(\\d+) passing\\b.*$");
    private static final Pattern PENDING = Pattern.compile("^\\s*(\\d+) pending\\b.*$");
    private static final Pattern FAILING = Pattern.compile("^\\s*(\\d+) failing\\b.*$");
    /** The first line of a failure block after the summary: two spaces, the number, ") ", the outer suite. */
    private static final Pattern FAILURE_START = Pattern.compile("^  (\\d+)\\) (.*)$");

    private final int passing;
    private final int pending;
    private final int failing;
    private final List<String> failures;
    private final String summary;

    private MochaReport(final int passing, final int pending, final int failing, final List<String> failures, final String summary)
    {
        this.passing = passing;
        this.pending = pending;
        this.failing = failing;
        this.failures = failures;
        this.summary = summary;
    }

    /** True once {@code line} is the summary's first line: the suite has finished, the process may still be exiting. */
    public static boolean isSummaryLine(final String line)
    {
        return PASSING.matcher(line).matches();
    }

    /** Reads the last summary in the output; counts are -1 when there is no summary at all. */
    public static MochaReport parse(final List<String> lines)
    {
        int summaryAt = -1;
        for (int i = 0; i < lines.size(); i++)
        {
            if (isSummaryLine(lines.get(i)))
            {
                summaryAt = i;
            }
        }
        if (summaryAt < 0)
        {
            return new MochaReport(-1, -1, -1, List.of(), "");
        }
        final int passing = count(PASSING, lines.get(summaryAt));
        int pending = 0;
        int failing = 0;
        final List<String> summaryLines = new ArrayList<>(List.of(lines.get(summaryAt).trim()));
        final List<String> failures = new ArrayList<>();
        for (int i = summaryAt + 1; i < lines.size(); i++)
        {
            final String line = lines.get(i);
            if (PENDING.matcher(line).matches())
            {
                pending = count(PENDING, line);
                summaryLines.add(line.trim());
            }
            else if (FAILING.matcher(line).matches())
            {
                failing = count(FAILING, line);
                summaryLines.add(line.trim());
            }
            final Matcher failure = FAILURE_START.matcher(line);
            if (failure.matches())
            {
                // the failure's path: this line's suite plus the indented lines up to the one ending in ':'
                final StringBuilder title = new StringBuilder(failure.group(2).trim());
                for (int j = i + 1; j < lines.size() && j <= i + 8 && !lines.get(j).isBlank(); j++)
                {
                    final String part = lines.get(j).trim();
                    title.append(" > ").append(part);
                    if (part.endsWith(":"))
                    {
                        if (j + 1 < lines.size())
                        {
                            title.append(' ').append(lines.get(j + 1).trim());
                        }
                        break;
                    }
                }
                failures.add(failure.group(1) + ") " + title);
            }
        }
        return new MochaReport(passing, pending, failing, failures, String.join(", ", summaryLines));
    }

    private static int count(final Pattern pattern, final String line)
    {
        final Matcher matcher = pattern.matcher(line);
        if (!matcher.matches())
        {
            throw new IllegalArgumentException(line);
        }
        return Integer.parseInt(matcher.group(1));
    }

    public int passing()
    {
        return passing;
    }

    public int pending()
    {
        return pending;
    }

    public int failing()
    {
        return failing;
    }

    /** One line per failure: its number, its suite path and test title, the first line of its error. */
    public List<String> failures()
    {
        return failures;
    }

    /** The summary lines as printed, joined: {@code 171 passing (5s)}, and the pending/failing lines if any. */
    public String summary()
    {
        return summary;
    }

    /** Everything that differs from "exactly {@code expectedPassing} passed, none pending, none failed". */
    public List<String> problems(final int expectedPassing)
    {
        final List<String> problems = new ArrayList<>();
        if (passing < 0)
        {
            problems.add("no 'N passing' summary line from mocha (did the run finish?)");
            return problems;
        }
        if (passing != expectedPassing)
        {
            problems.add(passing + " passing, expected " + expectedPassing);
        }
        if (pending != 0)
        {
            problems.add(pending + " pending, expected 0");
        }
        if (failing != 0)
        {
            problems.add(failing + " failing: " + failures);
        }
        return problems;
    }
}
