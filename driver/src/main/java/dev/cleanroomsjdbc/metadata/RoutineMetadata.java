package dev.cleanroomsjdbc.metadata;

import dev.cleanroomsjdbc.metadata.JdbcTypes.JdbcType;
import dev.cleanroomsjdbc.schema.CollaborationSchema;
import dev.cleanroomsjdbc.schema.SqlFunctions;
import dev.cleanroomsjdbc.schema.TemplateFunction;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.TreeSet;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.schema.Function;
import org.apache.calcite.schema.FunctionParameter;
import org.apache.calcite.schema.ScalarFunction;
import org.apache.calcite.schema.SchemaPlus;
import org.apache.calcite.schema.TableFunction;
import software.amazon.awssdk.services.cleanrooms.model.AnalysisParameter;
import software.amazon.awssdk.services.cleanrooms.model.CollaborationAnalysisTemplate;

/**
 * What a user can call, as DatabaseMetaData lists it: the collaboration's analysis templates once each, as
 * procedures (DBeaver reads functions first and takes a driver that lists a routine twice for broken), and as
 * functions only what the driver's SQL adds to the standard's: {@code cleanrooms.job_result} and
 * {@code refresh_metadata}, the functions of the root schema (TO_DATE, TO_TIMESTAMP), never Calcite's built-in
 * operators.
 */
public final class RoutineMetadata {
  private final SchemaPlus root;
  private final CollaborationSchema collaboration;
  private final RelDataTypeFactory types = dev.cleanroomsjdbc.schema.CleanRoomsTypeSystem.typeFactory();

  public RoutineMetadata(SchemaPlus root, CollaborationSchema collaboration) {
    this.root = root;
    this.collaboration = collaboration;
  }

  /** Every analysis template of the collaboration, with its format and description in REMARKS. */
  public ResultSet getProcedures(String catalog, String schemaPattern, String procedurePattern) throws SQLException {
    MetaRows rows = new MetaRows(MetaColumns.PROCEDURES);
    if (SchemaMetadata.noCatalog(catalog)) {
      for (TemplateFunction f : templates(schemaPattern)) {
        CollaborationAnalysisTemplate t = f.template();
        if (LikePattern.matches(procedurePattern, t.name())) {
          rows.add(null, collaboration.name(), t.name(), null, null, null, remarks(t),
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
    MetaRows rows = new MetaRows(MetaColumns.PROCEDURE_COLUMNS);
    if (SchemaMetadata.noCatalog(catalog)) {
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
            JdbcType type = ParameterTypes.jdbcType(p.typeAsString());
            rows.add(null, collaboration.name(), t.name(), p.name(), (short) DatabaseMetaData.procedureColumnIn,
                type.dataType(), type.typeName(), type.columnSize(), null, type.decimalDigits() == null ? null
                    : (short) (int) type.decimalDigits(), type.radix() == null ? null : (short) (int) type.radix(),
                (short) (optional ? DatabaseMetaData.procedureNullable : DatabaseMetaData.procedureNoNulls),
                (optional ? "optional" : "required") + " (Clean Rooms type " + p.typeAsString() + ")",
                p.defaultValue(), null, null, type.charOctetLength(), ordinal, optional ? "YES" : "NO", t.arn());
          }
        }
      }
    }
    return rows.toResultSet();
  }

  /** The driver's own functions: the system schema's table functions and the root schema's scalar functions. */
  public ResultSet getFunctions(String catalog, String schemaPattern, String functionPattern) throws SQLException {
    MetaRows rows = new MetaRows(MetaColumns.FUNCTIONS);
    if (SchemaMetadata.noCatalog(catalog)) {
      for (Routine r : routines(schemaPattern, functionPattern)) {
        rows.add(null, r.schema(), r.name(), SqlFunctions.description(r.name()),
            (short) (r.function() instanceof TableFunction ? DatabaseMetaData.functionReturnsTable
                : DatabaseMetaData.functionNoTable), r.name());
      }
    }
    return rows.toResultSet();
  }

  public ResultSet getFunctionColumns(String catalog, String schemaPattern, String functionPattern,
      String columnPattern) throws SQLException {
    MetaRows rows = new MetaRows(MetaColumns.FUNCTION_COLUMNS);
    if (SchemaMetadata.noCatalog(catalog)) {
      for (Routine r : routines(schemaPattern, functionPattern)) {
        if (r.function() instanceof ScalarFunction scalar && LikePattern.matches(columnPattern, "")) {
          rows.add(functionColumn(r, "", DatabaseMetaData.functionReturn, JdbcTypes.of(scalar.getReturnType(types)),
              true, 0));
        }
        for (FunctionParameter p : r.function().getParameters()) {
          if (LikePattern.matches(columnPattern, p.getName())) {
            rows.add(functionColumn(r, p.getName(), DatabaseMetaData.functionColumnIn,
                JdbcTypes.of(p.getType(types)), p.isOptional(), p.getOrdinal() + 1));
          }
        }
      }
    }
    return rows.toResultSet();
  }

  private static Object[] functionColumn(Routine r, String name, int kind, JdbcType t, boolean nullable,
      int ordinal) {
    return new Object[] {null, r.schema(), r.name(), name, (short) kind, t.dataType(), t.typeName(),
        t.columnSize(), null, t.decimalDigits() == null ? null : (short) (int) t.decimalDigits(),
        t.radix() == null ? null : (short) (int) t.radix(),
        (short) (nullable ? DatabaseMetaData.functionNullable : DatabaseMetaData.functionNoNulls), null,
        t.charOctetLength(), ordinal, nullable ? "YES" : "NO", r.name()};
  }

  /** A function of the root schema (schema null) or of the system schema, under its name. */
  private record Routine(String schema, String name, Function function) {}

  private List<Routine> routines(String schemaPattern, String functionPattern) {
    List<Routine> found = new ArrayList<>();
    if (schemaPattern == null || schemaPattern.isEmpty() || schemaPattern.equals("%")) {
      for (String name : new TreeSet<>(root.getFunctionNames())) {
        if (LikePattern.matches(functionPattern, name)) {
          root.getFunctions(name).forEach(f -> found.add(new Routine(null, name, f)));
        }
      }
    }
    SchemaPlus system = root.subSchemas().get(dev.cleanroomsjdbc.schema.SystemSchema.NAME);
    if (system != null && LikePattern.matches(schemaPattern, dev.cleanroomsjdbc.schema.SystemSchema.NAME)) {
      for (String name : new TreeSet<>(system.getFunctionNames())) {
        if (LikePattern.matches(functionPattern, name)) {
          system.getFunctions(name).forEach(f -> found.add(
              new Routine(dev.cleanroomsjdbc.schema.SystemSchema.NAME, name, f)));
        }
      }
    }
    found.sort(Comparator.comparing((Routine r) -> r.schema() == null ? "" : r.schema())
        .thenComparing(Routine::name));
    return found;
  }

  private List<TemplateFunction> templates(String schemaPattern) {
    List<TemplateFunction> list = new ArrayList<>();
    if (LikePattern.matches(schemaPattern, collaboration.name())) {
      list.addAll(collaboration.templates());
    }
    list.sort(Comparator.comparing(f -> f.template().name()));
    return list;
  }

  private static String remarks(CollaborationAnalysisTemplate t) {
    String description = t.description() == null || t.description().isEmpty() ? "" : ": " + t.description();
    return "Analysis template (" + t.formatAsString() + ")" + description;
  }
}
