package dev.cleanroomsjdbc.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import software.amazon.awssdk.services.cleanrooms.model.ProtectedJob;

/** The service's job error codes, each produced where it fits and seen in GetProtectedJob through the SDK. */
@Timeout(60)
class JobErrorCodesTest {
  private static JobFixture fixture;

  @BeforeAll
  static void start() {
    fixture = new JobFixture();
  }

  @AfterAll
  static void stop() {
    fixture.close();
  }

  @Test
  void removedEntryPointFailsTheJobWithResourceNotFound() {
    String arn = fixture.template("removed_code", "customers");
    fixture.removeCode("removed_code");
    ProtectedJob job = failed(fixture.run(arn), "RESOURCE_NOT_FOUND");
    assertTrue(job.error().message().contains(JobFixture.codeKey("removed_code")), job.error().message());
  }

  @Test
  void changedEntryPointFailsTheJobWithInvalidResource() {
    String arn = fixture.template("changed_code", "customers");
    fixture.putCode("changed_code", "SELECT customer_id FROM customers");
    ProtectedJob job = failed(fixture.run(arn), "INVALID_RESOURCE");
    assertTrue(job.error().message().contains("SHA-256"), job.error().message());
  }

  @Test
  void malformedScriptFailsTheJobWithMalformedScript() {
    failed(fixture.run(fixture.template(fixture.demo.advertiserMembershipId(), "malformed_code", "customers",
        "SELEC nothing FROM")), "MALFORMED_SCRIPT");
  }

  @Test
  void missingResultBucketFailsTheJobWithResourceNotFound() {
    String arn = fixture.template("no_bucket", "customers");
    fixture.resultBucket("no-such-results-bucket");
    try {
      failed(fixture.run(arn), "RESOURCE_NOT_FOUND");
    } finally {
      fixture.resultBucket(DemoCollaboration.RESULT_BUCKET);
    }
  }

  @Test
  void storageThatRefusesAccessFailsTheJobWithResourceAccessDenied() {
    ProtectedJob job = failed(fixture.run(fixture.template("denied", "customers")), "RESOURCE_ACCESS_DENIED");
    assertTrue(job.error().message().contains("Access Denied"), job.error().message());
  }

  @Test
  void unexpectedServerFailureFailsTheJobWithInternalError() {
    failed(fixture.run(fixture.template("crash", "customers")), "INTERNAL_ERROR");
  }

  private static ProtectedJob failed(ProtectedJob job, String code) {
    assertEquals("FAILED", job.statusAsString());
    assertEquals(code, job.error().code(), job.error().message());
    assertTrue(job.result() == null);
    return job;
  }
}
