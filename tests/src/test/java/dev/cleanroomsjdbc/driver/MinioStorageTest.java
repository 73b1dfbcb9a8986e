package dev.cleanroomsjdbc.driver;

import dev.cleanroomsjdbc.local.DemoCollaboration;
import java.net.URI;
import org.junit.jupiter.api.Nested;
import org.testcontainers.containers.MinIOContainer;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;

/**
 * The same specs with the local Clean Rooms' data in a real MinIO (Testcontainers), where Docker exists; skipped
 * where it does not. MinIO checks signatures, so its root user is the demo member the driver signs as.
 */
@Testcontainers(disabledWithoutDocker = true)
class MinioStorageTest {
  @Container
  static final MinIOContainer MINIO = new MinIOContainer("minio/minio:RELEASE.2023-09-04T19-57-37Z")
      .withUserName(DemoCollaboration.ADVERTISER_ACCESS_KEY)
      .withPassword(DemoCollaboration.ADVERTISER_SECRET);

  static TestCollaboration onMinio() {
    return TestCollaboration.onExternalS3(URI.create(MINIO.getS3URL()), DemoCollaboration.ADVERTISER_ACCESS_KEY,
        DemoCollaboration.ADVERTISER_SECRET);
  }

  @Nested
  class CallTemplate extends CallTemplateSpec {
    @Override
    protected TestCollaboration collaboration() {
      return onMinio();
    }
  }

  @Nested
  class JobFailureAndCancel extends JobFailureAndCancelSpec {
    @Override
    protected TestCollaboration collaboration() {
      return onMinio();
    }
  }
}
