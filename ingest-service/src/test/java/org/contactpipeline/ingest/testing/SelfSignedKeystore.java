package org.contactpipeline.ingest.testing;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * A throwaway self-signed certificate for the given DNS names (wildcards allowed), made at test
 * time by the JDK's own {@code keytool}, so no key or certificate is ever checked in: the PKCS#12
 * keystore ingest's HTTPS listener serves, its password (random per run), the certificate as PEM
 * for clients to trust (Node's {@code NODE_EXTRA_CA_CERTS}), and an {@link SSLContext} that trusts
 * exactly it.
 */
public record SelfSignedKeystore(Path keystore, String password, Path certificatePem) {

  private static final long KEYTOOL_TIMEOUT_SECONDS = 60;

  public static SelfSignedKeystore create(Path directory, String... dnsNames)
      throws IOException, InterruptedException {
    Path keystore = directory.resolve("https.p12");
    Path pem = directory.resolve("https.pem");
    byte[] secret = new byte[16];
    new SecureRandom().nextBytes(secret);
    String password = HexFormat.of().formatHex(secret);
    List<String> san = new ArrayList<>();
    for (String name : dnsNames) {
      san.add("dns:" + name);
    }
    keytool(
        "-genkeypair",
        "-alias",
        "https",
        "-keyalg",
        "EC",
        "-groupname",
        "secp256r1",
        "-validity",
        "2",
        "-dname",
        "CN=contact pipeline test",
        "-ext",
        "SAN=" + String.join(",", san),
        "-keystore",
        keystore.toString(),
        "-storetype",
        "PKCS12",
        "-storepass",
        password,
        "-keypass",
        password);
    keytool(
        "-exportcert",
        "-rfc",
        "-alias",
        "https",
        "-keystore",
        keystore.toString(),
        "-storepass",
        password,
        "-file",
        pem.toString());
    return new SelfSignedKeystore(keystore, password, pem);
  }

  /** A client context that trusts this certificate and nothing else. */
  public SSLContext trustingClientContext() throws IOException, GeneralSecurityException {
    Certificate certificate;
    try (InputStream in = Files.newInputStream(certificatePem)) {
      certificate = CertificateFactory.getInstance("X.509").generateCertificate(in);
    }
    KeyStore trusted = KeyStore.getInstance(KeyStore.getDefaultType());
    trusted.load(null, null);
    trusted.setCertificateEntry("test", certificate);
    TrustManagerFactory trust =
        TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    trust.init(trusted);
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(null, trust.getTrustManagers(), null);
    return context;
  }

  private static void keytool(String... arguments) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
    command.addAll(List.of(arguments));
    Process keytool = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output =
        new String(
            keytool.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    if (!keytool.waitFor(KEYTOOL_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
      keytool.destroy();
      throw new IOException("keytool did not finish within " + KEYTOOL_TIMEOUT_SECONDS + " s");
    }
    if (keytool.exitValue() != 0) {
      throw new IOException("keytool " + arguments[0] + " failed: " + output);
    }
  }
}
