/**
 * DatabaseMetaData as tools read it: product and driver identity (JDBC 4.2), a URL without secrets, the schemas,
 * tables, columns and types of the collaboration named and sized by one rule ({@code JdbcTypes}), its analysis
 * templates as procedures and the driver's own functions; every result forward-only and correctly shaped.
 */
package dev.cleanroomsjdbc.metadata;
