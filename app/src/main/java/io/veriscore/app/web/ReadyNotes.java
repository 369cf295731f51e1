package io.veriscore.app.web;

import java.util.List;

/** What a feature has to say once the service is ready, one line each: a development-only default in use, say. */
public interface ReadyNotes {

    List<String> readyNotes();
}
