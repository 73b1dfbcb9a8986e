/**
 * DatabaseMetaData beyond what Calcite gives: product and driver identity, a URL without secrets, and the
 * collaboration's analysis templates as procedures.
 */
package dev.cleanroomsjdbc.metadata;
