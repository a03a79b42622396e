/*
 * dataset.c - the packed dataset: adding rows (begin/add/commit/rollback),
 * headcount points, read access and the memory count.
 *
 * Layout: see dataset_internal.h (about 36 bytes per activity, 8 per
 * participation, 34 per person plus the id hash).
 *
 * Transactions: begin reserves room, add appends the row to the columns as
 * "staged" (past the committed count, so stats and accessors do not see it),
 * commit publishes the staged rows, rollback drops them: the counts go back,
 * the id hashes lose the staged entries (removed last-in first-out, which
 * restores a linear-probing table exactly), the side tables are cut back.
 * Interned strings and (kind, place) pairs added by a rolled-back row stay as
 * unused entries; nothing reads them except through a row.
 *
 * Sharing: dj_dataset_retain() makes a dataset shared (refcount > 1). A
 * shared dataset is read-only: begin and set_headcount fail with DJ_E_RECORD
 * ("the dataset is shared and read-only") and change nothing, so readers on
 * other requests can never see it move. Accessors never write; stats only
 * builds its cache (ds->cache, see stats.c), which gives the figures a scan would.
 */
#include "dataset_internal.h"

#include "dj_alloc.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---------------------------------------------------------------- helpers */

static uint32_t dj_hash_bytes(const char *p, size_t n)
{
    uint32_t h = 2166136261U;
    for (size_t i = 0; i < n; i++) {
        h ^= (unsigned char)p[i];
        h *= 16777619U;
    }
    return dj_hash_u32(h);
}

static size_t dj_hash_bytes_held(const dj_hash *h)
{
    return h->slots ? ((size_t)1 << h->bits) * sizeof(uint32_t) : 0;
}

/* Grows *p (elements of size sz) to cap elements. 0 on failure (*p kept). */
static int dj_grow(void **p, size_t cap, size_t sz)
{
    if (cap && sz > SIZE_MAX / cap)
        return 0;
    void *q = dj_realloc(*p, cap * sz);
    if (!q)
        return 0;
    *p = q;
    return 1;
}

int64_t dj_big_get(const dj_bigtab *t, uint32_t row)
{
    size_t lo = 0, hi = t->n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (t->v[mid].row < row)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo < t->n && t->v[lo].row == row ? t->v[lo].value : 0;
}

/* Stores an amount for row: the value itself, or the escape and a side
 * table entry. 0 when out of memory. */
static int dj_amount_put(uint32_t *col, dj_bigtab *t, size_t row, int64_t v)
{
    if (v >= 0 && v < (int64_t)DJ_AMOUNT_ESC) {
        col[row] = (uint32_t)v;
        return 1;
    }
    if (t->n == t->cap) {
        size_t cap = t->cap ? t->cap * 2 : 8;
        if (!dj_grow((void **)&t->v, cap, sizeof *t->v))
            return 0;
        t->cap = cap;
    }
    t->v[t->n].row = (uint32_t)row;
    t->v[t->n].value = v;
    t->n++;
    col[row] = DJ_AMOUNT_ESC;
    return 1;
}

/* ------------------------------------------------------------ id hashes */

/* The slot of id (holding its index + 1), or the empty slot where it would go. */
static uint32_t dj_idhash_find(const dj_hash *h, const int32_t *ids, int32_t id)
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

/* Rebuilds h with room for `need` keys, inserting rows [0, n) in order. */
static int dj_idhash_rebuild(dj_hash *h, const int32_t *ids, size_t n, size_t need)
{
    uint32_t bits = 4;
    while (((size_t)1 << bits) < need * 2)
        bits++;
    if (bits > 31)
        return 0;
    uint32_t *slots = dj_calloc((size_t)1 << bits, sizeof *slots);
    if (!slots)
        return 0;
    dj_free(h->slots);
    h->slots = slots;
    h->bits = bits;
    h->used = 0;
    for (size_t r = 0; r < n; r++) {
        uint32_t s = dj_idhash_find(h, ids, ids[r]);
        slots[s] = (uint32_t)r + 1;
        h->used++;
    }
    return 1;
}

/* Makes room for `need` keys in all (rows [0, n) present). */
static int dj_idhash_reserve(dj_hash *h, const int32_t *ids, size_t n, size_t need)
{
    if (h->slots && need * 2 <= ((size_t)1 << h->bits))
        return 1;
    return dj_idhash_rebuild(h, ids, n, need);
}

/* Removes row r's id (r must be the latest inserted row still present). */
static void dj_idhash_remove_last(dj_hash *h, const int32_t *ids, size_t r)
{
    uint32_t s = dj_idhash_find(h, ids, ids[r]);
    if (h->slots[s] == r + 1) {
        h->slots[s] = 0;
        h->used--;
    }
}

/* ------------------------------------------------------- strings, pairs */

static int dj_strtab_init(dj_strtab *t)
{
    memset(t, 0, sizeof *t);
    t->bytes = dj_malloc(64);
    t->off = dj_malloc(8 * sizeof *t->off);
    t->h.slots = dj_calloc(16, sizeof *t->h.slots);
    if (!t->bytes || !t->off || !t->h.slots)
        return 0;
    t->bcap = 64;
    t->ncap = 7;
    t->h.bits = 4;
    t->off[0] = 0;
    t->off[1] = 0; /* entry 0: "" */
    t->n = 1;
    t->h.slots[dj_hash_bytes("", 0) & 15] = 1;
    t->h.used = 1;
    return 1;
}

static void dj_strtab_free(dj_strtab *t)
{
    dj_free(t->bytes);
    dj_free(t->off);
    dj_free(t->h.slots);
}

static uint32_t dj_strtab_slot(const dj_strtab *t, const char *p, size_t len, uint32_t hash)
{
    uint32_t mask = ((uint32_t)1 << t->h.bits) - 1;
    uint32_t i = hash & mask;
    for (;;) {
        uint32_t s = t->h.slots[i];
        if (s == 0)
            return i;
        uint32_t a = t->off[s - 1], b = t->off[s];
        if (b - a == len && memcmp(t->bytes + a, p, len) == 0)
            return i;
        i = (i + 1) & mask;
    }
}

/* The index of the string (interned on first sight). 0 on success, -1 when
 * out of memory. */
static int dj_strtab_intern(dj_strtab *t, const char *p, size_t len, uint32_t *out)
{
    if (len == 0) {
        *out = 0;
        return 0;
    }
    uint32_t hash = dj_hash_bytes(p, len);
    uint32_t i = dj_strtab_slot(t, p, len, hash);
    if (t->h.slots[i]) {
        *out = t->h.slots[i] - 1;
        return 0;
    }
    if (t->blen + len > UINT32_MAX || t->n >= UINT32_MAX - 2)
        return -1;
    if (t->blen + len > t->bcap) {
        size_t cap = t->bcap * 2;
        while (cap < t->blen + len)
            cap *= 2;
        if (!dj_grow((void **)&t->bytes, cap, 1))
            return -1;
        t->bcap = cap;
    }
    if (t->n + 1 > t->ncap) {
        uint32_t cap = t->ncap * 2 + 1;
        if (!dj_grow((void **)&t->off, (size_t)cap + 1, sizeof *t->off))
            return -1;
        t->ncap = cap;
    }
    if (((size_t)t->h.used + 1) * 2 > ((size_t)1 << t->h.bits)) {
        uint32_t bits = t->h.bits + 1;
        uint32_t *slots = dj_calloc((size_t)1 << bits, sizeof *slots);
        if (!slots)
            return -1;
        uint32_t mask = ((uint32_t)1 << bits) - 1;
        for (uint32_t s = 0; s < t->n; s++) {
            uint32_t j = dj_hash_bytes(t->bytes + t->off[s], t->off[s + 1] - t->off[s]) & mask;
            while (slots[j])
                j = (j + 1) & mask;
            slots[j] = s + 1;
        }
        dj_free(t->h.slots);
        t->h.slots = slots;
        t->h.bits = bits;
        i = dj_strtab_slot(t, p, len, hash);
    }
    memcpy(t->bytes + t->blen, p, len);
    t->blen += len;
    t->off[t->n + 1] = (uint32_t)t->blen;
    t->h.slots[i] = t->n + 1;
    t->h.used++;
    *out = t->n++;
    return 0;
}

static uint32_t dj_pair_hash(uint32_t a, uint32_t b)
{
    return dj_hash_u32(a * 0x9E3779B1U ^ dj_hash_u32(b));
}

static uint32_t dj_pairtab_slot(const dj_pairtab *t, uint32_t a, uint32_t b)
{
    uint32_t mask = ((uint32_t)1 << t->h.bits) - 1;
    uint32_t i = dj_pair_hash(a, b) & mask;
    for (;;) {
        uint32_t s = t->h.slots[i];
        if (s == 0 || (t->a[s - 1] == a && t->b[s - 1] == b))
            return i;
        i = (i + 1) & mask;
    }
}

static int dj_pairtab_intern(dj_pairtab *t, uint32_t a, uint32_t b, uint32_t *out)
{
    if (!t->h.slots) {
        t->h.slots = dj_calloc(16, sizeof *t->h.slots);
        if (!t->h.slots)
            return -1;
        t->h.bits = 4;
    }
    uint32_t i = dj_pairtab_slot(t, a, b);
    if (t->h.slots[i]) {
        *out = t->h.slots[i] - 1;
        return 0;
    }
    if (t->n >= UINT32_MAX - 1)
        return -1;
    if (t->n == t->cap) {
        uint32_t cap = t->cap ? t->cap * 2 : 8;
        if (!dj_grow((void **)&t->a, cap, sizeof *t->a) || !dj_grow((void **)&t->b, cap, sizeof *t->b))
            return -1;
        t->cap = cap;
    }
    if (((size_t)t->h.used + 1) * 2 > ((size_t)1 << t->h.bits)) {
        uint32_t bits = t->h.bits + 1;
        uint32_t *slots = dj_calloc((size_t)1 << bits, sizeof *slots);
        if (!slots)
            return -1;
        uint32_t mask = ((uint32_t)1 << bits) - 1;
        for (uint32_t s = 0; s < t->n; s++) {
            uint32_t j = dj_pair_hash(t->a[s], t->b[s]) & mask;
            while (slots[j])
                j = (j + 1) & mask;
            slots[j] = s + 1;
        }
        dj_free(t->h.slots);
        t->h.slots = slots;
        t->h.bits = bits;
        i = dj_pairtab_slot(t, a, b);
    }
    t->a[t->n] = a;
    t->b[t->n] = b;
    t->h.slots[i] = t->n + 1;
    t->h.used++;
    *out = t->n++;
    return 0;
}

static void dj_pairtab_free(dj_pairtab *t)
{
    dj_free(t->a);
    dj_free(t->b);
    dj_free(t->h.slots);
}

/* -------------------------------------------------------------- lifetime */

/* Returns a new empty dataset (refcount 1, the caller's), or NULL when out
 * of memory. */
dj_dataset *dj_dataset_new(void)
{
    dj_dataset *ds = dj_calloc(1, sizeof *ds);
    if (!ds)
        return NULL;
    ds->refcount = 1;
    ds->a_sorted = 1;
    ds->a_max_id = 0;
    ds->max_date = DJ_NO_DATE;
    ds->max_date_all = DJ_NO_DATE;
    ds->a_start = dj_calloc(1, sizeof *ds->a_start);
    if (!ds->a_start || !dj_strtab_init(&ds->str)) {
        dj_dataset_release(ds);
        return NULL;
    }
    return ds;
}

/* Adds a reference; the dataset becomes shared (read-only). Returns ds. */
dj_dataset *dj_dataset_retain(dj_dataset *ds)
{
    if (ds)
        ds->refcount++;
    return ds;
}

/* Drops a reference and frees the dataset at 0. NULL is fine. */
void dj_dataset_release(dj_dataset *ds)
{
    if (!ds || --ds->refcount > 0)
        return;
    dj_free(ds->p_id);
    dj_free(ds->p_staff);
    dj_free(ds->p_reason);
    for (int k = 0; k < DJ_PERSON_DATES; k++)
        dj_free(ds->p_date[k]);
    dj_free(ds->p_hash.slots);
    dj_free(ds->a_id);
    dj_free(ds->a_date);
    dj_free(ds->a_benef);
    dj_free(ds->a_kind);
    dj_free(ds->a_place);
    dj_free(ds->a_proj);
    dj_free(ds->a_hours);
    dj_free(ds->a_fee);
    dj_free(ds->a_don);
    dj_free(ds->a_start);
    dj_free(ds->big_hours.v);
    dj_free(ds->big_fee.v);
    dj_free(ds->big_don.v);
    dj_free(ds->a_hash.slots);
    dj_free(ds->m_person);
    dj_free(ds->m_hours);
    dj_free(ds->big_mhours.v);
    dj_free(ds->stamp);
    dj_strtab_free(&ds->str);
    dj_pairtab_free(&ds->kinds);
    dj_pairtab_free(&ds->places);
    dj_free(ds->h_date);
    dj_free(ds->h_count);
    dj_cache_free(ds->cache);
    dj_free(ds);
}

/* ------------------------------------------------------------ capacity */

/* The capacity to grow to for `need` rows: exactly need for a first large
 * batch, else at least 1/16 more than now (little slack: the memory budget
 * counts columns at their capacity). */
static size_t dj_next_cap(size_t cap, size_t need)
{
    size_t step = cap + cap / 16 + 16;
    return need > step ? need : step;
}

static int dj_people_reserve(dj_dataset *ds, size_t need)
{
    if (need > INT32_MAX)
        return 0;
    if (need > ds->np_cap) {
        size_t cap = dj_next_cap(ds->np_cap, need);
        if (!dj_grow((void **)&ds->p_id, cap, sizeof(int32_t)) || !dj_grow((void **)&ds->p_staff, cap, 1) ||
            !dj_grow((void **)&ds->p_reason, cap, 1))
            return 0;
        for (int k = 0; k < DJ_PERSON_DATES; k++)
            if (!dj_grow((void **)&ds->p_date[k], cap, sizeof(int32_t)))
                return 0;
        ds->np_cap = cap;
    }
    return dj_idhash_reserve(&ds->p_hash, ds->p_id, ds->np_all, need);
}

static int dj_activities_reserve(dj_dataset *ds, size_t need)
{
    if (need > UINT32_MAX - 2)
        return 0;
    if (need > ds->na_cap) {
        size_t cap = dj_next_cap(ds->na_cap, need);
        if (!dj_grow((void **)&ds->a_id, cap, 4) || !dj_grow((void **)&ds->a_date, cap, 4) ||
            !dj_grow((void **)&ds->a_benef, cap, 4) || !dj_grow((void **)&ds->a_kind, cap, 4) ||
            !dj_grow((void **)&ds->a_place, cap, 4) || !dj_grow((void **)&ds->a_proj, cap, 4) ||
            !dj_grow((void **)&ds->a_hours, cap, 4) || !dj_grow((void **)&ds->a_fee, cap, 4) ||
            !dj_grow((void **)&ds->a_don, cap, 4) || !dj_grow((void **)&ds->a_start, cap + 1, 4))
            return 0;
        ds->na_cap = cap;
    }
    if (ds->a_hash.slots && !dj_idhash_reserve(&ds->a_hash, ds->a_id, ds->na_all, need))
        return 0;
    return 1;
}

static int dj_parts_reserve(dj_dataset *ds, size_t need)
{
    if (need >= UINT32_MAX)
        return 0;
    if (need > ds->nm_cap) {
        size_t cap = dj_next_cap(ds->nm_cap, need);
        if (cap >= UINT32_MAX)
            cap = need;
        if (!dj_grow((void **)&ds->m_person, cap, 4) || !dj_grow((void **)&ds->m_hours, cap, 4))
            return 0;
        ds->nm_cap = cap;
    }
    return 1;
}

/* ------------------------------------------------------------- adding */

static dj_status dj_begin_check(dj_dataset *ds, dj_error *err)
{
    if (ds->refcount > 1)
        return dj_error_set(err, DJ_E_RECORD, "the dataset is shared and read-only");
    if (ds->txn)
        return dj_error_set(err, DJ_E_RECORD, "another add is in progress on this dataset");
    return DJ_OK;
}

/* Opens a people transaction with room for `expected` rows. On failure
 * (DJ_E_RECORD when shared or already in a transaction, DJ_E_NOMEM) no
 * transaction is open and the dataset is unchanged. */
dj_status dj_dataset_people_begin(dj_dataset *ds, size_t expected, dj_error *err)
{
    dj_status st = dj_begin_check(ds, err);
    if (st != DJ_OK)
        return st;
    if (expected > INT32_MAX || !dj_people_reserve(ds, ds->np + expected))
        return dj_error_set(err, DJ_E_NOMEM, "out of memory");
    ds->txn = 1;
    ds->max_date_all = ds->max_date;
    return DJ_OK;
}

/* Opens an activities transaction with room for `expected` activities and
 * `expected_parts` participations. Failure as for people_begin. */
dj_status dj_dataset_activities_begin(dj_dataset *ds, size_t expected, size_t expected_parts, dj_error *err)
{
    dj_status st = dj_begin_check(ds, err);
    if (st != DJ_OK)
        return st;
    if (expected > UINT32_MAX || expected_parts > UINT32_MAX ||
        !dj_activities_reserve(ds, ds->na + expected) || !dj_parts_reserve(ds, ds->nm + expected_parts))
        return dj_error_set(err, DJ_E_NOMEM, "out of memory");
    ds->txn = 2;
    ds->max_date_all = ds->max_date;
    ds->save_sorted = ds->a_sorted;
    ds->save_max_id = ds->a_max_id;
    ds->save_had_hash = ds->a_hash.slots != NULL;
    ds->save_big[0] = ds->big_hours.n;
    ds->save_big[1] = ds->big_fee.n;
    ds->save_big[2] = ds->big_don.n;
    ds->save_big[3] = ds->big_mhours.n;
    return DJ_OK;
}

/* Stages one person. Checks (values are the parser's): the stage order, left_on
 * against the start, then a duplicate id among the dataset and the rows staged
 * so far. On failure returns DJ_E_RECORD (message "people[index]...") or
 * DJ_E_NOMEM and stages nothing; the caller then rolls back. */
dj_status dj_dataset_person_add(dj_dataset *ds, const dj_person_rec *rec, size_t index, dj_error *err)
{
    if (ds->txn != 1)
        return dj_error_set(err, DJ_E_RECORD, "people[%zu]: no people transaction is open", index);
    dj_status cst = dj_person_check(rec, index, err);
    if (cst != DJ_OK)
        return cst;
    if (!dj_people_reserve(ds, ds->np_all + 1))
        return dj_error_set(err, DJ_E_NOMEM, "out of memory");
    uint32_t slot = dj_idhash_find(&ds->p_hash, ds->p_id, rec->id);
    if (ds->p_hash.slots[slot]) {
        char path[64];
        snprintf(path, sizeof path, "people[%zu].id", index);
        return dj_error_record(err, "duplicate_id", index, path, "duplicate id %ld", (long)rec->id);
    }
    size_t r = ds->np_all;
    ds->p_id[r] = rec->id;
    ds->p_staff[r] = rec->is_staff ? 1 : 0;
    ds->p_reason[r] = rec->left_reason;
    for (int k = 0; k < DJ_PERSON_DATES; k++)
        ds->p_date[k][r] = rec->dates[k];
    for (int k = 0; k < DJ_ROSTER_DATES; k++) { /* hired_on is not one of them */
        if (rec->dates[k] != DJ_NO_DATE &&
            (ds->max_date_all == DJ_NO_DATE || rec->dates[k] > ds->max_date_all))
            ds->max_date_all = rec->dates[k];
    }
    ds->p_hash.slots[slot] = (uint32_t)r + 1;
    ds->p_hash.used++;
    ds->np_all++;
    return DJ_OK;
}

/* The index of a committed person, or -1. */
static long dj_person_index(const dj_dataset *ds, int32_t id)
{
    if (!ds->p_hash.slots)
        return -1;
    uint32_t s = ds->p_hash.slots[dj_idhash_find(&ds->p_hash, ds->p_id, id)];
    return s && s - 1 < ds->np ? (long)(s - 1) : -1;
}

static dj_status dj_nomem(dj_error *err)
{
    return dj_error_set(err, DJ_E_NOMEM, "out of memory");
}

/* Stages one activity. Checks (values are the parser's): a duplicate id, then
 * each participant in order: an unknown person (not committed by a people
 * call), a duplicate participant (the later one). The path of a participant
 * ends in ".id" when its array_form is set. On failure returns DJ_E_RECORD or
 * DJ_E_NOMEM and stages nothing; the caller then rolls back. */
dj_status dj_dataset_activity_add(dj_dataset *ds, const dj_activity_rec *rec, size_t index, dj_error *err)
{
    if (ds->txn != 2)
        return dj_error_set(err, DJ_E_RECORD, "activities[%zu]: no activities transaction is open", index);
    size_t r = ds->na_all;
    if (!dj_activities_reserve(ds, r + 1) || !dj_parts_reserve(ds, ds->nm_all + rec->n_parts))
        return dj_nomem(err);

    /* duplicate id */
    uint32_t hslot = 0;
    int need_hash = !(ds->a_sorted && (r == 0 || rec->id > ds->a_max_id));
    if (need_hash) {
        if (!ds->a_hash.slots && !dj_idhash_rebuild(&ds->a_hash, ds->a_id, r, ds->na_cap))
            return dj_nomem(err);
        if (!dj_idhash_reserve(&ds->a_hash, ds->a_id, r, r + 1))
            return dj_nomem(err);
        hslot = dj_idhash_find(&ds->a_hash, ds->a_id, rec->id);
        if (ds->a_hash.slots[hslot]) {
            char path[64];
            snprintf(path, sizeof path, "activities[%zu].id", index);
            return dj_error_record(err, "duplicate_id", index, path, "duplicate id %ld", (long)rec->id);
        }
    }

    /* participants: known, then unique */
    size_t n = rec->n_parts, m0 = ds->nm_all;
    if (n > 8 && ds->stamp_n < ds->np) {
        uint32_t *st = dj_calloc(ds->np, sizeof *st);
        if (!st)
            return dj_nomem(err);
        dj_free(ds->stamp);
        ds->stamp = st;
        ds->stamp_n = ds->np;
    }
    dj_status st = DJ_OK;
    size_t j;
    for (j = 0; j < n; j++) {
        const dj_participant_rec *p = &rec->parts[j];
        const char *suffix = p->array_form ? ".id" : "";
        long pi = dj_person_index(ds, p->person_id);
        char path[96];
        snprintf(path, sizeof path, "activities[%zu].participants[%zu]%s", index, j, suffix);
        if (pi < 0) {
            st =
                dj_error_record(err, "unknown_person", index, path, "unknown person %ld", (long)p->person_id);
            break;
        }
        int dup = 0;
        if (n > 8) {
            dup = ds->stamp[pi] != 0;
            ds->stamp[pi] = 1;
        } else {
            for (size_t k = 0; k < j; k++)
                dup |= ds->m_person[m0 + k] == (uint32_t)pi;
        }
        if (dup) {
            st = dj_error_record(err, "duplicate_participant", index, path, "duplicate participant %ld",
                                 (long)p->person_id);
            break;
        }
        ds->m_person[m0 + j] = (uint32_t)pi;
    }
    if (n > 8) /* the marks are per row: clear them (a duplicate's mark is an earlier entry's) */
        for (size_t k = 0; k < j; k++)
            ds->stamp[ds->m_person[m0 + k]] = 0;
    if (st != DJ_OK)
        return st;

    /* strings */
    uint32_t s_kind, s_vk, s_venue, s_proj, kind, place;
    if (dj_strtab_intern(&ds->str, rec->kind, rec->kind_len, &s_kind) ||
        dj_strtab_intern(&ds->str, rec->venue_kind, rec->venue_kind_len, &s_vk) ||
        dj_strtab_intern(&ds->str, rec->venue, rec->venue_len, &s_venue) ||
        dj_strtab_intern(&ds->str, rec->project_len ? rec->project : "", rec->project_len, &s_proj) ||
        dj_pairtab_intern(&ds->kinds, rec->category, s_kind, &kind) ||
        dj_pairtab_intern(&ds->places, s_vk, s_venue, &place))
        return dj_nomem(err);

    /* amounts (may append to side tables; undo on failure) */
    size_t b0 = ds->big_hours.n, b1 = ds->big_fee.n, b2 = ds->big_don.n, b3 = ds->big_mhours.n;
    int ok = dj_amount_put(ds->a_hours, &ds->big_hours, r, rec->hours) &&
             dj_amount_put(ds->a_fee, &ds->big_fee, r, rec->fee_waived) &&
             dj_amount_put(ds->a_don, &ds->big_don, r, rec->donation);
    for (j = 0; ok && j < n; j++)
        ok = dj_amount_put(ds->m_hours, &ds->big_mhours, m0 + j, rec->parts[j].hours);
    if (!ok) {
        ds->big_hours.n = b0;
        ds->big_fee.n = b1;
        ds->big_don.n = b2;
        ds->big_mhours.n = b3;
        return dj_nomem(err);
    }

    ds->a_id[r] = rec->id;
    ds->a_date[r] = rec->date;
    ds->a_benef[r] = rec->beneficiaries;
    ds->a_kind[r] = kind;
    ds->a_place[r] = place;
    ds->a_proj[r] = s_proj;
    ds->a_start[r + 1] = (uint32_t)(m0 + n);
    if (need_hash) {
        ds->a_hash.slots[hslot] = (uint32_t)r + 1;
        ds->a_hash.used++;
        ds->a_sorted = 0;
    } else if (ds->a_hash.slots) {
        uint32_t s = dj_idhash_find(&ds->a_hash, ds->a_id, rec->id);
        ds->a_hash.slots[s] = (uint32_t)r + 1;
        ds->a_hash.used++;
    }
    if (rec->id > ds->a_max_id)
        ds->a_max_id = rec->id;
    if (ds->max_date_all == DJ_NO_DATE || rec->date > ds->max_date_all)
        ds->max_date_all = rec->date;
    ds->nm_all = m0 + n;
    ds->na_all = r + 1;
    return DJ_OK;
}

/* Shrinks a column set back to little slack when a transaction overran its
 * reservation (the growth path of add). Failure to shrink is harmless: every
 * column then holds at least the new capacity (those that shrank exactly
 * that, those that failed their old larger size), so the capacity recorded
 * is the new one either way; recording the old one after some columns had
 * shrunk let the next add write past them. */
static void dj_trim(dj_dataset *ds)
{
    if (ds->na_cap > ds->na_all + ds->na_all / 16 + 64) {
        size_t cap = ds->na_all + ds->na_all / 16 + 16;
        void **cols[] = {(void **)&ds->a_id,    (void **)&ds->a_date,  (void **)&ds->a_benef,
                         (void **)&ds->a_kind,  (void **)&ds->a_place, (void **)&ds->a_proj,
                         (void **)&ds->a_hours, (void **)&ds->a_fee,   (void **)&ds->a_don};
        for (size_t k = 0; k < sizeof cols / sizeof cols[0]; k++)
            (void)dj_grow(cols[k], cap, 4);
        (void)dj_grow((void **)&ds->a_start, cap + 1, 4);
        ds->na_cap = cap;
    }
    if (ds->nm_cap > ds->nm_all + ds->nm_all / 16 + 64) {
        size_t cap = ds->nm_all + ds->nm_all / 16 + 16;
        (void)dj_grow((void **)&ds->m_person, cap, 4);
        (void)dj_grow((void **)&ds->m_hours, cap, 4);
        ds->nm_cap = cap;
    }
    if (ds->np_cap > ds->np_all + ds->np_all / 16 + 64) {
        size_t cap = ds->np_all + ds->np_all / 16 + 16;
        (void)dj_grow((void **)&ds->p_id, cap, 4);
        (void)dj_grow((void **)&ds->p_staff, cap, 1);
        (void)dj_grow((void **)&ds->p_reason, cap, 1);
        for (int k = 0; k < DJ_PERSON_DATES; k++)
            (void)dj_grow((void **)&ds->p_date[k], cap, 4);
        ds->np_cap = cap;
    }
}

/* Publishes the staged rows and closes the transaction. Never fails. */
void dj_dataset_commit(dj_dataset *ds)
{
    if (!ds->txn)
        return;
    size_t r0 = ds->na;
    ds->np = ds->np_all;
    ds->na = ds->na_all;
    ds->nm = ds->nm_all;
    ds->max_date = ds->max_date_all;
    ds->txn = 0;
    dj_free(ds->stamp);
    ds->stamp = NULL;
    ds->stamp_n = 0;
    dj_cache_follow(ds, r0); /* the new rows into stats' cache, or it is dropped */
    dj_trim(ds);
}

/* Drops the staged rows: the dataset is as it was before begin. */
void dj_dataset_rollback(dj_dataset *ds)
{
    if (ds->txn == 1) {
        while (ds->np_all > ds->np)
            dj_idhash_remove_last(&ds->p_hash, ds->p_id, --ds->np_all);
    } else if (ds->txn == 2) {
        if (ds->a_hash.slots && !ds->save_had_hash) {
            dj_free(ds->a_hash.slots);
            memset(&ds->a_hash, 0, sizeof ds->a_hash);
        } else if (ds->a_hash.slots) {
            for (size_t r = ds->na_all; r > ds->na; r--)
                dj_idhash_remove_last(&ds->a_hash, ds->a_id, r - 1);
        }
        ds->na_all = ds->na;
        ds->nm_all = ds->nm;
        ds->a_sorted = ds->save_sorted;
        ds->a_max_id = ds->save_max_id;
        ds->big_hours.n = ds->save_big[0];
        ds->big_fee.n = ds->save_big[1];
        ds->big_don.n = ds->save_big[2];
        ds->big_mhours.n = ds->save_big[3];
    }
    ds->max_date_all = ds->max_date;
    ds->txn = 0;
    dj_free(ds->stamp);
    ds->stamp = NULL;
    ds->stamp_n = 0;
}

/* A fresh id hash over ids[0, n) with room for `need` keys. Returns -1 when
 * every id is unique, else the first row whose id an earlier row has; -2
 * when out of memory. h is replaced (left partly filled on a duplicate). */
static long dj_idhash_build_checked(dj_hash *h, const int32_t *ids, size_t n, size_t need)
{
    dj_free(h->slots);
    memset(h, 0, sizeof *h);
    if (!dj_idhash_rebuild(h, ids, 0, need > n ? need : n))
        return -2;
    for (size_t r = 0; r < n; r++) {
        uint32_t s = dj_idhash_find(h, ids, ids[r]);
        if (h->slots[s])
            return (long)r;
        h->slots[s] = (uint32_t)r + 1;
        h->used++;
    }
    return -1;
}

/* See dataset_internal.h. */
long dj_dataset_index_people(dj_dataset *ds)
{
    return dj_idhash_build_checked(&ds->p_hash, ds->p_id, ds->np, ds->np_cap);
}

/* See dataset_internal.h. */
long dj_dataset_index_activities(dj_dataset *ds)
{
    size_t n = ds->na;
    int sorted = 1;
    int32_t max = 0;
    for (size_t i = 0; i < n; i++) {
        sorted &= i == 0 || ds->a_id[i] > ds->a_id[i - 1];
        max = ds->a_id[i] > max ? ds->a_id[i] : max;
    }
    ds->a_max_id = max;
    ds->a_sorted = sorted;
    dj_free(ds->a_hash.slots);
    memset(&ds->a_hash, 0, sizeof ds->a_hash);
    if (sorted)
        return -1;
    return dj_idhash_build_checked(&ds->a_hash, ds->a_id, n, ds->na_cap);
}

/* See dataset_internal.h. */
long dj_dataset_index_strings(dj_dataset *ds)
{
    dj_strtab *t = &ds->str;
    uint32_t bits = 4;
    while (((size_t)1 << bits) < (size_t)t->n * 2)
        bits++;
    uint32_t *slots = dj_calloc((size_t)1 << bits, sizeof *slots);
    if (!slots)
        return -2;
    dj_free(t->h.slots);
    t->h.slots = slots;
    t->h.bits = bits;
    t->h.used = 0;
    for (uint32_t s = 0; s < t->n; s++) {
        const char *p = t->bytes + t->off[s];
        size_t len = t->off[s + 1] - t->off[s];
        uint32_t i = dj_strtab_slot(t, p, len, dj_hash_bytes(p, len));
        if (slots[i])
            return (long)s;
        slots[i] = s + 1;
        t->h.used++;
    }
    return -1;
}

/* See dataset_internal.h. */
long dj_dataset_index_pairs(dj_pairtab *t)
{
    dj_free(t->h.slots);
    memset(&t->h, 0, sizeof t->h);
    if (t->n == 0)
        return -1; /* built by the first intern */
    uint32_t bits = 4;
    while (((size_t)1 << bits) < (size_t)t->n * 2)
        bits++;
    t->h.slots = dj_calloc((size_t)1 << bits, sizeof *t->h.slots);
    if (!t->h.slots)
        return -2;
    t->h.bits = bits;
    for (uint32_t s = 0; s < t->n; s++) {
        uint32_t i = dj_pairtab_slot(t, t->a[s], t->b[s]);
        if (t->h.slots[i])
            return (long)s;
        t->h.slots[i] = s + 1;
        t->h.used++;
    }
    return -1;
}

/* The index of the string of len bytes at p, or -1 ("" is 0). */
long dj_dataset_find_string(const dj_dataset *ds, const char *p, size_t len)
{
    const dj_strtab *t = &ds->str;
    if (len == 0)
        return 0;
    if (!t->h.slots)
        return -1;
    uint32_t s = t->h.slots[dj_strtab_slot(t, p, len, dj_hash_bytes(p, len))];
    return s ? (long)(s - 1) : -1;
}

size_t dj_hash_held(const dj_hash *h)
{
    return dj_hash_bytes_held(h);
}
