package dev.cleanroomsjdbc.local.storage;

/** A bucket and a key (or key prefix) in S3. */
public record S3Location(String bucket, String key) {

  /** Parses {@code s3://bucket/key}. */
  public static S3Location parse(String uri) {
    if (!uri.startsWith("s3://")) {
      throw new IllegalArgumentException("not an s3:// URI: " + uri);
    }
    String rest = uri.substring("s3://".length());
    int slash = rest.indexOf('/');
    return slash < 0 ? new S3Location(rest, "") : new S3Location(rest.substring(0, slash), rest.substring(slash + 1));
  }

  /** The same location one level down: {@code resolve("a")} of {@code s3://b/p/} is {@code s3://b/p/a}. */
  public S3Location resolve(String child) {
    String base = key.isEmpty() || key.endsWith("/") ? key : key + "/";
    return new S3Location(bucket, base + child);
  }

  public String uri() {
    return "s3://" + bucket + "/" + key;
  }

  @Override
  public String toString() {
    return uri();
  }
}
