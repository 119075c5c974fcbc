/**
 * The compression layers of nsqd's TCP protocol, pushed onto a connection after a feature-negotiating
 * IDENTIFY: raw DEFLATE with a sync flush after each write burst ({@link io.ringnsq.transport.compress.DeflateLayer})
 * and the Snappy framing format ({@link io.ringnsq.transport.compress.SnappyLayer}). Each is a non-blocking
 * {@link io.ringnsq.transport.nio.StreamLayer} with fixed buffers allocated once per connection:
 *
 * <pre>
 *  handler ──write──> [ encoder ──> PendingOutput ] ──write──> layer below (socket or TLS)
 *  handler <──read─── [ decoder <── BelowInput    ] <──read─── layer below
 * </pre>
 *
 * <p>A decoder never produces more than the caller's buffer holds, so a small input that expands to a lot
 * (a decompression bomb) is handed out piece by piece as the handler consumes it.
 */
package io.ringnsq.transport.compress;
