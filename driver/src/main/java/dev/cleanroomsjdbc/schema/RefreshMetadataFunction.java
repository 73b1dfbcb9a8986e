package dev.cleanroomsjdbc.schema;

import java.util.List;
import org.apache.calcite.linq4j.Enumerable;
import org.apache.calcite.linq4j.Linq4j;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.schema.FunctionParameter;
import org.apache.calcite.sql.type.SqlTypeName;

/**
 * {@code CALL cleanrooms.refresh_metadata()}: drops the collaboration metadata this JVM's connections share
 * ({@link MetadataCache}), so that every connection reads tables, templates and rules from Clean Rooms again at
 * its next use. One row: {@code cleared}, how many shared entries were dropped.
 */
public final class RefreshMetadataFunction extends CleanRoomsTableFunction {
  public static final String NAME = "refresh_metadata";

  RefreshMetadataFunction(String schemaName) {
    super(schemaName, NAME);
  }

  @Override
  public List<FunctionParameter> getParameters() {
    return List.of();
  }

  @Override
  protected RelDataType rowType(RelDataTypeFactory typeFactory, List<?> arguments) {
    return typeFactory.builder().add("cleared", SqlTypeName.INTEGER).build();
  }

  @Override
  protected Enumerable<Object[]> rows(List<?> arguments) {
    return Linq4j.singletonEnumerable(new Object[] {MetadataCache.clear()});
  }
}
