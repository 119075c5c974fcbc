package io.ringnsq.transport.nsqd;

import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;

import org.junit.jupiter.api.Test;

/**
 * The training run behind the class-data-sharing archive completes: {@code bin/lib/launcher.sh} ignores its failure
 * (nsqd only starts slower without the archive), so nothing else would notice that it broke.
 */
class StartupTrainingTest
{
    @Test
    void startsNsqdWithTlsAndCompletesEveryExchange()
    {
        assertTimeoutPreemptively(Duration.ofSeconds(30), () -> StartupTraining.main(new String[0]));
    }
}
