package dev.cleanroomsjdbc.local.http;

import dev.cleanroomsjdbc.local.engine.JobRuntime;
import dev.cleanroomsjdbc.local.engine.QueryRuntime;
import dev.cleanroomsjdbc.local.service.Access;
import dev.cleanroomsjdbc.local.service.AssociationRuleService;
import dev.cleanroomsjdbc.local.service.CollaborationService;
import dev.cleanroomsjdbc.local.service.JobService;
import dev.cleanroomsjdbc.local.service.ObjectSource;
import dev.cleanroomsjdbc.local.service.PinnedArtifactsRuntime;
import dev.cleanroomsjdbc.local.service.QueryService;
import dev.cleanroomsjdbc.local.service.SchemaRuleService;
import dev.cleanroomsjdbc.local.service.SchemaService;
import dev.cleanroomsjdbc.local.service.TableService;
import dev.cleanroomsjdbc.local.service.TemplateService;
import dev.cleanroomsjdbc.local.state.CleanRoomsState;
import java.time.Duration;
import java.util.List;

/**
 * The emulated Clean Rooms operations wired to one state, ready to be served; closing it cancels running jobs and
 * queries.
 */
public final class CleanRoomsApi implements AutoCloseable {
  private final Router router = new Router();
  private final JobService jobs;
  private final QueryService queries;

  /**
   * @param objects reads analysis template entry points from S3
   * @param runtime runs protected jobs
   * @param queryRuntime runs protected queries
   * @param queryTimeout how long a protected query may run before it ends TIMED_OUT
   */
  public CleanRoomsApi(CleanRoomsState state, ObjectSource objects, JobRuntime runtime, QueryRuntime queryRuntime,
      Duration queryTimeout) {
    Access access = new Access(state);
    TableService tables = new TableService(state, access);
    TemplateService templates = new TemplateService(state, access, objects);
    this.jobs = new JobService(state, access, tables, templates,
        new PinnedArtifactsRuntime(runtime, objects, state));
    new CollaborationRoutes(new CollaborationService(state, access)).register(router);
    new TableRoutes(tables).register(router);
    AssociationRuleService associationRules = new AssociationRuleService(state, tables);
    new AssociationRuleRoutes(associationRules).register(router);
    SchemaService schemas = new SchemaService(state, access, tables);
    new SchemaRoutes(schemas).register(router);
    new SchemaRuleRoutes(new SchemaRuleService(schemas, tables, associationRules))
        .register(router);
    new TemplateRoutes(templates).register(router);
    new JobRoutes(jobs).register(router);
    this.queries = new QueryService(state, access, tables, templates, queryRuntime, queryTimeout);
    new QueryRoutes(queries).register(router);
  }

  Router router() {
    return router;
  }

  /**
   * The service model's names of the operations served, in the order their routes were added; a route the model
   * does not know (another protocol's) is listed as {@code "METHOD /template"}.
   */
  public List<String> operations() {
    ServiceModel model = ServiceModel.load();
    return router.routes().stream()
        .map(route -> model.operationAt(route).map(ServiceModel.Operation::name).orElse(route)).toList();
  }

  @Override
  public void close() {
    jobs.shutdown();
    queries.shutdown();
  }
}
