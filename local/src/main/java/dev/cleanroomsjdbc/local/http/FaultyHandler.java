package dev.cleanroomsjdbc.local.http;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cleanroomsjdbc.local.faults.FaultInjector;
import dev.cleanroomsjdbc.local.faults.FaultInjector.RequestFault;
import dev.cleanroomsjdbc.local.service.CleanRoomsError;

/**
 * A route decorator in the spirit of s3proxy's {@code LatencyBlobStore}: delays, throttles or fails a request as
 * the fault mode draws it, before the operation runs, so a retried request finds the state unchanged; or, for a
 * lost response, after it ran, so a retried request finds what the first one did.
 */
final class FaultyHandler implements Router.Handler {
  private static final String INJECTED = " (injected by the local Clean Rooms' fault mode)";

  private final Router.Handler delegate;
  private final String operation;
  private final FaultInjector faults;

  FaultyHandler(Router.Handler delegate, String operation, FaultInjector faults) {
    this.delegate = delegate;
    this.operation = operation;
    this.faults = faults;
  }

  @Override
  public JsonNode handle(ApiRequest request) {
    RequestFault fault = faults.forRequest(operation);
    if (!fault.delay().isZero()) {
      pause(fault);
    }
    if (fault.throttle()) {
      throw CleanRoomsError.throttling("Rate exceeded for " + operation + INJECTED);
    }
    if (fault.serverError()) {
      throw CleanRoomsError.internal("Internal server error in " + operation + INJECTED);
    }
    JsonNode answer = delegate.handle(request);
    if (fault.lostResponse()) {
      throw CleanRoomsError.internal("Internal server error in " + operation + " after it ran" + INJECTED);
    }
    return answer;
  }

  private void pause(RequestFault fault) {
    try {
      Thread.sleep(fault.delay().toMillis());
    } catch (InterruptedException e) {
      // the server is stopping: answer at once rather than keep its thread
      Thread.currentThread().interrupt();
      throw CleanRoomsError.internal("Interrupted while delaying " + operation + INJECTED);
    }
  }
}
