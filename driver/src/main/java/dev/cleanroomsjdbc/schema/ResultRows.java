package dev.cleanroomsjdbc.schema;

import dev.cleanroomsjdbc.results.ResultReader;
import dev.cleanroomsjdbc.results.NamedResult;
import org.apache.calcite.linq4j.AbstractEnumerable;
import org.apache.calcite.linq4j.Enumerable;
import org.apache.calcite.linq4j.Enumerator;
import org.apache.calcite.linq4j.Linq4j;
import org.apache.calcite.rel.type.RelDataType;

/** The rows of one named result as an {@link Enumerable}: each enumeration streams the files again from S3. */
final class ResultRows extends AbstractEnumerable<Object[]> {
  private final ResultReader reader;
  private final NamedResult result;
  private final RelDataType rowType;

  private ResultRows(ResultReader reader, NamedResult result, RelDataType rowType) {
    this.reader = reader;
    this.result = result;
    this.rowType = rowType;
  }

  static Enumerable<Object[]> of(ResultReader reader, NamedResult result, RelDataType rowType) {
    return new ResultRows(reader, result, rowType);
  }

  @Override
  public Enumerator<Object[]> enumerator() {
    if (DirectResults.offer(reader, result, rowType)) {
      return Linq4j.emptyEnumerator(); // the driver streams this result itself
    }
    return reader.open(result, rowType);
  }
}
