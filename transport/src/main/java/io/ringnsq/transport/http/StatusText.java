package io.ringnsq.transport.http;

import java.nio.charset.StandardCharsets;

/**
 * Go's {@code http.StatusText} (the table of the Go releases NSQ v1.3.0 was built with) and the
 * status lines Go writes: {@code HTTP/1.1 200 OK}, or {@code HTTP/1.0 ...} to an HTTP/1.0 request,
 * and {@code HTTP/1.1 599 status code 599} for a code it has no text for.
 */
public final class StatusText
{
    private static final String[] TEXT = new String[1000];
    private static final byte[][] LINE_11 = new byte[1000][];
    private static final byte[][] LINE_10 = new byte[1000][];

    static
    {
        put(100, "Continue");
        put(101, "Switching Protocols");
        put(102, "Processing");
        put(103, "Early Hints");
        put(200, "OK");
        put(201, "Created");
        put(202, "Accepted");
        put(203, "Non-Authoritative Information");
        put(204, "No Content");
        put(205, "Reset Content");
        put(206, "Partial Content");
        put(207, "Multi-Status");
        put(208, "Already Reported");
        put(226, "IM Used");
        put(300, "Multiple Choices");
        put(301, "Moved Permanently");
        put(302, "Found");
        put(303, "See Other");
        put(304, "Not Modified");
        put(305, "Use Proxy");
        put(307, "Temporary Redirect");
        put(308, "Permanent Redirect");
        put(400, "Bad Request");
        put(401, "Unauthorized");
        put(402, "Payment Required");
        put(403, "Forbidden");
        put(404, "Not Found");
        put(405, "Method Not Allowed");
        put(406, "Not Acceptable");
        put(407, "Proxy Authentication Required");
        put(408, "Request Timeout");
        put(409, "Conflict");
        put(410, "Gone");
        put(411, "Length Required");
        put(412, "Precondition Failed");
        put(413, "Request Entity Too Large");
        put(414, "Request URI Too Long");
        put(415, "Unsupported Media Type");
        put(416, "Requested Range Not Satisfiable");
        put(417, "Expectation Failed");
        put(418, "I'm a teapot");
        put(421, "Misdirected Request");
        put(422, "Unprocessable Entity");
        put(423, "Locked");
        put(424, "Failed Dependency");
        put(425, "Too Early");
        put(426, "Upgrade Required");
        put(428, "Precondition Required");
        put(429, "Too Many Requests");
        put(431, "Request Header Fields Too Large");
        put(451, "Unavailable For Legal Reasons");
        put(500, "Internal Server Error");
        put(501, "Not Implemented");
        put(502, "Bad Gateway");
        put(503, "Service Unavailable");
        put(504, "Gateway Timeout");
        put(505, "HTTP Version Not Supported");
        put(506, "Variant Also Negotiates");
        put(507, "Insufficient Storage");
        put(508, "Loop Detected");
        put(510, "Not Extended");
        put(511, "Network Authentication Required");
        for (int code = 100; code < 1000; code++)
        {
            // codes are three digits here, so Go's %03d is the plain number (String.format 900 times cost 35 ms of start-up)
            final String rest = code + " " + (TEXT[code] != null ? TEXT[code] : "status code " + code);
            LINE_11[code] = ("HTTP/1.1 " + rest + "\r\n").getBytes(StandardCharsets.US_ASCII);
            LINE_10[code] = ("HTTP/1.0 " + rest + "\r\n").getBytes(StandardCharsets.US_ASCII);
        }
    }

    private StatusText()
    {
    }

    /** Go's text for the code, or "" when Go has none. */
    public static String of(final int status)
    {
        final String text = status >= 0 && status < TEXT.length ? TEXT[status] : null;
        return text == null ? "" : text;
    }

    /** The status line with its CRLF; {@code http11} false for an answer to an HTTP/1.0 request. */
    static byte[] line(final int status, final boolean http11)
    {
        return http11 ? LINE_11[status] : LINE_10[status];
    }

    /** Go's checkWriteHeaderCode: three digits. */
    static void check(final int status)
    {
        if (status < 100 || status > 999)
        {
            throw new IllegalArgumentException("invalid status code " + status);
        }
    }

    private static void put(final int code, final String text)
    {
        TEXT[code] = text;
    }
}
