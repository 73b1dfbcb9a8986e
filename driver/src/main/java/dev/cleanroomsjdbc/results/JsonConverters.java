package dev.cleanroomsjdbc.results;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.parquet.io.api.Converter;
import org.apache.parquet.io.api.GroupConverter;
import org.apache.parquet.schema.GroupType;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.Type;

/**
 * Parquet converters for nested values (LIST, MAP, structs, repeated fields) that build plain maps and lists,
 * rendered as one JSON string per column value.
 */
final class JsonConverters {

  // plain decimals: 1E+3 is valid JSON but reads badly next to the column's other values
  private static final ObjectMapper MAPPER = new ObjectMapper()
      .enable(JsonGenerator.Feature.WRITE_BIGDECIMAL_AS_PLAIN);

  private JsonConverters() {
  }

  /** JSON text for a value built by these converters. */
  static String render(Object value) {
    try {
      return MAPPER.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      // maps, lists, strings, numbers and byte arrays always serialize
      throw new IllegalStateException("Cannot render a nested Parquet value as JSON", e);
    }
  }

  /** A converter for one value of {@code type}, ignoring the type's own repetition. */
  static Converter create(Type type, ValueSink sink) {
    if (type.isPrimitive()) {
      return PrimitiveConverters.create(type.asPrimitiveType(), sink, true);
    }
    GroupType group = type.asGroupType();
    LogicalTypeAnnotation logical = group.getLogicalTypeAnnotation();
    if (logical instanceof LogicalTypeAnnotation.ListLogicalTypeAnnotation && group.getFieldCount() == 1) {
      return new ListConverter(group, sink);
    }
    if ((logical instanceof LogicalTypeAnnotation.MapLogicalTypeAnnotation
        || logical instanceof LogicalTypeAnnotation.MapKeyValueTypeAnnotation)
        && group.getFieldCount() == 1 && !group.getType(0).isPrimitive()) {
      return new MapConverter(group, sink);
    }
    return new StructConverter(group, sink);
  }

  /** A struct: a JSON object with every field, absent ones as null and repeated ones as arrays. */
  private static final class StructConverter extends GroupConverter {
    private final GroupType type;
    private final ValueSink sink;
    private final Converter[] children;
    private Map<String, Object> current;

    StructConverter(GroupType type, ValueSink sink) {
      this.type = type;
      this.sink = sink;
      this.children = new Converter[type.getFieldCount()];
      for (int i = 0; i < children.length; i++) {
        Type field = type.getType(i);
        String name = field.getName();
        children[i] = field.isRepetition(Type.Repetition.REPEATED)
            ? create(field, v -> listOf(current.get(name)).add(v))
            : create(field, v -> current.put(name, v));
      }
    }

    @Override
    public Converter getConverter(int fieldIndex) {
      return children[fieldIndex];
    }

    @Override
    public void start() {
      current = new LinkedHashMap<>();
      for (Type field : type.getFields()) {
        current.put(field.getName(), field.isRepetition(Type.Repetition.REPEATED) ? new ArrayList<>() : null);
      }
    }

    @Override
    public void end() {
      sink.accept(current);
    }

    @SuppressWarnings("unchecked")
    private static List<Object> listOf(Object value) {
      return (List<Object>) value;
    }
  }

  /** A LIST: a JSON array, read from the standard three-level layout or the legacy two-level ones. */
  private static final class ListConverter extends GroupConverter {
    private final ValueSink sink;
    private final Converter child;
    private List<Object> current;

    ListConverter(GroupType type, ValueSink sink) {
      this.sink = sink;
      Type repeated = type.getType(0);
      if (isElementWrapper(repeated, type.getName())) {
        Type element = repeated.asGroupType().getType(0);
        this.child = new WrapperConverter(element, v -> current.add(v));
      } else {
        // legacy: the repeated field is the element itself
        this.child = create(repeated, v -> current.add(v));
      }
    }

    /** The Parquet format's backward-compatibility rules for LIST. */
    private static boolean isElementWrapper(Type repeated, String listName) {
      return !repeated.isPrimitive() && repeated.asGroupType().getFieldCount() == 1
          && !repeated.getName().equals("array") && !repeated.getName().equals(listName + "_tuple");
    }

    @Override
    public Converter getConverter(int fieldIndex) {
      return child;
    }

    @Override
    public void start() {
      current = new ArrayList<>();
    }

    @Override
    public void end() {
      sink.accept(current);
    }
  }

  /** The repeated middle level of a three-level LIST: adds its element, or null when the element is absent. */
  private static final class WrapperConverter extends GroupConverter {
    private final ValueSink sink;
    private final Converter child;
    private Object value;

    WrapperConverter(Type element, ValueSink sink) {
      this.sink = sink;
      this.child = create(element, v -> value = v);
    }

    @Override
    public Converter getConverter(int fieldIndex) {
      return child;
    }

    @Override
    public void start() {
      value = null;
    }

    @Override
    public void end() {
      sink.accept(value);
    }
  }

  /** A MAP: a JSON object whose keys are the map keys as text. */
  private static final class MapConverter extends GroupConverter {
    private final ValueSink sink;
    private final Converter entries;
    private Map<String, Object> current;
    private Object key;
    private Object value;

    MapConverter(GroupType type, ValueSink sink) {
      this.sink = sink;
      GroupType keyValue = type.getType(0).asGroupType();
      Converter keyConverter = create(keyValue.getType(0), v -> key = v);
      Converter valueConverter = keyValue.getFieldCount() > 1 ? create(keyValue.getType(1), v -> value = v) : null;
      this.entries = new GroupConverter() {
        @Override
        public Converter getConverter(int fieldIndex) {
          return fieldIndex == 0 ? keyConverter : valueConverter;
        }

        @Override
        public void start() {
          key = null;
          value = null;
        }

        @Override
        public void end() {
          current.put(String.valueOf(key), value);
        }
      };
    }

    @Override
    public Converter getConverter(int fieldIndex) {
      return entries;
    }

    @Override
    public void start() {
      current = new LinkedHashMap<>();
    }

    @Override
    public void end() {
      sink.accept(current);
    }
  }
}
