package dev.cleanroomsjdbc.plan;

import dev.cleanroomsjdbc.plan.CleanRoomsRels.CleanRoomsAggregate;
import dev.cleanroomsjdbc.plan.CleanRoomsRels.CleanRoomsFilter;
import dev.cleanroomsjdbc.plan.CleanRoomsRels.CleanRoomsJoin;
import dev.cleanroomsjdbc.plan.CleanRoomsRels.CleanRoomsProject;
import dev.cleanroomsjdbc.plan.CleanRoomsRels.CleanRoomsSort;
import dev.cleanroomsjdbc.plan.CleanRoomsRels.CleanRoomsWindow;
import java.util.List;
import org.apache.calcite.adapter.enumerable.EnumerableConvention;
import org.apache.calcite.plan.Convention;
import org.apache.calcite.plan.RelOptRule;
import org.apache.calcite.plan.RelTraitSet;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.convert.ConverterRule;
import org.apache.calcite.rel.core.Aggregate;
import org.apache.calcite.rel.logical.LogicalAggregate;
import org.apache.calcite.rel.logical.LogicalFilter;
import org.apache.calcite.rel.logical.LogicalJoin;
import org.apache.calcite.rel.logical.LogicalProject;
import org.apache.calcite.rel.logical.LogicalSort;
import org.apache.calcite.rel.logical.LogicalWindow;
import org.apache.calcite.rex.RexLiteral;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexOver;
import org.apache.calcite.sql.type.SqlTypeFamily;

/**
 * The planner rules of one {@link CleanRoomsConvention}: they move filters, projections, window functions, aggregations,
 * sorts and joins over collaboration tables into it, and hand a subtree of it to Calcite's Enumerable engine as a protected
 * query. Pushdown is best effort: what the engine's dialect cannot write, no rule converts, and it stays with
 * Calcite.
 */
final class CleanRoomsRules {
  private CleanRoomsRules() {}

  static List<RelOptRule> of(CleanRoomsConvention convention) {
    CleanRoomsSqlDialect dialect = convention.dialect();
    return List.of(
        rule(convention, LogicalFilter.class, "CleanRoomsFilterRule", rel -> {
          LogicalFilter f = (LogicalFilter) rel;
          if (!dialect.canWrite(f.getCondition())) {
            return null;
          }
          return new CleanRoomsFilter(f.getCluster(), f.getTraitSet().replace(convention),
              pushed(convention, f.getInput()), f.getCondition());
        }),
        rule(convention, LogicalProject.class, "CleanRoomsProjectRule", rel -> {
          LogicalProject p = (LogicalProject) rel;
          if (RexOver.containsOver(p.getProjects(), null)) {
            // Calcite first splits it into a project and a window (ProjectToWindowRule): pushed by the window rule
            return null;
          }
          if (!p.getProjects().stream().allMatch(e -> dialect.canWrite(e) && !isSelectedString(e))) {
            return null;
          }
          return new CleanRoomsProject(p.getCluster(), p.getTraitSet().replace(convention),
              pushed(convention, p.getInput()), p.getProjects(), p.getRowType());
        }),
        rule(convention, LogicalAggregate.class, "CleanRoomsAggregateRule", rel -> {
          LogicalAggregate a = (LogicalAggregate) rel;
          if (a.getGroupType() != Aggregate.Group.SIMPLE || !a.getAggCallList().stream().allMatch(dialect::canWrite)) {
            return null; // grouping sets, and functions the engine lacks, stay with Calcite
          }
          return new CleanRoomsAggregate(a.getCluster(), a.getTraitSet().replace(convention),
              pushed(convention, a.getInput()), a.getGroupSet(), a.getGroupSets(), a.getAggCallList());
        }),
        rule(convention, LogicalWindow.class, "CleanRoomsWindowRule", rel -> {
          LogicalWindow w = (LogicalWindow) rel;
          if (!w.getConstants().isEmpty() || !w.groups.stream().flatMap(g -> g.aggCalls.stream())
              .allMatch(dialect::canWrite)) {
            // bounds such as 2 PRECEDING (Calcite's SQL writer loses them), and window functions the engine's
            // dialect lacks: Calcite runs the window
            return null;
          }
          return new CleanRoomsWindow(w.getCluster(), w.getTraitSet().replace(convention),
              pushed(convention, w.getInput()), w.getConstants(), w.getRowType(), w.groups);
        }),
        rule(convention, LogicalSort.class, "CleanRoomsSortRule", rel -> {
          LogicalSort s = (LogicalSort) rel;
          return new CleanRoomsSort(s.getCluster(), s.getTraitSet().replace(convention),
              pushed(convention, s.getInput()), s.getCollation(), s.offset, s.fetch);
        }),
        rule(convention, LogicalJoin.class, "CleanRoomsJoinRule", rel -> {
          LogicalJoin j = (LogicalJoin) rel;
          if (!dialect.canWrite(j.getCondition())) {
            return null;
          }
          return new CleanRoomsJoin(j.getCluster(), j.getTraitSet().replace(convention),
              pushed(convention, j.getLeft()), pushed(convention, j.getRight()), j.getCondition(), j.getJoinType());
        }),
        ConverterRule.Config.INSTANCE
            .withConversion(RelNode.class, convention, EnumerableConvention.INSTANCE,
                "CleanRoomsToEnumerableConverterRule(" + dialect + ")")
            .withRuleFactory(ToEnumerable::new)
            .toRule(ToEnumerable.class));
  }

  /**
   * A string constant as a select item: both engines' SQL references say a string literal cannot be referenced
   * directly in SELECT (only inside functions such as CAST), so Calcite adds it to the rows instead.
   */
  private static boolean isSelectedString(RexNode e) {
    return e instanceof RexLiteral literal && literal.getType().getFamily() == SqlTypeFamily.CHARACTER;
  }

  /** Turns a CLEANROOMS subtree into one protected query for Calcite's Enumerable engine. */
  static final class ToEnumerable extends ConverterRule {
    ToEnumerable(Config config) {
      super(config);
    }

    @Override
    public RelNode convert(RelNode rel) {
      return new CleanRoomsToEnumerableConverter(rel.getCluster(),
          rel.getTraitSet().replace(EnumerableConvention.INSTANCE), rel);
    }
  }

  /** A logical operator converted into its CLEANROOMS twin, or null where it cannot be pushed down. */
  @FunctionalInterface
  private interface Push {
    RelNode convert(RelNode rel);
  }

  private static RelOptRule rule(CleanRoomsConvention convention, Class<? extends RelNode> logical, String name,
      Push push) {
    return ConverterRule.Config.INSTANCE
        .withConversion(logical, Convention.NONE, convention, name + "(" + convention.dialect() + ")")
        .withRuleFactory(config -> new ConverterRule(config) {
          @Override
          public RelNode convert(RelNode rel) {
            return push.convert(rel);
          }
        })
        .toRule();
  }

  private static RelNode pushed(CleanRoomsConvention convention, RelNode input) {
    RelTraitSet traits = input.getTraitSet().replace(convention);
    return ConverterRule.convert(input, traits);
  }
}
