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
import org.apache.calcite.rex.RexOver;

/**
 * The planner rules that move filters, projections, window functions, aggregations, sorts and joins over
 * collaboration tables into the CLEANROOMS convention, and the one that hands a CLEANROOMS subtree to Calcite's Enumerable engine as a
 * protected query. Pushdown is best effort: what no rule converts stays with Calcite.
 */
public final class CleanRoomsRules {
  private CleanRoomsRules() {}

  public static final List<RelOptRule> RULES = List.of(
      rule(LogicalFilter.class, "CleanRoomsFilterRule", rel -> {
        LogicalFilter f = (LogicalFilter) rel;
        return new CleanRoomsFilter(f.getCluster(), pushed(f.getTraitSet()), pushed(f.getInput()), f.getCondition());
      }),
      rule(LogicalProject.class, "CleanRoomsProjectRule", rel -> {
        LogicalProject p = (LogicalProject) rel;
        if (RexOver.containsOver(p.getProjects(), null)) {
          // Calcite first splits it into a project and a window (ProjectToWindowRule): pushed by the rule below
          return null;
        }
        return new CleanRoomsProject(p.getCluster(), pushed(p.getTraitSet()), pushed(p.getInput()), p.getProjects(),
            p.getRowType());
      }),
      rule(LogicalAggregate.class, "CleanRoomsAggregateRule", rel -> {
        LogicalAggregate a = (LogicalAggregate) rel;
        if (a.getGroupType() != Aggregate.Group.SIMPLE) {
          return null; // grouping sets stay with Calcite
        }
        return new CleanRoomsAggregate(a.getCluster(), pushed(a.getTraitSet()), pushed(a.getInput()),
            a.getGroupSet(), a.getGroupSets(), a.getAggCallList());
      }),
      rule(LogicalWindow.class, "CleanRoomsWindowRule", rel -> {
        LogicalWindow w = (LogicalWindow) rel;
        if (!w.getConstants().isEmpty()) {
          return null; // bounds such as 2 PRECEDING: Calcite's SQL writer loses them, Calcite runs the window
        }
        return new CleanRoomsWindow(w.getCluster(), pushed(w.getTraitSet()), pushed(w.getInput()), w.getConstants(),
            w.getRowType(), w.groups);
      }),
      rule(LogicalSort.class, "CleanRoomsSortRule", rel -> {
        LogicalSort s = (LogicalSort) rel;
        return new CleanRoomsSort(s.getCluster(), pushed(s.getTraitSet()), pushed(s.getInput()), s.getCollation(),
            s.offset, s.fetch);
      }),
      rule(LogicalJoin.class, "CleanRoomsJoinRule", rel -> {
        LogicalJoin j = (LogicalJoin) rel;
        return new CleanRoomsJoin(j.getCluster(), pushed(j.getTraitSet()), pushed(j.getLeft()), pushed(j.getRight()),
            j.getCondition(), j.getJoinType());
      }),
      ConverterRule.Config.INSTANCE
          .withConversion(RelNode.class, CleanRoomsRel.CONVENTION, EnumerableConvention.INSTANCE,
              "CleanRoomsToEnumerableConverterRule")
          .withRuleFactory(ToEnumerable::new)
          .toRule(ToEnumerable.class));

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

  private static RelOptRule rule(Class<? extends RelNode> logical, String name, Push push) {
    return ConverterRule.Config.INSTANCE
        .withConversion(logical, Convention.NONE, CleanRoomsRel.CONVENTION, name)
        .withRuleFactory(config -> new ConverterRule(config) {
          @Override
          public RelNode convert(RelNode rel) {
            return push.convert(rel);
          }
        })
        .toRule();
  }

  private static RelTraitSet pushed(RelTraitSet traits) {
    return traits.replace(CleanRoomsRel.CONVENTION);
  }

  private static RelNode pushed(RelNode input) {
    return ConverterRule.convert(input, input.getTraitSet().replace(CleanRoomsRel.CONVENTION));
  }
}
