/**
 * The driver under the frameworks applications bring, in this JVM through DriverManager: Spring's JdbcTemplate
 * over HikariCP, and Jdbi. Each test asserts the rows a user would see, with bound parameters. Tools that load the
 * driver jar themselves (DBeaver, Tableau, SchemaCrawler, SQLLine, Spark, Python) are in {@code hosts}.
 */
package dev.cleanroomsjdbc.clients;
