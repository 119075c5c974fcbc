/**
 * Logging in upstream NSQ's format through SLF4J and logback, configured in code:
 * {@link io.ringnsq.transport.log.NsqdLogging} applies {@code --log-level}, {@code --log-prefix} and
 * {@code --log-file} and changes the level at run time; {@link io.ringnsq.transport.log.LogLevel}
 * maps upstream's level names and numbers to logback's.
 *
 * <pre>
 *  SLF4J logger ──> logback root (level) ──> NsqdLogAppender ──> GoLogFormat ──> stderr | RotatingLogFile
 *                                            (FATAL filter)      [nsqd] 2026/11/22 03:46:44.485168 INFO: ...
 * </pre>
 */
package io.ringnsq.transport.log;
