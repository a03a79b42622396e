/*
 * cache.c - datasets kept across requests by one PHP worker. See cache.h.
 *
 * A doubly linked list in recency order (head: most recently used). A worker
 * keeps a handful of datasets (one per site and data version), so lookups
 * walk the list; nothing here is on the per-row path.
 */
#include "cache.h"

#include <string.h>

#include "dj_alloc.h"

typedef struct dangjian_kept {
    struct dangjian_kept *prev, *next;
    dj_dataset *ds; /* one reference, ours */
    size_t bytes;   /* dj_dataset_memory(ds) when last measured */
    size_t len;
    char key[]; /* len bytes */
} dangjian_kept;

static dangjian_kept *kept_head, *kept_tail;
static size_t kept_capacity, kept_used, kept_count;
static uint64_t kept_hits, kept_misses, kept_evictions;

static void kept_unlink(dangjian_kept *e)
{
    if (e->prev)
        e->prev->next = e->next;
    else
        kept_head = e->next;
    if (e->next)
        e->next->prev = e->prev;
    else
        kept_tail = e->prev;
    e->prev = e->next = NULL;
}

static void kept_push_front(dangjian_kept *e)
{
    e->prev = NULL;
    e->next = kept_head;
    if (kept_head)
        kept_head->prev = e;
    kept_head = e;
    if (!kept_tail)
        kept_tail = e;
}

static void kept_drop(dangjian_kept *e)
{
    kept_unlink(e);
    kept_used -= e->bytes;
    kept_count--;
    dj_dataset_release(e->ds);
    dj_free(e);
}

static dangjian_kept *kept_find(const char *key, size_t len)
{
    for (dangjian_kept *e = kept_head; e; e = e->next)
        if (e->len == len && memcmp(e->key, key, len) == 0)
            return e;
    return NULL;
}

/* Measures e again (its stats cache may have been built since). */
static void kept_measure(dangjian_kept *e)
{
    size_t now = dj_dataset_memory(e->ds);

    kept_used = kept_used - e->bytes + now;
    e->bytes = now;
}

/* Evicts from the least recently used end, sparing `keep`, until the total
 * fits the capacity (or only `keep` is left). */
static void kept_evict(const dangjian_kept *keep)
{
    dangjian_kept *e = kept_tail;

    while (e && kept_used > kept_capacity) {
        dangjian_kept *prev = e->prev;
        if (e != keep) {
            kept_drop(e);
            kept_evictions++;
        }
        e = prev;
    }
}

void dangjian_cache_set_capacity(size_t bytes)
{
    kept_capacity = bytes;
    kept_evict(NULL);
}

int dangjian_cache_put(const char *key, size_t len, dj_dataset *ds)
{
    dangjian_kept *old = kept_find(key, len), *e;
    size_t bytes = dj_dataset_memory(ds);

    if (kept_capacity == 0 || bytes > kept_capacity) {
        if (old)
            kept_drop(old);
        return 0;
    }
    if (old && old->ds == ds) { /* the same dataset again: just touch it */
        kept_unlink(old);
        kept_push_front(old);
        kept_measure(old);
        kept_evict(old);
        return 1;
    }
    e = dj_malloc(sizeof *e + len);
    if (!e)
        return -1;
    memcpy(e->key, key, len);
    e->len = len;
    e->ds = dj_dataset_retain(ds);
    e->bytes = bytes;
    if (old)
        kept_drop(old);
    kept_push_front(e);
    kept_used += bytes;
    kept_count++;
    kept_evict(e);
    return 1;
}

dj_dataset *dangjian_cache_get(const char *key, size_t len)
{
    dangjian_kept *e = kept_find(key, len);

    if (!e) {
        kept_misses++;
        return NULL;
    }
    kept_hits++;
    if (e != kept_head) {
        kept_unlink(e);
        kept_push_front(e);
    }
    kept_measure(e);
    kept_evict(e);
    return dj_dataset_retain(e->ds);
}

int dangjian_cache_delete(const char *key, size_t len)
{
    dangjian_kept *e = kept_find(key, len);

    if (!e)
        return 0;
    kept_drop(e);
    return 1;
}

size_t dangjian_cache_clear(void)
{
    size_t n = 0;

    while (kept_head) {
        kept_drop(kept_head);
        n++;
    }
    return n;
}

void dangjian_cache_stats_get(dangjian_cache_stats *out)
{
    /* measured again, never evicted (issue 11, item 17): looking at the
     * cache (Cache::info(), phpinfo()) must not change it; the next put()
     * or get() evicts what no longer fits */
    for (dangjian_kept *e = kept_head; e; e = e->next)
        kept_measure(e);
    out->capacity = kept_capacity;
    out->used = kept_used;
    out->entries = kept_count;
    out->hits = kept_hits;
    out->misses = kept_misses;
    out->evictions = kept_evictions;
}

void dangjian_cache_each(void (*fn)(const char *key, size_t len, size_t bytes, void *arg), void *arg)
{
    for (dangjian_kept *e = kept_head; e; e = e->next)
        fn(e->key, e->len, e->bytes, arg);
}
