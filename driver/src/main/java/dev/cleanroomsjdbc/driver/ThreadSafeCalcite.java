package dev.cleanroomsjdbc.driver;

import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.Properties;
import java.util.TimeZone;
import org.apache.calcite.avatica.AvaticaConnection;
import org.apache.calcite.avatica.AvaticaFactory;
import org.apache.calcite.avatica.AvaticaPreparedStatement;
import org.apache.calcite.avatica.AvaticaResultSet;
import org.apache.calcite.avatica.AvaticaSpecificDatabaseMetaData;
import org.apache.calcite.avatica.AvaticaStatement;
import org.apache.calcite.avatica.Meta;
import org.apache.calcite.avatica.QueryState;
import org.apache.calcite.avatica.UnregisteredDriver;

/**
 * Calcite's connection made safe to share between threads, as JDBC lets a connection be shared (a tool's metadata
 * thread beside its query thread). In Calcite 1.42 a new statement's id is Avatica's {@code statementCount++}: two
 * threads creating statements at once could take the same id, and then Calcite's server failed one of them with an
 * AssertionError or, worse, one statement answered with the other's rows (SharedConnectionTest saw both). Calcite has no option for it, but it takes the factory its connection makes statements with:
 * this one makes them one at a time per connection (planning and running are not held up by it).
 */
final class ThreadSafeCalcite {
  private ThreadSafeCalcite() {}

  /** The factory for a new Calcite connection to make its statements with: {@code calcite}'s, one at a time. */
  static AvaticaFactory statementsOneAtATime(AvaticaFactory calcite) {
    return new OneStatementAtATime(calcite);
  }

  /** Avatica's statement constructors take the connection's next id: they run one at a time here. */
  private static final class OneStatementAtATime implements AvaticaFactory {
    private final AvaticaFactory calcite;

    OneStatementAtATime(AvaticaFactory calcite) {
      this.calcite = calcite;
    }

    @Override
    public synchronized AvaticaStatement newStatement(AvaticaConnection connection, Meta.StatementHandle h,
        int type, int concurrency, int holdability) throws SQLException {
      return calcite.newStatement(connection, h, type, concurrency, holdability);
    }

    @Override
    public synchronized AvaticaPreparedStatement newPreparedStatement(AvaticaConnection connection,
        Meta.StatementHandle h, Meta.Signature signature, int type, int concurrency, int holdability)
        throws SQLException {
      return calcite.newPreparedStatement(connection, h, signature, type, concurrency, holdability);
    }

    @Override
    public int getJdbcMajorVersion() {
      return calcite.getJdbcMajorVersion();
    }

    @Override
    public int getJdbcMinorVersion() {
      return calcite.getJdbcMinorVersion();
    }

    @Override
    public AvaticaConnection newConnection(UnregisteredDriver driver, AvaticaFactory factory, String url,
        Properties info) throws SQLException {
      return calcite.newConnection(driver, factory, url, info);
    }

    @Override
    public AvaticaResultSet newResultSet(AvaticaStatement statement, QueryState state, Meta.Signature signature,
        TimeZone timeZone, Meta.Frame firstFrame) throws SQLException {
      return calcite.newResultSet(statement, state, signature, timeZone, firstFrame);
    }

    @Override
    public AvaticaSpecificDatabaseMetaData newDatabaseMetaData(AvaticaConnection connection) {
      return calcite.newDatabaseMetaData(connection);
    }

    @Override
    public ResultSetMetaData newResultSetMetaData(AvaticaStatement statement, Meta.Signature signature)
        throws SQLException {
      return calcite.newResultSetMetaData(statement, signature);
    }
  }
}
