package dev.cleanroomsjdbc.results;

import java.io.EOFException;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * One S3 object as a seekable stream of exactly its listed size. A connection that breaks or ends early is
 * reopened with a ranged GET from the byte reached (the SDK retries each GET itself); a short object is an
 * error, never a quiet end: a result file that shrank or was cut loses no row without an exception.
 */
final class ObjectStream extends InputStream {

  /** Reopens without progress before the read fails; every reopen that made progress starts the count again. */
  static final int MAX_RESUMES = 3;

  private final S3Objects objects;
  private final S3Objects.Entry entry;
  private ResponseInputStream<GetObjectResponse> body;
  private long pos;
  private int resumesWithoutProgress;
  private boolean closed;

  ObjectStream(S3Objects objects, S3Objects.Entry entry) {
    this.objects = objects;
    this.entry = entry;
  }

  long position() {
    return pos;
  }

  long length() {
    return entry.size();
  }

  /** Moves to {@code target}; the next read reopens the object there unless the open stream is already there. */
  void seek(long target) throws IOException {
    if (target < 0 || target > entry.size()) {
      throw new EOFException("Seek to " + target + " outside " + entry.key() + " (" + entry.size() + " bytes)");
    }
    if (target != pos) {
      abortBody();
      pos = target;
    }
  }

  @Override
  public int read() throws IOException {
    byte[] one = new byte[1];
    int n = read(one, 0, 1);
    return n < 0 ? -1 : one[0] & 0xff;
  }

  @Override
  public int read(byte[] buffer, int offset, int length) throws IOException {
    if (closed) {
      throw new IOException("The result stream of " + entry.key() + " is closed");
    }
    if (length == 0) {
      return 0;
    }
    if (pos >= entry.size()) {
      return -1;
    }
    int wanted = (int) Math.min(length, entry.size() - pos);
    while (true) {
      try {
        if (body == null) {
          body = objects.get(entry, pos);
        }
        int n = body.read(buffer, offset, wanted);
        if (n > 0) {
          pos += n;
          resumesWithoutProgress = 0;
          return n;
        }
        // the body ended before the listed size: the connection ended early, or the object is shorter now
        resume(new EOFException("s3://" + entry.bucket() + "/" + entry.key() + " ended at byte " + pos + " of "
            + entry.size()));
      } catch (InterruptedIOException e) {
        throw e;
      } catch (S3Exception e) {
        if (e.statusCode() == 404) {
          FileNotFoundException missing = new FileNotFoundException("s3://" + entry.bucket() + "/" + entry.key()
              + " no longer exists");
          missing.initCause(e);
          throw missing;
        }
        if (e.statusCode() / 100 == 4) {
          // denied, or the object shrank below the position reached (416): asking again will not help
          throw new IOException(e.getMessage(), e);
        }
        resume(e);
      } catch (IOException | SdkException e) {
        resume(e);
      }
    }
  }

  private void resume(Exception cause) throws IOException {
    abortBody();
    if (Thread.currentThread().isInterrupted()) {
      throw new InterruptedIOException("Reading " + entry.key() + " was interrupted");
    }
    if (++resumesWithoutProgress > MAX_RESUMES) {
      throw cause instanceof IOException io ? io : new IOException(cause.getMessage(), cause);
    }
  }

  private void abortBody() {
    if (body != null) {
      // abort, not close: closing would drain the rest of the object to reuse the connection
      body.abort();
      body = null;
    }
  }

  @Override
  public void close() {
    closed = true;
    abortBody();
  }
}
