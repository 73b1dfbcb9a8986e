package dev.cleanroomsjdbc.driver;

/** {@link CallTemplateSpec} with the local Clean Rooms' data in the in-process S3 server. */
class CallTemplateTest extends CallTemplateSpec {
  @Override
  protected TestCollaboration collaboration() {
    return TestCollaboration.shared();
  }
}
