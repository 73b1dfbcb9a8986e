package dev.cleanroomsjdbc.testjobs;

import dev.cleanroomsjdbc.local.engine.JobContext;
import dev.cleanroomsjdbc.local.engine.JobFailure;
import dev.cleanroomsjdbc.local.engine.JvmEntryPoint;
import dev.cleanroomsjdbc.local.engine.ResultTable;
import java.util.Map;

/** A test job that always fails with {@code INSUFFICIENT_COMPUTE}. */
public class Failing implements JvmEntryPoint {

  @Override
  public Map<String, ResultTable> entrypoint(JobContext context) throws JobFailure {
    throw new JobFailure("INSUFFICIENT_COMPUTE", "the test job asked for more workers than allowed");
  }
}
