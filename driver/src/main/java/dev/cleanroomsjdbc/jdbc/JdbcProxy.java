package dev.cleanroomsjdbc.jdbc;

import dev.cleanroomsjdbc.execution.SqlState;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Makes a JDBC object that behaves like a Calcite one except where the driver has something to add: every
 * method that one of the {@code overrides} objects declares publicly (same name and parameters) runs on the first
 * that does, every other one on the Calcite delegate. This keeps the driver's JDBC classes to the few methods that
 * matter (execute, cancel, close, metadata) instead of hundreds of hand-written delegations.
 */
public final class JdbcProxy implements InvocationHandler {
  private static final Map<Class<?>, Map<Method, Optional<Method>>> OVERRIDES = new ConcurrentHashMap<>();

  private final List<Object> overrides;
  private final Object delegate;

  private JdbcProxy(List<Object> overrides, Object delegate) {
    this.overrides = overrides;
    this.delegate = delegate;
  }

  /** A proxy implementing {@code type} (and {@code more}) over {@code delegate}, with {@code overrides} first. */
  public static <T> T of(Class<T> type, Object overrides, Object delegate, Class<?>... more) {
    return of(type, List.of(overrides), delegate, more);
  }

  /** A proxy implementing {@code type} (and {@code more}) over {@code delegate}, each of {@code layers} in turn first. */
  public static <T> T of(Class<T> type, List<Object> layers, Object delegate, Class<?>... more) {
    Class<?>[] interfaces = Arrays.copyOf(more, more.length + 1);
    interfaces[more.length] = type;
    return type.cast(Proxy.newProxyInstance(JdbcProxy.class.getClassLoader(), interfaces,
        new JdbcProxy(List.copyOf(layers), delegate)));
  }

  /**
   * Every failure of a method that may throw SQLException is an SQLException with a SQLState: Calcite's and
   * Avatica's runtime exceptions and errors (a planner assertion, a stack overflow, an NPE on a null argument)
   * included, with the cause kept.
   */
  @Override
  public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
    try {
      return call(proxy, method, args);
    } catch (Throwable t) {
      if (!Arrays.asList(method.getExceptionTypes()).contains(SQLException.class)
          || t instanceof SQLException s && s.getSQLState() != null
          || t instanceof VirtualMachineError && !(t instanceof StackOverflowError)) {
        throw t;
      }
      throw CalciteErrors.ofCall(t, method.getDeclaringClass().getSimpleName() + "." + method.getName(), args);
    }
  }

  private Object call(Object proxy, Method method, Object[] args) throws Throwable {
    switch (method.getName()) {
      case "equals":
        if (method.getParameterCount() == 1 && method.getParameterTypes()[0] == Object.class) {
          return proxy == args[0];
        }
        break;
      case "hashCode":
        if (method.getParameterCount() == 0) {
          return System.identityHashCode(proxy);
        }
        break;
      case "unwrap":
        if (args != null && args.length == 1 && ((Class<?>) args[0]).isInstance(proxy)) {
          return proxy;
        }
        break;
      case "isWrapperFor":
        if (args != null && args.length == 1 && ((Class<?>) args[0]).isInstance(proxy)) {
          return true;
        }
        break;
      default:
        break;
    }
    Optional<Method> override = Optional.empty();
    Object target = delegate;
    for (Object layer : overrides) {
      override = OVERRIDES.computeIfAbsent(layer.getClass(), c -> new ConcurrentHashMap<>())
          .computeIfAbsent(method, m -> find(layer.getClass(), m));
      if (override.isPresent()) {
        target = layer;
        break;
      }
    }
    Method toCall = override.orElse(method);
    if (override.isEmpty() && !method.getDeclaringClass().isInstance(delegate)) {
      throw SqlState.FEATURE_NOT_SUPPORTED.exception(method.getDeclaringClass().getSimpleName() + "."
          + method.getName() + " is not supported by the Clean Rooms driver");
    }
    try {
      return toCall.invoke(target, args);
    } catch (InvocationTargetException e) {
      throw e.getCause();
    }
  }

  private static Optional<Method> find(Class<?> overrides, Method m) {
    try {
      Method found = overrides.getMethod(m.getName(), m.getParameterTypes());
      if (found.getDeclaringClass() == Object.class) {
        return Optional.empty();
      }
      found.setAccessible(true); // the override classes are package-private on purpose
      return Optional.of(found);
    } catch (NoSuchMethodException e) {
      return Optional.empty();
    }
  }
}
