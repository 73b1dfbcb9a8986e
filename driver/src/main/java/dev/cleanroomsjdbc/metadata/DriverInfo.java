package dev.cleanroomsjdbc.metadata;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** The driver's name and version, read from the build's filtered {@code version.properties}. */
public final class DriverInfo {
  public static final String NAME = "cleanrooms-jdbc";
  public static final String VERSION = load();

  private DriverInfo() {}

  public static int major() {
    return part(0);
  }

  public static int minor() {
    return part(1);
  }

  private static int part(int i) {
    String[] parts = VERSION.split("[.-]");
    try {
      return parts.length > i ? Integer.parseInt(parts[i]) : 0;
    } catch (NumberFormatException e) {
      return 0;
    }
  }

  private static String load() {
    try (InputStream in = DriverInfo.class.getResourceAsStream("version.properties")) {
      Properties p = new Properties();
      if (in != null) {
        p.load(in);
      }
      return p.getProperty("version", "0.0.0");
    } catch (IOException e) {
      return "0.0.0";
    }
  }
}
