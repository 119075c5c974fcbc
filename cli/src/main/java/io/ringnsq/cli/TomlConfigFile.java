package io.ringnsq.cli;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.toml.TomlMapper;
import com.fasterxml.jackson.dataformat.toml.TomlReadFeature;

/**
 * The {@code --config} file: a TOML document whose top-level keys are looked up by option. Every
 * failure is a {@link UsageException} with exit code 1 and one line naming the file (and the key).
 */
final class TomlConfigFile
{
    private final String path;
    private final JsonNode root;

    private TomlConfigFile(final String path, final JsonNode root)
    {
        this.path = path;
        this.root = root;
    }

    static TomlConfigFile load(final String path) throws UsageException
    {
        final byte[] content;
        try
        {
            content = Files.readAllBytes(Path.of(path));
        }
        catch (final InvalidPathException ex)
        {
            throw UsageException.badConfig(prefix(path) + "invalid path: " + ex.getReason());
        }
        catch (final IOException ex)
        {
            throw UsageException.badConfig(prefix(path) + readFailure(path, ex));
        }

        // a mapper per load: it is used once at startup, and nothing is shared between option sets
        final TomlMapper mapper = TomlMapper.builder()
            // dates and times become their own node type, so a date where a string belongs is a type error
            .enable(TomlReadFeature.PARSE_JAVA_TIME)
            .build();
        try
        {
            return new TomlConfigFile(path, mapper.readTree(content));
        }
        catch (final JacksonException ex)
        {
            throw UsageException.badConfig(prefix(path) + "invalid TOML" + at(ex.getLocation()) + ": "
                + firstLine(ex.getOriginalMessage()));
        }
        catch (final IOException ex)
        {
            throw UsageException.badConfig(prefix(path) + firstLine(ex.getMessage()));
        }
    }

    /** The value under top-level {@code key}, or {@code null} when the file does not set it. */
    JsonNode get(final String key)
    {
        return root == null ? null : root.get(key);
    }

    /** A one-line error about the value under {@code key}. */
    UsageException invalidValue(final String key, final InvalidValueException reason)
    {
        return UsageException.badConfig(prefix(path) + "key " + GoStrconv.quote(key) + ": " + reason.getMessage());
    }

    private static String prefix(final String path)
    {
        return "config file " + path + ": ";
    }

    private static String readFailure(final String path, final IOException ex)
    {
        if (ex instanceof NoSuchFileException)
        {
            return "no such file or directory";
        }
        if (ex instanceof AccessDeniedException)
        {
            return "permission denied";
        }
        if (Files.isDirectory(Path.of(path)))
        {
            return "is a directory";
        }
        return firstLine(String.valueOf(ex.getMessage()));
    }

    private static String at(final JsonLocation location)
    {
        if (location == null || location.getLineNr() < 1)
        {
            return "";
        }
        return " at line " + location.getLineNr() + ", column " + location.getColumnNr();
    }

    private static String firstLine(final String message)
    {
        final int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }
}
