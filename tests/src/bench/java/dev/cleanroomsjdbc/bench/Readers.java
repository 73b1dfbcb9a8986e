package dev.cleanroomsjdbc.bench;

import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.hadoop.ParquetReader;
import org.apache.parquet.hadoop.example.GroupReadSupport;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.PrimitiveType;

/**
 * The ways the streaming benchmark reads one result, each as a user would write it, every value of every row
 * turned into the Java value it stands for and kept where the JIT cannot drop it.
 */
final class Readers {
  /** Values the readers store, so that no conversion is optimized away. */
  static final Object[] SINK = new Object[16];
  static long sum;

  private Readers() {}

  /** Reads the whole result once; returns the rows read. */
  interface Read {
    long rows() throws Exception;
  }

  static Read of(String[] args) {
    String kind = args[0];
    List<String> rest = Arrays.asList(args).subList(1, args.length);
    return switch (kind) {
      case "parquet-group" -> () -> parquetGroup(rest);
      case "driver-object" -> () -> driver(rest, false);
      case "driver-typed" -> () -> driver(rest, true);
      case "duckdb" -> () -> duckdb(rest.get(0));
      default -> throw new IllegalArgumentException("no reader " + kind);
    };
  }

  /** args: S3 endpoint, access key, secret key, then the s3a:// URIs of the part files in order. */
  private static long parquetGroup(List<String> args) throws Exception {
    Configuration conf = new Configuration();
    conf.set("fs.s3a.endpoint", args.get(0));
    conf.set("fs.s3a.endpoint.region", "us-east-1");
    conf.set("fs.s3a.path.style.access", "true");
    conf.set("fs.s3a.connection.ssl.enabled", "false");
    conf.set("fs.s3a.access.key", args.get(1));
    conf.set("fs.s3a.secret.key", args.get(2));
    conf.set("fs.s3a.aws.credentials.provider", "org.apache.hadoop.fs.s3a.SimpleAWSCredentialsProvider");
    long rows = 0;
    for (String part : args.subList(3, args.size())) {
      try (ParquetReader<Group> reader = ParquetReader.builder(new GroupReadSupport(), new Path(part))
          .withConf(conf).build()) {
        Group g;
        while ((g = reader.read()) != null) {
          int n = g.getType().getFieldCount();
          for (int f = 0; f < n; f++) {
            if (g.getFieldRepetitionCount(f) > 0) {
              SINK[f] = value(g, f, g.getType().getType(f).asPrimitiveType());
            }
          }
          rows++;
        }
      }
    }
    return rows;
  }

  /** The typed getter for the column's type, and the Java value it stands for. */
  private static Object value(Group g, int f, PrimitiveType type) {
    LogicalTypeAnnotation logical = type.getLogicalTypeAnnotation();
    switch (type.getPrimitiveTypeName()) {
      case INT64:
        if (logical instanceof LogicalTypeAnnotation.DecimalLogicalTypeAnnotation d) {
          return BigDecimal.valueOf(g.getLong(f, 0), d.getScale());
        }
        if (logical instanceof LogicalTypeAnnotation.TimestampLogicalTypeAnnotation) {
          long micros = g.getLong(f, 0);
          return Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000L), Math.floorMod(micros, 1_000_000L) * 1000);
        }
        return g.getLong(f, 0);
      case INT32:
        if (logical instanceof LogicalTypeAnnotation.DateLogicalTypeAnnotation) {
          return LocalDate.ofEpochDay(g.getInteger(f, 0));
        }
        if (logical instanceof LogicalTypeAnnotation.DecimalLogicalTypeAnnotation d) {
          return BigDecimal.valueOf(g.getInteger(f, 0), d.getScale());
        }
        return g.getInteger(f, 0);
      case DOUBLE:
        return g.getDouble(f, 0);
      case BOOLEAN:
        return g.getBoolean(f, 0);
      case INT96: {
        ByteBuffer b = ByteBuffer.wrap(g.getInt96(f, 0).getBytes()).order(ByteOrder.LITTLE_ENDIAN);
        long nanos = b.getLong();
        long day = b.getInt();
        return Instant.ofEpochSecond((day - 2_440_588L) * 86_400L, nanos);
      }
      default:
        return g.getString(f, 0);
    }
  }

  /** args: JDBC URL, secret access key, job id. */
  private static long driver(List<String> args, boolean typed) throws Exception {
    Properties p = new Properties();
    p.setProperty("secretAccessKey", args.get(1));
    try (Connection c = DriverManager.getConnection(args.get(0), p); Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT * FROM TABLE(cleanrooms.job_result('" + args.get(2) + "', 'rows'))")) {
      return typed ? typed(rs) : objects(rs);
    }
  }

  private static long objects(ResultSet rs) throws Exception {
    int columns = rs.getMetaData().getColumnCount();
    long rows = 0;
    while (rs.next()) {
      for (int i = 1; i <= columns; i++) {
        SINK[i] = rs.getObject(i);
      }
      rows++;
    }
    return rows;
  }

  /** The getter for each column's type: getLong, getString, getInt, getDouble, getBigDecimal, getBoolean, ... */
  private static long typed(ResultSet rs) throws Exception {
    long rows = 0;
    long acc = 0;
    while (rs.next()) {
      acc += rs.getLong(1);
      SINK[2] = rs.getString(2);
      acc += rs.getInt(3);
      acc += (long) rs.getDouble(4);
      SINK[5] = rs.getBigDecimal(5);
      acc += rs.getBoolean(6) ? 1 : 0;
      SINK[7] = rs.getDate(7);
      SINK[8] = rs.getTimestamp(8);
      rows++;
    }
    sum += acc;
    return rows;
  }

  /** args: a glob of local copies of the part files. */
  private static long duckdb(String glob) throws Exception {
    try (Connection c = DriverManager.getConnection("jdbc:duckdb:"); Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT * FROM read_parquet('" + glob + "')")) {
      return objects(rs);
    }
  }
}
