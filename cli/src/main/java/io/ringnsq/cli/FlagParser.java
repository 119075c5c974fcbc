package io.ringnsq.cli;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads a command line the way Go's {@code flag.FlagSet.Parse} does (a port of its
 * {@code parseOne}, with its error wording), except that a positional argument is an error
 * instead of silently ending the flags.
 */
final class FlagParser
{
    /** What the command line said: the values it set, whether help was asked for, and what followed {@code --}. */
    record Result(Map<String, Object> values, boolean helpRequested, List<String> arguments)
    {
    }

    private final String programName;
    private final Map<String, Option<?>> declared;

    FlagParser(final String programName, final Map<String, Option<?>> declared)
    {
        this.programName = programName;
        this.declared = declared;
    }

    Result parse(final String[] args) throws UsageException
    {
        final Map<String, Object> values = new HashMap<>();
        String bareBoolFlag = null;
        int i = 0;
        while (i < args.length)
        {
            final String arg = args[i];
            if (arg.length() < 2 || arg.charAt(0) != '-')
            {
                throw unexpectedArgument(arg, bareBoolFlag);
            }
            int dashes = 1;
            if (arg.charAt(1) == '-')
            {
                dashes = 2;
                if (arg.length() == 2)
                {
                    // "--" ends the flags; what follows is for the program, as Go's flag.Args()
                    return new Result(values, false, List.of(args).subList(i + 1, args.length));
                }
            }
            String name = arg.substring(dashes);
            if (name.isEmpty() || name.charAt(0) == '-' || name.charAt(0) == '=')
            {
                throw UsageException.badFlags(programName, "bad flag syntax: " + arg);
            }
            i++;

            String value = null;
            // the '=' cannot be first: "-=x" was rejected above
            final int equals = name.indexOf('=', 1);
            if (equals > 0)
            {
                value = name.substring(equals + 1);
                name = name.substring(0, equals);
            }

            final Option<?> option = declared.get(name);
            if (option == null)
            {
                if (name.equals("help") || name.equals("h"))
                {
                    return new Result(values, true, List.of());
                }
                throw UsageException.badFlags(programName, "flag provided but not defined: -" + name);
            }

            bareBoolFlag = null;
            if (option.type().isBoolFlag())
            {
                // a boolean never takes the next argument: "--snappy false" is not "--snappy=false"
                final boolean bare = value == null;
                final String text = bare ? "true" : value;
                try
                {
                    parseInto(option, text, values);
                }
                catch (final InvalidValueException ex)
                {
                    throw UsageException.badFlags(programName, "invalid boolean value " + GoStrconv.quote(text)
                        + " for -" + name + ": " + ex.getMessage());
                }
                bareBoolFlag = bare ? name : null;
                continue;
            }

            if (value == null)
            {
                if (i == args.length)
                {
                    throw UsageException.badFlags(programName, "flag needs an argument: -" + name);
                }
                // as in Go, the next argument is the value even when it starts with '-'
                value = args[i++];
            }
            try
            {
                parseInto(option, value, values);
            }
            catch (final InvalidValueException ex)
            {
                throw UsageException.badFlags(programName, "invalid value " + GoStrconv.quote(value)
                    + " for flag -" + name + ": " + ex.getMessage());
            }
        }
        return new Result(values, false, List.of());
    }

    private static <T> void parseInto(final Option<T> option, final String text, final Map<String, Object> values)
        throws InvalidValueException
    {
        @SuppressWarnings("unchecked") // values.get(name) was produced by this option's ValueType<T>
        final T previous = (T)values.get(option.name());
        values.put(option.name(), option.type().parseArgument(text, previous));
    }

    private UsageException unexpectedArgument(final String arg, final String bareBoolFlag)
    {
        final String hint = bareBoolFlag == null ?
            "" : " (a boolean flag takes its value after '=': -" + bareBoolFlag + "=" + arg + ")";
        return UsageException.badFlags(programName, "unexpected argument " + GoStrconv.quote(arg) + hint);
    }
}
