package dev.cleanroomsjdbc.local.service;

/** Who is calling: the account behind the request's access key, and the region of its credential scope. */
public record Caller(String accountId, String region) {}
