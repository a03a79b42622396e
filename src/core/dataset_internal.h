/*
 * dataset_internal.h - the private layout of dj_dataset (dataset.c, stats.c).
 *
 * Packed columns, not rows of pointers:
 *   people        id i32, is_staff u8, left_reason u8, seven date columns i32
 *                 (34 B/person) + an id -> index hash (u32 slots)
 *   activities    id i32, date i32, kind u32, place u32, beneficiaries i32,
 *                 hours/fee_waived/donation u32 hundredths, start u32 (n+1)
 *                 = 36 B/activity
 *   participations person index u32 + hours u32 hundredths = 8 B
 * An amount that does not fit below DJ_AMOUNT_ESC (0xFFFFFFFF hundredths,
 * about 42.9 million) is stored as DJ_AMOUNT_ESC and its value lives in a
 * side table of (row, value) sorted by row.
 * kind is an interned (category, kind string) pair, place an interned
 * (venue_kind string, trimmed venue string) pair; all strings live once in
 * one string table whose entry 0 is "".
 * Activity ids usually arrive strictly ascending: then a duplicate is
 * impossible and no hash is kept; the first id out of order builds one.
 *
 * stats() keeps a cache beside the columns (struct dj_cache, stats_cache.c):
 * the committed activities summed per day that has any (per kind, per
 * venue-kind group, per project, the set of venues) and the service
 * participations packed in day order, so that a period reads only its own
 * days. It is built by the first stats() that needs it, follows each small
 * commit in place (stats_cache_add.c), is dropped by a large one or a
 * removal, and is counted by dj_dataset_memory().
 */
#ifndef DJ_DATASET_INTERNAL_H
#define DJ_DATASET_INTERNAL_H

#include "dj.h"

#define DJ_AMOUNT_ESC 0xFFFFFFFFu

typedef struct {
    uint32_t row;
    int64_t value;
} dj_big;

typedef struct {
    dj_big *v; /* sorted by row */
    size_t n, cap;
} dj_bigtab;

/* Open addressing, linear probing; a slot holds index + 1, 0 is empty. */
typedef struct {
    uint32_t *slots;
    uint32_t bits; /* capacity 1 << bits; slots == NULL when none */
    uint32_t used;
} dj_hash;

/* The hash of an id (or of a string's hash) in every dj_hash: dataset.c's
 * probing and remove.c's in-place fixes must agree on it. */
static inline uint32_t dj_hash_u32(uint32_t x)
{
    x ^= x >> 16;
    x *= 0x7feb352dU;
    x ^= x >> 15;
    x *= 0x846ca68bU;
    x ^= x >> 16;
    return x;
}

typedef struct {
    char *bytes;
    size_t blen, bcap;
    uint32_t *off; /* n + 1 offsets into bytes */
    uint32_t n, ncap;
    dj_hash h;
} dj_strtab;

typedef struct {
    uint32_t *a, *b;
    uint32_t n, cap;
    dj_hash h;
} dj_pairtab;

typedef struct dj_cache dj_cache; /* stats.c */

struct dj_dataset {
    int refcount;
    int txn; /* 0 none, 1 people, 2 activities */

    /* people: rows [0, np) are committed, [np, np_all) staged */
    size_t np, np_all, np_cap;
    int32_t *p_id;
    uint8_t *p_staff, *p_reason;
    int32_t *p_date[DJ_PERSON_DATES];
    dj_hash p_hash;

    /* activities */
    size_t na, na_all, na_cap;
    int32_t *a_id, *a_date, *a_benef;
    uint32_t *a_kind, *a_place;
    uint32_t *a_proj; /* v2: the project, a string index (0: none) */
    uint32_t *a_hours, *a_fee, *a_don;
    uint32_t *a_start; /* na_cap + 1 entries; a_start[0] = 0 */
    dj_bigtab big_hours, big_fee, big_don;
    int a_sorted;     /* every id so far strictly ascending: no hash needed */
    int32_t a_max_id; /* the largest id so far */
    dj_hash a_hash;   /* only when !a_sorted */

    /* participations */
    size_t nm, nm_all, nm_cap;
    uint32_t *m_person, *m_hours;
    dj_bigtab big_mhours;

    uint32_t *stamp; /* scratch during an activities transaction */
    size_t stamp_n;

    dj_strtab str;
    dj_pairtab kinds;  /* a = category, b = kind string */
    dj_pairtab places; /* a = venue_kind string, b = venue string */

    /* headcount points, by date */
    int32_t *h_date, *h_count;
    size_t nh;

    int32_t max_date;     /* latest date of people and activities (committed), DJ_NO_DATE if none */
    int32_t max_date_all; /* the same including staged rows */

    /* stats' day aggregates of the committed rows (NULL: none yet). Built
     * inside dj_dataset_stats() although it takes a const dataset: stats on
     * one dataset must not run in two threads at once. */
    dj_cache *cache;

    /* saved at begin for rollback */
    int save_sorted;
    int32_t save_max_id;
    int save_had_hash;
    size_t save_big[4];
};

/* The stats cache follows a commit (stats_cache_add.c): the committed
 * activity rows [r0, na) go into it in place; it is dropped (ds->cache =
 * NULL) when that cannot be done cheaply. r0 = na after a people commit. */
void dj_cache_follow(dj_dataset *ds, size_t r0);

/* The stats cache (stats.c): its bytes, and freeing it (NULL is fine). */
size_t dj_cache_bytes(const dj_cache *c);
void dj_cache_free(dj_cache *c);
/* 1 when stats reads the cache, 0 when it was over budget (stats scans). */
int dj_cache_usable(const dj_cache *c);
/* Tests only: when set, dj_dataset_stats() neither builds nor reads the
 * cache and scans every activity row instead. */
extern int dj_stats_scan_only;
/* Tests only: when set, the distinct volunteers of each project are counted
 * by sorting the (project, person) pairs, never with per-project bitmaps. */
extern int dj_stats_projects_by_sort;

/* An amount column value (hundredths) with its escape resolved. */
int64_t dj_big_get(const dj_bigtab *t, uint32_t row);

static inline int64_t dj_amount_at(const uint32_t *col, const dj_bigtab *t, size_t row)
{
    uint32_t v = col[row];
    return v == DJ_AMOUNT_ESC ? dj_big_get(t, (uint32_t)row) : (int64_t)v;
}

static inline const char *dj_str_at(const dj_strtab *s, uint32_t i, size_t *len)
{
    *len = s->off[i + 1] - s->off[i];
    return s->bytes + s->off[i];
}

/* Indexes of columns filled directly (the snapshot loader, snapshot.c):
 * each builds its hash afresh (replacing any) and returns -1 when every key
 * is unique, the first row whose key an earlier row has, or -2 when out of
 * memory (the hash may then be partial: release the dataset).
 *   people:     p_hash over p_id[0, np), room for np_cap
 *   activities: a_sorted and a_max_id from a_id[0, na); a_hash (room for
 *               na_cap) only when the ids are not strictly ascending
 *   strings:    str.h over the entries [0, str.n)
 *   pairs:      t->h over [0, t->n) (none when empty: the first intern
 *               builds it) */
long dj_dataset_index_people(dj_dataset *ds);
long dj_dataset_index_activities(dj_dataset *ds);
long dj_dataset_index_strings(dj_dataset *ds);
long dj_dataset_index_pairs(dj_pairtab *t);

/* Bytes held by a hash's slots. */
size_t dj_hash_held(const dj_hash *h);

/* The index of the string of len bytes at p in ds's table, or -1. */
long dj_dataset_find_string(const dj_dataset *ds, const char *p, size_t len);

#endif
