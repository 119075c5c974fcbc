/**
 * One topic's or channel's message queue on disk ({@link io.ringnsq.core.disk.DiskQueue}): Chronicle Queue roll
 * files rolled by size, our own sequence numbers and consumed watermark, and recovery from crashes and damaged
 * files. Single-threaded: the broker's disk agent owns every queue.
 */
package io.ringnsq.core.disk;
