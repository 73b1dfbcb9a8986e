package dev.cleanroomsjdbc.local.service;

import dev.cleanroomsjdbc.local.engine.EngineSql;
import dev.cleanroomsjdbc.local.engine.SqlQuotes;
import com.fasterxml.jackson.databind.JsonNode;
import dev.cleanroomsjdbc.local.state.AnalysisParameter;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Analysis parameters of SQL templates: reads the ones a template declares, and binds values into the template's
 * {@code :name} placeholders as typed SQL literals (so a value can never become SQL of its own).
 */
final class TemplateParameters {
  private static final Set<String> NUMERIC = Set.of("SMALLINT", "INTEGER", "BIGINT", "DECIMAL", "REAL",
      "DOUBLE_PRECISION", "DOUBLE", "FLOAT", "INT", "LONG", "NUMERIC", "SHORT", "TINYINT", "BYTE");

  private TemplateParameters() {}

  /** The {@code analysisParameters} of a CreateAnalysisTemplate input. */
  static List<AnalysisParameter> declared(JsonNode input) {
    JsonNode list = input.get("analysisParameters");
    List<AnalysisParameter> out = new ArrayList<>();
    if (list == null || !list.isArray()) {
      return out;
    }
    for (JsonNode p : list) {
      String name = Inputs.text(p, "name");
      // Unique parameters rule: the model cannot say that names differ.
      if (out.stream().anyMatch(a -> a.name().equals(name))) {
        throw CleanRoomsError.validation("analysisParameters.name", "parameter " + name + " is declared twice");
      }
      out.add(new AnalysisParameter(name, Inputs.text(p, "type"), Inputs.text(p, "defaultValue")));
    }
    return out;
  }

  /**
   * The template text with each declared {@code :name} (outside quotes and comments) replaced by the given value
   * or the default, as a literal of the parameter's type.
   */
  static String bind(String text, List<AnalysisParameter> declared, Map<String, String> values, EngineSql engine) {
    Map<String, String> literals = new LinkedHashMap<>();
    for (String given : values.keySet()) {
      if (declared.stream().noneMatch(p -> p.name().equals(given))) {
        throw CleanRoomsError.validation("sqlParameters.parameters", "the template has no parameter " + given);
      }
    }
    for (AnalysisParameter p : declared) {
      String value = values.containsKey(p.name()) ? values.get(p.name()) : p.defaultValue();
      if (value == null) {
        throw CleanRoomsError.validation("sqlParameters.parameters",
            "parameter " + p.name() + " has no value and no default");
      }
      literals.put(p.name(), literal(p, value, engine));
    }
    return substitute(text, literals);
  }

  private static String literal(AnalysisParameter p, String value, EngineSql engine) {
    String type = p.type().toUpperCase(Locale.ROOT);
    try {
      if (NUMERIC.contains(type)) {
        return new BigDecimal(value.trim()).toString();
      }
      if ("BOOLEAN".equals(type)) {
        String bool = value.trim().toUpperCase(Locale.ROOT);
        if (!bool.equals("TRUE") && !bool.equals("FALSE")) {
          throw new NumberFormatException(value);
        }
        return bool;
      }
      if ("DATE".equals(type)) {
        return "DATE '" + LocalDate.parse(value.trim()) + "'";
      }
    } catch (NumberFormatException | DateTimeParseException e) {
      throw CleanRoomsError.validation("sqlParameters.parameters",
          "parameter " + p.name() + " is " + p.type() + ", not '" + value + "'");
    }
    if (type.startsWith("TIMESTAMP")) {
      return "TIMESTAMP " + engine.quote(value.trim());
    }
    return engine.quote(value);
  }

  private static String substitute(String text, Map<String, String> literals) {
    StringBuilder out = new StringBuilder(text.length());
    int i = 0;
    int n = text.length();
    while (i < n) {
      char c = text.charAt(i);
      int end = i + 1;
      if (c == '-' && i + 1 < n && text.charAt(i + 1) == '-') {
        end = endOf(text, "\n", i + 2);
      } else if (c == '/' && i + 1 < n && text.charAt(i + 1) == '*') {
        end = endOf(text, "*/", i + 2);
      } else if (c == '\'' || c == '"' || c == '`') {
        end = SqlQuotes.closingQuote(text, i) + 1;
      } else if (c == ':' && (i == 0 || text.charAt(i - 1) != ':')) {
        int j = i + 1;
        while (j < n && (Character.isLetterOrDigit(text.charAt(j)) || text.charAt(j) == '_')) {
          j++;
        }
        String name = text.substring(i + 1, j);
        if (literals.containsKey(name)) {
          out.append(literals.get(name));
          i = j;
          continue;
        }
      }
      out.append(text, i, end);
      i = end;
    }
    return out.toString();
  }

  private static int endOf(String s, String token, int from) {
    int at = s.indexOf(token, from);
    return at < 0 ? s.length() : at + token.length();
  }
}
