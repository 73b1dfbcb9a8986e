package dev.cleanroomsjdbc.schema;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.sql.type.SqlTypeName;

/**
 * Reads the type strings Clean Rooms reports for schema columns (Glue/Hive spelling such as {@code bigint},
 * {@code decimal(10,2)}, {@code array<string>}, {@code struct<a:int,b:string>}; Snowflake spellings too) into
 * Calcite types. Every column is nullable: Clean Rooms does not report nullability.
 */
public final class GlueTypes {
  private GlueTypes() {}

  public static RelDataType toRelDataType(String glueType, RelDataTypeFactory f) {
    Parser p = new Parser(glueType.trim().toLowerCase(Locale.ROOT));
    RelDataType t = p.type(f);
    if (p.pos != p.text.length()) {
      throw new IllegalArgumentException("unexpected text after the type in '" + glueType + "'");
    }
    return t;
  }

  /** A recursive-descent reader over the type grammar: name [ (args) | <params> ]. */
  private static final class Parser {
    final String text;
    int pos;

    Parser(String text) {
      this.text = text;
    }

    RelDataType type(RelDataTypeFactory f) {
      String name = word();
      RelDataType t = switch (name) {
        case "array" -> {
          expect('<');
          RelDataType element = type(f);
          expect('>');
          yield f.createArrayType(element, -1);
        }
        case "map" -> {
          expect('<');
          RelDataType key = type(f);
          expect(',');
          RelDataType value = type(f);
          expect('>');
          yield f.createMapType(key, value);
        }
        case "struct" -> struct(f);
        default -> scalar(name, f);
      };
      return f.createTypeWithNullability(t, true);
    }

    private RelDataType struct(RelDataTypeFactory f) {
      expect('<');
      List<String> names = new ArrayList<>();
      List<RelDataType> types = new ArrayList<>();
      do {
        names.add(word());
        expect(':');
        types.add(type(f));
      } while (accept(','));
      expect('>');
      return f.createStructType(types, names);
    }

    private RelDataType scalar(String name, RelDataTypeFactory f) {
      List<Integer> args = args();
      return switch (name) {
        case "string", "text", "varchar", "character varying" ->
            args.isEmpty() ? f.createSqlType(SqlTypeName.VARCHAR) : f.createSqlType(SqlTypeName.VARCHAR, args.get(0));
        case "char", "character" -> f.createSqlType(SqlTypeName.CHAR, args.isEmpty() ? 1 : args.get(0));
        case "bigint", "long" -> f.createSqlType(SqlTypeName.BIGINT);
        case "int", "integer" -> f.createSqlType(SqlTypeName.INTEGER);
        case "smallint", "short" -> f.createSqlType(SqlTypeName.SMALLINT);
        case "tinyint", "byte" -> f.createSqlType(SqlTypeName.TINYINT);
        case "double", "double precision", "float8" -> f.createSqlType(SqlTypeName.DOUBLE);
        case "float", "real", "float4" -> f.createSqlType(SqlTypeName.REAL);
        case "decimal", "numeric", "number" -> args.isEmpty()
            ? f.createSqlType(SqlTypeName.DECIMAL, 38, 0)
            : f.createSqlType(SqlTypeName.DECIMAL, args.get(0), args.size() > 1 ? args.get(1) : 0);
        case "boolean", "bool" -> f.createSqlType(SqlTypeName.BOOLEAN);
        case "date" -> f.createSqlType(SqlTypeName.DATE);
        case "timestamp", "timestamp_ntz", "datetime" -> f.createSqlType(SqlTypeName.TIMESTAMP, 3);
        case "timestamp_ltz", "timestamptz" -> f.createSqlType(SqlTypeName.TIMESTAMP_WITH_LOCAL_TIME_ZONE, 3);
        case "time" -> f.createSqlType(SqlTypeName.TIME);
        case "binary", "varbinary" -> f.createSqlType(SqlTypeName.VARBINARY);
        default -> throw new IllegalArgumentException("unknown column type '" + name + "'");
      };
    }

    private List<Integer> args() {
      List<Integer> args = new ArrayList<>();
      if (accept('(')) {
        do {
          skipSpaces();
          int start = pos;
          while (pos < text.length() && Character.isDigit(text.charAt(pos))) {
            pos++;
          }
          args.add(Integer.parseInt(text.substring(start, pos)));
        } while (accept(','));
        expect(')');
      }
      return args;
    }

    private String word() {
      skipSpaces();
      int start = pos;
      while (pos < text.length()) {
        char c = text.charAt(pos);
        boolean twoWords = c == ' ' && (text.startsWith("precision", pos + 1) || text.startsWith("varying", pos + 1));
        if (!(Character.isLetterOrDigit(c) || c == '_' || twoWords)) {
          break;
        }
        pos++;
      }
      if (start == pos) {
        throw new IllegalArgumentException("expected a type name at position " + pos + " of '" + text + "'");
      }
      return text.substring(start, pos);
    }

    private boolean accept(char c) {
      skipSpaces();
      if (pos < text.length() && text.charAt(pos) == c) {
        pos++;
        return true;
      }
      return false;
    }

    private void expect(char c) {
      if (!accept(c)) {
        throw new IllegalArgumentException("expected '" + c + "' at position " + pos + " of '" + text + "'");
      }
    }

    private void skipSpaces() {
      while (pos < text.length() && text.charAt(pos) == ' ') {
        pos++;
      }
    }
  }
}
