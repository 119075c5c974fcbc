/**
 * nsqlookupd: the registration DB ({@link io.ringnsq.lookup.RegistrationDb}), the V1 TCP protocol nsqd registers
 * over, the HTTP API clients and nsqadmin query, and the {@code bin/nsqlookupd} command line
 * ({@link io.ringnsq.lookup.LookupdMain}).
 */
package io.ringnsq.lookup;
