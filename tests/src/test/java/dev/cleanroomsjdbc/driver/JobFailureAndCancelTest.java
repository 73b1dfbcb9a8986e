package dev.cleanroomsjdbc.driver;

/** {@link JobFailureAndCancelSpec} with the local Clean Rooms' data in the in-process S3 server. */
class JobFailureAndCancelTest extends JobFailureAndCancelSpec {
  @Override
  protected TestCollaboration collaboration() {
    return TestCollaboration.shared();
  }
}
