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
    int from = verifyNextToken(request.query("nextToken"));
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

  /** maxResults, which the model's range (1..100) has checked already; the service's default page otherwise. */
  private static int pageSize(String maxResults) {
    return maxResults == null ? DEFAULT_PAGE : Integer.parseInt(maxResults);
  }

  /** Page token rule: a nextToken must be one this service issued (the model only bounds its length). */
  private static int verifyNextToken(String token) {
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
