package dev.cleanroomsjdbc.schema;

import org.apache.calcite.adapter.java.JavaTypeFactory;
import org.apache.calcite.jdbc.JavaTypeFactoryImpl;
import org.apache.calcite.rel.type.RelDataTypeSystem;
import org.apache.calcite.rel.type.RelDataTypeSystemImpl;
import org.apache.calcite.sql.type.SqlTypeName;

/**
 * Calcite's type system with Spark's limits: DECIMAL up to 38 digits (Calcite's default stops at 19, which
 * would silently narrow a Glue {@code decimal(38,10)} column).
 */
public final class CleanRoomsTypeSystem extends RelDataTypeSystemImpl {
  public static final RelDataTypeSystem INSTANCE = new CleanRoomsTypeSystem();

  private static final int SPARK_MAX_DECIMAL_PRECISION = 38;

  /** A type factory with this type system, for row types worked out outside a Calcite statement. */
  public static JavaTypeFactory typeFactory() {
    return new JavaTypeFactoryImpl(INSTANCE);
  }

  @Override
  public int getMaxPrecision(SqlTypeName typeName) {
    return typeName == SqlTypeName.DECIMAL ? SPARK_MAX_DECIMAL_PRECISION : super.getMaxPrecision(typeName);
  }

  @Override
  public int getMaxScale(SqlTypeName typeName) {
    return typeName == SqlTypeName.DECIMAL ? SPARK_MAX_DECIMAL_PRECISION : super.getMaxScale(typeName);
  }
}
