package io.veriscore.app.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.agroal.api.AgroalDataSource;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.veriscore.app.proof.ProofJobs;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * A proof job is scheduled in the caller's transaction, so it exists exactly when the stored result does: db-scheduler
 * writes through the service's data source, whose connections join the current transaction. (That a committed
 * job runs is what every proof test shows.)
 */
@QuarkusTest
class JobsTransactionTest {

    @Inject
    Jobs jobs;

    @Inject
    AgroalDataSource dataSource;

    @Test
    void aRolledBackTransactionLeavesNoJob() throws Exception {
        UUID id = UUID.randomUUID();
        assertThrows(IllegalStateException.class, () -> QuarkusTransaction.requiringNew().run(() -> {
            jobs.schedule(ProofJobs.PROVE, id, 0);
            throw new IllegalStateException("the result could not be stored");
        }));
        assertEquals(0, jobsFor(id));
    }

    private int jobsFor(UUID id) throws Exception {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement query = connection.prepareStatement(
                     "select count(*) from scheduled_tasks where task_name = ? and task_instance = ?")) {
            query.setString(1, ProofJobs.PROVE);
            query.setString(2, id.toString());
            try (ResultSet rows = query.executeQuery()) {
                rows.next();
                return rows.getInt(1);
            }
        }
    }
}
