/**
 * Everything that turns a stats snapshot ({@link io.ringnsq.core.stats.NsqdStats}) into bytes:
 * {@code /stats} as JSON ({@link io.ringnsq.transport.stats.StatsJson}) and text
 * ({@link io.ringnsq.transport.stats.StatsText}) exactly as upstream v1.3.0 writes them,
 * {@code /metrics} for Prometheus ({@link io.ringnsq.transport.stats.PrometheusMetrics}), the
 * statsd push ({@link io.ringnsq.transport.stats.StatsdLines},
 * {@link io.ringnsq.transport.stats.StatsdPacketWriter},
 * {@link io.ringnsq.transport.stats.StatsdSender}, {@link io.ringnsq.transport.stats.StatsdPusher})
 * and the JVM's memory figures under upstream's names
 * ({@link io.ringnsq.transport.stats.JvmMemorySampler}).
 *
 * <pre>
 *   engine snapshot ──┬─> StatsJson / StatsText ──> HTTP /stats
 *   + NodeStatus      ├─> PrometheusMetrics ───────> HTTP /metrics
 *   + MemoryStats     └─> StatsdLines ─> StatsdPacketWriter ─> StatsdSender ─> UDP (spread over the interval)
 * </pre>
 */
package io.ringnsq.transport.stats;
