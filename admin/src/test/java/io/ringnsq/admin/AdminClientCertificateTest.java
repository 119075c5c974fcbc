package io.ringnsq.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import io.ringnsq.admin.support.AdminClient;
import io.ringnsq.admin.support.TestNsqd;
import io.ringnsq.transport.tls.SelfSignedCertificate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --http-client-tls-cert} and {@code --http-client-tls-key}: nsqadmin shows its certificate to an nsqd whose
 * HTTPS port requires one ({@code --tls-client-auth-policy=require-verify}, trusting that certificate).
 */
class AdminClientCertificateTest
{
    @TempDir
    static Path dir;
    private static Path serverCertificate;
    private static Path clientCertificate;
    private static Path clientKey;
    private static TestNsqd nsqd;

    @BeforeAll
    static void start() throws Exception
    {
        final SelfSignedCertificate server = SelfSignedCertificate.generate("EC", "localhost");
        serverCertificate = Files.writeString(dir.resolve("server.pem"), server.certificatePem());
        final Path serverKey = Files.writeString(dir.resolve("server.key"), server.privateKeyPem());
        final SelfSignedCertificate client = SelfSignedCertificate.generate("RSA", "nsqadmin");
        clientCertificate = Files.writeString(dir.resolve("client.pem"), client.certificatePem());
        clientKey = Files.writeString(dir.resolve("client.key"), client.privateKeyPem());
        nsqd = TestNsqd.startClientCertificateRequired(serverCertificate, serverKey, clientCertificate);
    }

    @AfterAll
    static void stop() throws Exception
    {
        nsqd.close();
    }

    private static AdminClient.Answer topicsThrough(final AdminContext context) throws Exception
    {
        return AdminClient.getOnce(context.nsqdHttpAddresses(List.of(nsqd.httpAddress()))
            .httpClientTlsRootCaFile(serverCertificate.toString()), "/api/topics");
    }

    @Test
    void shouldShowItsCertificateToANodeThatRequiresOne() throws Exception
    {
        final AdminClient.Answer answer = topicsThrough(new AdminContext().httpClientTlsCert(clientCertificate.toString())
            .httpClientTlsKey(clientKey.toString()));
        assertEquals(200, answer.status(), answer.text());
        assertEquals("", answer.json().path("message").asText());
    }

    @Test
    void shouldNameTheNodeThatRefusesItWithoutACertificate() throws Exception
    {
        final AdminClient.Answer answer = topicsThrough(new AdminContext());
        assertEquals(502, answer.status(), answer.text());
        assertTrue(answer.json().path("message").asText().contains("https://127.0.0.1:"), answer.text());
    }

    @Test
    void shouldRefuseAKeyThatIsNotTheCertificates() throws Exception
    {
        final Path otherKey = Files.writeString(dir.resolve("other.key"),
            SelfSignedCertificate.generate("RSA", "other").privateKeyPem());
        final IllegalArgumentException refused = assertThrows(IllegalArgumentException.class, () -> Nsqadmin.start(
            new AdminContext().httpAddress("127.0.0.1:0").nsqdHttpAddresses(List.of(nsqd.httpAddress()))
                .httpClientTlsCert(clientCertificate.toString()).httpClientTlsKey(otherKey.toString())));
        assertTrue(refused.getMessage().contains("does not match the certificate in --http-client-tls-cert"), refused.getMessage());
    }
}
