package com.placebrain.devices.platform.persistence;

import io.grpc.Context;
import java.util.logging.Logger;
import org.hibernate.Interceptor;
import org.hibernate.Transaction;

/**
 * A transaction run for a gRPC call whose caller has gone (cancelled, or past its deadline) is
 * rolled back at commit: the caller was already told the call failed, so committing would make a
 * write they believe did not happen. The window in which "failed" and "done" can both be true
 * shrinks to the commit itself. Work that is not a gRPC call (Kafka records, the outbox relay)
 * runs in the root context, which is never cancelled. Registered in persistence.xml.
 */
public class AbandonedCallRollback implements Interceptor {

    private static final Logger LOG = Logger.getLogger(AbandonedCallRollback.class.getName());

    @Override
    public void beforeTransactionCompletion(Transaction transaction) {
        if (Context.current().isCancelled() && transaction.isActive()) {
            transaction.markRollbackOnly();
            LOG.fine("Caller gone before commit: transaction rolled back");
        }
    }
}
