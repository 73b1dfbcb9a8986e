package dev.cleanroomsjdbc.local.http;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cleanroomsjdbc.local.service.CleanRoomsError;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.function.Function;

/** nextToken/maxResults paging of List operations; tokens are opaque to clients. */
final class Paging {
  private static final int DEFAULT_PAGE = 100;
  private static final String TOKEN_PREFIX = "local-page:";

  private Paging() {}

  /** Writes one page of {@code items} under {@code listField}, and {@code nextToken} when more remain. */
  static <T> ObjectNode page(ApiRequest request, List<T> items, String listField, Function<T, ObjectNode> view) {
    int size = pageSize(request.query("maxResults"));
    int from = offset(request.query("nextToken"));
    ObjectNode out = Json.object();
    ArrayNode list = out.putArray(listField);
    int to = Math.min(items.size(), from + size);
    for (int i = from; i < to; i++) {
      list.add(view.apply(items.get(i)));
    }
    if (to < items.size()) {
      out.put("nextToken", Base64.getUrlEncoder().withoutPadding()
          .encodeToString((TOKEN_PREFIX + to).getBytes(StandardCharsets.UTF_8)));
    }
    return out;
  }

  private static int pageSize(String maxResults) {
    if (maxResults == null) {
      return DEFAULT_PAGE;
    }
    try {
      int size = Integer.parseInt(maxResults);
      if (size >= 1 && size <= 100) {
        return size;
      }
    } catch (NumberFormatException e) {
      // reported below like any other out-of-range value
    }
    throw CleanRoomsError.validation("maxResults", "maxResults must be between 1 and 100: " + maxResults);
  }

  private static int offset(String token) {
    if (token == null) {
      return 0;
    }
    try {
      String decoded = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
      if (decoded.startsWith(TOKEN_PREFIX)) {
        return Integer.parseInt(decoded.substring(TOKEN_PREFIX.length()));
      }
    } catch (IllegalArgumentException e) {
      // not one of ours: reported below
    }
    throw CleanRoomsError.validation("nextToken", "nextToken was not issued by this service");
  }
}
