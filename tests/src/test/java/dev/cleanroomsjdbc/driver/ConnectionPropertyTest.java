package dev.cleanroomsjdbc.driver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The one declared list of connection properties stays sorted, documented and reachable by key. */
class ConnectionPropertyTest {

  @Test
  void propertiesAreDeclaredInKeyOrder() {
    List<String> keys = Arrays.stream(ConnectionProperty.values()).map(ConnectionProperty::key).toList();
    assertEquals(keys.stream().sorted(String.CASE_INSENSITIVE_ORDER).toList(), keys);
  }

  @Test
  void everyPropertyIsInTheDocsTableWithItsDefault() throws Exception {
    String docs = Files.readString(Path.of(System.getProperty("repo.root", ".."), "docs/connection-properties.md"));
    for (ConnectionProperty p : ConnectionProperty.values()) {
      String row = docs.lines().filter(l -> l.startsWith("| `" + p.key() + "` |")).findFirst()
          .orElseThrow(() -> new AssertionError(p.key() + " is missing from docs/connection-properties.md"));
      if (p.defaultValue() != null) {
        assertTrue(row.contains("`" + p.defaultValue() + "`"), p.key() + " documents its default: " + row);
      }
      p.choices().forEach(choice -> assertTrue(row.contains("`" + choice + "`"), p.key() + " lists " + choice));
    }
  }

  @Test
  void everyPropertyIsFoundByItsKeyInAnyCase() {
    for (ConnectionProperty p : ConnectionProperty.values()) {
      assertSame(p, ConnectionProperty.forKey(p.key().toUpperCase()));
    }
    assertSame(ConnectionProperty.ACCESS_KEY_ID, ConnectionProperty.forKey("user"));
    assertSame(ConnectionProperty.SECRET_ACCESS_KEY, ConnectionProperty.forKey("password"));
  }
}
