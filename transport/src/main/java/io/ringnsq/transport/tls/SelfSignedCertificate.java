package io.ringnsq.transport.tls;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.Signature;
import java.util.Base64;

/**
 * A throwaway self-signed certificate and its key, made in memory and written as PEM in the forms nsqd's users
 * most often have: the key as PKCS#1 ({@code RSA PRIVATE KEY}, as nsqjs's test key) or SEC1 without curve
 * parameters ({@code EC PRIVATE KEY}). It carries the extensions a real server certificate has (key identifiers,
 * constraints, usages, names), whose parsers are classes of their own. For {@code StartupTraining}, which starts nsqd
 * with TLS so that the classes TLS loads land in the class-data-sharing archive; never served to anyone.
 */
public final class SelfSignedCertificate
{
    private static final int BOOLEAN = 0x01;
    private static final int BIT_STRING = 0x03;
    private static final int UTF8_STRING = 0x0c;
    private static final int UTC_TIME = 0x17;
    private static final int SET = 0x31;
    /** {@code [3]} constructed: the certificate's extensions. */
    private static final int CONTEXT_3 = 0xa3;
    /** {@code [0]}, {@code [2]}, {@code [7]} primitive: a key identifier, a DNS name, an IP address. */
    private static final int IMPLICIT_0 = 0x80;
    private static final int IMPLICIT_2 = 0x82;
    private static final int IMPLICIT_7 = 0x87;
    private static final byte[] OID_COMMON_NAME = {0x55, 0x04, 0x03};
    private static final byte[] OID_SUBJECT_KEY_ID = {0x55, 0x1d, 0x0e};
    private static final byte[] OID_KEY_USAGE = {0x55, 0x1d, 0x0f};
    private static final byte[] OID_SUBJECT_ALT_NAME = {0x55, 0x1d, 0x11};
    private static final byte[] OID_BASIC_CONSTRAINTS = {0x55, 0x1d, 0x13};
    private static final byte[] OID_AUTHORITY_KEY_ID = {0x55, 0x1d, 0x23};
    private static final byte[] OID_EXT_KEY_USAGE = {0x55, 0x1d, 0x25};
    private static final byte[] OID_SERVER_AUTH = {0x2b, 0x06, 0x01, 0x05, 0x05, 0x07, 0x03, 0x01};
    private static final byte[] OID_CLIENT_AUTH = {0x2b, 0x06, 0x01, 0x05, 0x05, 0x07, 0x03, 0x02};
    private static final byte[] OID_SHA256_WITH_RSA = {0x2a, (byte)0x86, 0x48, (byte)0x86, (byte)0xf7, 0x0d, 0x01, 0x01, 0x0b};
    private static final byte[] OID_ECDSA_WITH_SHA256 = {0x2a, (byte)0x86, 0x48, (byte)0xce, 0x3d, 0x04, 0x03, 0x02};
    private static final int LINE = 64;

    private final String certificatePem;
    private final String privateKeyPem;

    private SelfSignedCertificate(final String certificatePem, final String privateKeyPem)
    {
        this.certificatePem = certificatePem;
        this.privateKeyPem = privateKeyPem;
    }

    /**
     * A new key pair and a certificate for {@code commonName} signed with it.
     *
     * @param keyAlgorithm {@code RSA} (2048 bits) or {@code EC} (P-256).
     */
    public static SelfSignedCertificate generate(final String keyAlgorithm, final String commonName)
        throws GeneralSecurityException
    {
        final boolean rsa = "RSA".equals(keyAlgorithm);
        if (!rsa && !"EC".equals(keyAlgorithm))
        {
            throw new IllegalArgumentException("RSA or EC, not " + keyAlgorithm);
        }
        final KeyPairGenerator generator = KeyPairGenerator.getInstance(keyAlgorithm);
        generator.initialize(rsa ? 2048 : 256);
        final KeyPair pair = generator.generateKeyPair();

        final byte[] signatureAlgorithm = rsa
            ? Der.encode(Der.SEQUENCE, Der.encode(Der.OID, OID_SHA256_WITH_RSA), Der.encode(Der.NULL))
            : Der.encode(Der.SEQUENCE, Der.encode(Der.OID, OID_ECDSA_WITH_SHA256));
        final byte[] name = Der.encode(Der.SEQUENCE, Der.encode(SET, Der.encode(Der.SEQUENCE,
            Der.encode(Der.OID, OID_COMMON_NAME), Der.encode(UTF8_STRING, commonName.getBytes(StandardCharsets.UTF_8)))));
        // fixed dates: nsqd never checks its own certificate, and the training client trusts any
        final byte[] validity = Der.encode(Der.SEQUENCE,
            Der.encode(UTC_TIME, ascii("200101000000Z")), Der.encode(UTC_TIME, ascii("491231235959Z")));
        final byte[] keyId = MessageDigest.getInstance("SHA-1").digest(pair.getPublic().getEncoded());
        final byte[] extensions = Der.encode(CONTEXT_3, Der.encode(Der.SEQUENCE,
            extension(OID_BASIC_CONSTRAINTS, true, Der.encode(Der.SEQUENCE)),
            // digitalSignature, and keyEncipherment for RSA
            extension(OID_KEY_USAGE, true, Der.encode(BIT_STRING, rsa ? new byte[] {5, (byte)0xa0} : new byte[] {7, (byte)0x80})),
            // a server's and a client's: tests present it as either
            extension(OID_EXT_KEY_USAGE, false, Der.encode(Der.SEQUENCE, Der.encode(Der.OID, OID_SERVER_AUTH),
                Der.encode(Der.OID, OID_CLIENT_AUTH))),
            extension(OID_SUBJECT_ALT_NAME, false, Der.encode(Der.SEQUENCE,
                Der.encode(IMPLICIT_2, ascii(commonName)), Der.encode(IMPLICIT_7, new byte[] {127, 0, 0, 1}))),
            extension(OID_SUBJECT_KEY_ID, false, Der.encode(Der.OCTET_STRING, keyId)),
            extension(OID_AUTHORITY_KEY_ID, false, Der.encode(Der.SEQUENCE, Der.encode(IMPLICIT_0, keyId)))));
        final byte[] tbs = Der.encode(Der.SEQUENCE,
            Der.encode(Der.CONTEXT_0, Der.encode(Der.INTEGER, new byte[] {2})), // v3
            Der.encode(Der.INTEGER, new byte[] {1}),
            signatureAlgorithm,
            name,
            validity,
            name,
            pair.getPublic().getEncoded(),
            extensions);
        final Signature signer = Signature.getInstance(rsa ? "SHA256withRSA" : "SHA256withECDSA");
        signer.initSign(pair.getPrivate());
        signer.update(tbs);
        final byte[] signature = signer.sign();
        final byte[] bits = new byte[signature.length + 1]; // leading 0: no unused bits
        System.arraycopy(signature, 0, bits, 1, signature.length);
        final byte[] certificate = Der.encode(Der.SEQUENCE, tbs, signatureAlgorithm, Der.encode(BIT_STRING, bits));

        // PrivateKeyInfo ::= SEQUENCE { version, AlgorithmIdentifier, OCTET STRING privateKey }: the last is PKCS#1 or SEC1
        final Der.Reader info = new Der.Reader(pair.getPrivate().getEncoded()).next(Der.SEQUENCE).open();
        info.next(Der.INTEGER);
        info.next(Der.SEQUENCE);
        final byte[] innerKey = info.next(Der.OCTET_STRING).contents();
        return new SelfSignedCertificate(
            pem("CERTIFICATE", certificate), pem(rsa ? "RSA PRIVATE KEY" : "EC PRIVATE KEY", innerKey));
    }

    public String certificatePem()
    {
        return certificatePem;
    }

    public String privateKeyPem()
    {
        return privateKeyPem;
    }

    /** {@code Extension ::= SEQUENCE { OID, critical BOOLEAN DEFAULT FALSE, OCTET STRING value }}. */
    private static byte[] extension(final byte[] oid, final boolean critical, final byte[] value)
    {
        final byte[] id = Der.encode(Der.OID, oid);
        final byte[] wrapped = Der.encode(Der.OCTET_STRING, value);
        return critical
            ? Der.encode(Der.SEQUENCE, id, Der.encode(BOOLEAN, new byte[] {(byte)0xff}), wrapped)
            : Der.encode(Der.SEQUENCE, id, wrapped);
    }

    private static String pem(final String type, final byte[] der)
    {
        final String base64 = Base64.getEncoder().encodeToString(der);
        final StringBuilder out = new StringBuilder("-----BEGIN ").append(type).append("-----\n");
        for (int i = 0; i < base64.length(); i += LINE)
        {
            out.append(base64, i, Math.min(base64.length(), i + LINE)).append('\n');
        }
        return out.append("-----END ").append(type).append("-----\n").toString();
    }

    private static byte[] ascii(final String text)
    {
        return text.getBytes(StandardCharsets.US_ASCII);
    }
}
