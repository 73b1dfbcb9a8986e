package dev.cleanroomsjdbc.plan;

import java.lang.reflect.Method;
import java.util.List;
import org.apache.calcite.adapter.enumerable.EnumerableRel;
import org.apache.calcite.adapter.enumerable.EnumerableRelImplementor;
import org.apache.calcite.adapter.enumerable.JavaRowFormat;
import org.apache.calcite.adapter.enumerable.PhysType;
import org.apache.calcite.adapter.enumerable.PhysTypeImpl;
import org.apache.calcite.linq4j.tree.BlockBuilder;
import org.apache.calcite.linq4j.tree.Expression;
import org.apache.calcite.linq4j.tree.Expressions;
import org.apache.calcite.plan.ConventionTraitDef;
import org.apache.calcite.plan.RelOptCluster;
import org.apache.calcite.plan.RelOptCost;
import org.apache.calcite.plan.RelOptPlanner;
import org.apache.calcite.plan.RelTraitSet;
import org.apache.calcite.plan.hep.HepRelVertex;
import org.apache.calcite.plan.volcano.RelSubset;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.RelWriter;
import org.apache.calcite.rel.convert.ConverterImpl;
import org.apache.calcite.rel.metadata.RelMetadataQuery;
import org.apache.calcite.rel.type.RelDataTypeField;

/**
 * The boundary between Clean Rooms and Calcite: its input runs as one protected query whose SQL is fixed at plan
 * time (EXPLAIN shows it), and its rows stream back from the query's result files.
 */
public final class CleanRoomsToEnumerableConverter extends ConverterImpl implements EnumerableRel {
  private static final Method RUN = runMethod();

  CleanRoomsToEnumerableConverter(RelOptCluster cluster, RelTraitSet traits, RelNode input) {
    super(cluster, ConventionTraitDef.INSTANCE, traits, input);
  }

  /** The SQL this boundary sends to Clean Rooms, with a {@code ?} for each parameter bound at execution. */
  public String sql() {
    return CleanRoomsSql.of(getInput(), dialect()).text();
  }

  /** The dialect of the collaboration's analytics engine, which its input's convention carries. */
  public CleanRoomsSqlDialect dialect() {
    return ((CleanRoomsConvention) getInput().getConvention()).dialect();
  }

  @Override
  public RelNode copy(RelTraitSet traitSet, List<RelNode> inputs) {
    return new CleanRoomsToEnumerableConverter(getCluster(), traitSet, sole(inputs));
  }

  /** Cheaper than the same work done locally, so that the planner pushes as much as it can. */
  @Override
  public RelOptCost computeSelfCost(RelOptPlanner planner, RelMetadataQuery mq) {
    RelOptCost cost = super.computeSelfCost(planner, mq);
    return cost == null ? null : cost.multiplyBy(0.1);
  }

  /** EXPLAIN shows the SQL; while a planner still works on the input, it is a set of alternatives and has none. */
  @Override
  public RelWriter explainTerms(RelWriter pw) {
    RelWriter terms = super.explainTerms(pw).item("dialect", dialect().title());
    return planned(getInput()) ? terms.item("sql", sql()) : terms;
  }

  private static boolean planned(RelNode rel) {
    return !(rel instanceof RelSubset || rel instanceof HepRelVertex)
        && rel.getInputs().stream().allMatch(CleanRoomsToEnumerableConverter::planned);
  }

  @Override
  public Result implement(EnumerableRelImplementor implementor, Prefer pref) {
    QueryShapes.verify(getInput()); // first: a refused shape says more than a refused column
    OutputColumns.verify(getInput());
    PhysType physType = PhysTypeImpl.of(implementor.getTypeFactory(), getRowType(), JavaRowFormat.ARRAY, false);
    List<Expression> types = getRowType().getFieldList().stream()
        .map(RelDataTypeField::getType).map(t -> (Expression) Expressions.constant(t.getSqlTypeName().name()))
        .toList();
    PushedSql sql = CleanRoomsSql.of(getInput(), dialect());
    BlockBuilder block = new BlockBuilder();
    block.add(Expressions.return_(null, Expressions.call(RUN, implementor.getRootExpression(),
        Expressions.constant(schemaName(getInput())), Expressions.constant(dialect().name()),
        Expressions.newArrayInit(String.class, sql.parts().stream().map(Expressions::constant).toList()),
        Expressions.newArrayInit(int.class, sql.parameters().stream()
            .map(i -> (Expression) Expressions.constant(i, int.class)).toList()),
        Expressions.newArrayInit(String.class, sql.types().stream().map(t -> Expressions.constant(t.name())).toList()),
        Expressions.newArrayInit(String.class, types))));
    return implementor.result(physType, block.toBlock());
  }

  /** The collaboration schema of the subtree's tables (all of one collaboration: one convention per connection). */
  private static String schemaName(RelNode rel) {
    if (rel instanceof CleanRoomsTableScan scan) {
      return scan.schemaName();
    }
    for (RelNode input : rel.getInputs()) {
      String name = schemaName(input instanceof RelSubset subset ? subset.getBestOrOriginal()
          : input instanceof HepRelVertex vertex ? vertex.getCurrentRel() : input);
      if (name != null) {
        return name;
      }
    }
    return null;
  }

  private static Method runMethod() {
    try {
      return PushedQueries.class.getMethod("run", org.apache.calcite.DataContext.class, String.class, String.class,
          String[].class, int[].class, String[].class, String[].class);
    } catch (NoSuchMethodException e) {
      throw new ExceptionInInitializerError(e);
    }
  }
}
