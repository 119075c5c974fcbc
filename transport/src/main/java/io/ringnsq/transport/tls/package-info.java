/**
 * TLS for the NIO transport, as nsqd's {@code --tls-*} flags configure it.
 *
 * <pre>
 *  flags ──> TlsSettings ──newEngine()──> SSLEngine (server mode, Go's suites and order, policy, min version)
 *                 │
 *                 ├─ layerFor(connection, listener) ──> Connection.pushLayer: TlsLayer over the socket (V2's upgrade
 *                 │                                      after IDENTIFY; the listener sends OK once established)
 *                 └─ new TlsOnAccept(settings, http) ──> every accepted connection starts with a TlsLayer (HTTPS)
 *
 *  TlsLayer.session() ──> TlsSessionInfo: tls_version, tls_cipher_suite, ... for /stats; commonName for AUTH
 * </pre>
 *
 * <p>Keys are read from PEM without a crypto library ({@code PrivateKeys}: PKCS#8, and PKCS#1 or SEC1 wrapped into
 * PKCS#8 by hand) and served from memory ({@code KeyPairManager}, no key store). A first record Go's server would
 * refuse is refused as Go refuses it ({@code FirstRecordCheck}). TLS 1.0 and 1.1 need a JVM-wide change, explained in
 * {@code LegacyTlsVersions}.
 */
package io.ringnsq.transport.tls;
