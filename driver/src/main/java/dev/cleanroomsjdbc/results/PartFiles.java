package dev.cleanroomsjdbc.results;

import dev.cleanroomsjdbc.execution.SqlState;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The checks the result layout allows against missing part files. Spark names a result's files
 * {@code part-<task>-<write uuid>-c<n>[.codec].<format>}; one task's files are numbered c000, c001, ... with no gap
 * (a task starts its next file when {@code maxRecordsPerFile} is reached), so a missing number is a missing file.
 * Task numbers may have gaps (an empty task writes nothing), and a task's last file cannot be told missing: nothing
 * in the layout records how many there were. A data file of 0 bytes is never a valid Parquet or CSV part.
 */
final class PartFiles {
  private static final Pattern SPARK_PART =
      Pattern.compile("part-(\\d+)-([0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12})"
          + "-c(\\d{3,})(\\..*)?");

  private PartFiles() {}

  /** Throws naming the first problem: an empty data file, or a gap in one task's file numbers. */
  static void verify(String folder, List<S3Objects.Entry> dataFiles) throws SQLException {
    Map<String, TreeSet<Integer>> filesOfTask = new TreeMap<>();
    for (S3Objects.Entry f : dataFiles) {
      if (f.size() == 0) {
        throw SqlState.RESULT_IO_ERROR.exception("Result file s3://" + f.bucket() + "/" + f.key() + " is empty (0 bytes): a part"
            + " file is never empty, so it was cut short or overwritten after the job wrote it. Re-run the job to write its results again.");
      }
      Matcher m = SPARK_PART.matcher(f.name());
      if (m.matches()) {
        filesOfTask.computeIfAbsent(m.group(1) + "-" + m.group(2), k -> new TreeSet<>())
            .add(Integer.parseInt(m.group(3)));
      }
    }
    for (Map.Entry<String, TreeSet<Integer>> task : filesOfTask.entrySet()) {
      int expected = 0;
      for (int n : task.getValue()) {
        if (n != expected) {
          throw SqlState.RESULT_IO_ERROR.exception("Result part file part-" + task.getKey() + "-c" + String.format("%03d", expected)
              + " is missing from " + folder + " (the files of that task are numbered up to c"
              + String.format("%03d", task.getValue().last()) + "): it was deleted after the job wrote it, and reading on would lose its rows. Re-run the job to write its"
              + " results again.");
        }
        expected++;
      }
    }
  }
}
