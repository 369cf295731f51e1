package io.veriscore.app.log;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** A log entry waiting for its leaf index; the sequencer deletes it once the entry is in the tree. */
@Entity
@Table(name = "log_queue")
public class QueuedEntry {

    @Id
    @Column(name = "entry_id")
    public UUID entryId;

    @Column(name = "queued_at")
    public Instant queuedAt;
}
