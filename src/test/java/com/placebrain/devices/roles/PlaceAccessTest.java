package com.placebrain.devices.roles;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.placebrain.devices.platform.TestMetrics;
import com.placebrain.devices.platform.errors.ServiceException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The authorization rule on a role cache whose two reads are scripted: the plain role read
 * ({@code roleOf}, an HGET) and the atomic read of role and completeness marker ({@code lookup}).
 */
class PlaceAccessTest {

    private final UUID user = UUID.randomUUID();
    private final UUID place = UUID.randomUUID();
    private final ScriptedRoles roles = new ScriptedRoles();
    private final PlaceAccess access = new PlaceAccess();

    /** Answers what the test sets and records which read was made. */
    private static final class ScriptedRoles extends RoleCache {
        Optional<Role> plainRead = Optional.empty();
        Lookup atomicRead = new Lookup(Optional.empty(), true);
        final List<String> reads = new ArrayList<>();

        @Override
        public Optional<Role> roleOf(UUID userId, UUID placeId) {
            reads.add("roleOf");
            return plainRead;
        }

        @Override
        public Lookup lookup(UUID userId, UUID placeId) {
            reads.add("lookup");
            return atomicRead;
        }
    }

    @BeforeEach
    void setUp() {
        access.roles = roles;
        access.copies = new RoleCopies(0, 0, new RoleCheckMetrics(new TestMetrics().registry), System::nanoTime);
    }

    @Test
    void aRoleFoundIsOneReadAndNoMarkerCheck() {
        roles.plainRead = Optional.of(Role.VIEWER);
        assertDoesNotThrow(() -> access.requireRead(user, place));
        assertEquals(List.of("roleOf"), roles.reads);
    }

    @Test
    void aViewerMayReadButNotWrite() {
        roles.plainRead = Optional.of(Role.VIEWER);
        assertEquals(ServiceException.Kind.PERMISSION_DENIED,
                assertThrows(ServiceException.class, () -> access.requireWrite(user, place)).kind());
        roles.plainRead = Optional.of(Role.ADMIN);
        assertDoesNotThrow(() -> access.requireWrite(user, place));
    }

    @Test
    void noRoleInACompleteCacheIsPermissionDenied() {
        roles.atomicRead = new RoleCache.Lookup(Optional.empty(), true);
        assertEquals(ServiceException.Kind.PERMISSION_DENIED,
                assertThrows(ServiceException.class, () -> access.requireRead(user, place)).kind());
        assertEquals(List.of("roleOf", "lookup"), roles.reads, "a missing role is read again with the marker");
    }

    @Test
    void noRoleWhileTheCacheIsRebuiltIsUnavailable() {
        roles.atomicRead = new RoleCache.Lookup(Optional.empty(), false);
        assertEquals(ServiceException.Kind.UNAVAILABLE,
                assertThrows(ServiceException.class, () -> access.requireRead(user, place)).kind());
    }

    /** The rebuild put the role back between the two reads: the role counts, not the first read's miss. */
    @Test
    void aRoleBackByTheSecondReadIsAnswered() {
        roles.atomicRead = new RoleCache.Lookup(Optional.of(Role.OWNER), true);
        assertDoesNotThrow(() -> access.requireWrite(user, place));
    }
}
