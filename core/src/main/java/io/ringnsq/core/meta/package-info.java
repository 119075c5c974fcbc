/**
 * The {@code nsqd.dat} metadata file: which topics and channels exist and whether they are paused, kept in
 * upstream nsqd v1.3.0's layout so a data directory can move between upstream nsqd and ringnsq.
 */
package io.ringnsq.core.meta;
