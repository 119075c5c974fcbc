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
 * An nsqd with {@code --tls-required=true}: nsqadmin follows its 403 TLS_REQUIRED to the HTTPS port, as upstream's
 * client does, trusting {@code --http-client-tls-root-ca-file} or, with {@code --http-client-tls-insecure-skip-verify}, anything.
 */
class AdminTlsTest
{
    @TempDir
    static Path dir;
    private static Path certificate;
    private static TestNsqd nsqd;

    @BeforeAll
    static void start() throws Exception
    {
        final SelfSignedCertificate self = SelfSignedCertificate.generate("EC", "localhost");
        certificate = Files.writeString(dir.resolve("cert.pem"), self.certificatePem());
        final Path key = Files.writeString(dir.resolve("key.pem"), self.privateKeyPem());
        nsqd = TestNsqd.startTlsRequired(certificate, key);
    }

    @AfterAll
    static void stop() throws Exception
    {
        nsqd.close();
    }

    private static AdminClient.Answer topicsThrough(final AdminContext context) throws Exception
    {
        return AdminClient.getOnce(context.nsqdHttpAddresses(List.of(nsqd.httpAddress())), "/api/topics");
    }

    @Test
    void shouldFollowTlsRequiredToHttpsTrustingTheRootCaFile() throws Exception
    {
        final AdminClient.Answer answer = topicsThrough(new AdminContext().httpClientTlsRootCaFile(certificate.toString()));
        assertEquals(200, answer.status(), answer.text());
        assertEquals("", answer.json().path("message").asText());
    }

    @Test
    void shouldAcceptAnyCertificateWhenToldToSkipVerification() throws Exception
    {
        assertEquals(200, topicsThrough(new AdminContext().httpClientTlsInsecureSkipVerify(true)).status());
    }

    @Test
    void shouldNameTheNodeWhenItsCertificateIsNotTrusted() throws Exception
    {
        final AdminClient.Answer answer = topicsThrough(new AdminContext());
        assertEquals(502, answer.status());
        assertTrue(answer.json().path("message").asText().contains("https://127.0.0.1:"), answer.text());
    }

    @Test
    void shouldRefuseARootCaFileWithoutCertificates() throws Exception
    {
        final Path empty = Files.writeString(dir.resolve("empty.pem"), "nothing here\n");
        assertThrows(IllegalArgumentException.class, () -> Nsqadmin.start(new AdminContext().httpAddress("127.0.0.1:0")
            .nsqdHttpAddresses(List.of("127.0.0.1:1")).httpClientTlsRootCaFile(empty.toString())));
    }
}
