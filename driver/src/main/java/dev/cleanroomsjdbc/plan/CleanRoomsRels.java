package dev.cleanroomsjdbc.plan;

import java.util.List;
import java.util.Set;
import org.apache.calcite.plan.RelOptCluster;
import org.apache.calcite.plan.RelOptCost;
import org.apache.calcite.plan.RelOptPlanner;
import org.apache.calcite.plan.RelTraitSet;
import org.apache.calcite.rel.RelCollation;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.core.Aggregate;
import org.apache.calcite.rel.core.AggregateCall;
import org.apache.calcite.rel.core.CorrelationId;
import org.apache.calcite.rel.core.Filter;
import org.apache.calcite.rel.core.Join;
import org.apache.calcite.rel.core.JoinRelType;
import org.apache.calcite.rel.core.Project;
import org.apache.calcite.rel.core.Sort;
import org.apache.calcite.rel.core.Window;
import org.apache.calcite.rel.metadata.RelMetadataQuery;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rex.RexLiteral;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.util.ImmutableBitSet;
import org.checkerframework.checker.nullness.qual.Nullable;

/** The operators Clean Rooms runs over its tables: Calcite's core ones, in the CLEANROOMS convention. */
final class CleanRoomsRels {
  /**
   * What an operator costs when Clean Rooms runs it, against the same operator in Calcite: less, so that the
   * planner pushes down whatever the rules convert (a projection too, which keeps columns a query does not select
   * out of the protected query and its result), as Calcite's JDBC adapter does with its own multiplier.
   */
  private static final double COST_MULTIPLIER = 0.8;

  private CleanRoomsRels() {}

  private static @Nullable RelOptCost pushedCost(@Nullable RelOptCost cost) {
    return cost == null ? null : cost.multiplyBy(COST_MULTIPLIER);
  }

  /** WHERE. */
  static final class CleanRoomsFilter extends Filter implements CleanRoomsRel {
    CleanRoomsFilter(RelOptCluster cluster, RelTraitSet traits, RelNode input, RexNode condition) {
      super(cluster, traits, input, condition);
    }

    @Override
    public @Nullable RelOptCost computeSelfCost(RelOptPlanner planner, RelMetadataQuery mq) {
      return pushedCost(super.computeSelfCost(planner, mq));
    }

    @Override
    public Filter copy(RelTraitSet traitSet, RelNode input, RexNode condition) {
      return new CleanRoomsFilter(getCluster(), traitSet, input, condition);
    }
  }

  /** SELECT list. */
  static final class CleanRoomsProject extends Project implements CleanRoomsRel {
    CleanRoomsProject(RelOptCluster cluster, RelTraitSet traits, RelNode input, List<? extends RexNode> projects,
        RelDataType rowType) {
      super(cluster, traits, List.of(), input, projects, rowType, Set.of());
    }

    @Override
    public @Nullable RelOptCost computeSelfCost(RelOptPlanner planner, RelMetadataQuery mq) {
      return pushedCost(super.computeSelfCost(planner, mq));
    }

    @Override
    public Project copy(RelTraitSet traitSet, RelNode input, List<RexNode> projects, RelDataType rowType) {
      return new CleanRoomsProject(getCluster(), traitSet, input, projects, rowType);
    }
  }

  /** GROUP BY with aggregate functions. */
  static final class CleanRoomsAggregate extends Aggregate implements CleanRoomsRel {
    CleanRoomsAggregate(RelOptCluster cluster, RelTraitSet traits, RelNode input, ImmutableBitSet groupSet,
        @Nullable List<ImmutableBitSet> groupSets, List<AggregateCall> aggCalls) {
      super(cluster, traits, List.of(), input, groupSet, groupSets, aggCalls);
    }

    @Override
    public @Nullable RelOptCost computeSelfCost(RelOptPlanner planner, RelMetadataQuery mq) {
      return pushedCost(super.computeSelfCost(planner, mq));
    }

    @Override
    public Aggregate copy(RelTraitSet traitSet, RelNode input, ImmutableBitSet groupSet,
        @Nullable List<ImmutableBitSet> groupSets, List<AggregateCall> aggCalls) {
      return new CleanRoomsAggregate(getCluster(), traitSet, input, groupSet, groupSets, aggCalls);
    }
  }

  /** ORDER BY and LIMIT. */
  static final class CleanRoomsSort extends Sort implements CleanRoomsRel {
    CleanRoomsSort(RelOptCluster cluster, RelTraitSet traits, RelNode input, RelCollation collation,
        @Nullable RexNode offset, @Nullable RexNode fetch) {
      super(cluster, traits, input, collation, offset, fetch);
    }

    @Override
    public @Nullable RelOptCost computeSelfCost(RelOptPlanner planner, RelMetadataQuery mq) {
      return pushedCost(super.computeSelfCost(planner, mq));
    }

    @Override
    public Sort copy(RelTraitSet traitSet, RelNode input, RelCollation collation, @Nullable RexNode offset,
        @Nullable RexNode fetch) {
      return new CleanRoomsSort(getCluster(), traitSet, input, collation, offset, fetch);
    }
  }

  /** A join of two collaboration tables (or of queries over them). */
  static final class CleanRoomsJoin extends Join implements CleanRoomsRel {
    CleanRoomsJoin(RelOptCluster cluster, RelTraitSet traits, RelNode left, RelNode right, RexNode condition,
        JoinRelType joinType) {
      super(cluster, traits, List.of(), left, right, condition, Set.<CorrelationId>of(), joinType);
    }

    @Override
    public @Nullable RelOptCost computeSelfCost(RelOptPlanner planner, RelMetadataQuery mq) {
      return pushedCost(super.computeSelfCost(planner, mq));
    }

    @Override
    public Join copy(RelTraitSet traitSet, RexNode condition, RelNode left, RelNode right, JoinRelType joinType,
        boolean semiJoinDone) {
      return new CleanRoomsJoin(getCluster(), traitSet, left, right, condition, joinType);
    }
  }

  /** Window functions ({@code ROW_NUMBER() OVER (...)}, {@code SUM(x) OVER (...)}) over a pushed-down input. */
  static final class CleanRoomsWindow extends Window implements CleanRoomsRel {
    CleanRoomsWindow(RelOptCluster cluster, RelTraitSet traits, RelNode input, List<RexLiteral> constants,
        RelDataType rowType, List<Group> groups) {
      super(cluster, traits, List.of(), input, constants, rowType, groups);
    }

    @Override
    public RelNode copy(RelTraitSet traitSet, List<RelNode> inputs) {
      return new CleanRoomsWindow(getCluster(), traitSet, sole(inputs), constants, getRowType(), groups);
    }

    /** Cheaper than Calcite's own window: running it where the rows are saves moving them (JDBC adapter's way). */
    @Override
    public RelOptCost computeSelfCost(RelOptPlanner planner, RelMetadataQuery mq) {
      RelOptCost cost = super.computeSelfCost(planner, mq);
      return cost == null ? null : cost.multiplyBy(0.5);
    }

    @Override
    public Window copy(List<RexLiteral> constants) {
      return new CleanRoomsWindow(getCluster(), getTraitSet(), getInput(), constants, getRowType(), groups);
    }
  }
}
