package io.ringnsq.transport.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;

class AuthorizationsTest
{
    private static Authorizations parse(final String json) throws AuthResponseException
    {
        return Authorizations.parse(json.getBytes(StandardCharsets.UTF_8), 0);
    }

    private static String refusal(final String json)
    {
        return assertThrows(AuthResponseException.class, () -> parse(json)).getMessage();
    }

    private static String grant(final String topic, final String channels, final String permissions)
    {
        return "{\"topic\":\"" + topic + "\",\"channels\":" + channels + ",\"permissions\":" + permissions + "}";
    }

    private static Authorizations granting(final String... authorizations) throws AuthResponseException
    {
        return parse("{\"ttl\":60,\"authorizations\":[" + String.join(",", authorizations) + "]}");
    }

    @Test
    void shouldCountAuthorizationsNotPermissionsAsUpstreamDoesForPermissionCount() throws Exception
    {
        final Authorizations authorizations = granting(
            grant("a", "[\".*\"]", "[\"subscribe\",\"publish\"]"),
            grant("b", "[]", "[\"publish\"]"));

        assertEquals(2, authorizations.permissionCount());
        assertEquals(List.of(Permission.SUBSCRIBE, Permission.PUBLISH), authorizations.authorizations().get(0).permissions());
    }

    @Test
    void shouldSearchTopicAndChannelRegexesUnanchored() throws Exception
    {
        final Authorizations authorizations = granting(grant("foo", "[\"ch\"]", "[\"subscribe\"]"));

        assertTrue(authorizations.isAllowed("xfoox", "archive", Permission.SUBSCRIBE));
        assertFalse(authorizations.isAllowed("fo", "ch", Permission.SUBSCRIBE));
        assertFalse(authorizations.isAllowed("foo", "c", Permission.SUBSCRIBE));
    }

    @Test
    void shouldHonourAnchorsWhenTheRegexHasThem() throws Exception
    {
        final Authorizations authorizations = granting(grant("^foo$", "[\"^ch$\"]", "[\"subscribe\"]"));

        assertTrue(authorizations.isAllowed("foo", "ch", Permission.SUBSCRIBE));
        assertFalse(authorizations.isAllowed("foo2", "ch", Permission.SUBSCRIBE));
        assertFalse(authorizations.isAllowed("foo", "chx", Permission.SUBSCRIBE));
    }

    @Test
    void shouldAllowNoPublishingWhenTheChannelListIsEmpty() throws Exception
    {
        final Authorizations none = granting(grant(".*", "[]", "[\"publish\"]"));
        final Authorizations missing = parse("{\"ttl\":60,\"authorizations\":[{\"topic\":\".*\",\"permissions\":[\"publish\"]}]}");
        final Authorizations named = granting(grant(".*", "[\"^ch$\"]", "[\"publish\"]"));
        final Authorizations any = granting(grant(".*", "[\".*\"]", "[\"publish\"]"));

        assertFalse(none.isAllowed("t", "", Permission.PUBLISH));
        assertFalse(missing.isAllowed("t", "", Permission.PUBLISH));
        assertFalse(named.isAllowed("t", "", Permission.PUBLISH), "the channel \"\" must match a channel regex");
        assertTrue(any.isAllowed("t", "", Permission.PUBLISH));
    }

    @Test
    void shouldRequireThePermissionTheCommandNeeds() throws Exception
    {
        final Authorizations subscribeOnly = granting(grant(".*", "[\".*\"]", "[\"subscribe\"]"));
        final Authorizations publishOnly = granting(grant(".*", "[\".*\"]", "[\"publish\"]"));

        assertTrue(subscribeOnly.isAllowed("t", "c", Permission.SUBSCRIBE));
        assertFalse(subscribeOnly.isAllowed("t", "", Permission.PUBLISH));
        assertTrue(publishOnly.isAllowed("t", "", Permission.PUBLISH));
        assertFalse(publishOnly.isAllowed("t", "c", Permission.SUBSCRIBE));
    }

    @Test
    void shouldAllowWhenAnyOfSeveralAuthorizationsAllows() throws Exception
    {
        final Authorizations authorizations = granting(
            grant("^orders$", "[\"^billing$\"]", "[\"subscribe\"]"),
            grant("^events", "[\".*\"]", "[\"publish\"]"),
            grant("^logs$", "[\"^a$\",\"^b$\"]", "[\"subscribe\"]"));

        assertTrue(authorizations.isAllowed("orders", "billing", Permission.SUBSCRIBE));
        assertTrue(authorizations.isAllowed("events.click", "", Permission.PUBLISH));
        assertTrue(authorizations.isAllowed("logs", "b", Permission.SUBSCRIBE));
        assertFalse(authorizations.isAllowed("orders", "", Permission.PUBLISH));
        assertFalse(authorizations.isAllowed("logs", "c", Permission.SUBSCRIBE));
        // the publish answer is remembered per topic; asking again must not change it
        assertTrue(authorizations.isAllowed("events.click", "", Permission.PUBLISH));
        assertFalse(authorizations.isAllowed("orders", "", Permission.PUBLISH));
    }

    @Test
    void shouldExpireStrictlyAfterGrantedAtPlusTtl() throws Exception
    {
        final Authorizations authorizations = Authorizations.parse("{\"ttl\":3}".getBytes(StandardCharsets.UTF_8), 1_000);

        assertEquals(3_000_001_000L, authorizations.expiresAtNanos());
        assertFalse(authorizations.isExpired(3_000_001_000L));
        assertTrue(authorizations.isExpired(3_000_001_001L));
        assertFalse(authorizations.hasAuthorizations());
    }

    @Test
    void shouldWrapAHugeTtlAsGosDurationMultiplicationDoesAndSoExpireAtOnce() throws Exception
    {
        final Authorizations authorizations = parse("{\"ttl\":9223372037}");

        assertTrue(authorizations.isExpired(1));
        assertFalse(parse("{\"ttl\":9223372036}").isExpired(1_000_000_000_000L));
    }

    @Test
    void shouldRefuseATtlOfZeroOrLessOrMissing()
    {
        assertEquals("invalid TTL 0 (must be >0)", refusal("{\"ttl\":0}"));
        assertEquals("invalid TTL -5 (must be >0)", refusal("{\"ttl\":-5}"));
        assertEquals("invalid TTL 0 (must be >0)", refusal("{\"authorizations\":[]}"));
        assertEquals("invalid TTL 0 (must be >0)", refusal("null"));
    }

    @Test
    void shouldRefuseATtlThatIsNotAnIntegerLiteralAsGoDoes()
    {
        assertEquals("json: cannot unmarshal number 3600.0 into Go struct field State.ttl of type int", refusal("{\"ttl\":3600.0}"));
        assertEquals("json: cannot unmarshal number 1e3 into Go struct field State.ttl of type int", refusal("{\"ttl\":1e3}"));
        assertEquals("json: cannot unmarshal string into Go struct field State.ttl of type int", refusal("{\"ttl\":\"3600\"}"));
        refusal("{\"ttl\":99999999999999999999}");
    }

    @Test
    void shouldValidateInUpstreamsOrderPermissionsThenTopicThenChannelsThenTtl()
    {
        assertEquals("unknown permission write", refusal("{\"ttl\":0,\"authorizations\":[" + grant("(", "[\"(\"]", "[\"write\"]") + "]}"));
        assertEquals("unable to compile topic \"(\" error parsing regexp: missing closing ): `(`",
            refusal("{\"ttl\":0,\"authorizations\":[" + grant("(", "[\"[\"]", "[]") + "]}"));
        assertEquals("unable to compile channel \"[\" error parsing regexp: missing closing ]: `[`",
            refusal("{\"ttl\":0,\"authorizations\":[" + grant("a", "[\"[\"]", "[]") + "]}"));
        assertEquals("unknown permission Publish", refusal("{\"ttl\":1,\"authorizations\":[" + grant("a", "[]", "[\"Publish\"]") + "]}"));
    }

    @Test
    void shouldRefuseARegexGoWouldRefuseEvenWhenJavaWouldTakeIt()
    {
        assertEquals("unable to compile topic \"(?=a)\" error parsing regexp: invalid or unsupported Perl syntax: `(?=`",
            refusal("{\"ttl\":1,\"authorizations\":[" + grant("(?=a)", "[]", "[]") + "]}"));
        assertEquals("unable to compile channel \"(a)\\\\1\" error parsing regexp: invalid escape sequence: `\\1`",
            refusal("{\"ttl\":1,\"authorizations\":[" + grant("a", "[\"(a)\\\\1\"]", "[]") + "]}"));
    }

    @Test
    void shouldMatchKeysCaseInsensitivelyAsGosDecoderDoes() throws Exception
    {
        final Authorizations authorizations = parse("{\"TTL\":5,\"Identity\":\"a\",\"IDENTITY_URL\":\"u\",\"Authorizations\":["
            + "{\"Topic\":\"t\",\"CHANNELS\":[\".*\"],\"Permissions\":[\"publish\"]}]}");

        assertEquals(5, authorizations.ttlSeconds());
        assertEquals("a", authorizations.identity());
        assertEquals("u", authorizations.identityUrl());
        assertTrue(authorizations.isAllowed("t", "", Permission.PUBLISH));
        // Go folds U+017F (long s) into 's' for a field name holding an s
        assertEquals(1, parse("{\"ttl\":5,\"authorization\u017F\":[{}]}").permissionCount());
        assertEquals("", parse("{\"ttl\":5,\"\u0131dentity\":\"x\"}").identity(), "a dotless i is not an i to Go");
    }

    @Test
    void shouldTreatNullAsGoDoesPerType() throws Exception
    {
        final Authorizations authorizations = parse("{\"ttl\":7,\"ttl\":null,\"identity\":null,\"authorizations\":[null,"
            + "{\"topic\":null,\"channels\":[null],\"permissions\":null}]}");

        assertEquals(7, authorizations.ttlSeconds(), "null leaves a number as it was");
        assertEquals("", authorizations.identity());
        assertEquals(2, authorizations.permissionCount(), "a null element is a zero authorization");
        assertEquals(List.of(""), authorizations.authorizations().get(1).channels());
        assertEquals(0, parse("{\"ttl\":7,\"authorizations\":null}").permissionCount());
        assertEquals("unknown permission ", refusal("{\"ttl\":7,\"authorizations\":[{\"permissions\":[null]}]}"));
    }

    @Test
    void shouldRefuseWhatGosDecoderRefuses()
    {
        refusal("");
        refusal("{\"ttl\":60} x");
        refusal("{\"ttl\":60,}");
        refusal("{'ttl':60}");
        assertEquals("json: cannot unmarshal array into Go value of type auth.State", refusal("[]"));
        assertEquals("json: cannot unmarshal string into Go struct field State.authorizations of type []auth.Authorization",
            refusal("{\"ttl\":60,\"authorizations\":\"all\"}"));
        assertEquals("json: cannot unmarshal number into Go struct field Authorization.authorizations.topic of type string",
            refusal("{\"ttl\":60,\"authorizations\":[{\"topic\":1}]}"));
    }

    @Test
    void shouldIgnoreUnknownKeysWhateverTheyHold() throws Exception
    {
        final String deep = "[".repeat(600) + "]".repeat(600);

        assertEquals(60, parse("{\"extra\":{\"a\":[1,2.5,true,null]},\"deep\":" + deep + ",\"ttl\":60}").ttlSeconds());
    }

    @Test
    void shouldFailOnAnExpiresKeyThatIsNotAnRfc3339TimeAsUpstreamsUntaggedFieldDoes() throws Exception
    {
        assertEquals(60, parse("{\"ttl\":60,\"expires\":\"2030-01-02T03:04:05Z\"}").ttlSeconds());
        assertEquals(60, parse("{\"ttl\":60,\"Expires\":null}").ttlSeconds());
        refusal("{\"ttl\":60,\"expires\":1700000000}");
        refusal("{\"ttl\":60,\"expires\":\"tomorrow\"}");
        refusal("{\"ttl\":60,\"expires\":\"2030-02-30T00:00:00Z\"}");
    }

    @Test
    void shouldReadInvalidUtf8AsReplacementCharactersAsGoDoes() throws Exception
    {
        final byte[] body = "{\"ttl\":1,\"identity\":\"a\u0000b\"}".replace("\u0000", "\\u0000").getBytes(StandardCharsets.UTF_8);
        final byte[] invalid = {'{', '"', 't', 't', 'l', '"', ':', '1', ',', '"', 'i', 'd', 'e', 'n', 't', 'i', 't', 'y', '"', ':',
            '"', (byte)0xE2, (byte)0x82, 'x', (byte)0xFF, '"', '}'};

        assertEquals("a\u0000b", Authorizations.parse(body, 0).identity());
        assertEquals("\uFFFD\uFFFDx\uFFFD", Authorizations.parse(invalid, 0).identity());
        assertEquals("\uFFFDz", parse("{\"ttl\":1,\"identity\":\"\\ud800z\"}").identity());
    }
}
