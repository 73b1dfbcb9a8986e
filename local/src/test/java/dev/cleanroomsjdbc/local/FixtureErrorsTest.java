package dev.cleanroomsjdbc.local;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cleanroomsjdbc.local.fixture.FixtureException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** A broken fixture stops the start with a message naming the file, the entry and the problem. */
@Timeout(30)
class FixtureErrorsTest {
  private static final String ACCOUNTS = """
      accounts:
        - {name: owner, id: "555555555555", accessKeyId: AKIALOCALOWNER000001, secretAccessKey: s}
      """;

  @TempDir
  Path dir;

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', textBlock = """
      unknown creator  | collaborations: [{name: c, creator: nobody}]                          | collaborations[0] 'c': creator: unknown account 'nobody'
      unknown owner    | configuredTables: [{name: t, account: ghost, table: db.t}]             | configuredTables[0] 't': unknown account 'ghost'
      bad Glue type    | tables: [{database: db, name: t, location: 's3://bkt/t/', columns: [{name: x, type: varchar2}]}] | tables[0] 't': column x has an unsupported Glue type 'varchar2'
      bad inline value | tables: [{database: db, name: t, location: 's3://bkt/t/', columns: [{name: x, type: int}], rows: [[abc]]}] | tables[0] 't': rows[0], column x: 'abc' is not a int
      unknown table    | configuredTables: [{name: t, account: owner, table: db.none}]           | configuredTables[0] 't': table 'db.none' is not declared
      bad bucket name  | tables: [{database: db, name: t, location: 's3://b/t/', columns: [{name: x, type: int}]}] | buckets: cannot create bucket 'b'
      refused by API   | collaborations: [{name: c, creator: owner, memberships: [{account: owner}], templates: [{name: q, text: 'SELECT 1', referencedTables: [nope]}]}] | collaborations[0] 'c': templates[0] 'q': the local Clean Rooms refused it
      misspelt key     | tables: [{database: db, name: t, locaton: 's3://b/t/'}]                 | Unrecognized field "locaton"
      """)
  void brokenFixtureNamesFileAndEntry(String name, String yaml, String expected) throws IOException {
    Path file = dir.resolve("broken.yaml");
    Files.writeString(file, ACCOUNTS + yaml + "\n");
    FixtureException e = assertThrows(FixtureException.class,
        () -> LocalCleanRooms.builder().fixture(file).start().close());
    assertTrue(e.getMessage().startsWith(file.toString() + ": "), e.getMessage());
    assertTrue(e.getMessage().contains(expected), e.getMessage());
  }
}
