package dev.cleanroomsjdbc.plan;

import org.apache.calcite.rel.RelNode;

/**
 * A relational expression that Clean Rooms runs: part of the SQL of one protected query, in the
 * {@link CleanRoomsConvention} of its collaboration's analytics engine.
 */
public interface CleanRoomsRel extends RelNode {}
