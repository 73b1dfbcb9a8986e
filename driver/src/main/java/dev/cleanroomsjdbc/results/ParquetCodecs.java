package dev.cleanroomsjdbc.results;

import io.airlift.compress.Decompressor;
import io.airlift.compress.gzip.JdkGzipHadoopStreams;
import io.airlift.compress.hadoop.HadoopStreams;
import io.airlift.compress.lz4.Lz4Decompressor;
import io.airlift.compress.lz4.Lz4HadoopStreams;
import io.airlift.compress.lzo.LzoHadoopStreams;
import io.airlift.compress.snappy.SnappyDecompressor;
import io.airlift.compress.zstd.ZstdDecompressor;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.util.EnumSet;
import java.util.Set;
import java.util.function.Supplier;
import org.apache.parquet.bytes.BytesInput;
import org.apache.parquet.compression.CompressionCodecFactory;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;

/**
 * Decompresses Parquet pages with aircompressor's pure-Java codecs (and the JDK's gzip), so the driver carries
 * no native library: Parquet's own factory would load Hadoop's codecs, snappy-java and zstd-jni, whose JNI
 * code cannot be relocated and exists for some platforms only. Files in a codec not in {@link #READABLE} (BROTLI)
 * are refused before their first row ({@link ParquetRowSource#open}).
 */
final class ParquetCodecs implements CompressionCodecFactory {

  static final ParquetCodecs INSTANCE = new ParquetCodecs();

  /** Every codec this factory decompresses. */
  static final Set<CompressionCodecName> READABLE = EnumSet.of(CompressionCodecName.UNCOMPRESSED,
      CompressionCodecName.SNAPPY, CompressionCodecName.GZIP, CompressionCodecName.ZSTD, CompressionCodecName.LZ4,
      CompressionCodecName.LZ4_RAW, CompressionCodecName.LZO);

  private ParquetCodecs() {}

  @Override
  public BytesInputDecompressor getDecompressor(CompressionCodecName codec) {
    return switch (codec) {
      case UNCOMPRESSED -> new Uncompressed();
      case SNAPPY -> new Block(SnappyDecompressor::new);
      case ZSTD -> new Block(ZstdDecompressor::new);
      case LZ4_RAW -> new Block(Lz4Decompressor::new);
      // Hadoop's stream framings, as Parquet's GZIP, LZ4 (deprecated) and LZO codecs write them
      case GZIP -> new Framed(new JdkGzipHadoopStreams());
      case LZ4 -> new Framed(new Lz4HadoopStreams());
      case LZO -> new Framed(new LzoHadoopStreams());
      default -> new Unreadable(codec);
    };
  }

  @Override
  public BytesInputCompressor getCompressor(CompressionCodecName codec) {
    throw new UnsupportedOperationException("The driver reads results; it never writes Parquet");
  }

  @Override
  public void release() {
    // nothing pooled: each decompressor is plain Java and holds no native memory
  }

  private abstract static class ArrayDecompressor implements BytesInputDecompressor {
    abstract byte[] decompress(byte[] input, int uncompressedSize) throws IOException;

    @Override
    public BytesInput decompress(BytesInput bytes, int uncompressedSize) throws IOException {
      return BytesInput.from(decompress(bytes.toByteArray(), uncompressedSize));
    }

    @Override
    public void decompress(ByteBuffer input, int compressedSize, ByteBuffer output, int uncompressedSize)
        throws IOException {
      byte[] in = new byte[compressedSize];
      input.duplicate().get(in);
      output.put(decompress(in, uncompressedSize));
    }

    @Override
    public void release() {
    }
  }

  private static final class Uncompressed extends ArrayDecompressor {
    @Override
    byte[] decompress(byte[] input, int uncompressedSize) {
      return input;
    }

    @Override
    public BytesInput decompress(BytesInput bytes, int uncompressedSize) {
      return bytes;
    }
  }

  /** A codec whose page is one compressed block (Snappy, Zstandard frames, raw LZ4). */
  private static final class Block extends ArrayDecompressor {
    private final Decompressor decompressor;

    Block(Supplier<Decompressor> codec) {
      this.decompressor = codec.get();
    }

    @Override
    byte[] decompress(byte[] input, int uncompressedSize) throws IOException {
      byte[] out = new byte[uncompressedSize];
      int n;
      try {
        n = decompressor.decompress(input, 0, input.length, out, 0, out.length);
      } catch (RuntimeException e) {
        throw new IOException("corrupt compressed page: " + e.getMessage(), e);
      }
      if (n != uncompressedSize) {
        throw new IOException("corrupt compressed page: " + n + " bytes instead of " + uncompressedSize);
      }
      return out;
    }
  }

  /** A codec whose page is a Hadoop compression stream (gzip, Hadoop's LZ4 and LZO framing). */
  private static final class Framed extends ArrayDecompressor {
    private final HadoopStreams streams;

    Framed(HadoopStreams streams) {
      this.streams = streams;
    }

    @Override
    byte[] decompress(byte[] input, int uncompressedSize) throws IOException {
      try (InputStream in = streams.createInputStream(new java.io.ByteArrayInputStream(input))) {
        byte[] out = in.readNBytes(uncompressedSize);
        if (out.length != uncompressedSize) {
          throw new IOException("corrupt compressed page: " + out.length + " bytes instead of " + uncompressedSize);
        }
        return out;
      } catch (RuntimeException e) {
        throw new IOException("corrupt compressed page: " + e.getMessage(), e);
      }
    }
  }

  private static final class Unreadable extends ArrayDecompressor {
    private final CompressionCodecName codec;

    Unreadable(CompressionCodecName codec) {
      this.codec = codec;
    }

    @Override
    byte[] decompress(byte[] input, int uncompressedSize) throws IOException {
      throw new IOException("compressed with " + codec + ", which the driver does not read");
    }
  }
}
