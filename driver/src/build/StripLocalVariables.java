import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.Label;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;

/**
 * Build step of the self-contained driver jar (run by driver/pom.xml after the shade plugin): drops the local
 * variable tables of every class, which only a debugger reads, and keeps everything else byte for byte in
 * meaning (line numbers for stack traces, stack map frames, annotations). It takes a tenth off the jar.
 *
 * <p>Usage: {@code java -cp <asm> StripLocalVariables.java <jar>} rewrites the jar in place.
 */
public final class StripLocalVariables {
  private StripLocalVariables() {}

  public static void main(String[] args) throws IOException {
    Path jar = Path.of(args[0]);
    Path out = jar.resolveSibling(jar.getFileName() + ".tmp");
    int stripped = 0;
    int kept = 0;
    try (ZipInputStream in = new ZipInputStream(Files.newInputStream(jar));
        ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(out))) {
      for (ZipEntry entry; (entry = in.getNextEntry()) != null; ) {
        byte[] bytes = in.readAllBytes();
        if (entry.getName().endsWith(".class")) {
          byte[] smaller = strip(bytes);
          if (smaller == null) {
            kept++;
          } else {
            bytes = smaller;
            stripped++;
          }
        }
        ZipEntry copy = new ZipEntry(entry.getName());
        copy.setTime(entry.getTime());
        zip.putNextEntry(copy);
        zip.write(bytes);
        zip.closeEntry();
      }
    }
    long before = Files.size(jar);
    Files.move(out, jar, StandardCopyOption.REPLACE_EXISTING);
    System.out.printf("%s: local variable tables dropped from %,d classes (%,d left as they were), %,d -> %,d bytes%n",
        jar.getFileName(), stripped, kept, before, Files.size(jar));
  }

  /** The class without local variable tables, or null to keep it as it is (a class ASM cannot read back). */
  private static byte[] strip(byte[] bytes) {
    try {
      ClassReader reader = new ClassReader(bytes);
      // flags 0: frames, constants and code are copied as they are, never recomputed
      ClassWriter writer = new ClassWriter(0);
      reader.accept(new ClassVisitor(Opcodes.ASM9, writer) {
        @Override
        public MethodVisitor visitMethod(int access, String name, String descriptor, String signature,
            String[] exceptions) {
          return new MethodVisitor(Opcodes.ASM9, super.visitMethod(access, name, descriptor, signature, exceptions)) {
            @Override
            public void visitLocalVariable(String n, String d, String s, Label start, Label end, int index) {
              // dropped: LocalVariableTable and LocalVariableTypeTable
            }
          };
        }
      }, 0);
      return writer.toByteArray();
    } catch (RuntimeException e) {
      return null;
    }
  }
}
