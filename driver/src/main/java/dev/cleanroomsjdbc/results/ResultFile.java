package dev.cleanroomsjdbc.results;

import java.net.URI;

/** One data file of a result: its S3 URI and its size in bytes at listing time. */
public record ResultFile(URI uri, long size) {
}
