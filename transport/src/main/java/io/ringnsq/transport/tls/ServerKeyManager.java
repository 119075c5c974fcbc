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
 * The one key and chain of {@code --tls-key} and {@code --tls-cert}, handed to the JDK as they were parsed. A
 * PKCS12 key store under the SunX509 factory did the same at start-up cost: the store wraps and unwraps the key
 * with 10,000 PBE iterations, and refuses a chain whose certificates do not follow one another (Go serves any).
 *
 * <p>The key is chosen by type as SunX509 chooses it: {@code RSA}, {@code EC}, {@code RSASSA-PSS}... against the
 * leaf's key, and for a {@code key_signer} type ({@code EC_RSA}) the signer's key or signature algorithm too. The
 * issuers a TLS 1.3 client may name are ignored, as Go's server ignores them: there is one certificate to serve.
 */
final class ServerKeyManager extends X509ExtendedKeyManager
{
    static final String ALIAS = "nsqd";

    private final PrivateKey key;
    private final X509Certificate[] chain;

    ServerKeyManager(final PrivateKey key, final List<X509Certificate> chain)
    {
        this.key = key;
        this.chain = chain.toArray(new X509Certificate[0]);
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

    /** The server side never authenticates as a client. */
    @Override
    public String chooseEngineClientAlias(final String[] keyTypes, final Principal[] issuers, final SSLEngine engine)
    {
        return null;
    }

    @Override
    public String chooseClientAlias(final String[] keyTypes, final Principal[] issuers, final Socket socket)
    {
        return null;
    }

    @Override
    public String[] getClientAliases(final String keyType, final Principal[] issuers)
    {
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
