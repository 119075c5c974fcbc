package io.ringnsq.transport.auth;

import java.util.ArrayDeque;
import java.util.HashSet;
import java.util.Set;

/**
 * Rewrites one Go (RE2) expression, following the parser of Go's {@code regexp/syntax}, into a
 * java.util.regex expression that finds the same matches, or refuses it as Go does.
 *
 * <p>Every literal is written as {@code \x{h}} (ASCII letters and digits as themselves), classes
 * as flat lists of ranges and {@code \p} properties ({@link GoRegexClasses}), so nothing Go treats
 * literally can be read by Java as syntax. What Go refuses is refused here with Go's error code: lookaround and atomic
 * groups ({@code (?=}, {@code (?<}, {@code (?>}...), backreferences ({@code \1}), possessive and
 * stacked repeats ({@code a*+}, {@code a**}), repeat counts over 1000, unknown escapes
 * ({@code \Z \G \h \R \e \k \N}...), flags other than {@code imsU}, bad or duplicate group names.
 */
final class GoRegexTranslator
{
    private static final int MAX_RUNE = 0x10FFFF;
    private static final int MAX_REPEAT = 1000;
    private static final String WORD = "[0-9A-Za-z_]";
    // Go's \b and \B are ASCII word boundaries that (?i) does not widen; Java 17's \b is Unicode
    private static final String WORD_BOUNDARY =
        "(?-i:(?<=" + WORD + ")(?!" + WORD + ")|(?<!" + WORD + ")(?=" + WORD + "))";
    private static final String NOT_WORD_BOUNDARY =
        "(?-i:(?<=" + WORD + ")(?=" + WORD + ")|(?<!" + WORD + ")(?!" + WORD + "))";

    private final String expression;
    private final int[] cps;
    private final int len;
    private final StringBuilder out = new StringBuilder();
    /** Go's (?m) state at each open group, restored by its ')'. */
    private final ArrayDeque<Boolean> groups = new ArrayDeque<>();
    private final Set<String> names = new HashSet<>();
    private int pos;
    private boolean multiLine;
    /** Something a repeat can apply to is on Go's stack (not the start, '(' or '|'). */
    private boolean operand;
    /** Where the previous token began if it was a repeat, else -1 (Go refuses stacked repeats). */
    private int lastRepeat = -1;

    private GoRegexTranslator(final String expression)
    {
        this.expression = expression;
        this.cps = expression.codePoints().toArray();
        this.len = cps.length;
    }

    static String translate(final String expression) throws GoRegexException
    {
        return new GoRegexTranslator(expression).run();
    }

    private String run() throws GoRegexException
    {
        while (pos < len)
        {
            final int c = cps[pos];
            int repeat = -1;
            switch (c)
            {
                case '(' -> openGroup();
                case ')' -> closeGroup();
                case '|' -> alternate();
                case '^' -> atom(1, multiLine ? "(?:^|(?<=\\n))" : "^");
                // without (?m) Go's $ is the end of the text; Java's $ also matches before a final \n
                case '$' -> atom(1, multiLine ? "$" : "\\z");
                case '.' -> atom(1, ".");
                case '[' -> parseClass();
                case '*', '+', '?' -> repeat = repeat(pos, pos + 1, String.valueOf((char)c));
                case '{' -> repeat = braces();
                case '\\' -> escape();
                default ->
                {
                    pos++;
                    GoRegexClasses.appendLiteral(out, c);
                    operand = true;
                }
            }
            lastRepeat = repeat;
        }
        if (!groups.isEmpty())
        {
            throw new GoRegexException("missing closing )", expression);
        }
        return out.toString();
    }

    private void atom(final int width, final String java)
    {
        pos += width;
        out.append(java);
        operand = true;
    }

    private void alternate()
    {
        pos++;
        out.append('|');
        operand = false;
    }

    private void openGroup() throws GoRegexException
    {
        final int start = pos;
        if (start + 1 < len && cps[start + 1] == '?')
        {
            if (start + 4 < len && cps[start + 2] == 'P' && cps[start + 3] == '<')
            {
                namedGroup(start);
            }
            else
            {
                flagGroup(start);
            }
            return;
        }
        pos++;
        openParen("(");
    }

    /** Go 1.19 knows only {@code (?P<name>re)}; the name does not change what is matched. */
    private void namedGroup(final int start) throws GoRegexException
    {
        final int end = indexOf('>', start + 4);
        if (end < 0)
        {
            throw new GoRegexException("invalid named capture", text(start, len));
        }
        final String name = text(start + 4, end);
        if (!isValidCaptureName(name))
        {
            throw new GoRegexException("invalid named capture", text(start, end + 1));
        }
        if (!names.add(name))
        {
            throw new GoRegexException("duplicate capture group name", text(start, end + 1));
        }
        pos = end + 1;
        openParen("(");
    }

    /** {@code (?flags)} or {@code (?flags:re)}; Go's U (ungreedy) is dropped: it cannot change whether a match exists. */
    private void flagGroup(final int start) throws GoRegexException
    {
        final StringBuilder on = new StringBuilder();
        final StringBuilder off = new StringBuilder();
        boolean negative = false;
        boolean sawFlag = false;
        boolean newMultiLine = multiLine;
        int p = start + 2;
        while (p < len)
        {
            final int c = cps[p++];
            if (c == 'i' || c == 'm' || c == 's' || c == 'U')
            {
                sawFlag = true;
                if (c != 'U')
                {
                    (negative ? off : on).append((char)c);
                }
                if (c == 'm')
                {
                    newMultiLine = !negative;
                }
            }
            else if (c == '-' && !negative)
            {
                negative = true;
                sawFlag = false;
            }
            else if ((c == ':' || c == ')') && (!negative || sawFlag))
            {
                final String flags = on + (off.length() > 0 ? "-" + off : "");
                pos = p;
                if (c == ':')
                {
                    openParen(flags.isEmpty() ? "(?:" : "(?" + flags + ":");
                }
                else if (!flags.isEmpty())
                {
                    out.append("(?").append(flags).append(')');
                }
                multiLine = newMultiLine;
                return;
            }
            else
            {
                throw new GoRegexException("invalid or unsupported Perl syntax", text(start, p));
            }
        }
        throw new GoRegexException("invalid or unsupported Perl syntax", text(start, len));
    }

    private void openParen(final String java)
    {
        out.append(java);
        groups.push(multiLine);
        operand = false;
    }

    private void closeGroup() throws GoRegexException
    {
        if (groups.isEmpty())
        {
            throw new GoRegexException("unexpected )", expression);
        }
        pos++;
        multiLine = groups.pop();
        out.append(')');
        operand = true;
    }

    /** A repeat operator from {@code start} to {@code end}, and Go's lazy {@code ?} after it. */
    private int repeat(final int start, final int end, final String java) throws GoRegexException
    {
        int after = end;
        final boolean lazy = after < len && cps[after] == '?';
        if (lazy)
        {
            after++;
        }
        if (lastRepeat >= 0)
        {
            throw new GoRegexException("invalid nested repetition operator", text(lastRepeat, after));
        }
        if (!operand)
        {
            throw new GoRegexException("missing argument to repetition operator", text(start, after));
        }
        out.append(java);
        if (lazy)
        {
            out.append('?');
        }
        pos = after;
        return start;
    }

    /** {@code {n}}, {@code {n,}}, {@code {n,m}}; any other '{' is a literal in Go (Java would refuse it). */
    private int braces() throws GoRegexException
    {
        final int[] parsed = parseRepeat(pos);
        if (parsed == null)
        {
            pos++;
            GoRegexClasses.appendLiteral(out, '{');
            operand = true;
            return -1;
        }
        final int min = parsed[0];
        final int max = parsed[1];
        final int end = parsed[2];
        if (min < 0 || min > MAX_REPEAT || max > MAX_REPEAT || max >= 0 && min > max)
        {
            throw new GoRegexException("invalid repeat count", text(pos, end));
        }
        final String java = "{" + min + (max == min ? "" : "," + (max < 0 ? "" : Integer.toString(max))) + "}";
        return repeat(pos, end, java);
    }

    /** Go's parseRepeat: {min, max (-1: none), end}, or null when the '{' starts no repeat. */
    private int[] parseRepeat(final int open)
    {
        int p = open + 1;
        final long[] first = parseInt(p);
        if (first == null)
        {
            return null;
        }
        int min = (int)first[0];
        p = (int)first[1];
        if (p >= len)
        {
            return null;
        }
        final int max;
        if (cps[p] != ',')
        {
            max = min;
        }
        else
        {
            p++;
            if (p >= len)
            {
                return null;
            }
            if (cps[p] == '}')
            {
                max = -1;
            }
            else
            {
                final long[] second = parseInt(p);
                if (second == null)
                {
                    return null;
                }
                max = (int)second[0];
                p = (int)second[1];
                if (max < 0)
                {
                    // too big a number
                    min = -1;
                }
            }
        }
        if (p >= len || cps[p] != '}')
        {
            return null;
        }
        return new int[] {min, max, p + 1};
    }

    /** Go's parseInt: digits without a leading zero; -1 as the value when it reaches 1e8. */
    private long[] parseInt(final int start)
    {
        if (start >= len || !isDigit(cps[start]))
        {
            return null;
        }
        if (start + 1 < len && cps[start] == '0' && isDigit(cps[start + 1]))
        {
            return null;
        }
        int p = start;
        while (p < len && isDigit(cps[p]))
        {
            p++;
        }
        long value = 0;
        for (int i = start; i < p; i++)
        {
            if (value >= 100_000_000L)
            {
                value = -1;
                break;
            }
            value = value * 10 + cps[i] - '0';
        }
        return new long[] {value, p};
    }

    private void escape() throws GoRegexException
    {
        if (pos + 1 >= len)
        {
            throw new GoRegexException("trailing backslash at end of expression", "");
        }
        final int c = cps[pos + 1];
        switch (c)
        {
            case 'A' -> atom(2, "\\A");
            case 'z' -> atom(2, "\\z");
            case 'b' -> atom(2, WORD_BOUNDARY);
            case 'B' -> atom(2, NOT_WORD_BOUNDARY);
            case 'C' -> throw new GoRegexException("invalid escape sequence", "\\C");
            case 'Q' -> quoted();
            case 'p', 'P' ->
            {
                out.append(GoRegexClasses.standalone(unicodeClass()));
                operand = true;
            }
            case 'd', 'D', 's', 'S', 'w', 'W' ->
            {
                pos += 2;
                out.append(GoRegexClasses.standalone(GoRegexClasses.perl(c)));
                operand = true;
            }
            default ->
            {
                GoRegexClasses.appendLiteral(out, parseEscape());
                operand = true;
            }
        }
    }

    /** {@code \Q...\E}: everything up to {@code \E} (or the end) is literal. */
    private void quoted()
    {
        int end = pos + 2;
        while (end < len && !(cps[end] == '\\' && end + 1 < len && cps[end + 1] == 'E'))
        {
            end++;
        }
        for (int i = pos + 2; i < end; i++)
        {
            GoRegexClasses.appendLiteral(out, cps[i]);
            operand = true;
        }
        pos = end < len ? end + 2 : len;
    }

    /** Go's parseEscape at a backslash: one character, or an error. */
    private int parseEscape() throws GoRegexException
    {
        final int start = pos;
        pos++;
        if (pos >= len)
        {
            throw new GoRegexException("trailing backslash at end of expression", "");
        }
        final int c = cps[pos++];
        if (c >= '0' && c <= '7')
        {
            // a lone \1..\7 would be a backreference, which RE2 does not support
            if (c != '0' && (pos >= len || !isOctal(cps[pos])))
            {
                throw new GoRegexException("invalid escape sequence", text(start, pos));
            }
            int value = c - '0';
            for (int i = 1; i < 3 && pos < len && isOctal(cps[pos]); i++)
            {
                value = value * 8 + cps[pos++] - '0';
            }
            return value;
        }
        if (c == 'x')
        {
            return hexEscape(start);
        }
        switch (c)
        {
            case 'a':
                return 0x07;
            case 'f':
                return '\f';
            case 'n':
                return '\n';
            case 'r':
                return '\r';
            case 't':
                return '\t';
            case 'v':
                return 0x0B;
            default:
                if (c < 0x80 && !isAlnum(c))
                {
                    return c;
                }
                throw new GoRegexException("invalid escape sequence", text(start, pos));
        }
    }

    private int hexEscape(final int start) throws GoRegexException
    {
        if (pos >= len)
        {
            throw new GoRegexException("invalid escape sequence", text(start, pos));
        }
        final int c = cps[pos++];
        if (c == '{')
        {
            int digits = 0;
            long value = 0;
            while (true)
            {
                if (pos >= len)
                {
                    throw new GoRegexException("invalid escape sequence", text(start, pos));
                }
                final int d = cps[pos++];
                if (d == '}')
                {
                    break;
                }
                final int v = unhex(d);
                value = value * 16 + v;
                if (v < 0 || value > MAX_RUNE)
                {
                    throw new GoRegexException("invalid escape sequence", text(start, pos));
                }
                digits++;
            }
            if (digits == 0)
            {
                throw new GoRegexException("invalid escape sequence", text(start, pos));
            }
            return (int)value;
        }
        final int x = unhex(c);
        final int y = pos < len ? unhex(cps[pos++]) : -1;
        if (x < 0 || y < 0)
        {
            throw new GoRegexException("invalid escape sequence", text(start, pos));
        }
        return x * 16 + y;
    }

    /** A Go bracket expression, written as a flat Java class. */
    private void parseClass() throws GoRegexException
    {
        final int start = pos;
        pos++;
        boolean negated = false;
        if (pos < len && cps[pos] == '^')
        {
            negated = true;
            pos++;
        }
        final StringBuilder body = new StringBuilder();
        boolean first = true;
        // ']' first in the class is a literal
        while (pos >= len || cps[pos] != ']' || first)
        {
            if (pos >= len)
            {
                throw new GoRegexException("missing closing ]", text(start, len));
            }
            first = false;
            if (cps[pos] == '[' && pos + 2 < len && cps[pos + 1] == ':')
            {
                final String named = namedClass();
                if (named != null)
                {
                    body.append(named);
                    continue;
                }
            }
            if (cps[pos] == '\\' && pos + 1 < len && (cps[pos + 1] == 'p' || cps[pos + 1] == 'P'))
            {
                body.append(unicodeClass());
                continue;
            }
            if (cps[pos] == '\\' && pos + 1 < len && GoRegexClasses.isPerl(cps[pos + 1]))
            {
                body.append(GoRegexClasses.perl(cps[pos + 1]));
                pos += 2;
                continue;
            }
            final int rangeStart = pos;
            final int lo = classChar(start);
            int hi = lo;
            if (pos + 1 < len && cps[pos] == '-' && cps[pos + 1] != ']')
            {
                pos++;
                hi = classChar(start);
                if (hi < lo)
                {
                    throw new GoRegexException("invalid character class range", text(rangeStart, pos));
                }
            }
            GoRegexClasses.appendRange(body, lo, hi);
        }
        pos++;
        if (body.length() == 0)
        {
            out.append(negated ? GoRegexClasses.ANY : GoRegexClasses.NEVER);
        }
        else
        {
            out.append('[').append(negated ? "^" : "").append(body).append(']');
        }
        operand = true;
    }

    private int classChar(final int classStart) throws GoRegexException
    {
        if (pos >= len)
        {
            throw new GoRegexException("missing closing ]", text(classStart, len));
        }
        if (cps[pos] == '\\')
        {
            return parseEscape();
        }
        return cps[pos++];
    }

    /** {@code [:name:]} or {@code [:^name:]}; null when there is no {@code :]}, so '[' is a literal. */
    private String namedClass() throws GoRegexException
    {
        int end = -1;
        for (int i = pos + 2; i + 1 < len; i++)
        {
            if (cps[i] == ':' && cps[i + 1] == ']')
            {
                end = i;
                break;
            }
        }
        if (end < 0)
        {
            return null;
        }
        final String inner = text(pos + 2, end);
        final boolean negated = inner.startsWith("^");
        final String content = GoRegexClasses.posix(negated ? inner.substring(1) : inner, negated);
        if (content == null)
        {
            throw new GoRegexException("invalid character class range", text(pos, end + 2));
        }
        pos = end + 2;
        return content;
    }

    /** {@code \pL}, {@code \p{Greek}}, {@code \p{^Greek}}, {@code \PL}: Java class content (may be empty). */
    private String unicodeClass() throws GoRegexException
    {
        final int start = pos;
        boolean negated = cps[pos + 1] == 'P';
        int p = pos + 2;
        if (p >= len)
        {
            throw new GoRegexException("invalid character class range", text(start, len));
        }
        String name;
        if (cps[p] == '{')
        {
            final int end = indexOf('}', p);
            if (end < 0)
            {
                throw new GoRegexException("invalid character class range", text(start, len));
            }
            name = text(p + 1, end);
            p = end + 1;
        }
        else
        {
            name = text(p, p + 1);
            p++;
        }
        final String fragment = text(start, p);
        if (name.startsWith("^"))
        {
            negated = !negated;
            name = name.substring(1);
        }
        pos = p;
        final String content = GoRegexClasses.unicode(name, negated);
        if (content == null)
        {
            throw new GoRegexException("invalid character class range", fragment);
        }
        return content;
    }

    private static boolean isValidCaptureName(final String name)
    {
        if (name.isEmpty())
        {
            return false;
        }
        for (int i = 0; i < name.length(); i++)
        {
            final char c = name.charAt(i);
            if (c != '_' && !(c < 0x80 && isAlnum(c)))
            {
                return false;
            }
        }
        return true;
    }

    private int indexOf(final int c, final int from)
    {
        for (int i = from; i < len; i++)
        {
            if (cps[i] == c)
            {
                return i;
            }
        }
        return -1;
    }

    private String text(final int from, final int to)
    {
        return new String(cps, from, to - from);
    }

    private static boolean isDigit(final int c)
    {
        return c >= '0' && c <= '9';
    }

    private static boolean isOctal(final int c)
    {
        return c >= '0' && c <= '7';
    }

    private static boolean isAlnum(final int c)
    {
        return isDigit(c) || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z';
    }

    private static int unhex(final int c)
    {
        if (isDigit(c))
        {
            return c - '0';
        }
        if (c >= 'a' && c <= 'f')
        {
            return c - 'a' + 10;
        }
        if (c >= 'A' && c <= 'F')
        {
            return c - 'A' + 10;
        }
        return -1;
    }
}
