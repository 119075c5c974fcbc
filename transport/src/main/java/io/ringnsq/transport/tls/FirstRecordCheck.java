package io.ringnsq.transport.tls;

import java.nio.ByteBuffer;

/**
 * What Go's TLS server makes of the header of the first record a client sends ({@code crypto/tls}
 * {@code Conn.readRecordOrCCS} before any version is agreed), so that nsqd refuses what upstream refuses, with
 * upstream's words. Go looks at the five header bytes before anything else, in this order:
 * <ol>
 *   <li>type {@code 0x80}, an SSLv2 hello: alert {@code protocol_version}, "tls: unsupported SSLv2 handshake received";</li>
 *   <li>type neither alert (21) nor handshake (22), or a version of {@code 0x1000} or more: no alert, "tls: first record
 *       does not look like a TLS handshake" (plaintext such as {@code PUB t} or {@code GET /} ends here);</li>
 *   <li>a length over 16384 + 2048: alert {@code record_overflow}, "tls: oversized record received with length N".</li>
 * </ol>
 * Anything else goes on to the handshake, which the JDK's engine judges. Go's alerts before a version is agreed are
 * plaintext records of version TLS 1.0.
 */
final class FirstRecordCheck
{
    static final int HEADER_LENGTH = 5;

    private static final int TYPE_SSL2 = 0x80;
    private static final int TYPE_ALERT = 21;
    private static final int TYPE_HANDSHAKE = 22;
    private static final int MAX_VERSION = 0x1000;
    /** Go's maxCiphertext: the largest record length it reads. */
    private static final int MAX_LENGTH = 16384 + 2048;
    private static final byte ALERT_PROTOCOL_VERSION = 70;
    private static final byte ALERT_RECORD_OVERFLOW = 22;

    /** Go's verdict on a first record: its error text and the alert record it sends first, if any. */
    record Refusal(String goError, byte[] alert)
    {
    }

    private FirstRecordCheck()
    {
    }

    /**
     * Go's verdict on the header at the start of {@code records} (absolute positions from 0; at least
     * {@link #HEADER_LENGTH} bytes), or null when the record may go on to the handshake.
     */
    static Refusal check(final ByteBuffer records)
    {
        final int type = records.get(0) & 0xff;
        if (type == TYPE_SSL2)
        {
            return new Refusal("tls: unsupported SSLv2 handshake received", alert(ALERT_PROTOCOL_VERSION));
        }
        final int version = (records.get(1) & 0xff) << 8 | records.get(2) & 0xff;
        if (type != TYPE_ALERT && type != TYPE_HANDSHAKE || version >= MAX_VERSION)
        {
            return new Refusal("tls: first record does not look like a TLS handshake", null);
        }
        final int length = (records.get(3) & 0xff) << 8 | records.get(4) & 0xff;
        if (length > MAX_LENGTH)
        {
            return new Refusal("tls: oversized record received with length " + length, alert(ALERT_RECORD_OVERFLOW));
        }
        return null;
    }

    /** A fatal alert record as Go writes it before a version is agreed. */
    private static byte[] alert(final byte description)
    {
        return new byte[] {TYPE_ALERT, 0x03, 0x01, 0x00, 0x02, 0x02, description};
    }
}
