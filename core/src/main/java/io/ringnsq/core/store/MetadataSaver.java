package io.ringnsq.core.store;

import java.io.IOException;

import io.ringnsq.core.meta.NsqdMetadata;

/** Writes nsqd's metadata (topics, channels, paused states) where the next start finds it. */
@FunctionalInterface
public interface MetadataSaver
{
    void save(NsqdMetadata metadata) throws IOException;
}
