package io.ringnsq.cli;

import java.time.Duration;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A program's command-line options, read the way upstream NSQ's Go binaries read theirs: Go's
 * {@code flag} syntax and messages, then a TOML {@code --config} file resolved as
 * {@code mreiferson/go-options} does (command line over config file over default).
 *
 * <pre>{@code
 * OptionSet opts = new OptionSet("nsqd");
 * Option<Long> memQueueSize = opts.int64("mem-queue-size", 10000, "number of messages to keep in memory (per topic/channel)");
 * Option<Long> nodeId = opts.int64("node-id", 42, "unique part for message IDs").configKey("id");
 * ParsedOptions parsed = opts.parse(args);          // UsageException: print displayText(), exit exitCode()
 * if (parsed.helpRequested()) { System.err.print(opts.usage()); System.exit(0); }
 * long size = parsed.get(memQueueSize);
 * }</pre>
 *
 * <p><b>Command line</b>, as Go's {@code flag}: {@code -f v}, {@code -f=v}, {@code --f v},
 * {@code --f=v}; a boolean stands alone ({@code --snappy}) or takes {@code =value}, never the next
 * argument; a list flag may repeat; a flag given twice keeps the last value; {@code --} ends the
 * flags. {@code --help}, {@code -help} and {@code -h} ask for {@link #usage()}. {@code --config}
 * is built in; {@code --version} is not (a program declares it as a boolean).
 *
 * <p><b>Config file</b>: top-level keys are the flag names with {@code -} turned to {@code _}
 * unless {@link Option#configKey(String)} says otherwise; unknown keys are ignored; a value for a
 * flag that the command line sets is not even read. Durations are strings ({@code "60s"}) or
 * integer milliseconds; lists are arrays (or one comma-separated string); integers may be strings
 * in base 10.
 *
 * <p><b>Deliberate differences from Go</b>:
 * <ul>
 *   <li>A positional argument is an error ({@code unexpected argument "x"}), where Go silently stops
 *       at it and ignores every flag after it ({@code --snappy false --tcp-address ...}). Arguments
 *       after {@code --} are still accepted and given by {@link ParsedOptions#arguments()}.</li>
 *   <li>A bad float list element is the usual {@code invalid value} error (exit 2) where upstream's
 *       {@code FloatArray} logs fatally (exit 1); elements are trimmed on the command line too.</li>
 *   <li>In the config file, a wrong type is an error: upstream turns an integer for a boolean into
 *       {@code n == 0} and formats anything for a string with {@code %s}, and panics on a non-string
 *       element of a string array. Integers are accepted in float arrays, where upstream panics.</li>
 *   <li>Errors are {@link UsageException}s for the caller to print, not {@code os.Exit} calls; the
 *       usage text is printed on {@code --help} only, not after every error.</li>
 * </ul>
 *
 * <p>Declare options from one thread, then call {@link #parse(String...)} any number of times; each
 * result is an immutable snapshot.
 */
public final class OptionSet
{
    private static final String CONFIG = "config";

    private final String programName;
    /** Sorted by name: Go's usage lists flags in that order. */
    private final Map<String, Option<?>> options = new TreeMap<>();

    /** @param programName the program's name, used in usage and error messages ({@code nsqd}) */
    public OptionSet(final String programName)
    {
        if (programName == null || programName.isEmpty())
        {
            throw new IllegalArgumentException("program name must not be empty");
        }
        this.programName = programName;
        declare(CONFIG, StringType.INSTANCE, "", "path to config file").commandLineOnly();
    }

    /** The program name given at construction. */
    public String programName()
    {
        return programName;
    }

    /** The built-in {@code --config} option (a path; empty means no config file). */
    public Option<String> configFile()
    {
        @SuppressWarnings("unchecked") // declared as a string in the constructor
        final Option<String> config = (Option<String>)options.get(CONFIG);
        return config;
    }

    /** A string flag ({@code flag.String}). */
    public Option<String> string(final String name, final String defaultValue, final String help)
    {
        return declare(name, StringType.INSTANCE, defaultValue, help);
    }

    /** A 64-bit integer flag ({@code flag.Int64}; Go literal syntax: {@code 0x10}, {@code 010}, {@code -5}). */
    public Option<Long> int64(final String name, final long defaultValue, final String help)
    {
        return declare(name, Int64Type.INSTANCE, defaultValue, help);
    }

    /** A boolean flag ({@code flag.Bool}). */
    public Option<Boolean> bool(final String name, final boolean defaultValue, final String help)
    {
        return declare(name, BoolType.INSTANCE, defaultValue, help);
    }

    /** A duration flag ({@code flag.Duration}; Go syntax: {@code 60s}, {@code 1m30s}, {@code 250ms}). */
    public Option<Duration> duration(final String name, final Duration defaultValue, final String help)
    {
        return declare(name, DurationType.INSTANCE, defaultValue, help);
    }

    /** A string flag that must be one of {@code choices}; anything else is an {@code invalid value} error. */
    public Option<String> choice(final String name, final String defaultValue, final List<String> choices, final String help)
    {
        return declare(name, new ChoiceType(choices), defaultValue, help);
    }

    /**
     * A bool-like choice, as upstream's {@code --tls-required}: bare means {@code "true"}, other words
     * come after {@code =} ({@code --tls-required=tcp-https}); {@code choices} must include "true".
     */
    public Option<String> boolChoice(final String name, final String defaultValue, final List<String> choices, final String help)
    {
        return declare(name, new ChoiceType(choices, true), defaultValue, help);
    }

    /** A repeatable string flag, empty by default; each occurrence adds one element (upstream's {@code StringArray}). */
    public Option<List<String>> stringList(final String name, final String help)
    {
        return declare(name, StringListType.INSTANCE, List.of(), help);
    }

    /** A repeatable float flag, empty by default, each occurrence may hold a comma-separated list (upstream's {@code FloatArray}). */
    public Option<List<Double>> floatList(final String name, final String help)
    {
        return declare(name, FloatListType.INSTANCE, List.of(), help);
    }

    /**
     * A deprecated boolean flag: accepted (and listed by {@code --help}, as upstream does) so old
     * command lines still work, ignored in the config file, and never read by the program except,
     * perhaps, to warn. For a deprecated flag that takes a value, declare it with its type and
     * {@link Option#commandLineOnly()}.
     */
    public Option<Boolean> deprecated(final String name, final String help)
    {
        return bool(name, false, help).commandLineOnly();
    }

    /**
     * Reads {@code args} (without the program name), then the {@code --config} file if one is given.
     * After {@code --help} nothing else is read and {@link ParsedOptions#helpRequested()} is true.
     *
     * @throws UsageException for a bad command line (exit code 2) or config file (exit code 1)
     */
    public ParsedOptions parse(final String... args) throws UsageException
    {
        // a sorted snapshot: later declarations do not change this result, and errors come in a stable order
        final Map<String, Option<?>> declared = Collections.unmodifiableMap(new TreeMap<>(options));
        final FlagParser.Result commandLine = new FlagParser(programName, declared).parse(args);

        final Map<String, Object> values = new HashMap<>(commandLine.values());
        final Set<String> explicitlySet = new HashSet<>(commandLine.values().keySet());
        if (!commandLine.helpRequested())
        {
            final String configPath = (String)values.getOrDefault(CONFIG, "");
            if (!configPath.isEmpty())
            {
                readConfig(TomlConfigFile.load(configPath), declared, values, explicitlySet);
            }
        }
        for (final Option<?> option : declared.values())
        {
            values.putIfAbsent(option.name(), option.defaultValue());
        }
        return new ParsedOptions(
            programName, declared, values, explicitlySet, commandLine.helpRequested(), commandLine.arguments());
    }

    private static void readConfig(
        final TomlConfigFile config,
        final Map<String, Option<?>> declared,
        final Map<String, Object> values,
        final Set<String> explicitlySet) throws UsageException
    {
        for (final Option<?> option : declared.values())
        {
            final String key = option.configKey().orElse(null);
            // the command line wins: upstream does not even look at the config value then
            if (key == null || values.containsKey(option.name()))
            {
                continue;
            }
            final JsonNode node = config.get(key);
            if (node == null)
            {
                continue;
            }
            try
            {
                values.put(option.name(), option.type().fromConfig(node));
                explicitlySet.add(option.name());
            }
            catch (final InvalidValueException ex)
            {
                throw config.invalidValue(key, ex);
            }
        }
    }

    /** Go's usage text: {@code Usage of <program>:} and every flag in name order, in {@code flag.PrintDefaults} layout. */
    public String usage()
    {
        return UsageText.render(programName, options.values());
    }

    private <T> Option<T> declare(final String name, final ValueType<T> type, final T defaultValue, final String help)
    {
        if (name == null || name.isEmpty() || name.startsWith("-") || name.contains("="))
        {
            throw new IllegalArgumentException("bad flag name " + (name == null ? null : GoStrconv.quote(name)));
        }
        if (name.equals("help") || name.equals("h"))
        {
            throw new IllegalArgumentException("-" + name + " is built in: it asks for the usage text");
        }
        if (options.containsKey(name))
        {
            throw new IllegalArgumentException(programName + " flag redefined: " + name);
        }
        final Option<T> option = new Option<>(this, name, type, defaultValue, help, name.replace('-', '_'));
        checkConfigKeyFree(option, null);
        options.put(name, option);
        return option;
    }

    /** Puts {@code replacement} in the place of {@code previous} (see {@link Option}'s fluent modifiers). */
    <T> Option<T> redeclare(final Option<T> previous, final Option<T> replacement)
    {
        if (options.get(previous.name()) != previous)
        {
            throw new IllegalStateException(previous + " was already modified: use the Option that call returned");
        }
        checkConfigKeyFree(replacement, previous);
        options.put(replacement.name(), replacement);
        return replacement;
    }

    private void checkConfigKeyFree(final Option<?> option, final Option<?> replaced)
    {
        final String key = option.configKey().orElse(null);
        for (final Option<?> other : options.values())
        {
            if (other != replaced && key != null && key.equals(other.configKey().orElse(null)))
            {
                throw new IllegalArgumentException(option + " and " + other + " both read config key " + key);
            }
        }
    }
}
