package dev.cleanroomsjdbc.schema;

import dev.cleanroomsjdbc.execution.CleanRoomsRuntimeException;
import dev.cleanroomsjdbc.execution.SqlState;
import java.lang.reflect.Method;
import java.lang.reflect.Type;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.calcite.DataContext;
import org.apache.calcite.adapter.enumerable.CallImplementor;
import org.apache.calcite.linq4j.Enumerable;
import org.apache.calcite.linq4j.tree.Expression;
import org.apache.calcite.linq4j.tree.Expressions;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.schema.ImplementableFunction;
import org.apache.calcite.schema.SchemaPlus;
import org.apache.calcite.schema.TableFunction;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * A table function whose rows come from S3 result files (a template's job, or a past job's results).
 * Calcite's generated code calls {@link #scan} with the function's schema, name and argument values; the
 * row type is known only once the results exist, so {@link #getRowType} may run the job (once per execution).
 */
public abstract class CleanRoomsTableFunction implements TableFunction, ImplementableFunction {
  private static final Method SCAN = scanMethod();

  private final String schemaName;
  private final String functionName;

  protected CleanRoomsTableFunction(String schemaName, String functionName) {
    this.schemaName = schemaName;
    this.functionName = functionName;
  }

  /** The row type of the result this call reads; arguments are literal values (null where not a literal). */
  protected abstract RelDataType rowType(RelDataTypeFactory typeFactory, List<?> arguments) throws SQLException;

  /** The rows of the result this call reads. */
  protected abstract Enumerable<Object[]> rows(List<?> arguments) throws SQLException;

  @Override
  public final RelDataType getRowType(RelDataTypeFactory typeFactory, List<? extends @Nullable Object> arguments) {
    try {
      return rowType(typeFactory, arguments);
    } catch (SQLException e) {
      throw new CleanRoomsRuntimeException(e);
    }
  }

  @Override
  public final Type getElementType(List<? extends @Nullable Object> arguments) {
    return Object[].class;
  }

  @Override
  public final CallImplementor getImplementor() {
    return (translator, call, nullAs) -> {
      List<Expression> args = new ArrayList<>();
      for (Expression operand : translator.translateList(call.getOperands())) {
        args.add(Expressions.box(operand));
      }
      return Expressions.call(SCAN, translator.getRoot(), Expressions.constant(schemaName),
          Expressions.constant(functionName), Expressions.newArrayInit(Object.class, args));
    };
  }

  /** Called by generated code: finds the function again through the connection's schema and reads its rows. */
  public static Enumerable<Object[]> scan(DataContext root, String schemaName, String functionName, Object[] args) {
    SchemaPlus schema = root.getRootSchema().subSchemas().get(schemaName);
    CleanRoomsTableFunction function = schema == null ? null
        : schema.getFunctions(functionName).stream()
            .filter(CleanRoomsTableFunction.class::isInstance).map(CleanRoomsTableFunction.class::cast)
            .findFirst().orElse(null);
    try {
      if (function == null) {
        throw SqlState.UNDEFINED_FUNCTION.exception(schemaName + "." + functionName + " no longer exists");
      }
      return function.rows(Arrays.asList(args)); // an omitted optional argument arrives as null
    } catch (SQLException e) {
      throw new CleanRoomsRuntimeException(e);
    }
  }

  private static Method scanMethod() {
    try {
      return CleanRoomsTableFunction.class.getMethod("scan", DataContext.class, String.class, String.class,
          Object[].class);
    } catch (NoSuchMethodException e) {
      throw new ExceptionInInitializerError(e);
    }
  }
}
