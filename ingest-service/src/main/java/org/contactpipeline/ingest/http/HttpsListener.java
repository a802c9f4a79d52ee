package org.contactpipeline.ingest.http;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.Arrays;
import java.util.OptionalInt;
import org.contactpipeline.config.ConfigException;
import org.contactpipeline.config.Settings;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.SecureRequestCustomizer;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.util.ssl.SslContextFactory;

/**
 * An optional HTTPS listener beside ingest's plain HTTP port, off unless {@code https.keystore}
 * names a PKCS#12 keystore holding a key entry with its certificate chain. It exists because some
 * vendor clients speak only TLS to names of their own: {@code sfmc-sdk} accepts no auth URL but
 * {@code https://<28 characters>.auth.marketingcloudapis.com/}. Production usually ends TLS at a
 * load balancer and needs none of this. The password is never printed.
 *
 * @param host the interface to bind; empty for all, like the HTTP port
 * @param port the port; 0 for any free one
 * @param keystore the PKCS#12 file; null when the listener is off
 * @param password opens the keystore and its key
 */
public record HttpsListener(String host, int port, Path keystore, String password) {

  public static final String KEYSTORE = "https.keystore";
  public static final HttpsListener OFF = new HttpsListener("", 0, null, "");

  /** Names the connector, so the bound port can be found among the server's connectors. */
  public static final String CONNECTOR_NAME = "https";

  public static HttpsListener from(Settings settings) {
    String keystore = settings.string(KEYSTORE);
    if (keystore.isEmpty()) {
      return OFF;
    }
    HttpsListener listener =
        new HttpsListener(
            settings.string("https.host"),
            settings.integer("https.port"),
            Path.of(keystore),
            settings.string("https.keystore-password"));
    listener.load(); // a keystore that cannot be read stops the start, not the first TLS handshake
    return listener;
  }

  public boolean enabled() {
    return keystore != null;
  }

  /** The TLS connector for {@code server}; requests on it are {@code https} to the handlers. */
  public Connector connector(Server server, HttpConfiguration plain) {
    SslContextFactory.Server tls = new SslContextFactory.Server();
    tls.setKeyStore(load());
    tls.setKeyStorePassword(password);
    HttpConfiguration secure = new HttpConfiguration(plain);
    SecureRequestCustomizer customizer = new SecureRequestCustomizer();
    // Whether the name fits the certificate is the client's check; refusing here would only stop
    // `curl -k https://localhost:…` against a certificate made for the vendor's names.
    customizer.setSniHostCheck(false);
    secure.addCustomizer(customizer);
    ServerConnector connector =
        new ServerConnector(
            server, new SslConnectionFactory(tls, "http/1.1"), new HttpConnectionFactory(secure));
    connector.setName(CONNECTOR_NAME);
    connector.setHost(host.isEmpty() ? null : host);
    connector.setPort(port);
    return connector;
  }

  /** The port the HTTPS connector of a started {@code server} is bound to; empty without one. */
  public static OptionalInt boundPort(Server server) {
    return Arrays.stream(server.getConnectors())
        .filter(connector -> CONNECTOR_NAME.equals(connector.getName()))
        .mapToInt(connector -> ((ServerConnector) connector).getLocalPort())
        .findFirst();
  }

  private KeyStore load() {
    if (!Files.isReadable(keystore)) {
      throw new ConfigException(KEYSTORE, "names " + keystore + ", which is not a readable file");
    }
    try {
      KeyStore store = KeyStore.getInstance("PKCS12");
      try (var in = Files.newInputStream(keystore)) {
        store.load(in, password.toCharArray());
      }
      return store;
    } catch (IOException | GeneralSecurityException e) {
      // The message of a wrong password says so without repeating it.
      throw new ConfigException(
          KEYSTORE, "cannot be read as PKCS#12 with https.keystore-password: " + e.getMessage());
    }
  }

  @Override
  public String toString() {
    return enabled()
        ? "HTTPS on " + (host.isEmpty() ? "*" : host) + ":" + port + " with " + keystore
        : "HTTPS off";
  }
}
