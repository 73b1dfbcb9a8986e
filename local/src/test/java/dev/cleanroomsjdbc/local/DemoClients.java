package dev.cleanroomsjdbc.local;

import dev.cleanroomsjdbc.testjobs.Slow;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cleanrooms.CleanRoomsClient;
import software.amazon.awssdk.services.cleanrooms.model.AnalysisFormat;
import software.amazon.awssdk.services.cleanrooms.model.ProtectedJob;
import software.amazon.awssdk.services.cleanrooms.model.ProtectedJobType;
import software.amazon.awssdk.services.s3.S3Client;

/** The demo's advertiser and publisher clients plus an S3 client for one local Clean Rooms, with job helpers. */
final class DemoClients implements AutoCloseable {
  private static final Set<String> ENDED = Set.of("SUCCESS", "FAILED", "CANCELLED");

  private final DemoCollaboration.Demo demo;
  private final CleanRoomsClient advertiser;
  private final CleanRoomsClient publisher;
  private final S3Client s3;

  DemoClients(LocalCleanRooms local) {
    demo = local.demo().orElseThrow();
    advertiser = DemoCollaboration.client(local.endpoint(), DemoCollaboration.ADVERTISER_ACCESS_KEY,
        DemoCollaboration.ADVERTISER_SECRET);
    publisher = DemoCollaboration.client(local.endpoint(), DemoCollaboration.PUBLISHER_ACCESS_KEY,
        DemoCollaboration.PUBLISHER_SECRET);
    s3 = s3(local, DemoCollaboration.ADVERTISER_ACCESS_KEY, DemoCollaboration.ADVERTISER_SECRET);
  }

  /** An S3 client of the local S3 signing with an account's keys (it sees what that account may see). */
  static S3Client s3(LocalCleanRooms local, String accessKeyId, String secret) {
    return S3Client.builder().endpointOverride(local.s3().endpoint()).region(Region.US_EAST_1).forcePathStyle(true)
        .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(accessKeyId, secret)))
        .build();
  }

  CleanRoomsClient advertiser() {
    return advertiser;
  }

  CleanRoomsClient publisher() {
    return publisher;
  }

  /** The advertiser's S3 client: it owns the demo's advertiser-data, demo-code and demo-results buckets. */
  S3Client s3() {
    return s3;
  }

  /** A new job template whose entry point is {@link Slow}, which runs until it is cancelled. */
  String slowTemplate() {
    String name = "slow_" + System.nanoTime();
    String key = name + ".jvm";
    s3.putObject(b -> b.bucket(DemoCollaboration.CODE_BUCKET).key(key),
        RequestBody.fromString(Slow.class.getName(), StandardCharsets.UTF_8));
    return advertiser.createAnalysisTemplate(b -> b.membershipIdentifier(demo.advertiserMembershipId())
        .name(name).format(AnalysisFormat.PYSPARK_1_0).schema(s -> s.referencedTables("customers"))
        .source(s -> s.artifacts(a -> a
            .entryPoint(e -> e.location(l -> l.bucket(DemoCollaboration.CODE_BUCKET).key(key)))
            .roleArn("arn:aws:iam::111111111111:role/r")))).analysisTemplate().arn();
  }

  ProtectedJob start(String templateArn) {
    return advertiser.startProtectedJob(b -> b.membershipIdentifier(demo.advertiserMembershipId())
        .type(ProtectedJobType.PYSPARK).jobParameters(p -> p.analysisTemplateArn(templateArn))).protectedJob();
  }

  ProtectedJob get(String jobId) {
    return advertiser.getProtectedJob(b -> b.membershipIdentifier(demo.advertiserMembershipId())
        .protectedJobIdentifier(jobId)).protectedJob();
  }

  /** Polls until the job has ended; callers bound the wait with {@code @Timeout}. */
  ProtectedJob awaitEnd(String jobId) {
    ProtectedJob job = get(jobId);
    while (!ENDED.contains(job.statusAsString())) {
      pause();
      job = get(jobId);
    }
    return job;
  }

  void awaitStatus(String jobId, String status) {
    while (!status.equals(get(jobId).statusAsString())) {
      pause();
    }
  }

  /** The keys of the job's result objects in the demo's result bucket. */
  List<String> resultKeys(String jobId) {
    return s3.listObjectsV2(b -> b.bucket(DemoCollaboration.RESULT_BUCKET)
        .prefix(DemoCollaboration.RESULT_KEY_PREFIX + "/" + jobId + "/")).contents().stream().map(o -> o.key())
        .toList();
  }

  @Override
  public void close() {
    advertiser.close();
    publisher.close();
    s3.close();
  }

  private static void pause() {
    try {
      Thread.sleep(20);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
