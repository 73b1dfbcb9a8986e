package dev.cleanroomsjdbc.logging;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The secrets this JVM's connections hold (secret keys and session tokens, given or resolved), and the one place
 * that takes them out of a text: every record the self-contained jar's bundled libraries log passes through
 * {@link #redact}, so that a host turning on their most verbose logging still never sees one.
 */
public final class Secrets {
  /** Shorter values are not secrets worth the name, and would blank common words. */
  private static final int MIN_LENGTH = 8;
  private static final int KEPT = 64;
  private static final String MASK = "***";
  /** What signed requests, STS answers and SDK debug lines hold secrets in, whatever the values. */
  private static final List<Pattern> SHAPES = List.of(
      Pattern.compile("(?i)(authorization\\s*[:=]\\s*)[^\\r\\n\"\\]]+"),
      Pattern.compile("(?i)(x-amz-security-token\\s*[:=]\\s*)[^\\s&\"\\],;]+"),
      Pattern.compile("(?i)(<(?:SecretAccessKey|SessionToken)>)[^<]*"),
      Pattern.compile("(?i)(\"(?:secretAccessKey|sessionToken|accessToken)\"\\s*:\\s*\")[^\"]*"),
      Pattern.compile("(?i)((?:secretAccessKey|sessionToken|password)=)[^&\\s\"]+"));
  private static final Deque<String> KNOWN = new ArrayDeque<>();

  private Secrets() {}

  /** Remembers a secret value so that no log record shows it from now on. */
  public static void remember(String secret) {
    if (secret == null || secret.length() < MIN_LENGTH) {
      return;
    }
    synchronized (KNOWN) {
      if (!KNOWN.contains(secret)) {
        if (KNOWN.size() == KEPT) {
          KNOWN.removeLast();
        }
        KNOWN.addFirst(secret);
      }
    }
  }

  /** The text with every remembered secret, and every value in a secret-holding shape, as ***. */
  public static String redact(String text) {
    if (text == null || text.isEmpty()) {
      return text;
    }
    String out = text;
    synchronized (KNOWN) {
      for (String secret : KNOWN) {
        if (out.contains(secret)) {
          out = out.replace(secret, MASK);
        }
      }
    }
    for (Pattern shape : SHAPES) {
      out = shape.matcher(out).replaceAll("$1" + MASK);
    }
    return out;
  }

  /** The throwable itself when nothing in it is secret, otherwise a copy whose every message is redacted. */
  public static Throwable redact(Throwable thrown) {
    if (thrown == null) {
      return null;
    }
    java.io.StringWriter trace = new java.io.StringWriter();
    thrown.printStackTrace(new java.io.PrintWriter(trace));
    return trace.toString().equals(redact(trace.toString())) ? thrown : copy(thrown, 0);
  }

  private static Throwable copy(Throwable t, int depth) {
    Throwable cause = t.getCause() == null || t.getCause() == t || depth > 20 ? null : copy(t.getCause(), depth + 1);
    Throwable redacted = new Redacted(redact(t.toString()), cause);
    redacted.setStackTrace(t.getStackTrace());
    return redacted;
  }

  /** A throwable as it was logged, its messages redacted. */
  private static final class Redacted extends Exception {
    private static final long serialVersionUID = 1L;

    Redacted(String description, Throwable cause) {
      super(description, cause);
    }

    @Override
    public String toString() {
      return getMessage();
    }
  }
}
