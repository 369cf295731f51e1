package io.veriscore.app.log;

/** Fired, synchronously and inside the appending transaction, for every record the log stores. */
public record LogEntryAppended(LogEntry entry) {}
