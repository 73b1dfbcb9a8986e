package dev.cleanroomsjdbc.schema;

import com.google.common.collect.ImmutableMultimap;
import com.google.common.collect.Multimap;
import org.apache.calcite.schema.Function;
import org.apache.calcite.schema.impl.AbstractSchema;

/** The {@code cleanrooms} schema: the driver's own functions over the collaboration, such as {@code job_result}. */
public final class SystemSchema extends AbstractSchema {
  public static final String NAME = "cleanrooms";

  private final Multimap<String, Function> functions;

  public SystemSchema(CollaborationSession session) {
    this.functions = ImmutableMultimap.of(JobResultFunction.NAME, new JobResultFunction(NAME, session));
  }

  @Override
  protected Multimap<String, Function> getFunctionMultimap() {
    return functions;
  }
}
