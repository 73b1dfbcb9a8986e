/**
 * Laying the driver's JDBC behaviour over Calcite's (and the JDK's) JDBC objects: a proxy that sends the methods
 * the driver implements to it and every other one to the object underneath, the translation of what Calcite
 * throws into the driver's SQLExceptions, and the JDBC 4.2 value conversions every result set and statement use.
 */
package dev.cleanroomsjdbc.jdbc;
