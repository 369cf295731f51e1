package io.veriscore.face;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The tests that scan the labelled crops: one scanner (models loaded once) for all of a class's tests. */
abstract class WithScanner {

    static FaceScanner scanner;

    @BeforeAll
    static void load() {
        scanner = new FaceScanner(FaceScanner.Limits.DEFAULT, 1);
    }

    @AfterAll
    static void close() {
        scanner.close();
    }
}
