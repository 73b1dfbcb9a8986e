package dev.cleanroomsjdbc.driver;

import dev.cleanroomsjdbc.execution.SqlState;
import java.sql.ClientInfoStatus;
import java.sql.Connection;
import java.sql.SQLClientInfoException;
import java.sql.SQLException;
import java.sql.SQLWarning;
import java.sql.Savepoint;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A connection's session as tools and frameworks drive it, laid over Calcite's (which throws on commit and on
 * client info). A collaboration is read-only and has no transactions, so, as JDBC's
 * {@code DatabaseMetaData.supportsTransactions()} false says and as pgjdbc in read-only mode behaves: manual-commit
 * mode can be switched on and off, {@code commit} and {@code rollback} do nothing, the isolation level is
 * TRANSACTION_NONE (another level is accepted with a warning, as DBeaver and Spring ask for one). Client info
 * keeps the standard names; {@code ApplicationName} goes into the user agent of every Clean Rooms request, and an
 * unknown name is a warning, as in pgjdbc.
 */
final class SessionState {
  /** The client info names kept, with what they are for (getClientInfoProperties lists them). */
  static final Map<String, String> CLIENT_INFO = Map.of(
      "ApplicationName", "The application using the connection; sent in the user agent of Clean Rooms requests",
      "ClientUser", "The user of the application (kept, not sent)",
      "ClientHostname", "The host the application runs on (kept, not sent)");

  private final AtomicReference<String> applicationName;
  private final Map<String, String> clientInfo = Collections.synchronizedMap(new LinkedHashMap<>());
  private boolean autoCommit = true;
  private SQLWarning warnings;

  /** @param applicationName where the clients' user agent reads the ApplicationName from */
  SessionState(AtomicReference<String> applicationName) {
    this.applicationName = applicationName;
  }

  public void setAutoCommit(boolean autoCommit) {
    this.autoCommit = autoCommit;
  }

  public boolean getAutoCommit() {
    return autoCommit;
  }

  /** Nothing to commit: every statement only reads. */
  public void commit() {
    // no transaction
  }

  public void rollback() {
    // no transaction
  }

  public void rollback(Savepoint savepoint) throws SQLException {
    throw noSavepoints();
  }

  public Savepoint setSavepoint() throws SQLException {
    throw noSavepoints();
  }

  public Savepoint setSavepoint(String name) throws SQLException {
    throw noSavepoints();
  }

  public void releaseSavepoint(Savepoint savepoint) throws SQLException {
    throw noSavepoints();
  }

  private static SQLException noSavepoints() {
    return SqlState.FEATURE_NOT_SUPPORTED.exception(
        "A Clean Rooms collaboration has no transactions, so no savepoints");
  }

  public int getTransactionIsolation() {
    return Connection.TRANSACTION_NONE;
  }

  public void setTransactionIsolation(int level) throws SQLException {
    if (level != Connection.TRANSACTION_NONE && level != Connection.TRANSACTION_READ_UNCOMMITTED
        && level != Connection.TRANSACTION_READ_COMMITTED && level != Connection.TRANSACTION_REPEATABLE_READ
        && level != Connection.TRANSACTION_SERIALIZABLE) {
      throw SqlState.INVALID_PARAMETER_VALUE.exception("Unknown transaction isolation level " + level);
    }
    if (level != Connection.TRANSACTION_NONE) {
      warn("Transaction isolation level " + level + " has no effect: a Clean Rooms collaboration is read-only and"
          + " has no transactions (the level stays TRANSACTION_NONE)");
    }
  }

  public void setClientInfo(String name, String value) throws SQLClientInfoException {
    if (name == null) {
      throw new SQLClientInfoException("A client info name must not be null", SqlState.INVALID_PARAMETER_VALUE.code(),
          Map.of());
    }
    String known = CLIENT_INFO.keySet().stream().filter(k -> k.equalsIgnoreCase(name)).findFirst().orElse(null);
    if (known == null) {
      warn("Client info property '" + name + "' is not kept; the driver keeps " + CLIENT_INFO.keySet());
      return;
    }
    if (value == null) {
      clientInfo.remove(known);
    } else {
      clientInfo.put(known, value);
    }
    if (known.equals("ApplicationName")) {
      applicationName.set(value);
    }
  }

  public void setClientInfo(Properties properties) throws SQLClientInfoException {
    if (properties == null) {
      throw new SQLClientInfoException("The client info properties must not be null (an empty Properties clears"
          + " them)", SqlState.INVALID_PARAMETER_VALUE.code(), Map.of());
    }
    Map<String, ClientInfoStatus> failed = new LinkedHashMap<>();
    clientInfo.keySet().removeIf(k -> !properties.containsKey(k)); // JDBC: the properties replace the current ones
    if (!properties.containsKey("ApplicationName")) {
      applicationName.set(null);
    }
    for (String name : properties.stringPropertyNames()) {
      try {
        setClientInfo(name, properties.getProperty(name));
      } catch (SQLClientInfoException e) {
        failed.put(name, ClientInfoStatus.REASON_VALUE_INVALID);
      }
    }
    if (!failed.isEmpty()) {
      throw new SQLClientInfoException("Client info properties not set: " + failed.keySet(),
          SqlState.INVALID_PARAMETER_VALUE.code(), failed);
    }
  }

  public String getClientInfo(String name) {
    return name == null ? null : clientInfo.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
        .map(Map.Entry::getValue).findFirst().orElse(null);
  }

  public Properties getClientInfo() {
    Properties p = new Properties();
    synchronized (clientInfo) {
      p.putAll(clientInfo);
    }
    return p;
  }

  public synchronized SQLWarning getWarnings() {
    return warnings;
  }

  public synchronized void clearWarnings() {
    warnings = null;
  }

  synchronized void warn(String message) {
    SQLWarning w = SqlState.WARNING.warning(message);
    if (warnings == null) {
      warnings = w;
    } else {
      warnings.setNextWarning(w);
    }
  }
}
