package org.contactpipeline.callbacks;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Which URLs a tenant may have the pipeline call back (Cendyn {@code webhook_url}, iVvy {@code
 * callbackUrl}). A callback is a request the service makes on a tenant's behalf, so without a
 * policy a tenant could make it call inside the network: an admin port, a cloud metadata address.
 * Only absolute {@code http(s)} URLs without credentials are taken; when the deployment lists
 * allowed hosts, only those; and addresses that are not public (loopback, private, link-local,
 * unique-local, carrier-grade NAT, multicast, unspecified) are refused unless the deployment allows
 * them explicitly (a test on the loopback address, a callback receiver inside the cluster).
 *
 * <p>ingest-service checks a URL when the job is submitted ({@link #problemWith}), so a caller
 * hears at once; sink-service checks again before every delivery attempt ({@link #resolve}), on the
 * addresses the host name resolves to then, since a name's addresses can change after submission.
 *
 * @param allowedHosts host names a callback may go to, each exact ({@code hooks.example.com}) or a
 *     wildcard for subdomains ({@code *.example.com}); empty for any host
 * @param allowPrivateAddresses whether hosts that are not public may be called back
 */
public record CallbackPolicy(List<String> allowedHosts, boolean allowPrivateAddresses) {

  /** Longer URLs are refused: no real endpoint needs more, and they are stored per job. */
  public static final int MAX_URL_LENGTH = 2048;

  public CallbackPolicy {
    allowedHosts =
        allowedHosts.stream()
            .map(String::strip)
            .filter(host -> !host.isEmpty())
            .map(host -> host.toLowerCase(Locale.ROOT))
            .toList();
  }

  /** Any public host, nothing private: the default of a deployment that says nothing. */
  public static CallbackPolicy publicHostsOnly() {
    return new CallbackPolicy(List.of(), false);
  }

  /**
   * From the comma-separated setting of allowed hosts (blank for any) and whether private addresses
   * are allowed.
   */
  public static CallbackPolicy of(String allowedHosts, boolean allowPrivateAddresses) {
    return new CallbackPolicy(
        allowedHosts == null ? List.of() : List.of(allowedHosts.split(",")), allowPrivateAddresses);
  }

  /**
   * Why {@code url} cannot be a callback, judged without resolving its host; empty when it can be.
   * A host given as an address literal is judged as an address.
   */
  public Optional<String> problemWith(String url) {
    if (url == null || url.isBlank()) {
      return Optional.of("the callback URL is empty");
    }
    if (url.length() > MAX_URL_LENGTH) {
      return Optional.of("the callback URL is longer than " + MAX_URL_LENGTH + " characters");
    }
    URI uri;
    try {
      uri = new URI(url.strip());
    } catch (URISyntaxException e) {
      return Optional.of("the callback URL is not a valid URL");
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (!uri.isAbsolute() || !(scheme.equals("http") || scheme.equals("https"))) {
      return Optional.of("the callback URL must be an absolute http or https URL");
    }
    if (uri.getHost() == null || uri.getHost().isEmpty()) {
      return Optional.of("the callback URL has no host");
    }
    if (uri.getRawUserInfo() != null) {
      return Optional.of("the callback URL must not carry credentials");
    }
    String host = hostOf(uri);
    if (!isAllowedHost(host)) {
      return Optional.of("the callback host " + host + " is not on this deployment's allow-list");
    }
    if (!allowPrivateAddresses && (host.equals("localhost") || host.endsWith(".localhost"))) {
      return Optional.of("the callback host " + host + " is not a public address");
    }
    Optional<InetAddress> literal = addressLiteral(host);
    if (literal.isPresent() && !allowPrivateAddresses && !isPublic(literal.get())) {
      return Optional.of("the callback host " + host + " is not a public address");
    }
    return Optional.empty();
  }

  /**
   * The address to deliver to now: the URL must pass {@link #problemWith}, and every address its
   * host resolves to must be public (unless private ones are allowed), so that a name pointing at
   * both a public and an internal address is refused.
   *
   * @throws CallbackRefusedException when the URL or an address it resolves to is refused
   * @throws UnknownHostException when the host does not resolve (a transient failure)
   */
  public InetAddress resolve(String url) throws UnknownHostException {
    Optional<String> problem = problemWith(url);
    if (problem.isPresent()) {
      throw new CallbackRefusedException(problem.get());
    }
    String host = hostOf(URI.create(url.strip()));
    InetAddress[] addresses = InetAddress.getAllByName(host);
    if (!allowPrivateAddresses) {
      for (InetAddress address : addresses) {
        if (!isPublic(address)) {
          throw new CallbackRefusedException(
              "the callback host " + host + " resolves to an address that is not public");
        }
      }
    }
    return addresses[0];
  }

  private boolean isAllowedHost(String host) {
    if (allowedHosts.isEmpty()) {
      return true;
    }
    for (String allowed : allowedHosts) {
      if (allowed.startsWith("*.")
          ? host.endsWith(allowed.substring(1)) && host.length() > allowed.length() - 1
          : host.equals(allowed)) {
        return true;
      }
    }
    return false;
  }

  /** The host in lower case, without the brackets of an IPv6 literal or a trailing dot. */
  private static String hostOf(URI uri) {
    String host = uri.getHost().toLowerCase(Locale.ROOT);
    if (host.startsWith("[") && host.endsWith("]")) {
      host = host.substring(1, host.length() - 1);
    }
    return host.endsWith(".") ? host.substring(0, host.length() - 1) : host;
  }

  /** The address a host names literally (IPv4 dotted or IPv6), without any DNS lookup. */
  private static Optional<InetAddress> addressLiteral(String host) {
    boolean ipv4 = host.matches("[0-9]{1,3}(\\.[0-9]{1,3}){3}");
    boolean ipv6 = host.contains(":") && host.matches("[0-9a-f:.%]+");
    if (!ipv4 && !ipv6) {
      return Optional.empty();
    }
    try {
      // A literal is parsed, never looked up.
      return Optional.of(InetAddress.getByName(host));
    } catch (UnknownHostException e) {
      return Optional.empty();
    }
  }

  /** Whether an address is on the public internet. */
  static boolean isPublic(InetAddress address) {
    if (address.isAnyLocalAddress()
        || address.isLoopbackAddress()
        || address.isLinkLocalAddress()
        || address.isSiteLocalAddress()
        || address.isMulticastAddress()) {
      return false;
    }
    byte[] bytes = address.getAddress();
    if (address instanceof Inet4Address) {
      int first = bytes[0] & 0xff;
      int second = bytes[1] & 0xff;
      // 0.0.0.0/8 "this network", 100.64.0.0/10 carrier-grade NAT, 192.0.0.0/24 protocol
      // assignments, 198.18.0.0/15 benchmarking, 240.0.0.0/4 reserved.
      return first != 0
          && !(first == 100 && second >= 64 && second <= 127)
          && !(first == 192 && second == 0 && (bytes[2] & 0xff) == 0)
          && !(first == 198 && (second == 18 || second == 19))
          && first < 240;
    }
    if (address instanceof Inet6Address) {
      int first = bytes[0] & 0xff;
      // fc00::/7 unique-local; an IPv4-mapped address is judged as the IPv4 address it maps.
      if ((first & 0xfe) == 0xfc) {
        return false;
      }
      if (isIpv4Mapped(bytes)) {
        try {
          return isPublic(
              InetAddress.getByAddress(new byte[] {bytes[12], bytes[13], bytes[14], bytes[15]}));
        } catch (UnknownHostException e) {
          return false;
        }
      }
    }
    return true;
  }

  private static boolean isIpv4Mapped(byte[] bytes) {
    for (int i = 0; i < 10; i++) {
      if (bytes[i] != 0) {
        return false;
      }
    }
    return (bytes[10] & 0xff) == 0xff && (bytes[11] & 0xff) == 0xff;
  }
}
