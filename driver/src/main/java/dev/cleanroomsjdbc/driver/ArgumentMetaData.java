package dev.cleanroomsjdbc.driver;

import dev.cleanroomsjdbc.execution.SqlState;
import dev.cleanroomsjdbc.metadata.JdbcTypes;
import dev.cleanroomsjdbc.metadata.JdbcTypes.JdbcType;
import java.sql.ParameterMetaData;
import java.sql.SQLException;
import java.util.List;
import org.apache.calcite.sql.type.SqlTypeName;

/**
 * ParameterMetaData of a statement that binds analysis template arguments ({@link TemplateArguments}): each marker
 * typed from its template parameter's Clean Rooms type (VARCHAR where it is not one), nullable where the parameter
 * has a default (a NULL then takes the default).
 */
final class ArgumentMetaData implements ParameterMetaData {
  private final List<TemplateArguments.Slot> slots;

  ArgumentMetaData(List<TemplateArguments.Slot> slots) {
    this.slots = slots;
  }

  @Override
  public int getParameterCount() {
    return slots.size();
  }

  private TemplateArguments.Slot slot(int param) throws SQLException {
    if (param < 1 || param > slots.size()) {
      throw SqlState.INVALID_PARAMETER_VALUE.exception("Parameter index " + param + " is out of range: the"
          + " statement has " + slots.size());
    }
    return slots.get(param - 1);
  }

  private JdbcType type(int param) throws SQLException {
    SqlTypeName t = slot(param).type();
    return JdbcTypes.of(t == null ? SqlTypeName.VARCHAR : t, -1, 0);
  }

  @Override
  public int isNullable(int param) throws SQLException {
    TemplateArguments.Slot s = slot(param);
    return s.parameter() == null ? parameterNullableUnknown
        : s.parameter().defaultValue() != null ? parameterNullable : parameterNoNulls;
  }

  @Override
  public boolean isSigned(int param) throws SQLException {
    return type(param).radix() != null;
  }

  @Override
  public int getPrecision(int param) throws SQLException {
    Integer size = type(param).columnSize();
    return size == null ? 0 : size;
  }

  @Override
  public int getScale(int param) throws SQLException {
    Integer digits = type(param).decimalDigits();
    return digits == null ? 0 : digits;
  }

  @Override
  public int getParameterType(int param) throws SQLException {
    return type(param).dataType();
  }

  @Override
  public String getParameterTypeName(int param) throws SQLException {
    return type(param).typeName();
  }

  @Override
  public String getParameterClassName(int param) throws SQLException {
    return switch (getParameterType(param)) {
      case java.sql.Types.BIGINT -> Long.class.getName();
      case java.sql.Types.INTEGER -> Integer.class.getName();
      case java.sql.Types.SMALLINT -> Short.class.getName();
      case java.sql.Types.TINYINT -> Byte.class.getName();
      case java.sql.Types.DOUBLE -> Double.class.getName();
      case java.sql.Types.REAL -> Float.class.getName();
      case java.sql.Types.DECIMAL -> java.math.BigDecimal.class.getName();
      case java.sql.Types.BOOLEAN -> Boolean.class.getName();
      case java.sql.Types.DATE -> java.sql.Date.class.getName();
      case java.sql.Types.TIME -> java.sql.Time.class.getName();
      case java.sql.Types.TIMESTAMP -> java.sql.Timestamp.class.getName();
      case java.sql.Types.VARBINARY -> byte[].class.getName();
      default -> String.class.getName();
    };
  }

  @Override
  public int getParameterMode(int param) throws SQLException {
    slot(param);
    return parameterModeIn;
  }

  @Override
  public <T> T unwrap(Class<T> iface) throws SQLException {
    if (iface.isInstance(this)) {
      return iface.cast(this);
    }
    throw SqlState.INVALID_PARAMETER_VALUE.exception("Not a wrapper for " + iface.getName());
  }

  @Override
  public boolean isWrapperFor(Class<?> iface) {
    return iface.isInstance(this);
  }
}
