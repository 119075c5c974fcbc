package io.ringnsq.transport.features;

/**
 * nsqd's IDENTIFY JSON response (spec §1.7), key order fixed as upstream's, for default limits; the with-methods
 * change one field. {@code deflate_level} is given as the value the response must show.
 */
record IdentifyResponse(boolean tls, boolean deflate, int deflateLevel, int maxDeflateLevel, boolean snappy, int sampleRate,
    boolean authRequired)
{
    static IdentifyResponse defaults()
    {
        return new IdentifyResponse(false, false, 6, 6, false, 0, false);
    }

    IdentifyResponse withTls(final boolean value)
    {
        return new IdentifyResponse(value, deflate, deflateLevel, maxDeflateLevel, snappy, sampleRate, authRequired);
    }

    IdentifyResponse withDeflate(final boolean value, final int level)
    {
        return new IdentifyResponse(tls, value, level, maxDeflateLevel, snappy, sampleRate, authRequired);
    }

    IdentifyResponse withMaxDeflateLevel(final int value)
    {
        return new IdentifyResponse(tls, deflate, deflateLevel, value, snappy, sampleRate, authRequired);
    }

    IdentifyResponse withSnappy(final boolean value)
    {
        return new IdentifyResponse(tls, deflate, deflateLevel, maxDeflateLevel, value, sampleRate, authRequired);
    }

    IdentifyResponse withSampleRate(final int value)
    {
        return new IdentifyResponse(tls, deflate, deflateLevel, maxDeflateLevel, snappy, value, authRequired);
    }

    IdentifyResponse withAuthRequired(final boolean value)
    {
        return new IdentifyResponse(tls, deflate, deflateLevel, maxDeflateLevel, snappy, sampleRate, value);
    }

    String json()
    {
        return "{\"max_rdy_count\":2500,\"version\":\"1.3.0\",\"max_msg_timeout\":900000,\"msg_timeout\":60000,"
            + "\"tls_v1\":" + tls + ",\"deflate\":" + deflate + ",\"deflate_level\":" + deflateLevel
            + ",\"max_deflate_level\":" + maxDeflateLevel + ",\"snappy\":" + snappy + ",\"sample_rate\":" + sampleRate
            + ",\"auth_required\":" + authRequired + ",\"output_buffer_size\":16384,\"output_buffer_timeout\":250}";
    }
}
