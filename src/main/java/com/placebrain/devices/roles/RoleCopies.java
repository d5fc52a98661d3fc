package com.placebrain.devices.roles;

import com.placebrain.devices.platform.cache.KeptCopies;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Optional;
import java.util.UUID;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * This replica's copies of the roles found in Redis, so that the role check of every user-facing
 * RPC ({@link PlaceAccess}) is answered without a round trip while nothing changed. Only a role
 * found is kept: a missing role is always read again (with the completeness marker).
 *
 * <p>When a copy may be used is {@link KeptCopies}' rule; its feed is {@link RoleChangeFeed}, Redis'
 * own report of every write to a place's roles hash whoever makes it (a member event on any replica,
 * a place deletion, the rebuild, an operator, a FLUSHALL, an expiry). A change voids the copies of
 * its place. While the feed is down nothing is kept or used, and no copy is used past
 * {@code devices.roles.copies.max-age-ms}. {@link RoleCheckMetrics} counts where checks found their answer.
 */
@ApplicationScoped
public class RoleCopies {

    private record Member(UUID user, UUID place) {
    }

    private final KeptCopies<Member, Role> kept;
    private final RoleCheckMetrics metrics;

    @Inject
    RoleCopies(RoleSettings settings, RoleCheckMetrics metrics) {
        this(settings.copyMaxAgeMillis(), settings.copyMaxEntries(), metrics, System::nanoTime);
        metrics.copiesKept(this::size);
    }

    /** @param maxAgeMillis 0 keeps nothing (every check reads Redis) */
    RoleCopies(long maxAgeMillis, int maxEntries, RoleCheckMetrics metrics, LongSupplier nanoTime) {
        this.kept = new KeptCopies<>(maxAgeMillis, maxEntries, nanoTime, Member::place, role -> 1);
        this.metrics = metrics;
    }

    /** For CDI's client proxy. */
    protected RoleCopies() {
        this(0, 0, null, System::nanoTime);
    }

    /** Whether copies are kept at all (then the replica keeps the feed). */
    public boolean enabled() {
        return kept.enabled();
    }

    /** The user's role in the place: this replica's copy, else {@code read} from Redis, kept when found. */
    public Optional<Role> roleOf(UUID userId, UUID placeId, Supplier<Optional<Role>> read) {
        Member member = new Member(userId, placeId);
        Optional<Role> copy = kept.fresh(member);
        metrics.check(copy.isPresent());
        if (copy.isPresent()) {
            return copy;
        }
        Optional<KeptCopies.Ticket> ticket = kept.ticket(member);
        Optional<Role> found = read.get();
        if (found.isPresent() && ticket.isPresent()) {
            kept.keep(member, found.get(), ticket.get());
        }
        return found;
    }

    /** A place's roles changed in Redis: its copies are void from now on. */
    public void changed(UUID placeId) {
        kept.evict(placeId);
    }

    /** Anything may have changed: every copy is void from now on. */
    public void changedAll() {
        kept.evictAll();
    }

    public void feedUp() {
        kept.feedUp();
    }

    public void feedDown() {
        kept.feedDown();
    }

    /** How many copies are kept. */
    int size() {
        return kept.size();
    }
}
