package io.ringnsq.cli;

import java.util.Objects;
import java.util.Optional;

/**
 * One declared option: its flag name, type, default, help text and config-file key. Immutable: the
 * fluent modifiers return a replacement that takes this option's place in its {@link OptionSet}, so
 * keep the returned handle ({@code opts.int64(...).configKey("id")}).
 *
 * @param <T> the type of the value
 */
public final class Option<T>
{
    private final OptionSet owner;
    private final String name;
    private final ValueType<T> type;
    private final T defaultValue;
    private final String help;
    private final String configKey;

    Option(
        final OptionSet owner,
        final String name,
        final ValueType<T> type,
        final T defaultValue,
        final String help,
        final String configKey)
    {
        this.owner = owner;
        this.name = name;
        this.type = type;
        this.defaultValue = Objects.requireNonNull(defaultValue, "defaultValue");
        this.help = Objects.requireNonNull(help, "help");
        this.configKey = configKey;
        type.checkDefault(defaultValue);
    }

    /** The flag name, without dashes. */
    public String name()
    {
        return name;
    }

    /** The help text shown by {@code --help}. */
    public String help()
    {
        return help;
    }

    /** The value when neither the command line nor the config file sets it. */
    public T defaultValue()
    {
        return defaultValue;
    }

    /** The config-file key (the flag name with {@code -} turned to {@code _} unless overridden); empty if command line only. */
    public Optional<String> configKey()
    {
        return Optional.ofNullable(configKey);
    }

    /** This option read from config key {@code key} instead of the one derived from its name (upstream's {@code cfg:} tag). */
    public Option<T> configKey(final String key)
    {
        if (key == null || key.isEmpty())
        {
            throw new IllegalArgumentException("config key of -" + name + " must not be empty");
        }
        return owner.redeclare(this, new Option<>(owner, name, type, defaultValue, help, key));
    }

    /** This option ignored in the config file (as upstream's {@code --version} and deprecated flags are). */
    public Option<T> commandLineOnly()
    {
        return owner.redeclare(this, new Option<>(owner, name, type, defaultValue, help, null));
    }

    ValueType<T> type()
    {
        return type;
    }

    /** Whether {@code other} is the same declaration (possibly an earlier handle of it). */
    boolean sameDeclaration(final Option<?> other)
    {
        return owner == other.owner && name.equals(other.name) && type == other.type;
    }

    @Override
    public String toString()
    {
        return "-" + name;
    }
}
