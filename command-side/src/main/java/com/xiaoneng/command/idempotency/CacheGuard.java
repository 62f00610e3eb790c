package com.xiaoneng.command.idempotency;

import com.xiaoneng.command.cases.CaseCache;
import org.axonframework.common.caching.Cache;
import org.springframework.stereotype.Component;

/**
 * Keeps the case aggregates that a keyed request changes out of {@link CaseCache}. Axon's unit of work commits
 * (and caches the new state) inside the request's transaction, which may still roll back afterwards; a cached
 * state the store does not have would let the next command on the case build on events that never were.
 * Dropped at once rather than after a rollback, so that no other request reads it in between: the next command
 * on the case reads its events, and one racing this request waits for its transaction on the event table's key.
 * <p>
 * Axon's command bus handles a command on the thread that sends it, so "this request" is this thread.
 */
@Component
class CacheGuard extends Cache.EntryListenerAdapter {
    private final Cache cache;
    private final ThreadLocal<Boolean> guarding = ThreadLocal.withInitial(() -> false);

    CacheGuard(CaseCache cache) {
        this.cache = cache;
        cache.registerCacheEntryListener(this);
    }

    /** Guards the cache on this thread until the returned guard is closed. */
    Guarded open() {
        guarding.set(true);
        return guarding::remove;
    }

    interface Guarded extends AutoCloseable {
        @Override
        void close();
    }

    @Override
    public void onEntryCreated(Object key, Object value) {
        drop(key);
    }

    @Override
    public void onEntryUpdated(Object key, Object value) {
        drop(key);
    }

    private void drop(Object key) {
        if (guarding.get()) {
            cache.remove(key);
        }
    }
}
