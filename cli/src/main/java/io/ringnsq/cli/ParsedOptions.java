package io.ringnsq.cli;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The values of an {@link OptionSet} after {@link OptionSet#parse(String...)}: command line over
 * config file over default. Immutable.
 */
public final class ParsedOptions
{
    private final String programName;
    private final Map<String, Option<?>> declared;
    private final Map<String, Object> values;
    private final Set<String> explicitlySet;
    private final boolean helpRequested;
    private final List<String> arguments;

    ParsedOptions(
        final String programName,
        final Map<String, Option<?>> declared,
        final Map<String, Object> values,
        final Set<String> explicitlySet,
        final boolean helpRequested,
        final List<String> arguments)
    {
        this.programName = programName;
        this.declared = Map.copyOf(declared);
        this.values = Map.copyOf(values);
        this.explicitlySet = Set.copyOf(explicitlySet);
        this.helpRequested = helpRequested;
        this.arguments = List.copyOf(arguments);
    }

    /** The option's value: from the command line, else the config file, else its default. */
    public <T> T get(final Option<T> option)
    {
        check(option);
        @SuppressWarnings("unchecked") // every value was produced by this option's own ValueType<T>
        final T value = (T)values.get(option.name());
        return value;
    }

    /** Whether the command line or the config file set the option (upstream's "was it given" test). */
    public boolean isSet(final Option<?> option)
    {
        check(option);
        return explicitlySet.contains(option.name());
    }

    /**
     * Whether {@code --help}, {@code -help} or {@code -h} was given: print {@link OptionSet#usage()} to
     * stderr and exit 0. Parsing stopped there, as in Go: flags after it and the config file were not read.
     */
    public boolean helpRequested()
    {
        return helpRequested;
    }

    /** The arguments after a {@code --} terminator (Go's {@code flag.Args()}); empty without one. */
    public List<String> arguments()
    {
        return arguments;
    }

    private void check(final Option<?> option)
    {
        final Option<?> known = declared.get(option.name());
        if (known == null || !known.sameDeclaration(option))
        {
            throw new IllegalArgumentException(option + " is not an option of " + programName);
        }
    }
}
