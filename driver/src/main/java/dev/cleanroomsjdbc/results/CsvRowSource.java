package dev.cleanroomsjdbc.results;

import dev.cleanroomsjdbc.execution.SqlState;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.zip.GZIPInputStream;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeField;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.apache.commons.csv.QuoteMode;

/** Reads one CSV file (RFC 4180, header row) as rows of strings; an empty unquoted field is null. */
final class CsvRowSource implements RowSource {

  // ALL_NON_NULL makes the parser tell an empty unquoted field (null) from a quoted "" (empty string)
  private static final CSVFormat FORMAT = CSVFormat.RFC4180.builder()
      .setNullString("")
      .setQuoteMode(QuoteMode.ALL_NON_NULL)
      .get();

  private final CSVParser parser;
  private final Iterator<CSVRecord> records;
  private final List<String> header;
  private final int[] targets;
  private final int width;

  /** Opens {@code in}; with a null {@code rowType} only the header is read (see {@link #header()}). */
  CsvRowSource(InputStream in, boolean gzip, String fileName, RelDataType rowType) throws IOException, SQLException {
    InputStream raw = gzip ? new GZIPInputStream(in) : in;
    this.parser = FORMAT.parse(new BufferedReader(new InputStreamReader(raw, StandardCharsets.UTF_8)));
    try {
      this.records = parser.iterator();
      if (!records.hasNext()) {
        throw SqlState.RESULT_IO_ERROR.exception("Result file " + fileName + " has no CSV header row."
            + " Results written as CSV must start with a header; re-run the job.");
      }
      this.header = headerOf(records.next());
      this.width = rowType == null ? header.size() : rowType.getFieldCount();
      this.targets = new int[header.size()];
      for (int i = 0; i < targets.length; i++) {
        targets[i] = rowType == null ? i : targetOf(rowType, header.get(i), i);
      }
    } catch (SQLException | RuntimeException e) {
      parser.close();
      throw e;
    }
  }

  private static List<String> headerOf(CSVRecord record) {
    List<String> names = new ArrayList<>(record.size());
    for (int i = 0; i < record.size(); i++) {
      String name = record.get(i) == null ? "" : record.get(i);
      // a UTF-8 byte order mark is not part of the first column's name
      names.add(i == 0 && name.startsWith("\uFEFF") ? name.substring(1) : name);
    }
    return names;
  }

  /** Same position when the names agree (duplicate names stay apart), otherwise by name; -1 if absent. */
  private static int targetOf(RelDataType rowType, String name, int position) {
    List<RelDataTypeField> fields = rowType.getFieldList();
    if (position < fields.size() && fields.get(position).getName().equals(name)) {
      return position;
    }
    RelDataTypeField field = rowType.getField(name, true, false);
    return field == null ? -1 : field.getIndex();
  }

  List<String> header() {
    return header;
  }

  @Override
  public Object[] next() {
    if (!records.hasNext()) {
      return null;
    }
    CSVRecord record = records.next();
    Object[] row = new Object[width];
    int n = Math.min(record.size(), targets.length);
    for (int i = 0; i < n; i++) {
      if (targets[i] >= 0) {
        row[targets[i]] = record.get(i);
      }
    }
    return row;
  }

  @Override
  public void close() throws IOException {
    parser.close();
  }
}
