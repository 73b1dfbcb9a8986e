package dev.cleanroomsjdbc.metadata;

import java.util.stream.Collectors;
import software.amazon.awssdk.services.cleanrooms.model.Schema;

/** The REMARKS of a collaboration table: what it is, who shares it, and how Clean Rooms lets it be analysed. */
final class TableRemarks {
  private TableRemarks() {}

  static String of(Schema schema) {
    StringBuilder text = new StringBuilder("Clean Rooms table");
    if (schema.analysisMethod() != null) {
      text.append("; analysis method ").append(schema.analysisMethodAsString());
    }
    if (!schema.analysisRuleTypes().isEmpty()) {
      text.append("; analysis rules ").append(schema.analysisRuleTypesAsStrings().stream()
          .collect(Collectors.joining(", ")));
    }
    text.append("; shared by account ").append(schema.creatorAccountId());
    if (schema.description() != null && !schema.description().isEmpty()) {
      text.append(": ").append(schema.description());
    }
    return text.toString();
  }
}
