package io.ringnsq.transport.auth;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import io.ringnsq.cli.GoQuote;
import io.ringnsq.cli.GoUtf8;
import io.ringnsq.core.json.GoJson;

/**
 * Decodes an auth server's JSON as Go 1.19's {@code json.Unmarshal} fills upstream's
 * {@code auth.State}, then validates it as {@code QueryAuthd} does.
 *
 * <p>Go's decoding rules kept: keys match fields case-insensitively (ASCII, plus U+017F for 's'
 * and U+212A for 'k'); unknown keys are skipped; {@code null} leaves a string or number as it
 * was and empties a list; a value of the wrong JSON type fails the whole answer (Go reports the
 * first one after decoding the rest); {@code ttl} must be an integer literal; invalid UTF-8 reads
 * as U+FFFD. The untagged {@code Expires} field of {@code auth.State} also matches a key
 * {@code "expires"}: unless null or an RFC 3339 string it fails the answer, as it fails upstream.
 * Validation, in upstream's order: each authorization's permissions, its topic regex, its channel
 * regexes, then the TTL.
 */
final class AuthResponseParser
{
    /** Go has no limits but a nesting depth of 10000; Jackson's defaults are lower. */
    private static final JsonFactory JSON = JsonFactory.builder()
        .streamReadConstraints(StreamReadConstraints.builder()
            .maxNestingDepth(10_000)
            .maxNumberLength(Integer.MAX_VALUE)
            .maxStringLength(Integer.MAX_VALUE)
            .maxNameLength(Integer.MAX_VALUE)
            .build())
        .build();

    /** Go 1.19's time.Parse with RFC3339: hour of one or two digits, fraction with '.' or ','. */
    private static final Pattern RFC3339 = Pattern.compile(
        "(\\d{4})-(\\d{2})-(\\d{2})T(\\d{1,2}):(\\d{2}):(\\d{2})(?:[.,]\\d+)?(?:Z|[+-]\\d{2}:\\d{2})");

    private long ttl;
    private String identity = "";
    private String identityUrl = "";
    /** Null as Go's nil slice. */
    private List<Draft> drafts;
    private int httpsPort;
    /** Go saves the first type error and goes on decoding. */
    private String typeError;
    /** An error Go returns at once (a bad Expires), which beats a saved type error. */
    private String stopError;

    private AuthResponseParser()
    {
    }

    /** The validated answer of a 200, or upstream's error text. */
    static AuthResponse parse(final byte[] body) throws AuthResponseException
    {
        final AuthResponseParser parser = new AuthResponseParser();
        parser.decode(body, "auth.State", true);
        return parser.validate();
    }

    /** The {@code https_port} of a 403 body, which upstream's HTTP client retries over HTTPS. */
    static int httpsPort(final byte[] body) throws AuthResponseException
    {
        final AuthResponseParser parser = new AuthResponseParser();
        parser.decode(body, "struct { HTTPSPort int \"json:\\\"https_port\\\"\" }", false);
        return parser.httpsPort;
    }

    private void decode(final byte[] body, final String goType, final boolean state) throws AuthResponseException
    {
        try (JsonParser parser = JSON.createParser(GoUtf8.decode(body)))
        {
            final JsonToken first = parser.nextToken();
            if (first == null)
            {
                throw new AuthResponseException("unexpected end of JSON input");
            }
            if (first == JsonToken.START_OBJECT)
            {
                if (state)
                {
                    readState(parser);
                }
                else
                {
                    readForbidden(parser);
                }
            }
            else if (first != JsonToken.VALUE_NULL)
            {
                typeError("json: cannot unmarshal " + GoJson.kind(first) + " into Go value of type " + goType);
                parser.skipChildren();
            }
            if (parser.nextToken() != null)
            {
                throw new AuthResponseException("invalid character after top-level value");
            }
        }
        catch (final JsonProcessingException ex)
        {
            final String message = ex.getOriginalMessage();
            throw new AuthResponseException(message.contains("end-of-input") ? "unexpected end of JSON input" : message);
        }
        catch (final IOException ex)
        {
            throw new AuthResponseException(ex.toString());
        }
        if (stopError != null)
        {
            throw new AuthResponseException(stopError);
        }
        if (typeError != null)
        {
            throw new AuthResponseException(typeError);
        }
    }

    private void readState(final JsonParser parser) throws IOException
    {
        while (parser.nextToken() == JsonToken.FIELD_NAME)
        {
            final String key = parser.currentName();
            final JsonToken value = parser.nextToken();
            if (GoJson.keyMatches("ttl", key))
            {
                ttl = readInt(parser, value, "State.ttl", ttl);
            }
            else if (GoJson.keyMatches("authorizations", key))
            {
                readAuthorizations(parser, value);
            }
            else if (GoJson.keyMatches("identity", key))
            {
                identity = readString(parser, value, "State.identity", identity);
            }
            else if (GoJson.keyMatches("identity_url", key))
            {
                identityUrl = readString(parser, value, "State.identity_url", identityUrl);
            }
            else if (GoJson.keyMatches("Expires", key))
            {
                readExpires(parser, value);
            }
            else
            {
                parser.skipChildren();
            }
        }
    }

    private void readForbidden(final JsonParser parser) throws IOException
    {
        while (parser.nextToken() == JsonToken.FIELD_NAME)
        {
            final String key = parser.currentName();
            final JsonToken value = parser.nextToken();
            if (GoJson.keyMatches("https_port", key))
            {
                httpsPort = (int)readInt(parser, value, ".https_port", httpsPort);
            }
            else
            {
                parser.skipChildren();
            }
        }
    }

    private void readAuthorizations(final JsonParser parser, final JsonToken value) throws IOException
    {
        if (value == JsonToken.VALUE_NULL)
        {
            drafts = null;
            return;
        }
        if (value != JsonToken.START_ARRAY)
        {
            typeError(GoJson.kind(value), "State.authorizations", "[]auth.Authorization");
            parser.skipChildren();
            return;
        }
        drafts = new ArrayList<>();
        JsonToken element;
        while ((element = parser.nextToken()) != JsonToken.END_ARRAY)
        {
            final Draft draft = new Draft();
            if (element == JsonToken.START_OBJECT)
            {
                readAuthorization(parser, draft);
            }
            else if (element != JsonToken.VALUE_NULL)
            {
                typeError(GoJson.kind(element), "State.authorizations", "auth.Authorization");
                parser.skipChildren();
            }
            // Go appends the element before decoding into it: a null or mistyped one stays zero
            drafts.add(draft);
        }
    }

    private void readAuthorization(final JsonParser parser, final Draft draft) throws IOException
    {
        while (parser.nextToken() == JsonToken.FIELD_NAME)
        {
            final String key = parser.currentName();
            final JsonToken value = parser.nextToken();
            if (GoJson.keyMatches("topic", key))
            {
                draft.topic = readString(parser, value, "Authorization.authorizations.topic", draft.topic);
            }
            else if (GoJson.keyMatches("channels", key))
            {
                draft.channels = readStrings(parser, value, "Authorization.authorizations.channels", draft.channels);
            }
            else if (GoJson.keyMatches("permissions", key))
            {
                draft.permissions = readStrings(parser, value, "Authorization.authorizations.permissions", draft.permissions);
            }
            else
            {
                parser.skipChildren();
            }
        }
    }

    private long readInt(final JsonParser parser, final JsonToken value, final String field, final long current)
        throws IOException
    {
        if (value == JsonToken.VALUE_NULL)
        {
            return current;
        }
        if (value == JsonToken.VALUE_NUMBER_INT && parser.getNumberType() != JsonParser.NumberType.BIG_INTEGER)
        {
            return parser.getLongValue();
        }
        if (value == JsonToken.VALUE_NUMBER_INT || value == JsonToken.VALUE_NUMBER_FLOAT)
        {
            typeError("number " + parser.getText(), field, "int");
            return current;
        }
        typeError(GoJson.kind(value), field, "int");
        parser.skipChildren();
        return current;
    }

    private String readString(final JsonParser parser, final JsonToken value, final String field, final String current)
        throws IOException
    {
        if (value == JsonToken.VALUE_STRING)
        {
            return GoUtf8.sanitize(parser.getText());
        }
        if (value != JsonToken.VALUE_NULL)
        {
            typeError(GoJson.kind(value), field, "string");
            parser.skipChildren();
        }
        return current;
    }

    private List<String> readStrings(final JsonParser parser, final JsonToken value, final String field, final List<String> current)
        throws IOException
    {
        if (value == JsonToken.VALUE_NULL)
        {
            return null;
        }
        if (value != JsonToken.START_ARRAY)
        {
            typeError(GoJson.kind(value), field, "[]string");
            parser.skipChildren();
            return current;
        }
        final List<String> strings = new ArrayList<>();
        JsonToken element;
        while ((element = parser.nextToken()) != JsonToken.END_ARRAY)
        {
            strings.add(readString(parser, element, field, ""));
        }
        return strings;
    }

    /** time.Time's UnmarshalJSON in Go 1.19: null, or {@code time.Parse} with the quoted RFC3339 layout. */
    private void readExpires(final JsonParser parser, final JsonToken value) throws IOException
    {
        if (value == JsonToken.VALUE_NULL)
        {
            return;
        }
        final boolean string = value == JsonToken.VALUE_STRING;
        final String text = value.isScalarValue() ? parser.getText() : GoJson.kind(value);
        parser.skipChildren();
        if ((!string || !isRfc3339(text)) && stopError == null)
        {
            stopError = "parsing time " + quote(string ? "\"" + text + "\"" : text)
                + " as \"\\\"2006-01-02T15:04:05Z07:00\\\"\": cannot parse";
        }
    }

    private static boolean isRfc3339(final String text)
    {
        final Matcher m = RFC3339.matcher(text);
        if (!m.matches())
        {
            return false;
        }
        final int year = Integer.parseInt(m.group(1));
        final int month = Integer.parseInt(m.group(2));
        if (month < 1 || month > 12)
        {
            return false;
        }
        final int day = Integer.parseInt(m.group(3));
        return day >= 1 && day <= YearMonth.of(year, month).lengthOfMonth()
            && Integer.parseInt(m.group(4)) < 24 && Integer.parseInt(m.group(5)) < 60 && Integer.parseInt(m.group(6)) < 60;
    }

    private AuthResponse validate() throws AuthResponseException
    {
        final List<Authorization> authorizations = new ArrayList<>();
        if (drafts != null)
        {
            for (final Draft draft : drafts)
            {
                authorizations.add(draft.validate());
            }
        }
        if (ttl <= 0)
        {
            throw new AuthResponseException("invalid TTL " + ttl + " (must be >0)");
        }
        return new AuthResponse(ttl, identity, identityUrl, authorizations);
    }

    private void typeError(final String jsonKind, final String field, final String goType)
    {
        typeError("json: cannot unmarshal " + jsonKind + " into Go struct field " + field + " of type " + goType);
    }

    private void typeError(final String message)
    {
        if (typeError == null)
        {
            typeError = message;
        }
    }

    /** One entry of {@code authorizations} as decoded, before validation. */
    private static final class Draft
    {
        private String topic = "";
        private List<String> channels;
        private List<String> permissions;

        private Authorization validate() throws AuthResponseException
        {
            final List<String> channelList = channels == null ? List.of() : channels;
            final List<String> permissionList = permissions == null ? List.of() : permissions;
            final List<Permission> granted = new ArrayList<>(permissionList.size());
            for (final String name : permissionList)
            {
                final Permission permission = Permission.fromWireName(name);
                if (permission == null)
                {
                    throw new AuthResponseException("unknown permission " + name);
                }
                granted.add(permission);
            }
            final Pattern topicPattern;
            try
            {
                topicPattern = GoRegex.compile(topic);
            }
            catch (final GoRegexException ex)
            {
                throw new AuthResponseException("unable to compile topic " + quote(topic) + " " + ex.getMessage());
            }
            final List<Pattern> channelPatterns = new ArrayList<>(channelList.size());
            for (final String channel : channelList)
            {
                try
                {
                    channelPatterns.add(GoRegex.compile(channel));
                }
                catch (final GoRegexException ex)
                {
                    throw new AuthResponseException("unable to compile channel " + quote(channel) + " " + ex.getMessage());
                }
            }
            return new Authorization(topic, channelList, granted, topicPattern, channelPatterns);
        }

    }

    private static String quote(final String text)
    {
        return GoQuote.quote(text.getBytes(StandardCharsets.UTF_8));
    }
}
