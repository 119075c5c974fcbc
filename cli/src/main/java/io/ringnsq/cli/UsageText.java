package io.ringnsq.cli;

import java.util.Collection;

/**
 * Go's {@code flag} usage text: {@code Usage of <name>:} and then, per flag in name order, the
 * {@code PrintDefaults} layout, e.g. {@code "  -mem-queue-size int\n    \tnumber of ... (default 10000)\n"}.
 */
final class UsageText
{
    private UsageText()
    {
    }

    /** @param options the flags, already in name order */
    static String render(final String programName, final Collection<Option<?>> options)
    {
        final StringBuilder text = new StringBuilder("Usage of ").append(programName).append(":\n");
        for (final Option<?> option : options)
        {
            appendFlag(text, option);
        }
        return text.toString();
    }

    private static <T> void appendFlag(final StringBuilder text, final Option<T> option)
    {
        final int lineStart = text.length();
        text.append("  -").append(option.name());

        // Go's UnquoteUsage: a `back-quoted` word in the help names the value instead of the type
        String help = option.help();
        String valueName = option.type().usageName();
        final int open = help.indexOf('`');
        final int close = open < 0 ? -1 : help.indexOf('`', open + 1);
        if (close > 0)
        {
            valueName = help.substring(open + 1, close);
            help = help.substring(0, open) + valueName + help.substring(close + 1);
        }
        if (!valueName.isEmpty())
        {
            text.append(' ').append(valueName);
        }

        // a one-letter boolean keeps its help on the same line; four spaces and a tab align either tab width
        text.append(text.length() - lineStart <= 4 ? "\t" : "\n    \t");
        text.append(help.replace("\n", "\n    \t"));

        final String defaultText = option.type().defaultText(option.defaultValue());
        if (defaultText != null)
        {
            text.append(" (default ").append(defaultText).append(')');
        }
        text.append('\n');
    }
}
