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

#include <stdlib.h>
#include <string.h>

static const char *const dj_date_field[DJ_PERSON_DATES] = {
    "applied_on", "activist_on", "candidate_on", "admitted_on", "full_on", "joined_on", "left_on"};

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
            !dj_grow((void **)&ds->a_place, cap, 4) || !dj_grow((void **)&ds->a_hours, cap, 4) ||
            !dj_grow((void **)&ds->a_fee, cap, 4) || !dj_grow((void **)&ds->a_don, cap, 4) ||
            !dj_grow((void **)&ds->a_start, cap + 1, 4))
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
    char a[11], b[11];
    int prev = -1;
    int32_t start = DJ_NO_DATE;
    for (int k = DJ_STAGE_APPLIED; k <= DJ_STAGE_FULL; k++) {
        if (rec->dates[k] == DJ_NO_DATE)
            continue;
        if (prev >= 0 && rec->dates[k] < rec->dates[prev]) {
            dj_date_format(rec->dates[k], a);
            dj_date_format(rec->dates[prev], b);
            return dj_error_set(err, DJ_E_RECORD, "people[%zu].%s: %s is before %s %s", index,
                                dj_date_field[k], a, dj_date_field[prev], b);
        }
        if (prev < 0)
            start = rec->dates[k];
        prev = k;
    }
    if (rec->dates[DJ_JOINED] != DJ_NO_DATE)
        start = rec->dates[DJ_JOINED];
    if (rec->dates[DJ_LEFT] != DJ_NO_DATE && start != DJ_NO_DATE && rec->dates[DJ_LEFT] < start) {
        dj_date_format(rec->dates[DJ_LEFT], a);
        dj_date_format(start, b);
        return dj_error_set(err, DJ_E_RECORD, "people[%zu].left_on: %s is before the start %s", index, a, b);
    }
    if (!dj_people_reserve(ds, ds->np_all + 1))
        return dj_error_set(err, DJ_E_NOMEM, "out of memory");
    uint32_t slot = dj_idhash_find(&ds->p_hash, ds->p_id, rec->id);
    if (ds->p_hash.slots[slot])
        return dj_error_set(err, DJ_E_RECORD, "people[%zu].id: duplicate id %ld", index, (long)rec->id);
    size_t r = ds->np_all;
    ds->p_id[r] = rec->id;
    ds->p_staff[r] = rec->is_staff ? 1 : 0;
    ds->p_reason[r] = rec->left_reason;
    for (int k = 0; k < DJ_PERSON_DATES; k++) {
        ds->p_date[k][r] = rec->dates[k];
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
        if (ds->a_hash.slots[hslot])
            return dj_error_set(err, DJ_E_RECORD, "activities[%zu].id: duplicate id %ld", index,
                                (long)rec->id);
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
        if (pi < 0) {
            st = dj_error_set(err, DJ_E_RECORD, "activities[%zu].participants[%zu]%s: unknown person %ld",
                              index, j, suffix, (long)p->person_id);
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
            st = dj_error_set(err, DJ_E_RECORD,
                              "activities[%zu].participants[%zu]%s: duplicate participant %ld", index, j,
                              suffix, (long)p->person_id);
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
    uint32_t s_kind, s_vk, s_venue, kind, place;
    if (dj_strtab_intern(&ds->str, rec->kind, rec->kind_len, &s_kind) ||
        dj_strtab_intern(&ds->str, rec->venue_kind, rec->venue_kind_len, &s_vk) ||
        dj_strtab_intern(&ds->str, rec->venue, rec->venue_len, &s_venue) ||
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
 * reservation (the growth path of add). Failure to shrink is harmless. */
static void dj_trim(dj_dataset *ds)
{
    if (ds->na_cap > ds->na_all + ds->na_all / 16 + 64) {
        size_t cap = ds->na_all + ds->na_all / 16 + 16;
        void **cols[] = {(void **)&ds->a_id,   (void **)&ds->a_date,  (void **)&ds->a_benef,
                         (void **)&ds->a_kind, (void **)&ds->a_place, (void **)&ds->a_hours,
                         (void **)&ds->a_fee,  (void **)&ds->a_don};
        int ok = 1;
        for (size_t k = 0; k < sizeof cols / sizeof cols[0]; k++)
            ok &= dj_grow(cols[k], cap, 4);
        ok &= dj_grow((void **)&ds->a_start, cap + 1, 4);
        if (ok)
            ds->na_cap = cap;
    }
    if (ds->nm_cap > ds->nm_all + ds->nm_all / 16 + 64) {
        size_t cap = ds->nm_all + ds->nm_all / 16 + 16;
        if (dj_grow((void **)&ds->m_person, cap, 4) & dj_grow((void **)&ds->m_hours, cap, 4))
            ds->nm_cap = cap;
    }
    if (ds->np_cap > ds->np_all + ds->np_all / 16 + 64) {
        size_t cap = ds->np_all + ds->np_all / 16 + 16;
        int ok = dj_grow((void **)&ds->p_id, cap, 4) & dj_grow((void **)&ds->p_staff, cap, 1) &
                 dj_grow((void **)&ds->p_reason, cap, 1);
        for (int k = 0; k < DJ_PERSON_DATES; k++)
            ok &= dj_grow((void **)&ds->p_date[k], cap, 4);
        if (ok)
            ds->np_cap = cap;
    }
}

/* Publishes the staged rows and closes the transaction. Never fails. */
void dj_dataset_commit(dj_dataset *ds)
{
    if (!ds->txn)
        return;
    ds->np = ds->np_all;
    ds->na = ds->na_all;
    ds->nm = ds->nm_all;
    ds->max_date = ds->max_date_all;
    ds->txn = 0;
    dj_free(ds->stamp);
    ds->stamp = NULL;
    ds->stamp_n = 0;
    dj_cache_free(ds->cache); /* built again by the next stats() */
    ds->cache = NULL;
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

/* ------------------------------------------------------------ headcount */

typedef struct {
    int32_t date, count;
    size_t pos;
} dj_hpoint;

static int dj_hpoint_cmp(const void *a, const void *b)
{
    const dj_hpoint *x = a, *y = b;
    if (x->date != y->date)
        return x->date < y->date ? -1 : 1;
    return x->pos < y->pos ? -1 : x->pos > y->pos;
}

/* Replaces the headcount points with pts (any order). Two points on one date
 * fail with DJ_E_RECORD "headcount[i].date: duplicate date YYYY-MM-DD", i the
 * later position; a shared dataset fails with DJ_E_RECORD; DJ_E_NOMEM. On
 * failure the old points stay. */
dj_status dj_dataset_set_headcount(dj_dataset *ds, const dj_headcount_rec *pts, size_t n, dj_error *err)
{
    if (ds->refcount > 1)
        return dj_error_set(err, DJ_E_RECORD, "the dataset is shared and read-only");
    if (n > SIZE_MAX / sizeof(dj_hpoint))
        return dj_nomem(err);
    dj_hpoint *tmp = dj_malloc((n ? n : 1) * sizeof *tmp);
    int32_t *dates = dj_malloc((n ? n : 1) * sizeof *dates);
    int32_t *counts = dj_malloc((n ? n : 1) * sizeof *counts);
    if (!tmp || !dates || !counts) {
        dj_free(tmp);
        dj_free(dates);
        dj_free(counts);
        return dj_nomem(err);
    }
    for (size_t i = 0; i < n; i++) {
        tmp[i].date = pts[i].date;
        tmp[i].count = pts[i].count;
        tmp[i].pos = i;
    }
    qsort(tmp, n, sizeof *tmp, dj_hpoint_cmp);
    size_t bad = SIZE_MAX;
    for (size_t i = 1; i < n; i++)
        if (tmp[i].date == tmp[i - 1].date && (i < 2 || tmp[i - 2].date != tmp[i].date) && tmp[i].pos < bad)
            bad = tmp[i].pos;
    if (bad != SIZE_MAX) {
        char d[11];
        dj_date_format(pts[bad].date, d);
        dj_free(tmp);
        dj_free(dates);
        dj_free(counts);
        return dj_error_set(err, DJ_E_RECORD, "headcount[%zu].date: duplicate date %s", bad, d);
    }
    for (size_t i = 0; i < n; i++) {
        dates[i] = tmp[i].date;
        counts[i] = tmp[i].count;
    }
    dj_free(tmp);
    dj_free(ds->h_date);
    dj_free(ds->h_count);
    ds->h_date = dates;
    ds->h_count = counts;
    ds->nh = n;
    return DJ_OK;
}

/* --------------------------------------------------- from dj_value rows */

/* Parses and adds people rows, all or nothing. On failure returns the
 * parser's or add's status (DJ_E_RECORD with the row's message, DJ_E_NOMEM)
 * and the dataset is unchanged. */
dj_status dj_dataset_add_people_in(dj_dataset *ds, const dj_person_in *rows, size_t n, dj_error *err)
{
    dj_status st = dj_dataset_people_begin(ds, n, err);
    if (st != DJ_OK)
        return st;
    for (size_t i = 0; i < n; i++) {
        dj_person_rec rec;
        st = dj_person_parse(&rows[i], i, &rec, err);
        if (st == DJ_OK)
            st = dj_dataset_person_add(ds, &rec, i, err);
        if (st != DJ_OK) {
            dj_dataset_rollback(ds);
            return st;
        }
    }
    dj_dataset_commit(ds);
    return DJ_OK;
}

/* Parses and adds activity rows, all or nothing; participants' array form is
 * taken from each entry's type. Failure as for add_people_in. */
dj_status dj_dataset_add_activities_in(dj_dataset *ds, const dj_activity_in *rows, size_t n, dj_error *err)
{
    size_t parts = 0, most = 1;
    for (size_t i = 0; i < n; i++) {
        size_t k = rows[i].participants.type == DJ_V_ARRAY ? rows[i].n_parts : 0;
        parts += k;
        if (k > most)
            most = k;
    }
    dj_participant_rec *buf = dj_calloc(most, sizeof *buf);
    if (!buf)
        return dj_nomem(err);
    dj_status st = dj_dataset_activities_begin(ds, n, parts, err);
    if (st != DJ_OK) {
        dj_free(buf);
        return st;
    }
    for (size_t i = 0; i < n; i++) {
        dj_activity_rec rec;
        st = dj_activity_parse(&rows[i], i, &rec, buf, err);
        if (st == DJ_OK) {
            for (size_t j = 0; j < rec.n_parts && j < rows[i].n_parts; j++)
                buf[j].array_form = rows[i].parts[j].entry.type == DJ_V_ARRAY;
            st = dj_dataset_activity_add(ds, &rec, i, err);
        }
        if (st != DJ_OK) {
            dj_dataset_rollback(ds);
            dj_free(buf);
            return st;
        }
    }
    dj_dataset_commit(ds);
    dj_free(buf);
    return DJ_OK;
}

/* Parses the points and replaces the headcount, all or nothing. */
dj_status dj_dataset_set_headcount_in(dj_dataset *ds, const dj_headcount_in *rows, size_t n, dj_error *err)
{
    if (ds->refcount > 1)
        return dj_error_set(err, DJ_E_RECORD, "the dataset is shared and read-only");
    if (n > SIZE_MAX / sizeof(dj_headcount_rec))
        return dj_nomem(err);
    dj_headcount_rec *recs = dj_malloc((n ? n : 1) * sizeof *recs);
    if (!recs)
        return dj_nomem(err);
    for (size_t i = 0; i < n; i++) {
        dj_status st = dj_headcount_parse(&rows[i], i, &recs[i], err);
        if (st != DJ_OK) {
            dj_free(recs);
            return st;
        }
    }
    dj_status st = dj_dataset_set_headcount(ds, recs, n, err);
    dj_free(recs);
    return st;
}

/* ------------------------------------------------------------ read access */

size_t dj_dataset_people_count(const dj_dataset *ds)
{
    return ds->np;
}

size_t dj_dataset_activities_count(const dj_dataset *ds)
{
    return ds->na;
}

size_t dj_dataset_participations_count(const dj_dataset *ds)
{
    return ds->nm;
}

size_t dj_dataset_headcount_count(const dj_dataset *ds)
{
    return ds->nh;
}

/* Copies committed person i (i < people_count) into *out. */
void dj_dataset_person_get(const dj_dataset *ds, size_t i, dj_person_rec *out)
{
    out->id = ds->p_id[i];
    out->is_staff = ds->p_staff[i];
    out->left_reason = ds->p_reason[i];
    for (int k = 0; k < DJ_PERSON_DATES; k++)
        out->dates[k] = ds->p_date[k][i];
}

/* The number of participants of committed activity i. */
size_t dj_dataset_activity_parts(const dj_dataset *ds, size_t i)
{
    return ds->a_start[i + 1] - ds->a_start[i];
}

/* Copies committed activity i into *out; its participants go to parts_buf
 * (room for dj_dataset_activity_parts(ds, i)), strings point into the
 * dataset (valid until the next add). */
void dj_dataset_activity_get(const dj_dataset *ds, size_t i, dj_activity_rec *out,
                             dj_participant_rec *parts_buf)
{
    uint32_t k = ds->a_kind[i], pl = ds->a_place[i];
    out->id = ds->a_id[i];
    out->date = ds->a_date[i];
    out->category = (uint8_t)ds->kinds.a[k];
    out->kind = dj_str_at(&ds->str, ds->kinds.b[k], &out->kind_len);
    out->venue_kind = dj_str_at(&ds->str, ds->places.a[pl], &out->venue_kind_len);
    out->venue = dj_str_at(&ds->str, ds->places.b[pl], &out->venue_len);
    out->hours = dj_amount_at(ds->a_hours, &ds->big_hours, i);
    out->fee_waived = dj_amount_at(ds->a_fee, &ds->big_fee, i);
    out->donation = dj_amount_at(ds->a_don, &ds->big_don, i);
    out->beneficiaries = ds->a_benef[i];
    size_t m0 = ds->a_start[i], n = ds->a_start[i + 1] - m0;
    for (size_t j = 0; j < n; j++) {
        parts_buf[j].person_id = ds->p_id[ds->m_person[m0 + j]];
        parts_buf[j].hours = dj_amount_at(ds->m_hours, &ds->big_mhours, m0 + j);
        parts_buf[j].array_form = 1;
    }
    out->parts = parts_buf;
    out->n_parts = n;
}

/* Headcount point i, in date order. */
void dj_dataset_headcount_get(const dj_dataset *ds, size_t i, dj_headcount_rec *out)
{
    out->date = ds->h_date[i];
    out->count = ds->h_count[i];
}

/* Bytes held: every column at its allocated capacity, the side tables, the
 * hashes, the string and pair tables, the headcount and the struct. */
size_t dj_dataset_memory(const dj_dataset *ds)
{
    size_t b = sizeof *ds;
    b += ds->np_cap * (4 + 1 + 1 + 4 * DJ_PERSON_DATES);
    b += dj_hash_bytes_held(&ds->p_hash);
    b += ds->na_cap * (4 * 8) + (ds->na_cap + 1) * 4;
    b += (ds->big_hours.cap + ds->big_fee.cap + ds->big_don.cap + ds->big_mhours.cap) * sizeof(dj_big);
    b += dj_hash_bytes_held(&ds->a_hash);
    b += ds->nm_cap * 8;
    b += ds->stamp_n * 4;
    b += ds->str.bcap + ((size_t)ds->str.ncap + 1) * 4 + dj_hash_bytes_held(&ds->str.h);
    b += (size_t)ds->kinds.cap * 8 + dj_hash_bytes_held(&ds->kinds.h);
    b += (size_t)ds->places.cap * 8 + dj_hash_bytes_held(&ds->places.h);
    b += ds->nh * 8;
    b += dj_cache_bytes(ds->cache);
    return b;
}

/* ------------------------------------------- indexes of adopted columns */
/* For the snapshot loader (snapshot.c), which fills the columns of a new
 * dataset directly and then has the indexes built here, with the same hash
 * functions and table sizes the add path uses. */

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
