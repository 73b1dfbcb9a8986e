package dev.cleanroomsjdbc.plan;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;
import org.apache.calcite.rel.core.AggregateCall;
import org.apache.calcite.rex.RexCall;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexOver;
import org.apache.calcite.rex.RexVisitorImpl;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.type.SqlTypeFamily;
import org.apache.calcite.sql.type.SqlTypeName;

/**
 * What AWS Clean Rooms SQL can express, as its SQL reference lists it: the operators and conditions of standard
 * SQL, CASE, COALESCE and NULLIF, CAST to its scalar types, EXTRACT and DATE_TRUNC, the common string and math
 * functions, and COUNT, SUM, AVG, MIN and MAX. Anything else (Spark's own functions, window functions, intervals,
 * whose literal form differs from Calcite's) is not pushed down to it.
 */
final class Expressible {
  private static final Set<SqlKind> KINDS = EnumSet.of(SqlKind.INPUT_REF, SqlKind.LITERAL, SqlKind.DYNAMIC_PARAM,
      SqlKind.AND, SqlKind.OR, SqlKind.NOT, SqlKind.EQUALS, SqlKind.NOT_EQUALS, SqlKind.LESS_THAN,
      SqlKind.LESS_THAN_OR_EQUAL, SqlKind.GREATER_THAN, SqlKind.GREATER_THAN_OR_EQUAL, SqlKind.IS_NULL,
      SqlKind.IS_NOT_NULL, SqlKind.IS_TRUE, SqlKind.IS_FALSE, SqlKind.IS_NOT_TRUE, SqlKind.IS_NOT_FALSE,
      SqlKind.IS_DISTINCT_FROM, SqlKind.IS_NOT_DISTINCT_FROM, SqlKind.PLUS, SqlKind.MINUS, SqlKind.TIMES,
      SqlKind.DIVIDE, SqlKind.MOD, SqlKind.MINUS_PREFIX, SqlKind.PLUS_PREFIX, SqlKind.CAST, SqlKind.CASE,
      SqlKind.COALESCE, SqlKind.NULLIF, SqlKind.LIKE, SqlKind.SEARCH, SqlKind.IN, SqlKind.NOT_IN, SqlKind.BETWEEN,
      SqlKind.EXTRACT, SqlKind.FLOOR, SqlKind.CEIL, SqlKind.TRIM, SqlKind.POSITION);
  /** Functions by name, where their SqlKind is OTHER_FUNCTION. */
  private static final Set<String> FUNCTIONS = Set.of("UPPER", "LOWER", "SUBSTRING", "CHAR_LENGTH",
      "CHARACTER_LENGTH", "||", "CONCAT", "ABS", "ROUND", "POWER", "SQRT", "LN", "EXP", "SIGN", "REPLACE");
  private static final Set<SqlKind> AGGREGATES = EnumSet.of(SqlKind.COUNT, SqlKind.SUM, SqlKind.SUM0, SqlKind.AVG,
      SqlKind.MIN, SqlKind.MAX);

  private Expressible() {}

  static boolean inCleanRoomsSql(RexNode expression) {
    Boolean[] ok = {true};
    expression.accept(new RexVisitorImpl<Void>(true) {
      @Override
      public Void visitCall(RexCall call) {
        if (!KINDS.contains(call.getKind())
            && !FUNCTIONS.contains(call.getOperator().getName().toUpperCase(Locale.ROOT))) {
          ok[0] = false;
        }
        if (call.getKind() == SqlKind.CAST && !castable(call.getType().getSqlTypeName())) {
          ok[0] = false;
        }
        if ((call.getKind() == SqlKind.FLOOR || call.getKind() == SqlKind.CEIL) && call.getOperands().size() != 1) {
          ok[0] = false; // FLOOR(ts TO unit) would be DATE_TRUNC, which Calcite writes in a form of its own
        }
        return super.visitCall(call);
      }

      @Override
      public Void visitOver(RexOver over) {
        ok[0] = false;
        return null;
      }
    });
    return ok[0] && !hasInterval(expression);
  }

  static boolean inCleanRoomsSql(AggregateCall call) {
    return AGGREGATES.contains(call.getAggregation().getKind()) && call.filterArg < 0 && !call.isApproximate()
        && call.collation.getFieldCollations().isEmpty();
  }

  /** CAST targets of the reference's data types (no binary, interval or collection types). */
  private static boolean castable(SqlTypeName type) {
    return type.getFamily() == SqlTypeFamily.NUMERIC || type.getFamily() == SqlTypeFamily.CHARACTER
        || type == SqlTypeName.BOOLEAN || type == SqlTypeName.DATE || type == SqlTypeName.TIMESTAMP
        || type == SqlTypeName.TIME;
  }

  private static boolean hasInterval(RexNode expression) {
    Boolean[] found = {false};
    expression.accept(new RexVisitorImpl<Void>(true) {
      @Override
      public Void visitCall(RexCall call) {
        found[0] |= SqlTypeName.INTERVAL_TYPES.contains(call.getType().getSqlTypeName());
        return super.visitCall(call);
      }

      @Override
      public Void visitLiteral(org.apache.calcite.rex.RexLiteral literal) {
        found[0] |= SqlTypeName.INTERVAL_TYPES.contains(literal.getType().getSqlTypeName());
        return null;
      }
    });
    return found[0];
  }
}
