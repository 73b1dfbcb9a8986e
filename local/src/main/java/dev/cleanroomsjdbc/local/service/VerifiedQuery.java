package dev.cleanroomsjdbc.local.service;

import dev.cleanroomsjdbc.local.engine.TableSource;
import java.util.Map;

/**
 * A query that passed the analysis rules of the tables it reads.
 *
 * @param sql the SQL to run: the query, with the HAVING clause its output constraints add
 * @param sources the collaboration's tables it reads, by association name
 */
record VerifiedQuery(String sql, Map<String, TableSource> sources) {}
