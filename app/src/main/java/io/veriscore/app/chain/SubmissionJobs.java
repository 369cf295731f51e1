package io.veriscore.app.chain;

import io.veriscore.app.jobs.JobKind;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;

/** On-chain submissions as durable jobs: a submission waits minutes for its receipt at worst, in a pool of its own. */
@ApplicationScoped
public class SubmissionJobs {

    public static final String SUBMIT = "submit-onchain";

    @Produces
    JobKind submit(ChainConfig config, SubmissionWorker worker) {
        return new JobKind(SUBMIT, "submission_tasks", config.concurrency(), false, config.retryBackoff(), worker::attempt);
    }
}
