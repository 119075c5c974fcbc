package io.ringnsq.transport.tls;

import java.net.Socket;
import java.security.Principal;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Locale;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedKeyManager;

/**
 * One key and its chain, handed to the JDK as they were parsed: nsqd's {@code --tls-key} and {@code --tls-cert} as a
 * server, or nsqadmin's {@code --http-client-tls-key} and {@code --http-client-tls-cert} as a client. A PKCS12 key
 * store under the SunX509 factory did the same at start-up cost: the store wraps and unwraps the key with 10,000 PBE
 * iterations, and refuses a chain whose certificates do not follow one another (Go serves any).
 *
 * <p>The key is chosen by type as SunX509 chooses it: {@code RSA}, {@code EC}, {@code RSASSA-PSS}... against the
 * leaf's key, and for a {@code key_signer} type ({@code EC_RSA}) the signer's key or signature algorithm too. The
 * issuers a peer names are ignored, as Go ignores them: there is one certificate to present.
 */
final class KeyPairManager extends X509ExtendedKeyManager
{
    static final String ALIAS = "nsqd";

    private final PrivateKey key;
    private final X509Certificate[] chain;
    private final boolean client;

    /** A server's pair: it never authenticates as a client. */
    KeyPairManager(final PrivateKey key, final List<X509Certificate> chain)
    {
        this(key, chain, false);
    }

    KeyPairManager(final PrivateKey key, final List<X509Certificate> chain, final boolean client)
    {
        this.key = key;
        this.chain = chain.toArray(new X509Certificate[0]);
        this.client = client;
    }

    /** The chain, leaf first. */
    List<X509Certificate> chain()
    {
        return List.of(chain);
    }

    @Override
    public String chooseEngineServerAlias(final String keyType, final Principal[] issuers, final SSLEngine engine)
    {
        return fits(keyType) ? ALIAS : null;
    }

    @Override
    public String chooseServerAlias(final String keyType, final Principal[] issuers, final Socket socket)
    {
        return fits(keyType) ? ALIAS : null;
    }

    @Override
    public String[] getServerAliases(final String keyType, final Principal[] issuers)
    {
        return fits(keyType) ? new String[] {ALIAS} : null;
    }

    @Override
    public X509Certificate[] getCertificateChain(final String alias)
    {
        return ALIAS.equals(alias) ? chain.clone() : null;
    }

    @Override
    public PrivateKey getPrivateKey(final String alias)
    {
        return ALIAS.equals(alias) ? key : null;
    }

    /** A client's pair answers a server's certificate request when one of the types asked for fits it. */
    @Override
    public String chooseEngineClientAlias(final String[] keyTypes, final Principal[] issuers, final SSLEngine engine)
    {
        return clientAlias(keyTypes);
    }

    @Override
    public String chooseClientAlias(final String[] keyTypes, final Principal[] issuers, final Socket socket)
    {
        return clientAlias(keyTypes);
    }

    @Override
    public String[] getClientAliases(final String keyType, final Principal[] issuers)
    {
        return client && fits(keyType) ? new String[] {ALIAS} : null;
    }

    private String clientAlias(final String[] keyTypes)
    {
        if (client && keyTypes != null)
        {
            for (final String keyType : keyTypes)
            {
                if (fits(keyType))
                {
                    return ALIAS;
                }
            }
        }
        return null;
    }

    /** SunX509's test ({@code SunX509KeyManagerImpl.getAliases}) without the issuers. */
    private boolean fits(final String keyType)
    {
        if (keyType == null)
        {
            return false;
        }
        final int underscore = keyType.indexOf('_');
        final String keyAlgorithm = underscore < 0 ? keyType : keyType.substring(0, underscore);
        if (!keyAlgorithm.equals(chain[0].getPublicKey().getAlgorithm()))
        {
            return false;
        }
        if (underscore < 0)
        {
            return true;
        }
        final String signer = keyType.substring(underscore + 1);
        if (chain.length > 1)
        {
            return signer.equals(chain[1].getPublicKey().getAlgorithm());
        }
        return chain[0].getSigAlgName().toUpperCase(Locale.ENGLISH).contains("WITH" + signer.toUpperCase(Locale.ENGLISH));
    }
}
