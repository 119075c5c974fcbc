package io.ringnsq.transport.auth;

import java.util.Arrays;
import java.util.Map;
import java.util.Set;

/**
 * Go's character classes as java.util.regex class text: the perl classes ({@code \d \s \w}, ASCII
 * only), the POSIX classes of bracket expressions ({@code [:alpha:]}), the Unicode categories and
 * scripts of {@code \p}. Text here is a class body without brackets and never nests a class, so
 * Java's union and intersection rules never come into play; empty text means "nothing".
 */
final class GoRegexClasses
{
    /** A class matching every rune. */
    static final String ANY = "[\\x{0}-\\x{10ffff}]";
    /** A class matching nothing (Java refuses an empty {@code []}). */
    static final String NEVER = "[^\\x{0}-\\x{10ffff}]";

    private static final int MAX_RUNE = 0x10FFFF;
    private static final int[] PERL_DIGIT = {'0', '9'};
    // Go's \s has no vertical tab; Java's does
    private static final int[] PERL_SPACE = {'\t', '\n', '\f', '\r', ' ', ' '};
    private static final int[] PERL_WORD = {'0', '9', 'A', 'Z', '_', '_', 'a', 'z'};

    /** Go's posixGroup table (regexp/syntax/perl_groups.go), as sorted range pairs. */
    private static final Map<String, int[]> POSIX = Map.ofEntries(
        Map.entry("alnum", new int[] {'0', '9', 'A', 'Z', 'a', 'z'}),
        Map.entry("alpha", new int[] {'A', 'Z', 'a', 'z'}),
        Map.entry("ascii", new int[] {0, 0x7F}),
        Map.entry("blank", new int[] {'\t', '\t', ' ', ' '}),
        Map.entry("cntrl", new int[] {0, 0x1F, 0x7F, 0x7F}),
        Map.entry("digit", new int[] {'0', '9'}),
        Map.entry("graph", new int[] {'!', '~'}),
        Map.entry("lower", new int[] {'a', 'z'}),
        Map.entry("print", new int[] {' ', '~'}),
        Map.entry("punct", new int[] {'!', '/', ':', '@', '[', '`', '{', '~'}),
        Map.entry("space", new int[] {'\t', '\r', ' ', ' '}),
        Map.entry("upper", new int[] {'A', 'Z'}),
        Map.entry("word", new int[] {'0', '9', 'A', 'Z', '_', '_', 'a', 'z'}),
        Map.entry("xdigit", new int[] {'0', '9', 'A', 'F', 'a', 'f'}));

    /** Go's unicode.Categories keys. */
    private static final Set<String> CATEGORIES = Set.of(
        "C", "Cc", "Cf", "Co", "Cs", "L", "Ll", "Lm", "Lo", "Lt", "Lu", "M", "Mc", "Me", "Mn",
        "N", "Nd", "Nl", "No", "P", "Pc", "Pd", "Pe", "Pf", "Pi", "Po", "Ps", "S", "Sc", "Sk", "Sm", "So",
        "Z", "Zl", "Zp", "Zs");

    private GoRegexClasses()
    {
    }

    static boolean isPerl(final int c)
    {
        return c == 'd' || c == 'D' || c == 's' || c == 'S' || c == 'w' || c == 'W';
    }

    /** {@code \d \D \s \S \w \W}, negations as complemented ranges. */
    static String perl(final int c)
    {
        final int[] ranges = switch (Character.toLowerCase(c))
        {
            case 'd' -> PERL_DIGIT;
            case 's' -> PERL_SPACE;
            default -> PERL_WORD;
        };
        return ranges(Character.isUpperCase(c) ? complement(ranges) : ranges);
    }

    /** {@code [:name:]}, or {@code [:^name:]} when negated; null for a name Go does not know. */
    static String posix(final String name, final boolean negated)
    {
        final int[] ranges = POSIX.get(name);
        if (ranges == null)
        {
            return null;
        }
        return ranges(negated ? complement(ranges) : ranges);
    }

    /** {@code \p{name}} (or {@code \P}): "Any", a general category or a script; null for others. */
    static String unicode(final String name, final boolean negated)
    {
        if ("Any".equals(name))
        {
            return negated ? "" : "\\x{0}-\\x{10ffff}";
        }
        if (CATEGORIES.contains(name))
        {
            return (negated ? "\\P{" : "\\p{") + name + "}";
        }
        final Character.UnicodeScript script = script(name);
        if (script == null)
        {
            return null;
        }
        return (negated ? "\\P{sc=" : "\\p{sc=") + script.name() + "}";
    }

    /** Class text as a class of its own, outside brackets. */
    static String standalone(final String content)
    {
        return content.isEmpty() ? NEVER : "[" + content + "]";
    }

    static void appendRange(final StringBuilder to, final int lo, final int hi)
    {
        appendLiteral(to, lo);
        if (hi != lo)
        {
            to.append('-');
            appendLiteral(to, hi);
        }
    }

    /** ASCII letters and digits as themselves, anything else as {@code \x{h}}: never Java syntax. */
    static void appendLiteral(final StringBuilder to, final int c)
    {
        if (c >= '0' && c <= '9' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z')
        {
            to.append((char)c);
        }
        else
        {
            to.append("\\x{").append(Integer.toHexString(c)).append('}');
        }
    }

    /** The script of a Go script name ("Greek", "Old_Italic"), refusing Java's aliases ("Grek"). */
    private static Character.UnicodeScript script(final String name)
    {
        if (name.isEmpty() || !Character.isUpperCase(name.charAt(0)))
        {
            return null;
        }
        try
        {
            final Character.UnicodeScript script = Character.UnicodeScript.forName(name);
            return script != Character.UnicodeScript.UNKNOWN && script.name().equalsIgnoreCase(name) ? script : null;
        }
        catch (final IllegalArgumentException ex)
        {
            return null;
        }
    }

    private static int[] complement(final int[] ranges)
    {
        final int[] result = new int[ranges.length + 2];
        int n = 0;
        int next = 0;
        for (int i = 0; i < ranges.length; i += 2)
        {
            if (ranges[i] > next)
            {
                result[n++] = next;
                result[n++] = ranges[i] - 1;
            }
            next = ranges[i + 1] + 1;
        }
        if (next <= MAX_RUNE)
        {
            result[n++] = next;
            result[n++] = MAX_RUNE;
        }
        return Arrays.copyOf(result, n);
    }

    private static String ranges(final int[] ranges)
    {
        final StringBuilder content = new StringBuilder();
        for (int i = 0; i < ranges.length; i += 2)
        {
            appendRange(content, ranges[i], ranges[i + 1]);
        }
        return content.toString();
    }
}
