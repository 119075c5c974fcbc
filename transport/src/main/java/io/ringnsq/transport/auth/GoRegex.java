package io.ringnsq.transport.auth;

import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Compiles a Go (RE2) regular expression, as upstream's {@code regexp.Compile} would, into a
 * {@link Pattern} that finds the same matches.
 *
 * <p>The expression is rewritten by {@link GoRegexTranslator} into plain java.util.regex syntax,
 * so that Java's extensions are never reached (lookaround, backreferences, possessive quantifiers,
 * atomic groups, nested classes and intersections, {@code \h \R \Z \G \e \c}...) and Go's own
 * forms mean what they mean in Go ({@code [[:alpha:]]}, {@code (?P<name>)}, {@code (?U)},
 * {@code \s} without VT, {@code $} as end of text, a literal {@code {} that starts no repeat,
 * octal {@code \12}). The flags make {@code .} and line anchors know only {@code \n}
 * ({@code UNIX_LINES}) and {@code (?i)} fold beyond ASCII ({@code UNICODE_CASE}).
 */
final class GoRegex
{
    private static final int FLAGS = Pattern.UNIX_LINES | Pattern.UNICODE_CASE;

    private GoRegex()
    {
    }

    static Pattern compile(final String expression) throws GoRegexException
    {
        final String java = GoRegexTranslator.translate(expression);
        try
        {
            return Pattern.compile(java, FLAGS);
        }
        catch (final PatternSyntaxException ex)
        {
            // only constructs Go refuses as well should reach here (e.g. a repeat of a flag group)
            throw new GoRegexException(ex.getDescription(), expression);
        }
    }
}
