package com.placebrain.devices.platform.persistence;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.grpc.Context;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import org.hibernate.Transaction;
import org.junit.jupiter.api.Test;

class AbandonedCallRollbackTest {

    private final List<String> calls = new ArrayList<>();
    private final Transaction transaction = (Transaction) Proxy.newProxyInstance(getClass().getClassLoader(),
            new Class<?>[] {Transaction.class}, (proxy, method, args) -> {
                calls.add(method.getName());
                return method.getName().equals("isActive") ? Boolean.TRUE : null;
            });

    @Test
    void aCallWhoseCallerIsGoneRollsBack() throws Exception {
        Context.CancellableContext call = Context.current().withCancellation();
        call.cancel(null);
        call.run(() -> new AbandonedCallRollback().beforeTransactionCompletion(transaction));
        assertEquals(List.of("isActive", "markRollbackOnly"), calls);
    }

    @Test
    void aLiveCallAndWorkOutsideAnyCallCommit() {
        Context.current().withCancellation().run(() -> new AbandonedCallRollback().beforeTransactionCompletion(transaction));
        new AbandonedCallRollback().beforeTransactionCompletion(transaction);
        assertEquals(List.of(), calls);
    }
}
