package io.ringnsq.transport.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

class GoRegexTest
{
    private static boolean finds(final String goRegex, final String text) throws GoRegexException
    {
        final Pattern pattern = GoRegex.compile(goRegex);
        return pattern.matcher(text).find();
    }

    private static String refusal(final String goRegex)
    {
        return assertThrows(GoRegexException.class, () -> GoRegex.compile(goRegex)).getMessage();
    }

    @Test
    void shouldSearchUnanchoredAsMatchStringDoes() throws Exception
    {
        assertTrue(finds("b", "abc"));
        assertTrue(finds("", "anything"));
        assertTrue(finds(".*", ""));
        assertFalse(finds("^b", "abc"));
    }

    @Test
    void shouldReadDollarAsTheEndOfTextUnlessMultiLine() throws Exception
    {
        assertFalse(finds("a$", "a\n"), "Java's $ would match before a final newline");
        assertTrue(finds("a$", "xa"));
        assertTrue(finds("(?m)a$", "a\nb"));
        assertTrue(finds("(?m)^b", "a\nb"));
        assertFalse(finds("(?m:x)^b", "a\nb"), "(?m:...) ends with its group");
    }

    @Test
    void shouldReadGosOwnSyntaxWithGosMeaning() throws Exception
    {
        assertTrue(finds("^[[:alpha:]]+$", "abcXYZ"));
        assertFalse(finds("^[[:alpha:]]+$", "abc:"), "Java would read [[:alpha:]] as a set of ':alph'");
        assertTrue(finds("^[[:^digit:]]$", "x"));
        assertTrue(finds("^(?P<first_name>ab)c$", "abc"));
        assertTrue(finds("^a{,3}$", "a{,3}"), "a '{' that starts no repeat is a literal");
        assertTrue(finds("^x{2}$", "xx"));
        assertTrue(finds("^{}$", "{}"));
        assertTrue(finds("^\\12$", "\n"), "\\12 is octal in Go");
        assertTrue(finds("^\\Q.*\\E$", ".*"));
        assertTrue(finds("^[]a]+$", "]a]"));
        assertTrue(finds("^[a-]+$", "a-"));
        assertTrue(finds("(?U)^a+$", "aaa"));
        assertTrue(finds("(?i)^ABC$", "abc"));
        assertTrue(finds("^\\pL\\p{Greek}\\PL$", "a\u03b1!"));
        assertTrue(finds("^[\\p{^Greek}]$", "a"));
        assertTrue(finds("^\\x{1F600}\\x41$", "\uD83D\uDE00A"));
        assertTrue(finds("^[&&a]+$", "&&a"), "'&&' is no intersection in Go");
        assertTrue(finds("^\\_\\-\\.$", "_-."));
    }

    @Test
    void shouldKeepGosAsciiPerlClasses() throws Exception
    {
        assertFalse(finds("\\s", "\u000B"), "Go's \\s has no vertical tab");
        assertTrue(finds("\\s", "\t"));
        assertFalse(finds("\\w", "\u00e9"));
        assertTrue(finds("^\\W$", "\u00e9"));
        assertFalse(finds("\\d", "\u0663"));
        assertTrue(finds("^[\\d\\s]+$", "1 2"));
        assertTrue(finds("\\bfoo\\b", "a foo b"));
        assertFalse(finds("\\bfoo\\b", "afoo"));
        assertTrue(finds("\\Bfoo", "afoo"));
    }

    @Test
    void shouldRefuseWhatRe2RefusesThoughJavaWouldAcceptIt()
    {
        assertEquals("error parsing regexp: invalid or unsupported Perl syntax: `(?=`", refusal("(?=a)"));
        assertEquals("error parsing regexp: invalid or unsupported Perl syntax: `(?!`", refusal("(?!a)"));
        assertEquals("error parsing regexp: invalid or unsupported Perl syntax: `(?<`", refusal("(?<=a)b"));
        assertEquals("error parsing regexp: invalid or unsupported Perl syntax: `(?<`", refusal("(?<name>a)"));
        assertEquals("error parsing regexp: invalid or unsupported Perl syntax: `(?>`", refusal("(?>a)"));
        assertEquals("error parsing regexp: invalid or unsupported Perl syntax: `(?x`", refusal("(?x)a"));
        assertEquals("error parsing regexp: invalid escape sequence: `\\1`", refusal("(a)\\1"));
        assertEquals("error parsing regexp: invalid nested repetition operator: `++`", refusal("a++"));
        assertEquals("error parsing regexp: invalid nested repetition operator: `*+`", refusal("a*+"));
        assertEquals("error parsing regexp: invalid nested repetition operator: `{2}{3}`", refusal("a{2}{3}"));
        assertEquals("error parsing regexp: invalid repeat count: `{1001}`", refusal("a{1001}"));
        assertEquals("error parsing regexp: invalid repeat count: `{2,1}`", refusal("a{2,1}"));
        assertEquals("error parsing regexp: invalid escape sequence: `\\Z`", refusal("a\\Z"));
        assertEquals("error parsing regexp: invalid escape sequence: `\\h`", refusal("\\h"));
        assertEquals("error parsing regexp: invalid escape sequence: `\\u`", refusal("\\u0041"));
        assertEquals("error parsing regexp: invalid escape sequence: `\\8`", refusal("\\8"));
        assertEquals("error parsing regexp: invalid character class range: `\\p{Foo}`", refusal("\\p{Foo}"));
        assertEquals("error parsing regexp: invalid character class range: `\\p{Grek}`", refusal("\\p{Grek}"));
        assertEquals("error parsing regexp: invalid character class range: `[:foo:]`", refusal("[[:foo:]]"));
        assertEquals("error parsing regexp: invalid character class range: `z-a`", refusal("[z-a]"));
        assertEquals("error parsing regexp: duplicate capture group name: `(?P<a>`", refusal("(?P<a>x)(?P<a>y)"));
        assertEquals("error parsing regexp: invalid named capture: `(?P<a-b>`", refusal("(?P<a-b>x)"));
    }

    @Test
    void shouldRefuseWhatBothRefuseWithGosMessage()
    {
        assertEquals("error parsing regexp: missing closing ): `(`", refusal("("));
        assertEquals("error parsing regexp: unexpected ): `a)`", refusal("a)"));
        assertEquals("error parsing regexp: missing closing ]: `[a`", refusal("[a"));
        assertEquals("error parsing regexp: missing argument to repetition operator: `*`", refusal("*a"));
        assertEquals("error parsing regexp: missing argument to repetition operator: `+`", refusal("a|+"));
        assertEquals("error parsing regexp: invalid nested repetition operator: `**`", refusal("a**"));
        assertEquals("error parsing regexp: trailing backslash at end of expression: ``", refusal("a\\"));
    }
}
