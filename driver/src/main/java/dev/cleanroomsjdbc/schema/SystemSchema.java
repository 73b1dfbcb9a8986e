package dev.cleanroomsjdbc.schema;

import com.google.common.collect.ImmutableMultimap;
import com.google.common.collect.Multimap;
import java.util.Map;
import org.apache.calcite.schema.Function;
import org.apache.calcite.schema.Table;
import org.apache.calcite.schema.impl.AbstractSchema;

/**
 * The {@code cleanrooms} schema: the collaboration itself as tables ({@code protected_jobs},
 * {@code protected_queries}, {@code memberships}, {@code members}, {@code analysis_templates},
 * {@code collaboration_tables}, {@code analysis_rules}) and the driver's own functions: {@code job_result},
 * {@code refresh_metadata} and {@code cancel_job}.
 */
public final class SystemSchema extends AbstractSchema {
  public static final String NAME = "cleanrooms";

  private final Multimap<String, Function> functions;
  private final Map<String, Table> tables;

  public SystemSchema(CollaborationSchema collaboration) {
    this.functions = ImmutableMultimap.of(JobResultFunction.NAME,
        new JobResultFunction(NAME, collaboration.session()),
        RefreshMetadataFunction.NAME, new RefreshMetadataFunction(NAME),
        CancelJobFunction.NAME, new CancelJobFunction(NAME, collaboration.session()));
    this.tables = SystemTables.of(collaboration);
  }

  @Override
  protected Map<String, Table> getTableMap() {
    return tables;
  }

  @Override
  protected Multimap<String, Function> getFunctionMultimap() {
    return functions;
  }
}
