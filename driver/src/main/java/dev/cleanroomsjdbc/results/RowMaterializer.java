package dev.cleanroomsjdbc.results;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.parquet.io.api.Converter;
import org.apache.parquet.io.api.GroupConverter;
import org.apache.parquet.io.api.RecordMaterializer;
import org.apache.parquet.schema.GroupType;
import org.apache.parquet.schema.Type;

/**
 * Assembles Parquet records straight into {@code Object[]} rows laid out as the result's row type, without
 * the slower example {@code Group} API.
 */
final class RowMaterializer extends RecordMaterializer<Object[]> {

  private final Root root;

  /**
   * @param schema the requested (projected) file schema
   * @param targets for each field of {@code schema}, its index in {@code rowType}
   */
  RowMaterializer(GroupType schema, int[] targets, RelDataType rowType) {
    this.root = new Root(schema, targets, rowType);
  }

  @Override
  public Object[] getCurrentRecord() {
    return root.row;
  }

  @Override
  public GroupConverter getRootConverter() {
    return root;
  }

  private static final class Root extends GroupConverter {
    private final int width;
    private final Converter[] converters;
    private final int[] targets;
    /** Per field: the values of a repeated top-level field, rendered as a JSON array at the record's end. */
    private final List<Object>[] repeated;
    private Object[] row;

    @SuppressWarnings({"unchecked", "rawtypes"})
    Root(GroupType schema, int[] targets, RelDataType rowType) {
      this.width = rowType.getFieldCount();
      this.targets = targets;
      this.converters = new Converter[schema.getFieldCount()];
      this.repeated = new List[schema.getFieldCount()];
      for (int i = 0; i < converters.length; i++) {
        Type field = schema.getType(i);
        int target = targets[i];
        int field0 = i;
        if (field.isRepetition(Type.Repetition.REPEATED)) {
          repeated[i] = new ArrayList<>();
          converters[i] = JsonConverters.create(field, v -> repeated[field0].add(v));
        } else if (!field.isPrimitive()) {
          converters[i] = JsonConverters.create(field, v -> row[target] = JsonConverters.render(v));
        } else {
          converters[i] = PrimitiveConverters.create(field.asPrimitiveType(),
              slot(target, rowType.getFieldList().get(target).getType()), false);
        }
      }
    }

    /** The sink for a primitive column, rescaling decimals whose scale the type system changed. */
    private ValueSink slot(int target, RelDataType type) {
      if (type.getSqlTypeName() == SqlTypeName.DECIMAL) {
        int scale = type.getScale();
        return v -> {
          BigDecimal d = (BigDecimal) v;
          row[target] = d.scale() == scale ? d : d.setScale(scale, RoundingMode.HALF_UP);
        };
      }
      return v -> row[target] = v;
    }

    @Override
    public Converter getConverter(int fieldIndex) {
      return converters[fieldIndex];
    }

    @Override
    public void start() {
      row = new Object[width];
      for (List<Object> values : repeated) {
        if (values != null) {
          values.clear();
        }
      }
    }

    @Override
    public void end() {
      for (int i = 0; i < repeated.length; i++) {
        if (repeated[i] != null) {
          row[targets[i]] = JsonConverters.render(repeated[i]);
        }
      }
    }
  }
}
