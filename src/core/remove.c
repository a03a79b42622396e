/*
 * remove.c - removing committed activities and people (dj_remove.h).
 *
 * All or nothing: the ids are looked up and every buffer the removal needs
 * (a mark or a map per row, the list of gone rows) is allocated before anything moves;
 * after that nothing can fail. The columns are then compacted in place from
 * the first removed row on (memmove-like, O(rows)): activity columns, the
 * a_start offsets, the participations (their person indexes renumbered when
 * people go), and the side tables of large amounts (entries of gone rows
 * dropped, the others renumbered; they stay sorted by row). The id hashes
 * are kept in place: the gone keys deleted by backward shift, the others'
 * rows renumbered (no allocation, one pass over the slots). The latest date
 * is recomputed when a gone row had it; the stats cache is dropped. Interned strings and (kind, place) pairs
 * stay as unused entries, as after a rollback.
 */
#include "dj_remove.h"

#include "dataset_internal.h"
#include "dj_alloc.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define RM_GONE UINT32_MAX

/* The slot of id, or the empty slot where it would go (dataset.c's probing). */
static uint32_t rm_find(const dj_hash *h, const int32_t *ids, int32_t id)
{
    uint32_t mask = ((uint32_t)1 << h->bits) - 1;
    uint32_t i = dj_hash_u32((uint32_t)id) & mask;
    for (;;) {
        uint32_t s = h->slots[i];
        if (s == 0 || ids[s - 1] == id)
            return i;
        i = (i + 1) & mask;
    }
}

/* The row of id among rows [0, n) through h, or -1. */
static long rm_lookup(const dj_hash *h, const int32_t *ids, size_t n, int32_t id)
{
    if (!h->slots)
        return -1;
    uint32_t s = h->slots[rm_find(h, ids, id)];
    return s && s - 1 < n ? (long)(s - 1) : -1;
}

static long rm_activity_row(const dj_dataset *ds, int32_t id)
{
    if (ds->a_hash.slots)
        return rm_lookup(&ds->a_hash, ds->a_id, ds->na, id);
    size_t lo = 0, hi = ds->na; /* no hash: the ids are strictly ascending */
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (ds->a_id[mid] < id)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo < ds->na && ds->a_id[lo] == id ? (long)lo : -1;
}

/* Deletes the key of row r (present in h) by backward shift, which leaves
 * the table as if the key had never been inserted. Call it while ids[] still
 * holds the rows the slots name. */
static void rm_hash_delete(dj_hash *h, const int32_t *ids, size_t r)
{
    uint32_t mask = ((uint32_t)1 << h->bits) - 1;
    uint32_t i = rm_find(h, ids, ids[r]), j = i;
    if (h->slots[i] != r + 1)
        return;
    for (;;) {
        h->slots[i] = 0;
        uint32_t s;
        for (;;) {
            j = (j + 1) & mask;
            s = h->slots[j];
            if (s == 0) {
                h->used--;
                return;
            }
            uint32_t home = dj_hash_u32((uint32_t)ids[s - 1]) & mask;
            /* the entry at j stays when its home lies cyclically in (i, j] */
            if (i <= j ? (i < home && home <= j) : (i < home || home <= j))
                continue;
            break;
        }
        h->slots[i] = s;
        i = j;
    }
}

static int rm_cmp_u32(const void *a, const void *b)
{
    uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;
    return x < y ? -1 : x > y;
}

/* Renumbers the rows the slots name after the rows gone[0, k) (ascending,
 * already deleted from h) left: a row moves down by the gone rows before it. */
static void rm_hash_shift(dj_hash *h, const uint32_t *gone, size_t k)
{
    size_t size = (size_t)1 << h->bits;
    for (size_t s = 0; s < size; s++) {
        uint32_t v = h->slots[s];
        if (v == 0 || v - 1 < gone[0])
            continue;
        size_t lo = 0, hi = k; /* gone rows below v - 1 */
        while (lo < hi) {
            size_t mid = lo + (hi - lo) / 2;
            if (gone[mid] < v - 1)
                lo = mid + 1;
            else
                hi = mid;
        }
        h->slots[s] = v - (uint32_t)lo;
    }
}

/* A side table walked in step with the compaction of its column. */
typedef struct {
    dj_bigtab *t;
    size_t rp, wp; /* read and write positions */
} rm_big;

static void rm_big_start(rm_big *b, dj_bigtab *t, size_t row0)
{
    b->t = t;
    b->rp = 0;
    while (b->rp < t->n && t->v[b->rp].row < row0)
        b->rp++;
    b->wp = b->rp;
}

/* Old row `row` is kept as new row `to`: entries of rows before it (gone
 * rows) are dropped, its own entry (if any) is renumbered. */
static void rm_big_keep(rm_big *b, size_t row, size_t to)
{
    dj_bigtab *t = b->t;
    while (b->rp < t->n && t->v[b->rp].row < row)
        b->rp++;
    if (b->rp < t->n && t->v[b->rp].row == row) {
        t->v[b->wp].row = (uint32_t)to;
        t->v[b->wp].value = t->v[b->rp].value;
        b->wp++;
        b->rp++;
    }
}

static void rm_big_end(rm_big *b)
{
    b->t->n = b->wp;
}

/* Compacts activities from row r0 on: rows with gone[r] set go (gone may be
 * NULL), participations are renumbered through pmap (NULL: unchanged;
 * RM_GONE: the participation goes). Cannot fail. */
static void rm_compact_activities(dj_dataset *ds, const uint8_t *gone, size_t r0, const uint32_t *pmap)
{
    size_t na = ds->na, nr = r0;
    size_t m = ds->a_start[r0], nm = m;
    rm_big bh, bf, bd, bm;
    rm_big_start(&bh, &ds->big_hours, r0);
    rm_big_start(&bf, &ds->big_fee, r0);
    rm_big_start(&bd, &ds->big_don, r0);
    rm_big_start(&bm, &ds->big_mhours, m);
    for (size_t r = r0; r < na; r++) {
        size_t m_end = ds->a_start[r + 1];
        if (gone && gone[r]) {
            m = m_end;
            continue;
        }
        if (nr != r) {
            ds->a_id[nr] = ds->a_id[r];
            ds->a_date[nr] = ds->a_date[r];
            ds->a_benef[nr] = ds->a_benef[r];
            ds->a_kind[nr] = ds->a_kind[r];
            ds->a_place[nr] = ds->a_place[r];
            ds->a_proj[nr] = ds->a_proj[r];
            ds->a_hours[nr] = ds->a_hours[r];
            ds->a_fee[nr] = ds->a_fee[r];
            ds->a_don[nr] = ds->a_don[r];
        }
        rm_big_keep(&bh, r, nr);
        rm_big_keep(&bf, r, nr);
        rm_big_keep(&bd, r, nr);
        ds->a_start[nr] = (uint32_t)nm;
        for (; m < m_end; m++) {
            uint32_t p = ds->m_person[m];
            if (pmap) {
                p = pmap[p];
                if (p == RM_GONE)
                    continue;
            }
            ds->m_person[nm] = p;
            ds->m_hours[nm] = ds->m_hours[m];
            rm_big_keep(&bm, m, nm);
            nm++;
        }
        nr++;
    }
    ds->a_start[nr] = (uint32_t)nm;
    rm_big_end(&bh);
    rm_big_end(&bf);
    rm_big_end(&bd);
    rm_big_end(&bm);
    ds->na = ds->na_all = nr;
    ds->nm = ds->nm_all = nm;
}

/* The latest date again (only when a removed row had it: `recompute`), the
 * cache dropped: the end of every removal. */
static void rm_finish(dj_dataset *ds, int recompute)
{
    dj_cache_free(ds->cache);
    ds->cache = NULL;
    if (!recompute)
        return;
    int32_t mx = DJ_NO_DATE; /* INT32_MIN: below every date */
    for (int k = 0; k < DJ_ROSTER_DATES; k++) {
        const int32_t *c = ds->p_date[k];
        for (size_t i = 0; i < ds->np; i++)
            mx = c[i] > mx ? c[i] : mx;
    }
    for (size_t r = 0; r < ds->na; r++)
        mx = ds->a_date[r] > mx ? ds->a_date[r] : mx;
    ds->max_date = ds->max_date_all = mx;
}

static dj_status rm_check(const dj_dataset *ds, dj_error *err)
{
    if (ds->refcount > 1)
        return dj_error_set(err, DJ_E_RECORD, "the dataset is shared and read-only");
    if (ds->txn)
        return dj_error_set(err, DJ_E_RECORD, "another add is in progress on this dataset");
    return DJ_OK;
}

/* See dj_remove.h. */
dj_status dj_dataset_remove_check(const dj_dataset *ds, const int32_t *ids, size_t n, int people,
                                  dj_error *err)
{
    size_t rows = people ? ds->np : ds->na;
    if (n == 0)
        return DJ_OK;
    uint8_t *seen = dj_calloc(rows ? rows : 1, 1);
    if (!seen)
        return dj_error_set(err, DJ_E_NOMEM, "out of memory");
    for (size_t i = 0; i < n; i++) {
        long r = people ? rm_lookup(&ds->p_hash, ds->p_id, ds->np, ids[i]) : rm_activity_row(ds, ids[i]);
        if (r < 0 || seen[r]) {
            char path[48];
            snprintf(path, sizeof path, "%s[%zu]", people ? "people" : "activities", i);
            dj_status st = dj_error_record(err, r < 0 ? "no_id" : "duplicate_id", i, path, "%s id %ld",
                                           r < 0 ? "no" : "duplicate", (long)ids[i]);
            dj_free(seen);
            return st;
        }
        seen[r] = 1;
    }
    dj_free(seen);
    return DJ_OK;
}

/* See dj_remove.h. */
dj_status dj_dataset_remove_activities(dj_dataset *ds, const int32_t *ids, size_t n, dj_error *err)
{
    dj_status st = rm_check(ds, err);
    if (st != DJ_OK || n == 0)
        return st;
    uint8_t *gone = dj_calloc(ds->na ? ds->na : 1, 1);
    uint32_t *rows = n <= SIZE_MAX / sizeof *rows ? dj_malloc(n * sizeof *rows) : NULL;
    if (!gone || !rows) {
        dj_free(gone);
        dj_free(rows);
        return dj_error_set(err, DJ_E_NOMEM, "out of memory");
    }
    size_t r0 = ds->na;
    int had_max = 0;
    for (size_t i = 0; i < n; i++) {
        long r = rm_activity_row(ds, ids[i]);
        if (r < 0 || gone[r]) {
            char path[48];
            snprintf(path, sizeof path, "activities[%zu]", i);
            st = dj_error_record(err, r < 0 ? "no_id" : "duplicate_id", i, path, "%s id %ld",
                                 r < 0 ? "no" : "duplicate", (long)ids[i]);
            dj_free(gone);
            dj_free(rows);
            return st;
        }
        gone[r] = 1;
        rows[i] = (uint32_t)r;
        had_max |= ds->a_date[r] == ds->max_date;
        if ((size_t)r < r0)
            r0 = (size_t)r;
    }
    if (ds->a_hash.slots) {
        for (size_t i = 0; i < n; i++)
            rm_hash_delete(&ds->a_hash, ds->a_id, rows[i]);
        qsort(rows, n, sizeof *rows, rm_cmp_u32);
        rm_hash_shift(&ds->a_hash, rows, n);
    }
    dj_free(rows);
    rm_compact_activities(ds, gone, r0, NULL);
    dj_free(gone);
    if (ds->a_sorted)
        ds->a_max_id = ds->na ? ds->a_id[ds->na - 1] : 0;
    rm_finish(ds, had_max);
    return DJ_OK;
}

/* See dj_remove.h. */
dj_status dj_dataset_remove_people(dj_dataset *ds, const int32_t *ids, size_t n, dj_error *err)
{
    dj_status st = rm_check(ds, err);
    if (st != DJ_OK || n == 0)
        return st;
    size_t np = ds->np;
    uint32_t *pmap = dj_malloc((np ? np : 1) * sizeof *pmap);
    if (!pmap)
        return dj_error_set(err, DJ_E_NOMEM, "out of memory");
    for (size_t i = 0; i < np; i++)
        pmap[i] = (uint32_t)i;
    size_t p0 = np;
    int had_max = 0;
    for (size_t i = 0; i < n; i++) {
        long r = rm_lookup(&ds->p_hash, ds->p_id, np, ids[i]);
        if (r < 0 || pmap[r] == RM_GONE) {
            char path[48];
            snprintf(path, sizeof path, "people[%zu]", i);
            st = dj_error_record(err, r < 0 ? "no_id" : "duplicate_id", i, path, "%s id %ld",
                                 r < 0 ? "no" : "duplicate", (long)ids[i]);
            dj_free(pmap);
            return st;
        }
        pmap[r] = RM_GONE;
        for (int d = 0; d < DJ_ROSTER_DATES; d++)
            had_max |= ds->p_date[d][r] == ds->max_date;
        if ((size_t)r < p0)
            p0 = (size_t)r;
    }
    for (size_t i = p0; i < np; i++) /* a person found has a slot */
        if (pmap[i] == RM_GONE)
            rm_hash_delete(&ds->p_hash, ds->p_id, i);
    size_t k = p0;
    for (size_t i = p0; i < np; i++) {
        if (pmap[i] == RM_GONE)
            continue;
        pmap[i] = (uint32_t)k;
        ds->p_id[k] = ds->p_id[i];
        ds->p_staff[k] = ds->p_staff[i];
        ds->p_reason[k] = ds->p_reason[i];
        for (int d = 0; d < DJ_PERSON_DATES; d++)
            ds->p_date[d][k] = ds->p_date[d][i];
        k++;
    }
    ds->np = ds->np_all = k;
    if (ds->nm)
        rm_compact_activities(ds, NULL, 0, pmap);
    size_t size = (size_t)1 << ds->p_hash.bits; /* slots: a person was found */
    for (size_t s = 0; s < size; s++)
        if (ds->p_hash.slots[s])
            ds->p_hash.slots[s] = pmap[ds->p_hash.slots[s] - 1] + 1;
    dj_free(pmap);
    rm_finish(ds, had_max);
    return DJ_OK;
}
