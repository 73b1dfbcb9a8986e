package dev.cleanroomsjdbc.driver;

import dev.cleanroomsjdbc.metadata.DriverInfo;
import java.sql.Connection;
import java.sql.Driver;
import java.sql.DriverManager;
import java.sql.DriverPropertyInfo;
import java.sql.SQLException;
import java.util.Properties;
import java.util.logging.Logger;

/** The JDBC driver for {@code jdbc:cleanrooms:} URLs; registers itself with {@link DriverManager} when loaded. */
public final class CleanRoomsDriver implements Driver {

  static {
    try {
      DriverManager.registerDriver(new CleanRoomsDriver());
    } catch (SQLException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  @Override
  public Connection connect(String url, Properties info) throws SQLException {
    if (!acceptsURL(url)) {
      return null; // JDBC: let DriverManager try the next driver
    }
    return ConnectionFactory.open(ConnectionSettings.of(ConnectionUrl.parse(url), info));
  }

  @Override
  public boolean acceptsURL(String url) {
    return ConnectionUrl.accepts(url);
  }

  /** Every property, with its description, default and choices; values already given are filled in. */
  @Override
  public DriverPropertyInfo[] getPropertyInfo(String url, Properties info) throws SQLException {
    ConnectionUrl parsed = acceptsURL(url) ? ConnectionUrl.parse(url) : null;
    ConnectionProperty[] all = ConnectionProperty.values();
    DriverPropertyInfo[] result = new DriverPropertyInfo[all.length];
    for (int i = 0; i < all.length; i++) {
      ConnectionProperty p = all[i];
      String given = info == null ? null : info.getProperty(p.key());
      if (given == null && parsed != null) {
        given = parsed.values().get(p);
      }
      DriverPropertyInfo d = new DriverPropertyInfo(p.key(), p.secret() ? null : given != null ? given : p.defaultValue());
      d.description = p.description();
      d.required = p == ConnectionProperty.MEMBERSHIP && (parsed == null || !parsed.local());
      d.choices = p.choices().isEmpty() ? null : p.choices().toArray(String[]::new);
      result[i] = d;
    }
    return result;
  }

  @Override
  public int getMajorVersion() {
    return DriverInfo.major();
  }

  @Override
  public int getMinorVersion() {
    return DriverInfo.minor();
  }

  /** Not JDBC compliant in the strict sense: a collaboration is read-only and has no transactions. */
  @Override
  public boolean jdbcCompliant() {
    return false;
  }

  /**
   * The java.util.logging logger above every record of the self-contained jar where the host has no SLF4J
   * (its bundled libraries log under {@code dev.cleanroomsjdbc.shaded.*}); docs/logging.md says more.
   */
  @Override
  public Logger getParentLogger() {
    return Logger.getLogger("dev.cleanroomsjdbc");
  }
}
