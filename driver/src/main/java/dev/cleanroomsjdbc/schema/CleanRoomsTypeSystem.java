package dev.cleanroomsjdbc.schema;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import org.apache.calcite.adapter.java.JavaTypeFactory;
import org.apache.calcite.jdbc.JavaTypeFactoryImpl;
import org.apache.calcite.rel.type.RelDataTypeSystem;
import org.apache.calcite.rel.type.RelDataTypeSystemImpl;
import org.apache.calcite.sql.type.SqlTypeName;

/**
 * Calcite's type system with Spark's limits: DECIMAL up to 38 digits (Calcite's default stops at 19, which
 * would silently narrow a Glue {@code decimal(38,10)} column), and Unicode strings.
 */
public final class CleanRoomsTypeSystem extends RelDataTypeSystemImpl {
  public static final RelDataTypeSystem INSTANCE = new CleanRoomsTypeSystem();

  private static final int SPARK_MAX_DECIMAL_PRECISION = 38;

  /**
   * A type factory with this type system whose strings are Unicode: Calcite's default character set is
   * ISO-8859-1, in which a literal such as {@code 'é😀'} fails with "Failed to encode". Used by every connection and
   * for row types worked out outside a Calcite statement.
   */
  public static JavaTypeFactory typeFactory() {
    return new JavaTypeFactoryImpl(INSTANCE) {
      @Override
      public Charset getDefaultCharset() {
        return StandardCharsets.UTF_8;
      }
    };
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
