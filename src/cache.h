/*
 * cache.h - datasets kept across requests by one PHP worker (src/cache.c).
 *
 * A process-wide table key -> dataset in persistent (malloc) memory, bounded
 * by a byte capacity (dj_dataset_memory of each kept dataset) with
 * least-recently-used eviction. A kept dataset holds one reference of its
 * own, so it is shared and read-only in the core for as long as it is kept;
 * a PHP object that writes to it copies it first (dangjian.c).
 *
 * Not thread-safe: one table per process, for NTS PHP (php-fpm, mod_php
 * prefork, the CLI). The binding refuses to enable it in a ZTS build.
 * No PHP in here, so that it can be tested alone.
 */
#ifndef DANGJIAN_CACHE_H
#define DANGJIAN_CACHE_H

#include <stddef.h>
#include <stdint.h>

#include "dj.h"

#define DANGJIAN_CACHE_KEY_MAX 255

typedef struct {
    size_t capacity; /* bytes (dangjian.cache_size) */
    size_t used;     /* bytes held by the kept datasets, measured now */
    size_t entries;
    uint64_t hits, misses, evictions;
} dangjian_cache_stats;

/* Sets the capacity in bytes (0 turns the cache off); evicts down to it. */
void dangjian_cache_set_capacity(size_t bytes);

/* Keeps ds under key (1..DANGJIAN_CACHE_KEY_MAX bytes, any bytes), replacing
 * what was kept under it, and evicts least recently used entries until the
 * total fits. Takes its own reference to ds (dj_dataset_retain); the caller
 * keeps its own. Returns 1 when kept; 0 when ds alone is larger than the
 * capacity or the cache is off (then nothing is kept under key any more);
 * -1 when out of memory (nothing changed). */
int dangjian_cache_put(const char *key, size_t len, dj_dataset *ds);

/* The dataset kept under key, as a new reference (the caller releases it),
 * or NULL. Marks it most recently used. */
dj_dataset *dangjian_cache_get(const char *key, size_t len);

/* Drops the entry of key. Returns 1 if there was one. */
int dangjian_cache_delete(const char *key, size_t len);

/* Drops every entry (module shutdown, Cache::clear()). Returns how many. */
size_t dangjian_cache_clear(void);

/* Counters and sizes; re-measures the kept datasets (a kept dataset grows
 * when stats() builds its cache) but never evicts: used may then pass the
 * capacity until the next put() or get(). */
void dangjian_cache_stats_get(dangjian_cache_stats *out);

/* Walks the entries, most recently used first: fn(key, len, bytes, arg). */
void dangjian_cache_each(void (*fn)(const char *key, size_t len, size_t bytes, void *arg), void *arg);

#endif
