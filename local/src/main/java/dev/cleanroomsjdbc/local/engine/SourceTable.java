package dev.cleanroomsjdbc.local.engine;

import dev.cleanroomsjdbc.local.storage.CloseableIterator;
import dev.cleanroomsjdbc.local.storage.GlueType;
import dev.cleanroomsjdbc.local.storage.LocalS3;
import dev.cleanroomsjdbc.local.storage.TableReader;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.function.BooleanSupplier;
import org.apache.calcite.DataContext;
import org.apache.calcite.linq4j.AbstractEnumerable;
import org.apache.calcite.linq4j.Enumerable;
import org.apache.calcite.linq4j.Enumerator;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.schema.ScannableTable;
import org.apache.calcite.schema.impl.AbstractTable;
import org.apache.calcite.sql.type.SqlTypeName;

/** A referenced table as Calcite sees it in a SQL job: typed from its Glue columns, scanned straight from S3. */
final class SourceTable extends AbstractTable implements ScannableTable {
  private static final int CANCEL_POLL_ROWS = 256;

  private final LocalS3 s3;
  private final TableSource source;
  private final GlueType[] types;
  private final BooleanSupplier cancelled;

  SourceTable(LocalS3 s3, TableSource source, BooleanSupplier cancelled) {
    this.s3 = s3;
    this.source = source;
    this.types = source.columns().stream().map(c -> GlueType.parse(c.name(), c.type())).toArray(GlueType[]::new);
    this.cancelled = cancelled;
  }

  @Override
  public RelDataType getRowType(RelDataTypeFactory factory) {
    RelDataTypeFactory.Builder row = factory.builder();
    List<ColumnSpec> columns = source.columns();
    for (int i = 0; i < columns.size(); i++) {
      row.add(columns.get(i).name(), factory.createTypeWithNullability(sqlType(factory, types[i]), true));
    }
    return row.build();
  }

  private static RelDataType sqlType(RelDataTypeFactory factory, GlueType type) {
    return switch (type.kind()) {
      case STRING -> factory.createSqlType(SqlTypeName.VARCHAR);
      case BIGINT -> factory.createSqlType(SqlTypeName.BIGINT);
      case INT -> factory.createSqlType(SqlTypeName.INTEGER);
      case SMALLINT -> factory.createSqlType(SqlTypeName.SMALLINT);
      case TINYINT -> factory.createSqlType(SqlTypeName.TINYINT);
      case DOUBLE -> factory.createSqlType(SqlTypeName.DOUBLE);
      case FLOAT -> factory.createSqlType(SqlTypeName.REAL);
      case DECIMAL -> factory.createSqlType(SqlTypeName.DECIMAL, type.precision(), type.scale());
      case BOOLEAN -> factory.createSqlType(SqlTypeName.BOOLEAN);
      case DATE -> factory.createSqlType(SqlTypeName.DATE);
      // Calcite keeps timestamps as epoch millis, so microseconds cannot survive a SQL job anyway.
      case TIMESTAMP -> factory.createSqlType(SqlTypeName.TIMESTAMP, 3);
    };
  }

  @Override
  public Enumerable<Object[]> scan(DataContext root) {
    return new AbstractEnumerable<>() {
      @Override
      public Enumerator<Object[]> enumerator() {
        return new RowEnumerator(TableReader.open(s3, source));
      }
    };
  }

  /** Converts rows to Calcite's internal values (dates as epoch days, timestamps as epoch millis). */
  private final class RowEnumerator implements Enumerator<Object[]> {
    private final CloseableIterator<Object[]> rows;
    private Object[] current;
    private long count;

    RowEnumerator(CloseableIterator<Object[]> rows) {
      this.rows = rows;
    }

    @Override
    public Object[] current() {
      return current;
    }

    @Override
    public boolean moveNext() {
      if (++count % CANCEL_POLL_ROWS == 0 && cancelled.getAsBoolean()) {
        throw new CancellationException("the job was cancelled while reading table " + source.name());
      }
      if (!rows.hasNext()) {
        return false;
      }
      Object[] row = rows.next();
      for (int i = 0; i < row.length; i++) {
        if (row[i] instanceof LocalDate d) {
          row[i] = (int) d.toEpochDay();
        } else if (row[i] instanceof Instant t) {
          row[i] = t.toEpochMilli();
        }
      }
      current = row;
      return true;
    }

    @Override
    public void reset() {
      throw new UnsupportedOperationException();
    }

    @Override
    public void close() {
      rows.close();
    }
  }
}
