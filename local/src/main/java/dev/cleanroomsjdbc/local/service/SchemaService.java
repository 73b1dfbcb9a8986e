package dev.cleanroomsjdbc.local.service;

import dev.cleanroomsjdbc.local.engine.ColumnSpec;
import dev.cleanroomsjdbc.local.state.CleanRoomsState;
import dev.cleanroomsjdbc.local.state.Collaboration;
import dev.cleanroomsjdbc.local.state.ConfiguredTable;
import dev.cleanroomsjdbc.local.state.TableAssociation;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Schemas: the collaboration's view of each associated table (columns, analysis method, analysis rules). */
public final class SchemaService {
  private final CleanRoomsState state;
  private final Access access;
  private final TableService tables;

  public SchemaService(CleanRoomsState state, Access access, TableService tables) {
    this.state = state;
    this.access = access;
    this.tables = tables;
  }

  /** One schema: the association that names it, the table behind it, and what members may see of it. */
  public record SchemaView(
      Collaboration collaboration,
      TableAssociation association,
      ConfiguredTable table,
      List<ColumnSpec> columns,
      List<String> analysisRuleTypes) {}

  /** A name BatchGetSchema could not answer. */
  public record SchemaError(String name, String code, String message) {}

  /** Schemas found and names not found, as BatchGetSchema answers them. */
  public record SchemaBatch(List<SchemaView> schemas, List<SchemaError> errors) {}

  /** The collaboration's schemas; all are TABLE schemas, so another schemaType lists none. */
  public List<SchemaView> listSchemas(Caller caller, String collaborationIdentifier, String schemaType) {
    Collaboration collaboration = access.verifyCollaborationMember(caller, collaborationIdentifier);
    if (schemaType != null && !"TABLE".equals(schemaType)) {
      return List.of();
    }
    return state.associations().where(a -> a.collaborationId().equals(collaboration.id())).stream()
        .map(a -> view(collaboration, a)).toList();
  }

  public SchemaView getSchema(Caller caller, String collaborationIdentifier, String name) {
    Collaboration collaboration = access.verifyCollaborationMember(caller, collaborationIdentifier);
    return find(collaboration, name).orElseThrow(() -> CleanRoomsError.notFound(
        "CONFIGURED_TABLE_ASSOCIATION", name, "Schema " + name + " not found in collaboration " + collaboration.id()));
  }

  public SchemaBatch batchGetSchema(Caller caller, String collaborationIdentifier, List<String> names) {
    Collaboration collaboration = access.verifyCollaborationMember(caller, collaborationIdentifier);
    List<SchemaView> found = new ArrayList<>();
    List<SchemaError> errors = new ArrayList<>();
    for (String name : names) {
      find(collaboration, name).ifPresentOrElse(found::add,
          () -> errors.add(new SchemaError(name, "ResourceNotFoundException", "Schema " + name + " not found")));
    }
    return new SchemaBatch(found, errors);
  }

  private Optional<SchemaView> find(Collaboration collaboration, String name) {
    return state.associations()
        .where(a -> a.collaborationId().equals(collaboration.id()) && a.name().equals(name))
        .stream().findFirst().map(a -> view(collaboration, a));
  }

  private SchemaView view(Collaboration collaboration, TableAssociation association) {
    ConfiguredTable table = tables.tableOf(association);
    return new SchemaView(collaboration, association, table, TableService.visibleColumns(table),
        tables.ruleTypes(table.id()));
  }
}
