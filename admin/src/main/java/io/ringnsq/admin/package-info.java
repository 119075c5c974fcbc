/**
 * nsqadmin: the operator's web UI and its JSON API over nsqlookupd and nsqd (spec §5). Pages and
 * static files are answered by the I/O agent from memory; {@code /api/*} asks the cluster on a small
 * bounded pool and hands the answer back to the agent.
 */
package io.ringnsq.admin;
