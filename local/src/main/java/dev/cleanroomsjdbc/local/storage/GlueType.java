package dev.cleanroomsjdbc.local.storage;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Glue column type parsed from its string form ({@code bigint}, {@code varchar(20)}, {@code decimal(12,2)}, ...).
 *
 * @param precision the decimal precision, or 0 for other kinds
 * @param scale the decimal scale, or 0 for other kinds
 */
public record GlueType(Kind kind, int precision, int scale) {

  /** The Glue types the local Clean Rooms can store, read and write. */
  public enum Kind { STRING, BIGINT, INT, SMALLINT, TINYINT, DOUBLE, FLOAT, DECIMAL, BOOLEAN, DATE, TIMESTAMP }

  private static final Pattern DECIMAL = Pattern.compile("decimal\\s*\\(\\s*(\\d+)\\s*(?:,\\s*(\\d+)\\s*)?\\)");
  private static final Pattern SIZED_STRING = Pattern.compile("(?:varchar|char)\\s*\\(\\s*\\d+\\s*\\)");

  /**
   * Parses a Glue type string.
   *
   * @param column the column's name, used only in the error message
   * @throws IllegalArgumentException the type is not one the local Clean Rooms supports
   */
  public static GlueType parse(String column, String type) {
    String t = type == null ? "" : type.trim().toLowerCase(Locale.ROOT);
    Matcher decimal = DECIMAL.matcher(t);
    if (decimal.matches()) {
      int precision = Integer.parseInt(decimal.group(1));
      int scale = decimal.group(2) == null ? 0 : Integer.parseInt(decimal.group(2));
      if (precision < 1 || precision > 38 || scale > precision) {
        throw new IllegalArgumentException("column " + column + " has an invalid decimal type: " + type);
      }
      return new GlueType(Kind.DECIMAL, precision, scale);
    }
    if (SIZED_STRING.matcher(t).matches()) {
      return new GlueType(Kind.STRING, 0, 0);
    }
    Kind kind = switch (t) {
      case "string", "varchar", "char" -> Kind.STRING;
      case "bigint", "long" -> Kind.BIGINT;
      case "int", "integer" -> Kind.INT;
      case "smallint" -> Kind.SMALLINT;
      case "tinyint" -> Kind.TINYINT;
      case "double" -> Kind.DOUBLE;
      case "float", "real" -> Kind.FLOAT;
      case "decimal" -> Kind.DECIMAL;
      case "boolean" -> Kind.BOOLEAN;
      case "date" -> Kind.DATE;
      case "timestamp" -> Kind.TIMESTAMP;
      default -> throw new IllegalArgumentException(
          "column " + column + " has an unsupported Glue type '" + type + "'; supported: string, varchar(n), char(n),"
              + " bigint, int, smallint, tinyint, double, float, decimal(p,s), boolean, date, timestamp");
    };
    // Hive's bare "decimal" means decimal(10,0).
    return kind == Kind.DECIMAL ? new GlueType(kind, 10, 0) : new GlueType(kind, 0, 0);
  }

  /** The canonical Glue spelling, e.g. {@code decimal(12,2)}. */
  public String glueName() {
    return kind == Kind.DECIMAL
        ? "decimal(" + precision + "," + scale + ")"
        : kind.name().toLowerCase(Locale.ROOT);
  }
}
