package dev.cleanroomsjdbc.local.storage;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.TreeMap;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.apache.commons.csv.QuoteMode;

/**
 * The rows of one CSV object with a header row; columns are matched by header name (ignoring case; a column the
 * header lacks is null), or by position when the header names none of them; an empty unquoted field is null.
 */
final class CsvFileRows implements CloseableIterator<Object[]> {
  /** Empty unquoted → null, while {@code ""} stays an empty string (commons-csv's strict quote mode). */
  private static final CSVFormat FORMAT = CSVFormat.DEFAULT.builder()
      .setHeader()
      .setSkipHeaderRecord(true)
      .setNullString("")
      .setQuoteMode(QuoteMode.ALL_NON_NULL)
      .setIgnoreEmptyLines(true)
      .get();

  private final CSVParser parser;
  private final Iterator<CSVRecord> records;
  private final List<String> columnNames;
  private final GlueType[] types;
  private final int[] position;

  // The deprecated constructor, because CSVParser.parse goes through a builder that needs commons-io >= 2.18,
  // and the commons-io Maven picks for this build (2.15, via Hadoop) lacks it.
  @SuppressWarnings("deprecation")
  CsvFileRows(InputStream in, List<String> columnNames, GlueType[] types) throws IOException {
    this.parser = new CSVParser(new InputStreamReader(in, StandardCharsets.UTF_8), FORMAT);
    this.records = parser.iterator();
    this.columnNames = columnNames;
    this.types = types;
    Map<String, Integer> header = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    List<String> names = parser.getHeaderNames();
    for (int i = 0; i < names.size(); i++) {
      header.putIfAbsent(names.get(i).trim().toLowerCase(Locale.ROOT), i);
    }
    // A header that names none of the columns is just a header row: match by position then.
    boolean byName = columnNames.stream().anyMatch(header::containsKey);
    this.position = new int[columnNames.size()];
    for (int i = 0; i < position.length; i++) {
      position[i] = byName ? header.getOrDefault(columnNames.get(i), Integer.MAX_VALUE) : i;
    }
  }

  @Override
  public boolean hasNext() {
    return records.hasNext();
  }

  @Override
  public Object[] next() {
    if (!hasNext()) {
      throw new NoSuchElementException();
    }
    CSVRecord record = records.next();
    Object[] row = new Object[types.length];
    for (int i = 0; i < row.length; i++) {
      if (position[i] < record.size()) {
        try {
          row[i] = GlueValues.parse(record.get(position[i]), types[i]);
        } catch (IllegalArgumentException e) {
          throw new IllegalArgumentException(
              "line " + record.getRecordNumber() + ", column " + columnNames.get(i) + ": " + e.getMessage(), e);
        }
      }
    }
    return row;
  }

  @Override
  public void close() {
    try {
      parser.close();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
