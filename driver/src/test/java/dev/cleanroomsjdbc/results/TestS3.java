package dev.cleanroomsjdbc.results;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.example.ExampleParquetWriter;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.io.LocalOutputFile;
import org.apache.parquet.schema.MessageType;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;
import org.gaul.s3proxy.nio2blob.TransientNio2BlobStore;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/** An in-process, in-memory s3proxy with one bucket, plus helpers to put objects and write Parquet files. */
final class TestS3 implements AutoCloseable {

  static final String BUCKET = "results";
  private static final String ACCESS_KEY = "AKIAEXAMPLERESULTS";
  private static final String SECRET_KEY = "secret-results-key";

  private final S3Proxy proxy;
  private final URI endpoint;
  private final S3Client s3;

  private TestS3(S3Proxy proxy) throws IOException {
    this.proxy = proxy;
    this.endpoint = URI.create("http://127.0.0.1:" + proxy.getPort());
    this.s3 = S3Client.builder().endpointOverride(endpoint).region(Region.US_EAST_1).forcePathStyle(true)
        .credentialsProvider(credentials()).build();
    s3.createBucket(b -> b.bucket(BUCKET));
  }

  static TestS3 start() throws Exception {
    S3Proxy proxy = S3Proxy.builder().blobStore(new TransientNio2BlobStore())
        .endpoint(URI.create("http://127.0.0.1:0"))
        .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, ACCESS_KEY, SECRET_KEY)
        .build();
    proxy.start();
    long deadline = System.nanoTime() + 10_000_000_000L;
    while (!"STARTED".equals(proxy.getState())) {
      if (System.nanoTime() > deadline) {
        proxy.stop();
        throw new IllegalStateException("s3proxy did not start");
      }
      Thread.sleep(10);
    }
    try {
      return new TestS3(proxy);
    } catch (IOException | RuntimeException e) {
      stop(proxy);
      throw e;
    }
  }

  private static StaticCredentialsProvider credentials() {
    return StaticCredentialsProvider.create(AwsBasicCredentials.create(ACCESS_KEY, SECRET_KEY));
  }

  S3Access access() {
    return new S3Access(endpoint, "us-east-1", credentials(), true);
  }

  static URI location(String prefix) {
    return URI.create("s3://" + BUCKET + "/" + prefix);
  }

  void put(String key, byte[] bytes) {
    s3.putObject(b -> b.bucket(BUCKET).key(key), RequestBody.fromBytes(bytes));
  }

  void put(String key, String text) {
    put(key, text.getBytes(StandardCharsets.UTF_8));
  }

  byte[] get(String key) {
    return s3.getObjectAsBytes(b -> b.bucket(BUCKET).key(key)).asByteArray();
  }

  void delete(String key) {
    s3.deleteObject(b -> b.bucket(BUCKET).key(key));
  }

  /** Writes {@code rows} as a Snappy Parquet file with parquet's example writer, then uploads it. */
  void writeParquet(String key, MessageType schema, List<Group> rows) throws IOException {
    writeParquet(key, schema, rows, CompressionCodecName.SNAPPY);
  }

  /** Writes {@code rows} as a Parquet file in {@code codec} with parquet's example writer, then uploads it. */
  void writeParquet(String key, MessageType schema, List<Group> rows, CompressionCodecName codec)
      throws IOException {
    java.nio.file.Path local = Files.createTempFile("result", ".parquet");
    Files.delete(local);
    try {
      try (ParquetWriter<Group> out = ExampleParquetWriter.builder(new LocalOutputFile(local))
          .withType(schema).withCompressionCodec(codec).withConf(new Configuration())
          .withRowGroupSize(64L * 1024).withPageSize(8 * 1024).build()) {
        for (Group row : rows) {
          out.write(row);
        }
      }
      put(key, Files.readAllBytes(local));
    } finally {
      Files.deleteIfExists(local);
    }
  }

  @Override
  public void close() throws IOException {
    try {
      s3.close();
    } finally {
      stop(proxy);
    }
  }

  private static void stop(S3Proxy proxy) throws IOException {
    try {
      proxy.stop();
    } catch (IOException | RuntimeException e) {
      throw e;
    } catch (Exception e) {
      throw new IOException("Stopping s3proxy failed", e);
    }
  }
}
