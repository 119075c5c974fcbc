package io.ringnsq.lookup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;

import io.ringnsq.core.time.ManualClock;
import org.junit.jupiter.api.Test;

/** The registry's rules (spec §4.2) on a manual clock. */
class RegistrationDbTest
{
    private static final Duration INACTIVE = Duration.ofMinutes(5);
    private static final Duration TOMBSTONE = Duration.ofSeconds(45);

    private final ManualClock clock = new ManualClock();
    private final RegistrationDb db = new RegistrationDb(clock.asEpochClock(), INACTIVE.toNanos(), TOMBSTONE.toNanos());

    private PeerInfo identified(final String id, final String broadcastAddress, final int httpPort)
    {
        final PeerInfo peer = new PeerInfo(id, "h", broadcastAddress, 4150, httpPort, "1.3.0");
        db.identify(peer);
        return peer;
    }

    private List<String> lookupIds(final String topic)
    {
        return db.active(db.findProducers(Registration.TOPIC, topic, ""), true).stream().map(p -> p.peer().id()).toList();
    }

    private List<String> nodeIds()
    {
        return db.active(db.findProducers(Registration.CLIENT, "", ""), false).stream().map(p -> p.peer().id()).toList();
    }

    @Test
    void shouldRegisterTheTopicToo()
    {
        final PeerInfo a = identified("a:1", "a", 4151);
        db.register(a, "t", "c");
        assertEquals(List.of(Registration.channel("t", "c"), Registration.topic("t")), db.lookupRegistrations("a:1").subList(1, 3));
        assertEquals(List.of("a:1"), lookupIds("t"));
    }

    @Test
    void shouldAddAProducerOnlyOncePerKey()
    {
        final PeerInfo a = identified("a:1", "a", 4151);
        assertTrue(db.addProducer(Registration.topic("t"), a));
        assertFalse(db.addProducer(Registration.topic("t"), a));
        assertEquals(1, db.findProducers(Registration.TOPIC, "t", "").size());
    }

    @Test
    void shouldHideAProducerSilentForLongerThanTheInactiveTimeout()
    {
        final PeerInfo a = identified("a:1", "a", 4151);
        db.register(a, "t", "");
        clock.advance(INACTIVE);
        assertEquals(List.of("a:1"), lookupIds("t"), "exactly the timeout is still active (upstream: older than)");
        clock.advanceNanos(1);
        assertEquals(List.of(), lookupIds("t"));
        assertEquals(List.of(), nodeIds());
        assertEquals(1, db.findProducers(Registration.TOPIC, "t", "").size(), "hidden, not removed (/debug shows it)");
    }

    @Test
    void shouldKeepAProducerActiveWhileItPings()
    {
        final PeerInfo a = identified("a:1", "a", 4151);
        db.register(a, "t", "");
        clock.advance(Duration.ofMinutes(4));
        db.touch(a);
        clock.advance(Duration.ofMinutes(4));
        assertEquals(List.of("a:1"), lookupIds("t"));
        assertEquals(List.of("a:1"), nodeIds());
    }

    @Test
    void shouldHideATombstonedProducerFromLookupForTheLifetimeOnly()
    {
        final PeerInfo a = identified("a:1", "a", 4151);
        final PeerInfo b = identified("b:1", "b", 4151);
        db.register(a, "t", "");
        db.register(b, "t", "");
        db.tombstone("t", "a:4151");
        assertEquals(List.of("b:1"), lookupIds("t"));
        assertEquals(List.of("a:1", "b:1"), nodeIds(), "/nodes still lists a tombstoned producer");
        clock.advance(TOMBSTONE.minusNanos(1));
        assertEquals(List.of("b:1"), lookupIds("t"));
        clock.advanceNanos(1);
        db.touch(a);
        db.touch(b);
        assertEquals(List.of("a:1", "b:1"), lookupIds("t"));
    }

    @Test
    void shouldTombstoneOnlyTheNamedTopicOfTheNode()
    {
        final PeerInfo a = identified("a:1", "a", 4151);
        db.register(a, "t", "");
        db.register(a, "u", "");
        db.tombstone("t", "a:4151");
        db.tombstone("u", "a:9999");
        final Producer inT = db.findProducers(Registration.TOPIC, "t", "").get(0);
        final Producer inU = db.findProducers(Registration.TOPIC, "u", "").get(0);
        assertTrue(db.isTombstoned(inT));
        assertFalse(db.isTombstoned(inU));
        assertEquals(Producer.GO_ZERO_TIME_NANOS, inU.tombstonedAt());
        assertEquals(clock.epochNanos(), inT.tombstonedAt());
    }

    @Test
    void shouldDropAnEphemeralChannelWhenItsLastProducerUnregisters()
    {
        final PeerInfo a = identified("a:1", "a", 4151);
        final PeerInfo b = identified("b:1", "b", 4151);
        db.register(a, "t", "c#ephemeral");
        db.register(b, "t", "c#ephemeral");
        db.unregister(a, "t", "c#ephemeral");
        assertEquals(1, db.findRegistrations(Registration.CHANNEL, "t", "c#ephemeral").size());
        db.unregister(b, "t", "c#ephemeral");
        assertEquals(List.of(), db.findRegistrations(Registration.CHANNEL, "t", "c#ephemeral"));
        assertEquals(1, db.findRegistrations(Registration.TOPIC, "t", "").size(), "the topic stays");
    }

    @Test
    void shouldKeepANonEphemeralChannelWithNoProducerLeft()
    {
        final PeerInfo a = identified("a:1", "a", 4151);
        db.register(a, "t", "c");
        db.unregister(a, "t", "c");
        assertEquals(List.of(Registration.channel("t", "c")), db.findRegistrations(Registration.CHANNEL, "t", "c"));
        assertEquals(List.of(), db.findProducers(Registration.CHANNEL, "t", "c"));
    }

    @Test
    void shouldUnregisterATopicFromAllItsChannelsAndDropItWhenEphemeral()
    {
        final PeerInfo a = identified("a:1", "a", 4151);
        db.register(a, "t#ephemeral", "c1");
        db.register(a, "t#ephemeral", "c2#ephemeral");
        db.unregister(a, "t#ephemeral", "");
        assertEquals(List.of(), db.findRegistrations(Registration.TOPIC, "t#ephemeral", ""));
        // upstream only removes the producer from the channels: even an ephemeral one stays, empty
        assertEquals(2, db.findRegistrations(Registration.CHANNEL, "t#ephemeral", Registration.ANY).size());
        assertEquals(List.of(), db.findProducers(Registration.CHANNEL, "t#ephemeral", Registration.ANY));
    }

    @Test
    void shouldKeepAnEphemeralTopicWhileAnotherProducerHasIt()
    {
        final PeerInfo a = identified("a:1", "a", 4151);
        final PeerInfo b = identified("b:1", "b", 4151);
        db.register(a, "t#ephemeral", "");
        db.register(b, "t#ephemeral", "");
        db.unregister(a, "t#ephemeral", "");
        assertEquals(List.of("b:1"), lookupIds("t#ephemeral"));
    }

    @Test
    void shouldRemoveADisconnectedProducerEverywhereButKeepTheKeys()
    {
        final PeerInfo a = identified("a:1", "a", 4151);
        db.register(a, "t", "c");
        db.register(a, "e#ephemeral", "");
        db.remove(a);
        assertEquals(List.of(), db.lookupRegistrations("a:1"));
        assertEquals(4, db.all().size(), "client, channel, topic and even the ephemeral topic stay, empty");
        assertEquals(List.of(), nodeIds());
    }

    @Test
    void shouldMatchWildcardsInKeyAndSubkey()
    {
        final PeerInfo a = identified("a:1", "a", 4151);
        db.register(a, "t", "c1");
        db.register(a, "u", "c2");
        assertEquals(List.of("c1", "c2"), RegistrationDb.subKeys(db.findRegistrations(Registration.CHANNEL, Registration.ANY, Registration.ANY)));
        assertEquals(List.of("t", "u"), RegistrationDb.keys(db.findRegistrations(Registration.TOPIC, Registration.ANY, "")));
        assertEquals(List.of(), db.findRegistrations(Registration.TOPIC, "v", ""));
    }

    @Test
    void shouldListEachTopicOfAPeerOnce()
    {
        final PeerInfo a = identified("a:1", "a", 4151);
        db.register(a, "t", "c1");
        db.register(a, "t", "c2");
        db.register(a, "u", "");
        assertEquals(List.of("t", "u"), db.topicsOf(a));
    }

    @Test
    void shouldStampLastUpdateFromTheClock()
    {
        clock.advance(Duration.ofSeconds(3));
        final PeerInfo a = identified("a:1", "a", 4151);
        assertEquals(clock.epochNanos(), a.lastUpdate());
    }
}
