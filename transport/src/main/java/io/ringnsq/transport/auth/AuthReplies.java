package io.ringnsq.transport.auth;

import java.nio.charset.StandardCharsets;

import io.ringnsq.cli.GoQuote;

/**
 * The exact texts nsqd v1.3.0 answers AUTH, and authorization checks of SUB, PUB, MPUB and DPUB,
 * with. Every error is fatal (the connection closes after it). The checks of the AUTH command's
 * own shape (state, parameter count, body size) stay with the protocol handler.
 */
public final class AuthReplies
{
    /** AUTH on a connection whose authorizations are already set. */
    public static final String ALREADY_SET = "E_INVALID AUTH already set";
    /** AUTH while nsqd has no {@code --auth-http-address}. */
    public static final String DISABLED = "E_AUTH_DISABLED AUTH disabled";
    /** No auth server answered usefully, at AUTH or at a re-query after expiry; the detail is only logged. */
    public static final String FAILED = "E_AUTH_FAILED AUTH failed";
    /** The auth server answered with no authorizations. */
    public static final String NO_AUTHORIZATIONS = "E_UNAUTHORIZED AUTH no authorizations found";

    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private AuthReplies()
    {
    }

    /** SUB, PUB, MPUB or DPUB before a successful AUTH, with auth enabled: {@code E_AUTH_FIRST AUTH required before PUB}. */
    public static String authFirst(final String command)
    {
        return "E_AUTH_FIRST AUTH required before " + command;
    }

    /**
     * The authorizations do not allow it: {@code E_UNAUTHORIZED AUTH failed for PUB on "other" ""}
     * (names quoted as Go's {@code %q}; publishing passes an empty channel).
     */
    public static String unauthorized(final String command, final byte[] topic, final byte[] channel)
    {
        return "E_UNAUTHORIZED AUTH failed for " + command + " on " + GoQuote.quote(topic) + " " + GoQuote.quote(channel);
    }

    /** {@link #unauthorized(String, byte[], byte[])} for names held as strings. */
    public static String unauthorized(final String command, final String topic, final String channel)
    {
        return unauthorized(command, topic.getBytes(StandardCharsets.UTF_8), channel.getBytes(StandardCharsets.UTF_8));
    }

    /** The reply could not be marshalled or sent: {@code E_AUTH_ERROR AUTH error <err>}. */
    public static String authError(final String error)
    {
        return "E_AUTH_ERROR AUTH error " + error;
    }

    /**
     * The AUTH success response body, as Go's {@code json.Marshal} writes it:
     * {@code {"identity":"…","identity_url":"…","permission_count":N}}, where N counts authorizations.
     */
    public static byte[] authOk(final Authorizations authorizations)
    {
        final StringBuilder out = new StringBuilder(64);
        out.append("{\"identity\":");
        appendJsonString(out, authorizations.identity());
        out.append(",\"identity_url\":");
        appendJsonString(out, authorizations.identityUrl());
        out.append(",\"permission_count\":").append(authorizations.permissionCount()).append('}');
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }

    /**
     * Go 1.19's string encoding: {@code \" \\ \n \r \t}, other controls as lower-case
     * {@code \}{@code u00xx} ({@code \b} and {@code \f} included), the HTML-safe {@code < > &}
     * escapes, U+2028 and U+2029 escaped, unpaired surrogates as {@code \}{@code ufffd}.
     */
    static void appendJsonString(final StringBuilder out, final String value)
    {
        out.append('"');
        for (int i = 0; i < value.length(); i++)
        {
            final char c = value.charAt(i);
            switch (c)
            {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                case '<', '>', '&', '\u2028', '\u2029' -> appendUnicodeEscape(out, c);
                default ->
                {
                    if (c < 0x20)
                    {
                        appendUnicodeEscape(out, c);
                    }
                    else if (Character.isHighSurrogate(c) && i + 1 < value.length() && Character.isLowSurrogate(value.charAt(i + 1)))
                    {
                        out.append(c).append(value.charAt(++i));
                    }
                    else if (Character.isSurrogate(c))
                    {
                        out.append("\\ufffd");
                    }
                    else
                    {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }

    private static void appendUnicodeEscape(final StringBuilder out, final char c)
    {
        out.append("\\u").append(HEX[c >> 12]).append(HEX[(c >> 8) & 0xF]).append(HEX[(c >> 4) & 0xF]).append(HEX[c & 0xF]);
    }
}
