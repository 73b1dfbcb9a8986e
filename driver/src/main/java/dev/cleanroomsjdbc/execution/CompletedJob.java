package dev.cleanroomsjdbc.execution;

import java.net.URI;

/** A protected job that ended SUCCESS, and the S3 prefix its named results were written under. */
public record CompletedJob(String jobId, URI resultLocation) {}
