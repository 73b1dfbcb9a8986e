package dev.cleanroomsjdbc.metadata;

import dev.cleanroomsjdbc.metadata.JdbcTypes.JdbcType;
import dev.cleanroomsjdbc.schema.CleanRoomsTable;
import dev.cleanroomsjdbc.schema.CleanRoomsTypeSystem;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.rel.type.RelDataTypeField;
import org.apache.calcite.schema.SchemaPlus;
import org.apache.calcite.schema.Table;
import org.apache.calcite.sql.type.SqlTypeName;

/**
 * The schemas, tables, columns and types of a connection as DatabaseMetaData lists them: the collaboration's schema
 * and the {@code cleanrooms} system schema (Calcite's own {@code metadata} schema is an implementation detail and is
 * not listed), no catalogs, and the column types named and sized by {@link JdbcTypes}. Keys, indexes, privileges
 * and user-defined types do not exist in a collaboration: those results are empty and correctly shaped.
 */
public final class SchemaMetadata {
  /** Calcite's built-in schema of its own metadata tables. */
  private static final String CALCITE_METADATA = "metadata";

  private final SchemaPlus root;
  private final RelDataTypeFactory types = CleanRoomsTypeSystem.typeFactory();

  public SchemaMetadata(SchemaPlus root) {
    this.root = root;
  }

  public ResultSet getCatalogs() throws SQLException {
    return new MetaRows(MetaColumns.CATALOGS).toResultSet();
  }

  public ResultSet getSchemas() throws SQLException {
    return getSchemas(null, null);
  }

  public ResultSet getSchemas(String catalog, String schemaPattern) throws SQLException {
    MetaRows rows = new MetaRows(MetaColumns.SCHEMAS);
    if (noCatalog(catalog)) {
      for (String schema : schemas(schemaPattern)) {
        rows.add(schema, null);
      }
    }
    return rows.toResultSet();
  }

  /**
   * The table types {@code getTables} returns: collaboration tables are TABLE, the {@code cleanrooms} schema's are
   * SYSTEM TABLE (tools such as SchemaCrawler ask only for the types listed here).
   */
  public ResultSet getTableTypes() throws SQLException {
    MetaRows rows = new MetaRows(MetaColumns.TABLE_TYPES);
    rows.add("SYSTEM TABLE");
    rows.add("TABLE");
    rows.add("VIEW");
    return rows.toResultSet();
  }

  /** Tables in the order JDBC asks for (type, schema, name), with REMARKS saying how each may be analysed. */
  public ResultSet getTables(String catalog, String schemaPattern, String tablePattern, String[] tableTypes)
      throws SQLException {
    MetaRows rows = new MetaRows(MetaColumns.TABLES);
    if (noCatalog(catalog)) {
      Set<String> wanted = tableTypes == null ? null : Set.of(tableTypes);
      for (String schema : schemas(schemaPattern)) {
        for (String name : tables(schema, tablePattern)) {
          Table table = root.subSchemas().get(schema).tables().get(name);
          String type = table.getJdbcTableType().jdbcName;
          if (wanted == null || wanted.contains(type)) {
            rows.add(null, schema, name, type, remarks(table), null, null, null, null, null);
          }
        }
      }
    }
    rows.rows().sort(Comparator.comparing((Object[] r) -> (String) r[3]).thenComparing(r -> (String) r[1])
        .thenComparing(r -> (String) r[2]));
    return rows.toResultSet();
  }

  private static String remarks(Table table) {
    return table instanceof CleanRoomsTable t ? TableRemarks.of(t.schema())
        : "System table of the Clean Rooms driver: the collaboration as the service lists it";
  }

  public ResultSet getColumns(String catalog, String schemaPattern, String tablePattern, String columnPattern)
      throws SQLException {
    MetaRows rows = new MetaRows(MetaColumns.COLUMNS);
    if (noCatalog(catalog)) {
      for (String schema : schemas(schemaPattern)) {
        for (String name : tables(schema, tablePattern)) {
          RelDataType rowType = root.subSchemas().get(schema).tables().get(name).getRowType(types);
          for (RelDataTypeField field : rowType.getFieldList()) {
            if (LikePattern.matches(columnPattern, field.getName())) {
              rows.add(column(schema, name, field));
            }
          }
        }
      }
    }
    return rows.toResultSet();
  }

  private static Object[] column(String schema, String table, RelDataTypeField field) {
    JdbcType t = JdbcTypes.of(field.getType());
    boolean nullable = field.getType().isNullable();
    return new Object[] {null, schema, table, field.getName(), t.dataType(), t.typeName(), t.columnSize(), null,
        t.decimalDigits(), t.radix(), nullable ? DatabaseMetaData.columnNullable : DatabaseMetaData.columnNoNulls,
        null, null, null, null, t.charOctetLength(), field.getIndex() + 1, nullable ? "YES" : "NO", null, null, null,
        null, "NO", "NO"};
  }

  /** The types a collaboration table's columns can have, and nothing Calcite knows beyond them. */
  public ResultSet getTypeInfo() throws SQLException {
    MetaRows rows = new MetaRows(MetaColumns.TYPE_INFO);
    List<SqlTypeName> ordered = new ArrayList<>(JdbcTypes.TABLE_TYPES);
    ordered.sort(Comparator.comparingInt(SqlTypeName::getJdbcOrdinal));
    for (SqlTypeName name : ordered) {
      JdbcType t = JdbcTypes.of(name, name == SqlTypeName.DECIMAL ? 38 : -1, 0);
      boolean text = name == SqlTypeName.CHAR || name == SqlTypeName.VARCHAR;
      boolean dated = name == SqlTypeName.DATE || name == SqlTypeName.TIME || name == SqlTypeName.TIMESTAMP
          || name == SqlTypeName.TIMESTAMP_WITH_LOCAL_TIME_ZONE;
      String prefix = text ? "'" : dated ? t.typeName() + " '" : name == SqlTypeName.VARBINARY ? "X'" : null;
      String params = name == SqlTypeName.DECIMAL ? "precision,scale" : text ? "length" : null;
      boolean numeric = t.radix() != null;
      rows.add(t.typeName(), t.dataType(), t.columnSize(), prefix, prefix == null ? null : "'", params,
          (short) DatabaseMetaData.typeNullable, text, JdbcTypes.searchable(name), numeric ? false : null,
          false, false, t.typeName(), (short) 0, (short) (name == SqlTypeName.DECIMAL ? 38 : 0), null, null,
          t.radix());
    }
    return rows.toResultSet();
  }

  public ResultSet getPrimaryKeys(String catalog, String schema, String table) throws SQLException {
    return new MetaRows(MetaColumns.PRIMARY_KEYS).toResultSet();
  }

  public ResultSet getImportedKeys(String catalog, String schema, String table) throws SQLException {
    return new MetaRows(MetaColumns.KEYS).toResultSet();
  }

  public ResultSet getExportedKeys(String catalog, String schema, String table) throws SQLException {
    return new MetaRows(MetaColumns.KEYS).toResultSet();
  }

  public ResultSet getCrossReference(String parentCatalog, String parentSchema, String parentTable,
      String foreignCatalog, String foreignSchema, String foreignTable) throws SQLException {
    return new MetaRows(MetaColumns.KEYS).toResultSet();
  }

  public ResultSet getIndexInfo(String catalog, String schema, String table, boolean unique, boolean approximate)
      throws SQLException {
    return new MetaRows(MetaColumns.INDEX_INFO).toResultSet();
  }

  public ResultSet getColumnPrivileges(String catalog, String schema, String table, String columnPattern)
      throws SQLException {
    return new MetaRows(MetaColumns.COLUMN_PRIVILEGES).toResultSet();
  }

  public ResultSet getTablePrivileges(String catalog, String schemaPattern, String tablePattern)
      throws SQLException {
    return new MetaRows(MetaColumns.TABLE_PRIVILEGES).toResultSet();
  }

  public ResultSet getBestRowIdentifier(String catalog, String schema, String table, int scope, boolean nullable)
      throws SQLException {
    return new MetaRows(MetaColumns.BEST_ROW_IDENTIFIER).toResultSet();
  }

  public ResultSet getVersionColumns(String catalog, String schema, String table) throws SQLException {
    return new MetaRows(MetaColumns.VERSION_COLUMNS).toResultSet();
  }

  public ResultSet getUDTs(String catalog, String schemaPattern, String typePattern, int[] types)
      throws SQLException {
    return new MetaRows(MetaColumns.UDTS).toResultSet();
  }

  public ResultSet getSuperTypes(String catalog, String schemaPattern, String typePattern) throws SQLException {
    return new MetaRows(MetaColumns.SUPER_TYPES).toResultSet();
  }

  public ResultSet getSuperTables(String catalog, String schemaPattern, String tablePattern) throws SQLException {
    return new MetaRows(MetaColumns.SUPER_TABLES).toResultSet();
  }

  public ResultSet getAttributes(String catalog, String schemaPattern, String typePattern, String attributePattern)
      throws SQLException {
    return new MetaRows(MetaColumns.ATTRIBUTES).toResultSet();
  }

  public ResultSet getPseudoColumns(String catalog, String schemaPattern, String tablePattern, String columnPattern)
      throws SQLException {
    return new MetaRows(MetaColumns.PSEUDO_COLUMNS).toResultSet();
  }

  /** The schemas a pattern matches, in name order; never Calcite's own metadata schema. */
  List<String> schemas(String pattern) {
    Set<String> names = new TreeSet<>(root.subSchemas().getNames(org.apache.calcite.schema.lookup.LikePattern.any()));
    names.remove(CALCITE_METADATA);
    return names.stream().filter(n -> LikePattern.matches(pattern, n)).toList();
  }

  private List<String> tables(String schema, String pattern) {
    SchemaPlus s = root.subSchemas().get(schema);
    return new TreeSet<>(s.tables().getNames(org.apache.calcite.schema.lookup.LikePattern.any())).stream()
        .filter(n -> LikePattern.matches(pattern, n)).toList();
  }

  /** No catalogs: null and "" (JDBC's "without a catalog") match, any other name matches nothing. */
  static boolean noCatalog(String catalog) {
    return catalog == null || catalog.isEmpty();
  }
}
