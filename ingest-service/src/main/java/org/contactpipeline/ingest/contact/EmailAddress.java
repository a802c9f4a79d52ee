package org.contactpipeline.ingest.contact;

import java.net.IDN;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import org.contactpipeline.schemas.ContactKeyText;

/**
 * Whether text is an email address, by the one rule every API applies (iVvy's "Must be a valid
 * email", Marketing Cloud's EmailAddress attributes and email search, Cendyn's {@code
 * email_validation.validate}), so an address one API stores is accepted and found through the
 * others. Only what needs no network is checked (no DNS, no mailbox probe), so the same address is
 * always judged the same way and validation never waits on anything: RFC 5321/5322 dot-atom local
 * parts (plus the non-ASCII characters RFC 6531 allows), at most 64 octets; a domain of at least
 * two LDH labels of at most 63 octets each (internationalized names checked in their {@link IDN}
 * ASCII form), 253 octets in all, ending in a top-level domain of at least two letters (or a {@code
 * xn--} one); 254 octets for the whole address. Quoted local parts and address literals ({@code
 * user@[192.0.2.1]}) are refused: valid in RFC 5321, but no marketing mail system delivers to them.
 * An address is also always usable as a contact key ({@link ContactKeyText}).
 */
public final class EmailAddress {

  public static final int MAX_OCTETS = 254;
  private static final int MAX_LOCAL_OCTETS = 64;
  private static final int MAX_DOMAIN_OCTETS = 253;
  private static final int MAX_LABEL_OCTETS = 63;
  private static final String ATEXT_SYMBOLS = "!#$%&'*+/=?^_`{|}~-";

  private EmailAddress() {}

  /** Why {@code address} is not a deliverable-looking email address, or {@code null} when it is. */
  public static String problemWith(String address) {
    String keyProblem = ContactKeyText.problemWith(address);
    if (keyProblem != null) {
      return keyProblem;
    }
    if (octets(address) > MAX_OCTETS) {
      return "is longer than " + MAX_OCTETS + " octets";
    }
    int at = address.lastIndexOf('@');
    if (at < 0) {
      return "has no @";
    }
    if (address.indexOf('@') != at) {
      return "has more than one @";
    }
    String localProblem = localPartProblem(address.substring(0, at));
    return localProblem != null ? localProblem : domainProblem(address.substring(at + 1));
  }

  private static String localPartProblem(String local) {
    if (local.isEmpty()) {
      return "has nothing before the @";
    }
    if (octets(local) > MAX_LOCAL_OCTETS) {
      return "has a local part longer than " + MAX_LOCAL_OCTETS + " octets";
    }
    String dots = dotProblem(local, "local part");
    if (dots != null) {
      return dots;
    }
    for (int i = 0; i < local.length(); ) {
      int c = local.codePointAt(i);
      boolean allowed =
          isAsciiLetterOrDigit(c)
              || c == '.'
              || ATEXT_SYMBOLS.indexOf(c) >= 0
              || c > 127
                  && !Character.isWhitespace(c)
                  && !Character.isISOControl(c)
                  && Character.isDefined(c);
      if (!allowed) {
        return "has the character '" + new String(Character.toChars(c)) + "' in its local part";
      }
      i += Character.charCount(c);
    }
    return null;
  }

  private static String domainProblem(String domain) {
    if (domain.isEmpty()) {
      return "has no domain";
    }
    if (domain.startsWith("[")) {
      return "has an address literal as its domain";
    }
    String dots = dotProblem(domain, "domain");
    if (dots != null) {
      return dots;
    }
    String ascii = domain;
    if (!domain.chars().allMatch(c -> c < 128)) {
      try {
        ascii = IDN.toASCII(domain);
      } catch (IllegalArgumentException e) {
        return "has a domain that is not a valid internationalized domain name";
      }
    }
    if (ascii.length() > MAX_DOMAIN_OCTETS) {
      return "has a domain longer than " + MAX_DOMAIN_OCTETS + " octets";
    }
    String[] labels = ascii.split("\\.", -1);
    if (labels.length < 2) {
      return "has no top-level domain";
    }
    for (String label : labels) {
      String labelProblem = labelProblem(label);
      if (labelProblem != null) {
        return "has the domain label '" + label + "' that " + labelProblem;
      }
    }
    String tld = labels[labels.length - 1];
    boolean letters = tld.length() >= 2 && tld.chars().allMatch(EmailAddress::isAsciiLetter);
    if (!letters && !tld.toLowerCase(Locale.ROOT).startsWith("xn--")) {
      return "has the top-level domain '" + tld + "', which is not at least two letters";
    }
    return null;
  }

  private static String labelProblem(String label) {
    if (label.length() > MAX_LABEL_OCTETS) {
      return "is longer than " + MAX_LABEL_OCTETS + " octets";
    }
    if (label.startsWith("-") || label.endsWith("-")) {
      return "starts or ends with a hyphen";
    }
    if (!label.chars().allMatch(c -> isAsciiLetterOrDigit(c) || c == '-')) {
      return "holds a character other than letters, digits and hyphens";
    }
    return null;
  }

  private static String dotProblem(String part, String name) {
    if (part.startsWith(".") || part.endsWith(".")) {
      return "has a " + name + " that starts or ends with a dot";
    }
    if (part.contains("..")) {
      return "has consecutive dots in its " + name;
    }
    return null;
  }

  private static boolean isAsciiLetter(int c) {
    return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z';
  }

  private static boolean isAsciiLetterOrDigit(int c) {
    return isAsciiLetter(c) || c >= '0' && c <= '9';
  }

  private static int octets(String text) {
    return text.getBytes(StandardCharsets.UTF_8).length;
  }
}
