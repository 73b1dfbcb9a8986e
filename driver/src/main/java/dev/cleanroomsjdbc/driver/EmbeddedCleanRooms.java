package dev.cleanroomsjdbc.driver;

import java.net.URI;

/**
 * Where {@code jdbc:cleanrooms:local} finds an in-process Clean Rooms.
 *
 * <p>The driver never imports the local Clean Rooms; an implementation registers itself in
 * {@code META-INF/services/dev.cleanroomsjdbc.driver.EmbeddedCleanRooms} and the driver talks to it over
 * HTTP and the S3 protocol exactly as it talks to AWS.
 */
public interface EmbeddedCleanRooms {

  /** Starts the shared in-process instance on first use (later calls return the same endpoints). */
  Endpoints start();

  /** Endpoints and the identity of the demo member that runs jobs. Secrets are redacted from {@link #toString()}. */
  record Endpoints(
      URI cleanRoomsEndpoint,
      URI s3Endpoint,
      String region,
      String accessKeyId,
      String secretAccessKey,
      String membershipId) {
    @Override
    public String toString() {
      return "Endpoints[cleanRooms=" + cleanRoomsEndpoint + ", s3=" + s3Endpoint + ", region=" + region
          + ", accessKeyId=" + accessKeyId + ", membershipId=" + membershipId + "]";
    }
  }
}
