package dev.cleanroomsjdbc.driver;

import dev.cleanroomsjdbc.driver.SqlTokens.Kind;
import dev.cleanroomsjdbc.driver.SqlTokens.Token;
import dev.cleanroomsjdbc.metadata.ParameterTypes;
import dev.cleanroomsjdbc.plan.SqlLiterals;
import dev.cleanroomsjdbc.schema.CollaborationSchema;
import dev.cleanroomsjdbc.schema.TemplateFunction;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.apache.calcite.sql.dialect.CalciteSqlDialect;
import org.apache.calcite.sql.type.SqlTypeName;
import software.amazon.awssdk.services.cleanrooms.model.AnalysisParameter;
import software.amazon.awssdk.services.cleanrooms.model.CollaborationAnalysisTemplate;

/**
 * The parameter markers of a prepared statement that stand for analysis template arguments
 * ({@code CALL demo.t(?)}, {@code TABLE(demo.t(min_value => ?))}). A template's result columns exist only once it
 * has run with its arguments, so such a statement cannot be planned before its values are bound: it is planned at
 * each execution, with each value written into the statement as a literal of the driver's SQL (through Calcite's
 * own dialect, so no value can change the statement), and each marker is typed from the template's parameter.
 */
final class TemplateArguments {
  /** A marker: where it is, and the template parameter it gives a value to (null where it is not an argument). */
  record Slot(int offset, String template, AnalysisParameter parameter) {
    SqlTypeName type() {
      return parameter == null ? null : ParameterTypes.sqlType(parameter.typeAsString());
    }
  }

  private final SqlEdits call;
  private final List<Slot> slots;

  private TemplateArguments(SqlEdits call, List<Slot> slots) {
    this.call = call;
    this.slots = slots;
  }

  /** The markers of a statement as {@link CallSyntax} rewrote it, with the template arguments among them. */
  static TemplateArguments find(SqlEdits call, CollaborationSchema collaboration) {
    List<Token> tokens = SqlTokens.of(call.rewritten());
    List<Slot> slots = new ArrayList<>();
    for (int i = 0; i < tokens.size(); i++) {
      if (tokens.get(i).kind() == Kind.PARAMETER) {
        slots.add(argument(tokens, i, collaboration));
      }
    }
    return new TemplateArguments(call, List.copyOf(slots));
  }

  /** Whether a marker is an argument of a template, so that the statement must be planned with its values. */
  boolean bindsTemplateArguments() {
    return slots.stream().anyMatch(s -> s.template() != null);
  }

  List<Slot> slots() {
    return slots;
  }

  /** The statement with every marker replaced by its value: a template argument as text, others by their type. */
  SqlEdits bind(StatementParameters values) throws SQLException {
    values.checkAllSet();
    List<SqlEdits.Edit> literals = new ArrayList<>();
    for (int i = 0; i < slots.size(); i++) {
      Slot slot = slots.get(i);
      Object value = values.value(i);
      String literal = slot.template() != null && value != null
          ? SqlLiterals.write(SqlLiterals.text(value), SqlTypeName.VARCHAR, CalciteSqlDialect.DEFAULT, i + 1)
          : SqlLiterals.write(value, null, CalciteSqlDialect.DEFAULT, i + 1);
      literals.add(new SqlEdits.Edit(slot.offset(), slot.offset() + 1, literal));
    }
    return call.then(literals);
  }

  /** The template parameter the marker at token {@code marker} gives a value to, if any. */
  private static Slot argument(List<Token> tokens, int marker, CollaborationSchema collaboration) {
    int offset = tokens.get(marker).start();
    for (int open = marker - 1; open >= 0; open--) {
      if (!tokens.get(open).isSymbol('(') || SqlTokens.matching(tokens, open) < marker) {
        continue;
      }
      CollaborationAnalysisTemplate template = templateBefore(tokens, open, collaboration);
      if (template == null) {
        continue;
      }
      return new Slot(offset, template.name(), parameterAt(tokens, open, marker, template));
    }
    return new Slot(offset, null, null);
  }

  /** The template named just before the parenthesis at {@code open}, when that call is inside {@code TABLE(}. */
  private static CollaborationAnalysisTemplate templateBefore(List<Token> tokens, int open,
      CollaborationSchema collaboration) {
    int nameEnd = open - 1;
    if (nameEnd < 0 || (tokens.get(nameEnd).kind() != Kind.WORD && tokens.get(nameEnd).kind() != Kind.QUOTED)) {
      return null;
    }
    int nameStart = nameEnd;
    while (nameStart >= 2 && tokens.get(nameStart - 1).isSymbol('.')) {
      nameStart -= 2;
    }
    if (nameStart < 2 || !tokens.get(nameStart - 1).isSymbol('(') || !tokens.get(nameStart - 2).is("table")) {
      return null;
    }
    String name = unquote(tokens.get(nameEnd));
    String schema = nameStart < nameEnd ? unquote(tokens.get(nameEnd - 2)) : collaboration.name();
    if (!schema.equalsIgnoreCase(collaboration.name())) {
      return null;
    }
    return collaboration.templates().stream().map(TemplateFunction::template)
        .filter(t -> t.name().equalsIgnoreCase(name)).findFirst().orElse(null);
  }

  /** The parameter of {@code template} an argument that is the marker alone, or {@code name => ?}, gives. */
  private static AnalysisParameter parameterAt(List<Token> tokens, int open, int marker,
      CollaborationAnalysisTemplate template) {
    int argument = 0;
    int start = open + 1;
    int depth = 0;
    for (int i = open + 1; i < marker; i++) {
      Token t = tokens.get(i);
      if (t.isSymbol('(')) {
        depth++;
      } else if (t.isSymbol(')')) {
        depth--;
      } else if (depth == 0 && t.isSymbol(',')) {
        argument++;
        start = i + 1;
      }
    }
    boolean alone = marker == start && tokens.get(marker + 1).isSymbol(',') || marker == start
        && tokens.get(marker + 1).isSymbol(')');
    List<AnalysisParameter> ordered = TemplateFunction.parameterOrder(template);
    if (alone) {
      return argument < ordered.size() ? ordered.get(argument) : null;
    }
    boolean named = marker == start + 3 && tokens.get(start + 1).isSymbol('=') && tokens.get(start + 2).isSymbol('>');
    if (named) {
      String name = unquote(tokens.get(start));
      return ordered.stream().filter(p -> p.name().equalsIgnoreCase(name)).findFirst().orElse(null);
    }
    return null;
  }

  private static String unquote(Token t) {
    return t.kind() == Kind.QUOTED ? t.text().substring(1, t.text().length() - 1).replace("\"\"", "\"") : t.text();
  }
}
