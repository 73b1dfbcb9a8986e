package dev.cleanroomsjdbc.metadata;

import dev.cleanroomsjdbc.schema.CleanRoomsTable;
import dev.cleanroomsjdbc.schema.CollaborationSchema;
import dev.cleanroomsjdbc.schema.CollaborationSession;
import dev.cleanroomsjdbc.schema.TemplateFunction;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.services.cleanrooms.model.AnalysisParameter;
import software.amazon.awssdk.services.cleanrooms.model.CollaborationAnalysisTemplate;

/**
 * The driver's part of {@link DatabaseMetaData}: names and versions, a URL without secrets, and the
 * collaboration's analysis templates as procedures. Tables and columns come from Calcite's own metadata.
 */
public final class CleanRoomsMetaData {
  private final Connection connection;
  private final String url;
  private final CollaborationSchema collaboration;
  private final String schemaName;
  private final CollaborationSession session;

  private final DatabaseMetaData calcite;

  public CleanRoomsMetaData(Connection connection, DatabaseMetaData calcite, String url,
      CollaborationSchema collaboration) {
    this.connection = connection;
    this.calcite = calcite;
    this.url = url;
    this.collaboration = collaboration;
    this.schemaName = collaboration.name();
    this.session = collaboration.session();
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

  public boolean isReadOnly() {
    return true;
  }

  public boolean supportsStoredProcedures() {
    return true;
  }

  public String getProcedureTerm() {
    return "analysis template";
  }

  public boolean allProceduresAreCallable() {
    return true;
  }

  /** Calcite's tables, with REMARKS that say how Clean Rooms lets each collaboration table be analysed. */
  public ResultSet getTables(String catalog, String schemaPattern, String tableNamePattern, String[] types)
      throws SQLException {
    try (ResultSet tables = calcite.getTables(catalog, schemaPattern, tableNamePattern, types)) {
      MetaRows rows = MetaRows.like(tables.getMetaData());
      int remarks = tables.findColumn("REMARKS");
      while (tables.next()) {
        Object[] row = MetaRows.values(tables);
        if (schemaName.equals(tables.getString("TABLE_SCHEM"))
            && collaboration.getTable(tables.getString("TABLE_NAME")) instanceof CleanRoomsTable table) {
          row[remarks - 1] = TableRemarks.of(table.schema());
        }
        rows.add(row);
      }
      return rows.toResultSet();
    }
  }

  /**
   * The table types {@code getTables} returns: collaboration tables are TABLE, the {@code cleanrooms} schema's are
   * SYSTEM TABLE (tools such as SchemaCrawler ask only for the types listed here).
   */
  public ResultSet getTableTypes() throws SQLException {
    MetaRows rows = new MetaRows(new MetaRows.Column("TABLE_TYPE", Types.VARCHAR));
    rows.add("SYSTEM TABLE");
    rows.add("TABLE");
    rows.add("VIEW");
    return rows.toResultSet();
  }

  /** Every analysis template of the collaboration, with its format and description in REMARKS. */
  public ResultSet getProcedures(String catalog, String schemaPattern, String procedurePattern) throws SQLException {
    MetaRows rows = new MetaRows(
        new MetaRows.Column("PROCEDURE_CAT", Types.VARCHAR), new MetaRows.Column("PROCEDURE_SCHEM", Types.VARCHAR),
        new MetaRows.Column("PROCEDURE_NAME", Types.VARCHAR), new MetaRows.Column("RESERVED1", Types.VARCHAR),
        new MetaRows.Column("RESERVED2", Types.VARCHAR), new MetaRows.Column("RESERVED3", Types.VARCHAR),
        new MetaRows.Column("REMARKS", Types.VARCHAR), new MetaRows.Column("PROCEDURE_TYPE", Types.SMALLINT),
        new MetaRows.Column("SPECIFIC_NAME", Types.VARCHAR));
    if (catalog == null || catalog.isEmpty()) {
      for (TemplateFunction f : templates(schemaPattern)) {
        CollaborationAnalysisTemplate t = f.template();
        if (LikePattern.matches(procedurePattern, t.name())) {
          rows.add(null, schemaName, t.name(), null, null, null, remarks(t),
              (short) DatabaseMetaData.procedureReturnsResult, t.arn());
        }
      }
    }
    return rows.toResultSet();
  }

  /**
   * The IN parameters of SQL templates, typed from their Clean Rooms ParameterType, with their defaults. Result
   * columns are not listed: they are known only once a template has run. PySpark templates take no parameters.
   */
  public ResultSet getProcedureColumns(String catalog, String schemaPattern, String procedurePattern,
      String columnPattern) throws SQLException {
    MetaRows rows = new MetaRows(
        new MetaRows.Column("PROCEDURE_CAT", Types.VARCHAR), new MetaRows.Column("PROCEDURE_SCHEM", Types.VARCHAR),
        new MetaRows.Column("PROCEDURE_NAME", Types.VARCHAR), new MetaRows.Column("COLUMN_NAME", Types.VARCHAR),
        new MetaRows.Column("COLUMN_TYPE", Types.SMALLINT), new MetaRows.Column("DATA_TYPE", Types.INTEGER),
        new MetaRows.Column("TYPE_NAME", Types.VARCHAR), new MetaRows.Column("PRECISION", Types.INTEGER),
        new MetaRows.Column("LENGTH", Types.INTEGER), new MetaRows.Column("SCALE", Types.SMALLINT),
        new MetaRows.Column("RADIX", Types.SMALLINT), new MetaRows.Column("NULLABLE", Types.SMALLINT),
        new MetaRows.Column("REMARKS", Types.VARCHAR), new MetaRows.Column("COLUMN_DEF", Types.VARCHAR),
        new MetaRows.Column("SQL_DATA_TYPE", Types.INTEGER), new MetaRows.Column("SQL_DATETIME_SUB", Types.INTEGER),
        new MetaRows.Column("CHAR_OCTET_LENGTH", Types.INTEGER), new MetaRows.Column("ORDINAL_POSITION", Types.INTEGER),
        new MetaRows.Column("IS_NULLABLE", Types.VARCHAR), new MetaRows.Column("SPECIFIC_NAME", Types.VARCHAR));
    if (catalog == null || catalog.isEmpty()) {
      for (TemplateFunction f : templates(schemaPattern)) {
        CollaborationAnalysisTemplate t = f.template();
        if (!LikePattern.matches(procedurePattern, t.name())) {
          continue;
        }
        int ordinal = 0;
        for (AnalysisParameter p : TemplateFunction.parameterOrder(t)) {
          ordinal++;
          if (LikePattern.matches(columnPattern, p.name())) {
            boolean optional = p.defaultValue() != null;
            rows.add(null, schemaName, t.name(), p.name(), (short) DatabaseMetaData.procedureColumnIn,
                ParameterTypes.jdbcType(p.typeAsString()), p.typeAsString(), null, null, null, (short) 10,
                (short) (optional ? DatabaseMetaData.procedureNullable : DatabaseMetaData.procedureNoNulls),
                optional ? "optional" : "required", p.defaultValue(), null, null, null, ordinal,
                optional ? "YES" : "NO", t.arn());
          }
        }
      }
    }
    return rows.toResultSet();
  }

  private List<TemplateFunction> templates(String schemaPattern) {
    List<TemplateFunction> list = new ArrayList<>();
    if (LikePattern.matches(schemaPattern, schemaName)) {
      list.addAll(collaboration.templates());
    }
    list.sort((a, b) -> a.template().name().compareTo(b.template().name()));
    return list;
  }

  private static String remarks(CollaborationAnalysisTemplate t) {
    String description = t.description() == null || t.description().isEmpty() ? "" : ": " + t.description();
    return "Analysis template (" + t.formatAsString() + ")" + description;
  }
}
