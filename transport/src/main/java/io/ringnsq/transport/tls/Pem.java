package io.ringnsq.transport.tls;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * Reads PEM files (RFC 7468, plus the RFC 1421 headers OpenSSL writes on encrypted keys): every
 * {@code BEGIN}/{@code END} block in order, text between blocks ignored, as Go's {@code pem.Decode} does.
 */
final class Pem
{
    private static final String BEGIN = "-----BEGIN ";
    private static final String END = "-----END ";
    private static final String DASHES = "-----";

    /** One block: its label ({@code CERTIFICATE}, {@code RSA PRIVATE KEY}), whether its headers say it is encrypted, its bytes. */
    record Block(String type, boolean encrypted, byte[] der)
    {
    }

    private Pem()
    {
    }

    /**
     * Every block of {@code file}.
     *
     * @param flag the flag that named the file, for the error message.
     * @throws TlsConfigException if the file cannot be read or a block is broken.
     */
    static List<Block> read(final String flag, final Path file) throws TlsConfigException
    {
        final String text;
        try
        {
            text = new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
        }
        catch (final NoSuchFileException ex)
        {
            throw new TlsConfigException(flag + " " + file + ": no such file");
        }
        catch (final AccessDeniedException ex)
        {
            throw new TlsConfigException(flag + " " + file + ": permission denied");
        }
        catch (final IOException ex)
        {
            throw new TlsConfigException(flag + " " + file + ": cannot read: " + ex.getMessage(), ex);
        }
        return parse(flag + " " + file, text);
    }

    static List<Block> parse(final String source, final String text) throws TlsConfigException
    {
        final List<Block> blocks = new ArrayList<>();
        final String[] lines = text.split("\r?\n|\r");
        int i = 0;
        while (i < lines.length)
        {
            final String line = lines[i++].trim();
            if (!line.startsWith(BEGIN) || !line.endsWith(DASHES) || line.length() < BEGIN.length() + DASHES.length())
            {
                continue;
            }
            final String type = line.substring(BEGIN.length(), line.length() - DASHES.length());
            final String endLine = END + type + DASHES;
            final StringBuilder base64 = new StringBuilder();
            boolean encrypted = false;
            boolean ended = false;
            while (i < lines.length)
            {
                final String body = lines[i++].trim();
                if (body.equals(endLine))
                {
                    ended = true;
                    break;
                }
                if (body.indexOf(':') >= 0)
                {
                    // an RFC 1421 header: base64 never holds a colon
                    encrypted |= body.startsWith("Proc-Type:") && body.contains("ENCRYPTED");
                    continue;
                }
                base64.append(body);
            }
            if (!ended)
            {
                throw new TlsConfigException(source + ": PEM block " + type + " has no END line");
            }
            try
            {
                blocks.add(new Block(type, encrypted, Base64.getDecoder().decode(base64.toString())));
            }
            catch (final IllegalArgumentException ex)
            {
                throw new TlsConfigException(source + ": PEM block " + type + " is garbled (bad base64)");
            }
        }
        return blocks;
    }
}
