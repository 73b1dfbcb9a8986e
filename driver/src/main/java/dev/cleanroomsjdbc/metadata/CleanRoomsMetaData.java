package dev.cleanroomsjdbc.metadata;

import dev.cleanroomsjdbc.schema.CollaborationSession;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.RowIdLifetime;
import java.sql.SQLException;
import java.util.Map;

/**
 * The driver's part of {@link DatabaseMetaData} beyond its result sets ({@link SchemaMetadata},
 * {@link RoutineMetadata}): names and versions (JDBC 4.2), a URL without secrets, and what a read-only source
 * without transactions answers, including the questions Avatica leaves unimplemented.
 */
public final class CleanRoomsMetaData {
  /** The JDBC specification version the driver implements. */
  public static final int JDBC_MAJOR = 4;
  public static final int JDBC_MINOR = 2;

  private final Connection connection;
  private final String url;
  private final CollaborationSession session;
  private final Map<String, String> clientInfoProperties;

  /**
   * @param clientInfoProperties the client info names the connection keeps, with their descriptions
   */
  public CleanRoomsMetaData(Connection connection, String url, CollaborationSession session,
      Map<String, String> clientInfoProperties) {
    this.connection = connection;
    this.url = url;
    this.session = session;
    this.clientInfoProperties = clientInfoProperties;
  }

  public Connection getConnection() {
    return connection;
  }

  public String getURL() {
    return url;
  }

  public String getUserName() {
    return session.membershipId();
  }

  public String getDatabaseProductName() {
    return "AWS Clean Rooms";
  }

  public String getDatabaseProductVersion() {
    return "2022-02-17 (collaboration " + session.membership().collaborationName() + ")";
  }

  public String getDriverName() {
    return DriverInfo.NAME;
  }

  public String getDriverVersion() {
    return DriverInfo.VERSION;
  }

  public int getDriverMajorVersion() {
    return DriverInfo.major();
  }

  public int getDriverMinorVersion() {
    return DriverInfo.minor();
  }

  public int getJDBCMajorVersion() {
    return JDBC_MAJOR;
  }

  public int getJDBCMinorVersion() {
    return JDBC_MINOR;
  }

  public boolean isReadOnly() {
    return true;
  }

  public boolean supportsStoredProcedures() {
    return true;
  }

  public String getProcedureTerm() {
    return "analysis template";
  }

  public String getSchemaTerm() {
    return "schema";
  }

  public String getCatalogTerm() {
    return "catalog";
  }

  public boolean allProceduresAreCallable() {
    return true;
  }

  public boolean allTablesAreSelectable() {
    return false; // an analysis rule may refuse a query over a table
  }

  /** No transactions: JDBC says commit is then a no-op and the isolation level TRANSACTION_NONE. */
  public boolean supportsTransactions() {
    return false;
  }

  public int getDefaultTransactionIsolation() {
    return Connection.TRANSACTION_NONE;
  }

  public boolean supportsTransactionIsolationLevel(int level) {
    return level == Connection.TRANSACTION_NONE;
  }

  public boolean supportsDataDefinitionAndDataManipulationTransactions() {
    return false;
  }

  public boolean supportsDataManipulationTransactionsOnly() {
    return false;
  }

  public boolean supportsSavepoints() {
    return false;
  }

  public boolean supportsBatchUpdates() {
    return false;
  }

  public boolean supportsMultipleResultSets() {
    return true; // a CALL returns a job's named results one after the other
  }

  public boolean supportsNamedParameters() {
    return false;
  }

  public boolean supportsGetGeneratedKeys() {
    return false;
  }

  public boolean supportsResultSetType(int type) {
    return type == ResultSet.TYPE_FORWARD_ONLY;
  }

  public boolean supportsResultSetConcurrency(int type, int concurrency) {
    return type == ResultSet.TYPE_FORWARD_ONLY && concurrency == ResultSet.CONCUR_READ_ONLY;
  }

  public boolean supportsResultSetHoldability(int holdability) {
    return holdability == ResultSet.CLOSE_CURSORS_AT_COMMIT;
  }

  public int getResultSetHoldability() {
    return ResultSet.CLOSE_CURSORS_AT_COMMIT;
  }

  public RowIdLifetime getRowIdLifetime() {
    return RowIdLifetime.ROWID_UNSUPPORTED;
  }

  public boolean ownUpdatesAreVisible(int type) {
    return false;
  }

  public boolean ownDeletesAreVisible(int type) {
    return false;
  }

  public boolean ownInsertsAreVisible(int type) {
    return false;
  }

  public boolean othersUpdatesAreVisible(int type) {
    return false;
  }

  public boolean othersDeletesAreVisible(int type) {
    return false;
  }

  public boolean othersInsertsAreVisible(int type) {
    return false;
  }

  public boolean updatesAreDetected(int type) {
    return false;
  }

  public boolean deletesAreDetected(int type) {
    return false;
  }

  public boolean insertsAreDetected(int type) {
    return false;
  }

  public boolean generatedKeyAlwaysReturned() {
    return false;
  }

  public boolean supportsStoredFunctionsUsingCallSyntax() {
    return false;
  }

  public boolean autoCommitFailureClosesAllResultSets() {
    return false;
  }

  /** The names {@code Connection.setClientInfo} keeps (tools such as DBeaver read MAX_LEN before setting one). */
  public ResultSet getClientInfoProperties() throws SQLException {
    MetaRows rows = new MetaRows(MetaColumns.CLIENT_INFO_PROPERTIES);
    clientInfoProperties.forEach((name, description) -> rows.add(name, 256, null, description));
    return rows.toResultSet();
  }
}
