package io.veriscore.db;

import java.nio.file.Files;
import java.nio.file.Path;

/** A JVM that starts an embedded PostgreSQL, prints the server's process id and waits to be killed. */
public final class DatabaseOwner {

    public static void main(String[] args) throws Exception {
        EmbeddedPostgres database = EmbeddedPostgres.start(Path.of(args[0]));
        String pid = Files.readAllLines(database.dataDirectory().resolve("postmaster.pid")).get(0).trim();
        System.out.println("postmaster " + pid);
        System.out.flush();
        Thread.sleep(Long.MAX_VALUE);
    }

    private DatabaseOwner() {}
}
