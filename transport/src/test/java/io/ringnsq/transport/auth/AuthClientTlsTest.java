package io.ringnsq.transport.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;

import io.ringnsq.core.time.ManualClock;

/** HTTPS auth servers: {@code --tls-root-ca-file} as the only roots, and the 403 retry over HTTPS. */
class AuthClientTlsTest
{
    private static final String GRANT = "{\"ttl\":60,\"identity\":\"tls-user\",\"authorizations\":[]}";
    private static final char[] PASSWORD = "changeit".toCharArray();
    private static final AuthQuery QUERY = AuthQuery.of("127.0.0.1", true, "cn", "s3cret".getBytes(StandardCharsets.UTF_8));

    @TempDir
    static Path dir;

    private static Path caFile;
    private static SSLContext serverContext;

    private final SinkQueue sink = new SinkQueue();
    private final List<String> httpsUris = new CopyOnWriteArrayList<>();
    private HttpsServer https;
    private AuthClient client;

    /** A self-signed certificate for 127.0.0.1, made once: it is both the server's and the root CA file. */
    @BeforeAll
    static void makeCertificate() throws Exception
    {
        final Path keystore = dir.resolve("auth.p12");
        caFile = dir.resolve("ca.pem");
        keytool("-genkeypair", "-alias", "auth", "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=127.0.0.1",
            "-ext", "san=ip:127.0.0.1", "-validity", "2", "-storetype", "PKCS12", "-keystore", keystore.toString(),
            "-storepass", "changeit", "-keypass", "changeit");
        keytool("-exportcert", "-rfc", "-alias", "auth", "-keystore", keystore.toString(), "-storepass", "changeit",
            "-file", caFile.toString());

        final KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(keystore))
        {
            store.load(in, PASSWORD);
        }
        final KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keys.init(store, PASSWORD);
        serverContext = SSLContext.getInstance("TLS");
        serverContext.init(keys.getKeyManagers(), null, null);
    }

    @BeforeEach
    void startHttpsServer() throws IOException
    {
        https = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        https.setHttpsConfigurator(new HttpsConfigurator(serverContext));
        https.createContext("/", exchange ->
        {
            httpsUris.add(exchange.getRequestURI().toString());
            final byte[] body = GRANT.getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody())
            {
                out.write(body);
            }
        });
        https.start();
    }

    private static void keytool(final String... args) throws IOException, InterruptedException
    {
        final String[] command = new String[args.length + 1];
        command[0] = Path.of(System.getProperty("java.home"), "bin", "keytool").toString();
        System.arraycopy(args, 0, command, 1, args.length);
        final Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        final String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, process.waitFor(), output);
    }

    @AfterEach
    void stop()
    {
        https.stop(0);
        if (client != null)
        {
            client.close();
        }
    }

    private AuthResult query(final AuthClientConfig config) throws InterruptedException
    {
        client = new AuthClient(config);
        client.query(QUERY, new ManualClock(), sink, sink);
        return sink.drain();
    }

    private String httpsAddress()
    {
        return "https://127.0.0.1:" + https.getAddress().getPort() + "/auth";
    }

    @Test
    void shouldTrustAnHttpsAuthServerSignedByTheRootCaFile() throws Exception
    {
        final AuthResult result = query(AuthClientConfig.of(List.of(httpsAddress())).withTlsRootCaFile(caFile));

        assertEquals("tls-user", assertInstanceOf(AuthResult.Granted.class, result).authorizations().identity());
        assertEquals(List.of("/auth?common_name=cn&remote_ip=127.0.0.1&secret=s3cret&tls=true"), httpsUris);
    }

    @Test
    void shouldRefuseAnHttpsAuthServerTheJvmRootsDoNotTrustWithoutTheRootCaFile() throws Exception
    {
        final AuthResult result = query(AuthClientConfig.of(List.of(httpsAddress())));

        final String detail = assertInstanceOf(AuthResult.Failed.class, result).detail();
        assertTrue(detail.startsWith("failed to auth against " + httpsAddress() + " - Get \"" + httpsAddress() + "?"), detail);
        assertTrue(httpsUris.isEmpty());
    }

    @Test
    void shouldRetryA403OverHttpsAtTheAdvertisedPortAsUpstreamsHttpClientDoes() throws Exception
    {
        try (AuthServerFixture plain = AuthServerFixture.answering(403, "{\"https_port\":" + https.getAddress().getPort() + "}"))
        {
            final AuthResult result = query(AuthClientConfig.of(List.of(plain.address())).withTlsRootCaFile(caFile));

            assertEquals("tls-user", assertInstanceOf(AuthResult.Granted.class, result).authorizations().identity());
            assertEquals(1, plain.received().size());
            assertEquals(List.of("/auth?common_name=cn&remote_ip=127.0.0.1&secret=s3cret&tls=true"), httpsUris);
        }
    }

    @Test
    void shouldRefuseToStartWithARootCaFileHoldingNoCertificate() throws Exception
    {
        final Path notPem = Files.writeString(dir.resolve("junk.pem"), "no certificate here\n");

        final IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
            () -> new AuthClient(AuthClientConfig.of(List.of("127.0.0.1:1")).withTlsRootCaFile(notPem)));

        assertEquals("failed to build client TLS config - failed to append certificate to pool", refused.getMessage());
    }
}
