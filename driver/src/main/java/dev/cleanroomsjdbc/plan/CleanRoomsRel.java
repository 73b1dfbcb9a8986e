package dev.cleanroomsjdbc.plan;

import org.apache.calcite.plan.Convention;
import org.apache.calcite.rel.RelNode;

/** A relational expression that Clean Rooms runs: part of the SQL of one protected query. */
public interface CleanRoomsRel extends RelNode {
  /** The convention of everything Clean Rooms runs; it shows in EXPLAIN as CLEANROOMS. */
  Convention CONVENTION = new Convention.Impl("CLEANROOMS", CleanRoomsRel.class);
}
