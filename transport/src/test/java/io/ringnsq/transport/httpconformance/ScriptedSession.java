package io.ringnsq.transport.httpconformance;

import io.ringnsq.transport.testsupport.Message;
import io.ringnsq.transport.testsupport.V2Connection;
import io.ringnsq.transport.testsupport.Wire;

/**
 * The TCP session behind the busy-broker /stats checks, on a broker whose msg_timeout is
 * {@link StatsJsonShapeConformanceTest#MSG_TIMEOUT_MS}. A producer ({@code prod}/{@code phost}) publishes
 * s1..s4 (two PUB, one MPUB of two: 8 body bytes). A consumer ({@code cons}/{@code chost}, RDY 1) FINs
 * the first message, REQs the second for 50 minutes (deferred), lets the third time out (the clock moves
 * msg_timeout + 1 ms) and holds the fourth in flight. Every step is acknowledged before the next, so
 * a /stats taken afterwards sees all of it. Neither client publishes anything else.
 */
record ScriptedSession(V2Connection producer, V2Connection consumer)
{
    static ScriptedSession run(final HttpConformanceTestBase test, final String topic)
    {
        final V2Connection consumer = test.connectTcp();
        consumer.identifyOk("{\"client_id\":\"cons\",\"hostname\":\"chost\",\"user_agent\":\"probe/1.0\"}");
        consumer.subscribe(topic, "ch");
        final V2Connection producer = test.connectTcp();
        producer.identifyOk("{\"client_id\":\"prod\",\"hostname\":\"phost\",\"user_agent\":\"probe/1.0\"}");
        producer.publish(topic, "s1");
        producer.publish(topic, "s2");
        producer.write(Wire.mpub(topic, "s3", "s4"));
        producer.expectOk();

        consumer.rdy(1);
        final Message finished = consumer.expectMessage();
        consumer.fin(finished.id());
        final Message requeued = consumer.expectMessage();
        consumer.req(requeued.id(), 3_000_000);
        consumer.expectMessage();
        consumer.syncInFlight();
        test.clock.advanceMillis(StatsJsonShapeConformanceTest.MSG_TIMEOUT_MS + 1);
        // the timeout frees the RDY window, so the next message is sent
        consumer.expectMessage(HttpConformanceTestBase.PROMPT);
        consumer.syncInFlight();
        return new ScriptedSession(producer, consumer);
    }
}
