package io.ringnsq.transport.log;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.ConfiguratorRank;
import ch.qos.logback.core.spi.ContextAwareBase;

/**
 * Logback's start-up configuration, found through {@code META-INF/services}: upstream's defaults
 * (INFO, stderr, {@code [nsqd] }) set in code. Answering {@code DO_NOT_INVOKE_NEXT_IF_ANY} stops
 * logback from looking for {@code logback.xml} and loading its XML machinery, which would cost
 * start-up time; {@link NsqdLogging#configure} applies the command line afterwards.
 */
@ConfiguratorRank(ConfiguratorRank.CUSTOM_NORMAL_PRIORITY)
public final class NsqdLogConfigurator extends ContextAwareBase implements Configurator
{
    /** For the service loader. */
    public NsqdLogConfigurator()
    {
    }

    @Override
    public ExecutionStatus configure(final LoggerContext context)
    {
        NsqdLogging.installDefaults(context);
        return ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY;
    }
}
