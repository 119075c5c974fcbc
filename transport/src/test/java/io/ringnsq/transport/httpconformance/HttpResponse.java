package io.ringnsq.transport.httpconformance;

import java.nio.charset.StandardCharsets;
import java.util.List;

import io.ringnsq.transport.testsupport.Wire;

/**
 * One response exactly as it came off the wire: the status line, the headers in order with their names
 * spelled as sent, and the decoded body ({@code chunked} says whether it came chunked).
 */
record HttpResponse(String statusLine, int status, List<Header> headers, byte[] body, boolean chunked)
{
    record Header(String name, String value)
    {
    }

    /** The first value of a header, matched case-insensitively as HTTP does; null when absent. */
    String header(final String name)
    {
        for (final Header header : headers)
        {
            if (header.name().equalsIgnoreCase(name))
            {
                return header.value();
            }
        }
        return null;
    }

    /** The header's name exactly as the server spelled it; null when absent. */
    String headerNameAsSent(final String name)
    {
        for (final Header header : headers)
        {
            if (header.name().equalsIgnoreCase(name))
            {
                return header.name();
            }
        }
        return null;
    }

    long headerCount(final String name)
    {
        return headers.stream().filter(h -> h.name().equalsIgnoreCase(name)).count();
    }

    String text()
    {
        return new String(body, StandardCharsets.UTF_8);
    }

    /** {@code HTTP/1.1} or {@code HTTP/1.0}. */
    String version()
    {
        final int space = statusLine.indexOf(' ');
        return space < 0 ? statusLine : statusLine.substring(0, space);
    }

    /** Printable form for assertion messages. */
    @Override
    public String toString()
    {
        final StringBuilder text = new StringBuilder(statusLine);
        for (final Header header : headers)
        {
            text.append(" | ").append(header.name()).append(": ").append(header.value());
        }
        text.append(" | body").append(chunked ? " (chunked)" : "").append(": ").append(Wire.escape(body));
        return text.toString();
    }
}
