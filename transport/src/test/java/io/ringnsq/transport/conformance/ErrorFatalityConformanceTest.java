package io.ringnsq.transport.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

import io.ringnsq.transport.testsupport.Message;
import io.ringnsq.transport.testsupport.V2Connection;
import io.ringnsq.transport.testsupport.Wire;

/**
 * Spec §1.6: only E_FIN_FAILED, E_REQ_FAILED and E_TOUCH_FAILED leave the connection open; every other
 * error closes it right after the frame, and nothing sent after the failing command is executed.
 * (Each fatal text is checked, with the close, in the class for its command.)
 */
final class ErrorFatalityConformanceTest extends ConformanceTestBase
{
    private static final String ID = "0123456789abcdef";

    @Test
    void shouldKeepConnectionOpenAfterFinFailed()
    {
        final V2Connection consumer = subscriber(unique("t"), "ch");
        consumer.fin(ID);

        consumer.expectNonFatalError("E_FIN_FAILED FIN " + ID + " failed ID not in flight");
    }

    @Test
    void shouldKeepConnectionOpenAfterReqFailed()
    {
        // the transcript's command: the huge timeout is clamped, then the id is not in flight
        final V2Connection consumer = subscriber(unique("t"), "ch");
        consumer.send("REQ " + ID + " 99999999999");

        consumer.expectNonFatalError("E_REQ_FAILED REQ " + ID + " failed ID not in flight");
    }

    @Test
    void shouldKeepConnectionOpenAfterTouchFailed()
    {
        final V2Connection consumer = subscriber(unique("t"), "ch");
        consumer.touch(ID);

        consumer.expectNonFatalError("E_TOUCH_FAILED TOUCH " + ID + " failed ID not in flight");
    }

    @Test
    void shouldKeepDeliveringAfterNonFatalErrors()
    {
        final String topic = unique("t");
        final V2Connection consumer = subscriber(topic, "ch");
        consumer.fin(ID);
        consumer.expectError("E_FIN_FAILED FIN " + ID + " failed ID not in flight");
        consumer.touch(ID);
        consumer.expectError("E_TOUCH_FAILED TOUCH " + ID + " failed ID not in flight");

        consumer.rdy(1);
        publish(topic, "after errors");
        final Message message = consumer.expectMessage();
        assertEquals("after errors", message.bodyText());
        consumer.fin(message.id());
        consumer.syncInFlight();
    }

    @Test
    void shouldRefuseSecondFinAsNotInFlight()
    {
        final String topic = unique("t");
        publish(topic, "once");
        final V2Connection consumer = subscriber(topic, "ch");
        consumer.rdy(1);
        final Message message = consumer.expectMessage();
        consumer.fin(message.id());
        consumer.fin(message.id());

        consumer.expectNonFatalError("E_FIN_FAILED FIN " + message.id() + " failed ID not in flight");
    }

    @Test
    void shouldRefuseReqAndTouchOfAFinishedMessageWithoutClosing()
    {
        final String topic = unique("t");
        publish(topic, "finished");
        final V2Connection consumer = subscriber(topic, "ch");
        consumer.rdy(1);
        final Message message = consumer.expectMessage();
        consumer.fin(message.id());
        consumer.req(message.id(), 0);
        consumer.expectNonFatalError("E_REQ_FAILED REQ " + message.id() + " failed ID not in flight");
        consumer.touch(message.id());
        consumer.expectNonFatalError("E_TOUCH_FAILED TOUCH " + message.id() + " failed ID not in flight");
    }

    @Test
    void shouldRefuseOperationsOnAnotherClientsMessageWithoutClosing()
    {
        final String topic = unique("t");
        publish(topic, "mine");
        final V2Connection owner = subscriber(topic, "ch");
        final V2Connection other = subscriber(topic, "ch");
        owner.rdy(1);
        final Message message = owner.expectMessage();

        other.fin(message.id());
        other.expectNonFatalError("E_FIN_FAILED FIN " + message.id() + " failed client does not own message");
        other.req(message.id(), 0);
        other.expectNonFatalError("E_REQ_FAILED REQ " + message.id() + " failed client does not own message");
        other.touch(message.id());
        other.expectNonFatalError("E_TOUCH_FAILED TOUCH " + message.id() + " failed client does not own message");

        // the owner still holds it: its FIN succeeds, a second one fails
        owner.fin(message.id());
        owner.syncInFlight();
        owner.fin(message.id());
        owner.expectNonFatalError("E_FIN_FAILED FIN " + message.id() + " failed ID not in flight");
    }

    @Test
    void shouldTreatAMessageInFlightOnAnotherChannelAsNotInFlight()
    {
        final String topic = unique("t");
        final V2Connection first = subscriber(topic, "ch1");
        final V2Connection second = subscriber(topic, "ch2");
        first.rdy(1);
        publish(topic, "copy");
        final Message message = first.expectMessage();

        // ch2 holds its own copy, queued but not in flight
        second.fin(message.id());
        second.expectNonFatalError("E_FIN_FAILED FIN " + message.id() + " failed ID not in flight");
    }

    @Test
    void shouldAnswerNonFatalErrorsInCommandOrder()
    {
        final String topic = unique("t");
        final V2Connection consumer = subscriber(topic, "ch");
        consumer.write(Wire.concat(Wire.line("FIN " + ID), Wire.pub(topic, "a"), Wire.line("REQ " + ID + " 0"),
            Wire.line("NOP"), Wire.line("TOUCH " + ID), Wire.pub(topic, "b")));

        consumer.expectError("E_FIN_FAILED FIN " + ID + " failed ID not in flight");
        consumer.expectOk();
        consumer.expectError("E_REQ_FAILED REQ " + ID + " failed ID not in flight");
        consumer.expectError("E_TOUCH_FAILED TOUCH " + ID + " failed ID not in flight");
        consumer.expectOk();
        consumer.expectNothing();
    }

    @Test
    void shouldNotExecuteCommandsSentAfterAFatalError()
    {
        final String topic = unique("t");
        final V2Connection consumer = subscriber(topic, "ch");
        consumer.rdy(1);
        final V2Connection producer = connect();
        producer.write(Wire.concat(Wire.pub(topic, "before"), Wire.line("ASDF"), Wire.pub(topic, "after")));

        producer.expectOk();
        producer.expectFatalError("E_INVALID invalid command ASDF");
        final Message before = consumer.expectMessage();
        assertEquals("before", before.bodyText());
        // with the slot free again, an "after" message would be sent now
        consumer.fin(before.id());
        consumer.syncInFlight();
        consumer.expectNothing();
    }

    @Test
    void shouldCloseOnFatalErrorInSubscribedState()
    {
        final String topic = unique("t");
        publish(topic, "held");
        final V2Connection consumer = subscriber(topic, "ch");
        consumer.rdy(1);
        consumer.expectMessage();
        consumer.send("RDY -1");

        consumer.expectFatalError("E_INVALID RDY could not parse count -1");
    }
}
