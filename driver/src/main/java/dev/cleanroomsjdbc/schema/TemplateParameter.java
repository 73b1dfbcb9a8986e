package dev.cleanroomsjdbc.schema;

import dev.cleanroomsjdbc.execution.SqlState;
import java.math.BigDecimal;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.Locale;
import org.apache.calcite.adapter.java.JavaTypeFactory;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.schema.FunctionParameter;
import org.apache.calcite.util.NlsString;
import software.amazon.awssdk.services.cleanrooms.model.AnalysisParameter;

/**
 * A SQL analysis template's parameter as a function parameter: optional where the template gives a default.
 * Calcite sees every parameter as nullable text (Clean Rooms takes values as text, and a typed Java parameter
 * would let Calcite coerce a bad literal in a way that fails obscurely); {@link #check} then holds the value to
 * the parameter's Clean Rooms {@code ParameterType} before anything is submitted.
 */
final class TemplateParameter implements FunctionParameter {
  private final int ordinal;
  private final AnalysisParameter parameter;

  TemplateParameter(int ordinal, AnalysisParameter parameter) {
    this.ordinal = ordinal;
    this.parameter = parameter;
  }

  @Override
  public int getOrdinal() {
    return ordinal;
  }

  @Override
  public String getName() {
    return parameter.name();
  }

  @Override
  public RelDataType getType(RelDataTypeFactory typeFactory) {
    return typeFactory.createTypeWithNullability(((JavaTypeFactory) typeFactory).createType(String.class), true);
  }

  @Override
  public boolean isOptional() {
    return parameter.defaultValue() != null;
  }

  /** The argument as the text StartProtectedQuery takes, or why it does not fit the parameter's type. */
  String check(Object value, String template) throws SQLException {
    String text = value instanceof NlsString nls ? nls.getValue()
        : value instanceof BigDecimal decimal ? decimal.toPlainString() : value.toString();
    String type = parameter.typeAsString().toUpperCase(Locale.ROOT);
    try {
      switch (type) {
        case "SMALLINT", "SHORT", "INTEGER", "INT", "BIGINT", "LONG", "TINYINT", "BYTE" -> Long.parseLong(text.trim());
        case "DECIMAL", "NUMERIC", "REAL", "FLOAT", "DOUBLE", "DOUBLE_PRECISION" -> new BigDecimal(text.trim());
        case "BOOLEAN" -> {
          if (!text.equalsIgnoreCase("true") && !text.equalsIgnoreCase("false")) {
            throw new IllegalArgumentException("not true or false");
          }
        }
        case "DATE" -> LocalDate.parse(text.trim());
        default -> { }
      }
    } catch (RuntimeException e) {
      throw SqlState.INVALID_PARAMETER_VALUE.exception("Parameter " + parameter.name() + " of analysis template "
          + template + " is " + type + ", and '" + text + "' is not one", e);
    }
    return text;
  }
}
