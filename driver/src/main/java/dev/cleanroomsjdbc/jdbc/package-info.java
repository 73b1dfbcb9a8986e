/**
 * The driver's JDBC objects: the result set of results streamed as they are ({@code CleanRoomsResultSet}, plain
 * getters off decoded column batches, no proxy on the row path), the proxy that lays the driver's behaviour over
 * Calcite's JDBC objects on the cold path (statements, connections, metadata), the translation of what Calcite
 * throws into the driver's SQLExceptions, and the JDBC 4.2 value conversions every result set and statement use.
 */
package dev.cleanroomsjdbc.jdbc;
