package dev.cleanroomsjdbc.results;

import dev.cleanroomsjdbc.execution.Execution;
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
 * One S3 object as a seekable stream of exactly its listed size. A connection that breaks, stalls past the read
 * timeout or ends early is reopened with a ranged GET from the byte reached (the SDK retries each GET itself); after
 * {@value #MAX_RESUMES} reopens without progress the read fails. A short object is an error, never a quiet end: a
 * result file that shrank or was cut loses no row without an exception. The statement that reads it can end a
 * blocked read at once: cancel, query timeout and close abort the GET in flight ({@link Execution#onStop}), and so
 * does interrupting the reading thread ({@link ReadWatchdog}).
 */
final class ObjectStream extends InputStream {

  /** Reopens without progress before the read fails; every reopen that made progress starts the count again. */
  static final int MAX_RESUMES = 3;

  private final S3Objects objects;
  private final S3Objects.Entry entry;
  private final Execution owner;
  private final Runnable unhook;
  private volatile ResponseInputStream<GetObjectResponse> body;
  private long pos;
  private int resumesWithoutProgress;
  private volatile boolean closed;

  ObjectStream(S3Objects objects, S3Objects.Entry entry) {
    this.objects = objects;
    this.entry = entry;
    this.owner = Execution.current();
    this.unhook = owner.onStop(this::abortBody);
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
      throwIfStopped();
      try {
        if (body == null) {
          body = objects.get(entry, pos);
          if (owner.stopped().isPresent()) {
            abortBody(); // stopped while the GET was being answered
            continue;
          }
        }
        int n = ReadWatchdog.read(body, buffer, offset, wanted);
        if (n > 0) {
          pos += n;
          resumesWithoutProgress = 0;
          return n;
        }
        // the body ended before the listed size: the connection ended early, or the object is shorter now
        resume(new EOFException(uri() + " ended at byte " + pos + " of " + entry.size()));
      } catch (S3Exception e) {
        if (e.statusCode() == 404) {
          FileNotFoundException missing = new FileNotFoundException(uri() + " no longer exists");
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

  private String uri() {
    return "s3://" + entry.bucket() + "/" + entry.key();
  }

  private void throwIfStopped() throws IOException {
    if (owner.stopped().isPresent()) {
      throw new StoppedRead(owner, "Reading " + uri());
    }
    if (Thread.currentThread().isInterrupted()) {
      throw new InterruptedIOException("Reading " + uri() + " was interrupted");
    }
  }

  private void resume(Exception cause) throws IOException {
    abortBody();
    throwIfStopped();
    if (++resumesWithoutProgress > MAX_RESUMES) {
      throw new IOException(uri() + ": no progress at byte " + pos + " of " + entry.size() + " after "
          + MAX_RESUMES + " reopens (" + cause.getMessage() + ")", cause);
    }
  }

  private void abortBody() {
    ResponseInputStream<GetObjectResponse> b = body;
    if (b != null) {
      body = null;
      // abort, not close: closing would drain the rest of the object to reuse the connection
      b.abort();
    }
  }

  @Override
  public void close() {
    closed = true;
    unhook.run();
    abortBody();
  }

  /** A read ended because the statement was cancelled, timed out or closed; carries the statement's error. */
  static final class StoppedRead extends InterruptedIOException {
    private static final long serialVersionUID = 1L;
    private final transient Execution execution;

    StoppedRead(Execution execution, String what) {
      super(what + " was stopped");
      this.execution = execution;
    }

    java.sql.SQLException statementError(String what) {
      return execution.stopException(what, this);
    }
  }
}
