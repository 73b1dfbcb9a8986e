package dev.cleanroomsjdbc.local.storage;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Exception;

@Timeout(60)
class LocalS3Test {
  private static LocalS3 s3;

  @BeforeAll
  static void start() {
    s3 = LocalS3.start(0, null);
  }

  @AfterAll
  static void stop() {
    s3.close();
  }

  private static S3Client clientSigningWith(String accessKey, String secretKey) {
    return S3Client.builder()
        .endpointOverride(s3.endpoint())
        .region(Region.US_EAST_1)
        .forcePathStyle(true)
        .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(accessKey, secretKey)))
        .build();
  }

  @Test
  void itsOwnClientSignsWithKeysTheServerChecks() {
    s3.createBucket("own-keys");
    byte[] payload = new byte[200_000];
    payload[123_456] = 42;
    s3.putBytes(new S3Location("own-keys", "big.bin"), payload);
    assertArrayEquals(payload, s3.read(new S3Location("own-keys", "big.bin")).orElseThrow());
  }

  @Test
  void aWrongSecretIsSignatureDoesNotMatch() {
    try (S3Client wrong = clientSigningWith(LocalS3.ACCESS_KEY, "not-the-secret")) {
      S3Exception e = assertThrows(S3Exception.class, () -> wrong.listBuckets());
      assertEquals(List.of(403, "SignatureDoesNotMatch"), List.of(e.statusCode(), e.awsErrorDetails().errorCode()));
    }
  }

  @Test
  void anUnknownAccessKeyIsInvalidAccessKeyId() {
    try (S3Client stranger = clientSigningWith("AKIASTRANGER00000000", "whatever")) {
      S3Exception e = assertThrows(S3Exception.class, () -> stranger.listBuckets());
      assertEquals(List.of(403, "InvalidAccessKeyId"), List.of(e.statusCode(), e.awsErrorDetails().errorCode()));
    }
  }

  @Test
  void createBucketIsIdempotent() {
    s3.createBucket("twice");
    s3.createBucket("twice");
    s3.putText(new S3Location("twice", "k"), "v");
    assertEquals(Optional.of("v"), s3.read(new S3Location("twice", "k")).map(b -> new String(b, StandardCharsets.UTF_8)));
  }

  @Test
  void readOfAMissingObjectOrBucketIsEmpty() {
    s3.createBucket("present");
    assertTrue(s3.read(new S3Location("present", "missing")).isEmpty());
    assertTrue(s3.read(new S3Location("absent-bucket", "missing")).isEmpty());
  }

  @Test
  void listReturnsEveryObjectUnderThePrefixSortedByKey() {
    s3.createBucket("listing");
    for (String key : List.of("p/b", "p/a", "p/sub/c", "q/x")) {
      s3.putBytes(new S3Location("listing", key), new byte[] {1});
    }
    assertEquals(List.of(new S3Location("listing", "p/a"), new S3Location("listing", "p/b"),
        new S3Location("listing", "p/sub/c")), s3.list(new S3Location("listing", "p/")));
    assertEquals(List.of(), s3.list(new S3Location("no-such-bucket", "")));
  }

  @Test
  void aFilesystemStoreKeepsObjectsAcrossRestarts(@TempDir Path dir) {
    try (LocalS3 first = LocalS3.start(0, dir)) {
      first.createBucket("kept");
      first.putText(new S3Location("kept", "a/b.txt"), "still here");
    }
    try (LocalS3 second = LocalS3.start(0, dir)) {
      assertEquals("still here",
          new String(second.read(new S3Location("kept", "a/b.txt")).orElseThrow(), StandardCharsets.UTF_8));
    }
  }
}
