package dev.cleanroomsjdbc.local;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.services.cleanrooms.CleanRoomsClient;
import software.amazon.awssdk.services.cleanrooms.model.CollaborationQueryLogStatus;
import software.amazon.awssdk.services.cleanrooms.model.MemberAbility;

/** Any spelling of a data directory works, and a restart on another spelling of it finds what was saved. */
@Timeout(60)
class DataDirectoryPathsTest {

  @ParameterizedTest
  @ValueSource(strings = {"target/data-dirs/relative", "./target/data-dirs/dot", "target/data-dirs/x/../dot-dot",
      "target/data-dirs/with space/./a b", "../local/target/data-dirs/up"})
  void dataDirectoryGivenAsAnyPathKeepsTheStateAcrossARestart(String spelled) throws Exception {
    Path dir = Path.of(spelled);
    deleteTree(dir.toAbsolutePath().normalize());
    String id;
    try (LocalCleanRooms local = LocalCleanRooms.builder().dataDir(dir).start()) {
      local.registerAccount("333333333333", "AKIATESTOWNER0000001", "s1");
      try (CleanRoomsClient owner = DemoCollaboration.client(local.endpoint(), "AKIATESTOWNER0000001", "s1")) {
        id = owner.createCollaboration(b -> b.name("kept").description("kept").creatorDisplayName("owner")
            .creatorMemberAbilities(MemberAbility.CAN_QUERY).members(List.of())
            .queryLogStatus(CollaborationQueryLogStatus.DISABLED)).collaboration().id();
      }
      local.s3().client().createBucket(b -> b.bucket("kept-bucket"));
    }
    // the same directory, spelled as an absolute path this time
    try (LocalCleanRooms local = LocalCleanRooms.builder().dataDir(dir.toAbsolutePath()).start();
        CleanRoomsClient owner = DemoCollaboration.client(local.endpoint(), "AKIATESTOWNER0000001", "s1")) {
      assertEquals("kept", owner.getCollaboration(b -> b.collaborationIdentifier(id)).collaboration().name());
    }
    assertEquals(true, Files.isDirectory(dir.toAbsolutePath().normalize().resolve("s3").resolve("kept-bucket")),
        spelled);
  }

  private static void deleteTree(Path dir) throws Exception {
    if (Files.exists(dir)) {
      try (var files = Files.walk(dir)) {
        for (Path p : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
          Files.delete(p);
        }
      }
    }
  }
}
