package dev.cleanroomsjdbc.driver;

import java.io.ByteArrayInputStream;
import java.io.StringReader;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.math.BigDecimal;
import java.sql.CallableStatement;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ParameterMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.Calendar;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Executor;
import java.util.function.Supplier;

/**
 * Random JDBC calls for {@link EveryFailureIsAnSqlExceptionTest}: any public method of the driver's Connection,
 * statements, result sets and metadata objects, with arguments drawn from values that break code (null, 0, -1,
 * huge indexes, empty and odd strings, wrong classes). Nothing here runs a job: statements run over VALUES only.
 */
final class JdbcCalls {
  static final String VALUES = "SELECT * FROM (VALUES (1, 'a'), (2, 'é😀')) t(x, y)";
  private static final List<String> STRINGS = Arrays.asList(null, "", "x", "y", "SELECT 1", VALUES, "customers", "'",
      "%", "é😀", "demo", "cleanrooms", "ApplicationName", "\u0000", "SELECT ? FROM (VALUES (1)) t(x)");
  private static final List<Integer> INTS = List.of(0, 1, 2, 3, -1, 99, Integer.MAX_VALUE, Integer.MIN_VALUE,
      Types.VARCHAR, Types.INTEGER, ResultSet.TYPE_FORWARD_ONLY, ResultSet.TYPE_SCROLL_INSENSITIVE,
      ResultSet.CONCUR_UPDATABLE, Connection.TRANSACTION_SERIALIZABLE, ResultSet.FETCH_REVERSE);
  private static final List<Object> OBJECTS = Arrays.asList(null, 1, "x", new Object(), BigDecimal.TEN,
      LocalDate.of(2024, 1, 1), new int[0], Double.NaN, true, new byte[] {1});
  private static final List<Class<?>> CLASSES = Arrays.asList(null, String.class, Object.class, Integer.class,
      ResultSet.class, Connection.class, LocalDate.class, byte[].class, Thread.class);
  private static final Executor DIRECT = Runnable::run;

  /** One call and what it is, for the report. */
  record Call(String description, Object target, Method method, Object[] args) {
    void invoke() throws Throwable {
      try {
        Object result = method.invoke(target, args);
        if (result instanceof AutoCloseable closeable && !(result instanceof Connection)) {
          closeable.close();
        }
      } catch (InvocationTargetException e) {
        throw e.getCause();
      }
    }
  }

  private final FuzzInputs fuzz;
  private final Connection connection;
  private final Map<Class<?>, Object> objects = new HashMap<>();
  private final Map<Class<?>, Supplier<Object>> makers = new HashMap<>();
  private final List<Class<?>> types = List.of(Connection.class, Statement.class, PreparedStatement.class,
      CallableStatement.class, ResultSet.class, ResultSetMetaData.class, DatabaseMetaData.class,
      ParameterMetaData.class);
  private final Map<Class<?>, Method[]> methods = new HashMap<>();

  JdbcCalls(FuzzInputs fuzz, Connection connection) {
    this.fuzz = fuzz;
    this.connection = connection;
    makers.put(Connection.class, () -> connection);
    makers.put(Statement.class, () -> quietly(connection::createStatement));
    makers.put(PreparedStatement.class, () -> quietly(() -> connection.prepareStatement(VALUES)));
    makers.put(CallableStatement.class, () -> quietly(() -> connection.prepareCall(VALUES)));
    makers.put(ResultSet.class, () -> quietly(() -> connection.createStatement().executeQuery(VALUES)));
    makers.put(ResultSetMetaData.class, () -> quietly(() -> connection.createStatement().executeQuery(VALUES)
        .getMetaData()));
    makers.put(DatabaseMetaData.class, () -> quietly(connection::getMetaData));
    makers.put(ParameterMetaData.class, () -> quietly(() -> connection
        .prepareStatement("SELECT * FROM (VALUES (1)) t(x) WHERE x = ?").getParameterMetaData()));
    for (Class<?> type : types) {
      Method[] all = type.getMethods();
      Arrays.sort(all, Comparator.comparing(Method::toString)); // a stable order: the seed decides the rest
      methods.put(type, all);
    }
  }

  /** The next random call; objects are made again now and then, so that closing one does not end the run. */
  Call next() {
    Class<?> type = fuzz.pick(types);
    Object target = objects.get(type);
    if (target == null || fuzz.chance(0.05)) {
      target = makers.get(type).get();
      if (target == null) {
        target = connection; // it could not be made: the connection is closed
        type = Connection.class;
      }
      objects.put(type, target);
    }
    Method[] all = methods.get(type);
    Method m = all[fuzz.nextInt(all.length)];
    if (m.getName().equals("close") && fuzz.chance(0.8)) {
      m = all[fuzz.nextInt(all.length)]; // closing ends the fun: less often than the rest
    }
    Object[] args = Arrays.stream(m.getParameterTypes()).map(this::argument).toArray();
    return new Call(type.getSimpleName() + "." + m.getName() + Arrays.deepToString(args), target, m, args);
  }

  private Object argument(Class<?> type) {
    if (type == int.class) {
      return fuzz.pick(INTS);
    }
    if (type == long.class) {
      return (long) fuzz.pick(INTS);
    }
    if (type == boolean.class) {
      return fuzz.chance(0.5);
    }
    if (type == short.class || type == byte.class) {
      return type == short.class ? (Object) (short) 1 : (Object) (byte) 1;
    }
    if (type == double.class || type == float.class) {
      return type == double.class ? (Object) Double.NaN : (Object) 1.5f;
    }
    if (type == String.class) {
      return fuzz.pick(STRINGS);
    }
    if (type == Class.class) {
      return fuzz.pick(CLASSES);
    }
    if (type == Object.class) {
      return fuzz.pick(OBJECTS);
    }
    if (type == Executor.class) {
      return fuzz.chance(0.5) ? null : DIRECT;
    }
    if (type == Properties.class) {
      return fuzz.chance(0.5) ? null : new Properties();
    }
    if (type == Map.class) {
      return fuzz.chance(0.5) ? null : Map.of();
    }
    if (type == Calendar.class) {
      return fuzz.chance(0.5) ? null : Calendar.getInstance();
    }
    if (type == java.io.InputStream.class) {
      return fuzz.chance(0.5) ? null : new ByteArrayInputStream(new byte[] {1, 2});
    }
    if (type == java.io.Reader.class) {
      return fuzz.chance(0.5) ? null : new StringReader("é😀");
    }
    if (type == String[].class) {
      return fuzz.chance(0.5) ? null : new String[] {fuzz.pick(STRINGS)};
    }
    if (type == int[].class) {
      return fuzz.chance(0.5) ? null : new int[] {fuzz.pick(INTS)};
    }
    if (type == Object[].class) {
      return fuzz.chance(0.5) ? null : new Object[] {fuzz.pick(OBJECTS)};
    }
    if (type == byte[].class) {
      return fuzz.chance(0.5) ? null : new byte[] {1};
    }
    return null; // java.sql.Date, Array, Blob, ...: null is the odd value here
  }

  /** A maker that could not make its object (the connection is closed): null. */
  private static Object quietly(SqlSupplier maker) {
    try {
      return maker.get();
    } catch (SQLException e) {
      return null;
    } catch (RuntimeException | Error e) {
      throw new IllegalStateException("making an object to call failed outside SQLException", e);
    }
  }

  private interface SqlSupplier {
    Object get() throws SQLException;
  }
}
