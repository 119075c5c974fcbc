package io.ringnsq.transport.tls;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.security.interfaces.RSAKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Arrays;
import java.util.List;

/**
 * Private keys from the PEM forms nsqd accepts: PKCS#8 ({@code PRIVATE KEY}), PKCS#1 ({@code RSA PRIVATE KEY})
 * and SEC1 ({@code EC PRIVATE KEY}). The JDK reads only PKCS#8, so the other two are wrapped into a PKCS#8
 * {@code PrivateKeyInfo} by hand: {@code SEQUENCE { INTEGER 0, AlgorithmIdentifier, OCTET STRING key }} is a
 * few DER bytes around the key as it is, which spares a dependency on a crypto library for the parsing.
 */
final class PrivateKeys
{
    /** {@code SEQUENCE { OID rsaEncryption, NULL }}. */
    private static final byte[] RSA_ALGORITHM = Der.encode(Der.SEQUENCE,
        Der.encode(Der.OID, bytes(0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x01, 0x01)), Der.encode(Der.NULL));
    private static final byte[] OID_RSA = bytes(0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x01, 0x01);
    private static final byte[] OID_RSASSA_PSS = bytes(0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x01, 0x0a);
    private static final byte[] OID_EC = bytes(0x2a, 0x86, 0x48, 0xce, 0x3d, 0x02, 0x01);
    private static final byte[] OID_ED25519 = bytes(0x2b, 0x65, 0x70);
    private static final byte[] OID_ED448 = bytes(0x2b, 0x65, 0x71);
    private static final byte[] VERSION_0 = Der.encode(Der.INTEGER, bytes(0));

    private PrivateKeys()
    {
    }

    /**
     * The first private key among {@code blocks}, skipping other blocks (certificates, {@code EC PARAMETERS})
     * as Go's {@code tls.X509KeyPair} does.
     *
     * @param source the flag and file, for error messages.
     * @param leaf the certificate the key goes with: its curve stands in for a SEC1 key that omits its own.
     */
    static PrivateKey read(final String source, final List<Pem.Block> blocks, final X509Certificate leaf) throws TlsConfigException
    {
        if (blocks.isEmpty())
        {
            throw new TlsConfigException(source + ": no PEM data (expected a PRIVATE KEY block)");
        }
        for (final Pem.Block block : blocks)
        {
            final String type = block.type();
            if (!type.equals("PRIVATE KEY") && !type.endsWith(" PRIVATE KEY"))
            {
                continue;
            }
            if (block.encrypted() || type.equals("ENCRYPTED PRIVATE KEY"))
            {
                throw new TlsConfigException(source + ": the private key is encrypted; nsqd needs it unencrypted");
            }
            try
            {
                final byte[] pkcs8 = switch (type)
                {
                    case "PRIVATE KEY" -> block.der();
                    case "RSA PRIVATE KEY" -> pkcs8(RSA_ALGORITHM, block.der());
                    case "EC PRIVATE KEY" -> pkcs8(ecAlgorithm(source, block.der(), leaf), block.der());
                    default -> throw new TlsConfigException(source + ": unsupported key type " + type
                        + " (use PRIVATE KEY, RSA PRIVATE KEY or EC PRIVATE KEY)");
                };
                return KeyFactory.getInstance(algorithmOf(pkcs8)).generatePrivate(new PKCS8EncodedKeySpec(pkcs8));
            }
            catch (final IllegalArgumentException | GeneralSecurityException ex)
            {
                throw new TlsConfigException(source + ": garbled " + type + " (" + TlsConfigException.reason(ex) + ")", ex);
            }
        }
        throw new TlsConfigException(source + ": no PRIVATE KEY block among " + types(blocks));
    }

    /** Whether {@code key} is the private half of {@code publicKey}. */
    static boolean matches(final PrivateKey key, final PublicKey publicKey)
    {
        if (key instanceof RSAKey && publicKey instanceof RSAKey)
        {
            return ((RSAKey)key).getModulus().equals(((RSAKey)publicKey).getModulus());
        }
        if (!key.getAlgorithm().equals(publicKey.getAlgorithm()))
        {
            return false;
        }
        // no public half to compare with: sign a challenge and check it with the certificate's key
        final String algorithm = switch (key.getAlgorithm())
        {
            case "EC" -> "SHA256withECDSA";
            case "EdDSA", "Ed25519", "Ed448" -> "EdDSA";
            default -> null;
        };
        if (algorithm == null)
        {
            return false;
        }
        try
        {
            final byte[] challenge = new byte[32];
            new SecureRandom().nextBytes(challenge);
            final Signature signer = Signature.getInstance(algorithm);
            signer.initSign(key);
            signer.update(challenge);
            final byte[] signature = signer.sign();
            final Signature verifier = Signature.getInstance(algorithm);
            verifier.initVerify(publicKey);
            verifier.update(challenge);
            return verifier.verify(signature);
        }
        catch (final GeneralSecurityException ex)
        {
            return false;
        }
    }

    private static byte[] pkcs8(final byte[] algorithmIdentifier, final byte[] key)
    {
        return Der.encode(Der.SEQUENCE, VERSION_0, algorithmIdentifier, Der.encode(Der.OCTET_STRING, key));
    }

    /**
     * {@code SEQUENCE { OID id-ecPublicKey, curve }}: the curve from the key's own {@code [0]} parameters, as
     * OpenSSL writes them, else from the certificate's public key.
     */
    private static byte[] ecAlgorithm(final String source, final byte[] sec1, final X509Certificate leaf) throws TlsConfigException
    {
        final Der.Reader key = new Der.Reader(sec1).next(Der.SEQUENCE).open();
        key.next(Der.INTEGER);
        key.next(Der.OCTET_STRING);
        while (key.hasMore())
        {
            final Der.Element field = key.next();
            if (field.tag() == Der.CONTEXT_0)
            {
                return Der.encode(Der.SEQUENCE, Der.encode(Der.OID, OID_EC), field.open().next().encoded());
            }
        }
        final PublicKey certificateKey = leaf.getPublicKey();
        if (!"EC".equals(certificateKey.getAlgorithm()))
        {
            throw new TlsConfigException(source + ": EC PRIVATE KEY names no curve, and the certificate's key is not EC");
        }
        // SubjectPublicKeyInfo ::= SEQUENCE { AlgorithmIdentifier, BIT STRING }: the same identifier fits the private key
        return new Der.Reader(certificateKey.getEncoded()).next(Der.SEQUENCE).open().next(Der.SEQUENCE).encoded();
    }

    /** The JDK key algorithm for a PKCS#8 {@code PrivateKeyInfo}, from its algorithm identifier. */
    private static String algorithmOf(final byte[] pkcs8)
    {
        final Der.Reader info = new Der.Reader(pkcs8).next(Der.SEQUENCE).open();
        info.next(Der.INTEGER);
        final byte[] oid = info.next(Der.SEQUENCE).open().next(Der.OID).contents();
        if (Arrays.equals(oid, OID_RSA))
        {
            return "RSA";
        }
        if (Arrays.equals(oid, OID_RSASSA_PSS))
        {
            return "RSASSA-PSS";
        }
        if (Arrays.equals(oid, OID_EC))
        {
            return "EC";
        }
        if (Arrays.equals(oid, OID_ED25519))
        {
            return "Ed25519";
        }
        if (Arrays.equals(oid, OID_ED448))
        {
            return "Ed448";
        }
        throw new IllegalArgumentException("unsupported key algorithm");
    }

    private static String types(final List<Pem.Block> blocks)
    {
        final StringBuilder out = new StringBuilder();
        for (final Pem.Block block : blocks)
        {
            out.append(out.length() == 0 ? "" : ", ").append(block.type());
        }
        return out.toString();
    }

    private static byte[] bytes(final int... values)
    {
        final byte[] out = new byte[values.length];
        for (int i = 0; i < values.length; i++)
        {
            out[i] = (byte)values[i];
        }
        return out;
    }
}
