/*
 * clone.c - a deep copy of a dataset, for copy-on-write of shared datasets.
 *
 * Uses only the layout of dataset_internal.h. Every column is copied at its
 * capacity (so the copy's dj_dataset_memory() and later growth behave as the
 * original's); the stats cache is not copied (it is derived, and rebuilt by
 * the first stats()). The copy starts zeroed, so a field this file does not
 * know stays 0/NULL rather than aliasing the original's memory.
 */
#include "dj_clone.h"

#include <string.h>

#include "dataset_internal.h"
#include "dj_alloc.h"

/* A copy of the first `used` elements of src in a new block of `cap`
 * elements (cap >= used; at least one element is allocated). NULL src gives
 * NULL. On failure sets *ok = 0 and returns NULL. */
static void *dj_clone_block(const void *src, size_t cap, size_t used, size_t sz, int *ok)
{
    void *p;

    if (!src || !*ok)
        return NULL;
    if (cap < used)
        cap = used;
    if (cap == 0)
        cap = 1;
    p = dj_malloc(cap * sz);
    if (!p) {
        *ok = 0;
        return NULL;
    }
    if (used)
        memcpy(p, src, used * sz);
    return p;
}

static void dj_clone_hash(const dj_hash *src, dj_hash *dst, int *ok)
{
    size_t n = src->slots ? (size_t)1 << src->bits : 0;

    dst->slots = dj_clone_block(src->slots, n, n, sizeof *src->slots, ok);
    if (dst->slots) {
        dst->bits = src->bits;
        dst->used = src->used;
    }
}

static void dj_clone_big(const dj_bigtab *src, dj_bigtab *dst, int *ok)
{
    dst->v = dj_clone_block(src->v, src->cap, src->n, sizeof *src->v, ok);
    if (dst->v) {
        dst->n = src->n;
        dst->cap = src->cap;
    }
}

static void dj_clone_pairs(const dj_pairtab *src, dj_pairtab *dst, int *ok)
{
    dst->a = dj_clone_block(src->a, src->cap, src->n, sizeof *src->a, ok);
    dst->b = dj_clone_block(src->b, src->cap, src->n, sizeof *src->b, ok);
    dj_clone_hash(&src->h, &dst->h, ok);
    if (*ok) {
        dst->n = src->n;
        dst->cap = src->cap;
    }
}

int dj_dataset_is_shared(const dj_dataset *ds)
{
    return ds && ds->refcount > 1;
}

/* See dj_clone.h. */
dj_status dj_dataset_clone(const dj_dataset *src, dj_dataset **out, dj_error *err)
{
    dj_dataset *d;
    int ok = 1;

    *out = NULL;
    if (src->txn)
        return dj_error_set(err, DJ_E_RECORD, "the dataset has rows being added and cannot be copied");
    d = dj_calloc(1, sizeof *d);
    if (!d)
        return dj_error_set(err, DJ_E_NOMEM, "out of memory");
    d->refcount = 1;

    /* people */
    d->p_id = dj_clone_block(src->p_id, src->np_cap, src->np, 4, &ok);
    d->p_staff = dj_clone_block(src->p_staff, src->np_cap, src->np, 1, &ok);
    d->p_reason = dj_clone_block(src->p_reason, src->np_cap, src->np, 1, &ok);
    for (int k = 0; k < DJ_PERSON_DATES; k++)
        d->p_date[k] = dj_clone_block(src->p_date[k], src->np_cap, src->np, 4, &ok);
    dj_clone_hash(&src->p_hash, &d->p_hash, &ok);

    /* activities */
    d->a_id = dj_clone_block(src->a_id, src->na_cap, src->na, 4, &ok);
    d->a_date = dj_clone_block(src->a_date, src->na_cap, src->na, 4, &ok);
    d->a_benef = dj_clone_block(src->a_benef, src->na_cap, src->na, 4, &ok);
    d->a_kind = dj_clone_block(src->a_kind, src->na_cap, src->na, 4, &ok);
    d->a_place = dj_clone_block(src->a_place, src->na_cap, src->na, 4, &ok);
    d->a_proj = dj_clone_block(src->a_proj, src->na_cap, src->na, 4, &ok);
    d->a_hours = dj_clone_block(src->a_hours, src->na_cap, src->na, 4, &ok);
    d->a_fee = dj_clone_block(src->a_fee, src->na_cap, src->na, 4, &ok);
    d->a_don = dj_clone_block(src->a_don, src->na_cap, src->na, 4, &ok);
    d->a_start = dj_clone_block(src->a_start, src->na_cap + 1, src->na + 1, 4, &ok);
    dj_clone_big(&src->big_hours, &d->big_hours, &ok);
    dj_clone_big(&src->big_fee, &d->big_fee, &ok);
    dj_clone_big(&src->big_don, &d->big_don, &ok);
    dj_clone_hash(&src->a_hash, &d->a_hash, &ok);

    /* participations */
    d->m_person = dj_clone_block(src->m_person, src->nm_cap, src->nm, 4, &ok);
    d->m_hours = dj_clone_block(src->m_hours, src->nm_cap, src->nm, 4, &ok);
    dj_clone_big(&src->big_mhours, &d->big_mhours, &ok);

    /* strings and interned pairs */
    d->str.bytes = dj_clone_block(src->str.bytes, src->str.bcap, src->str.blen, 1, &ok);
    d->str.off = dj_clone_block(src->str.off, (size_t)src->str.ncap + 1, (size_t)src->str.n + 1, 4, &ok);
    dj_clone_hash(&src->str.h, &d->str.h, &ok);
    dj_clone_pairs(&src->kinds, &d->kinds, &ok);
    dj_clone_pairs(&src->places, &d->places, &ok);

    /* headcount */
    d->h_date = dj_clone_block(src->h_date, src->nh, src->nh, 4, &ok);
    d->h_count = dj_clone_block(src->h_count, src->nh, src->nh, 4, &ok);

    if (!ok) {
        dj_dataset_release(d); /* frees what was copied; the rest is NULL */
        return dj_error_set(err, DJ_E_NOMEM, "out of memory");
    }

    /* Every block above was allocated at the source's capacity (cap >= used). */
    d->np = d->np_all = src->np;
    d->np_cap = src->np_cap;
    d->na = d->na_all = src->na;
    d->na_cap = src->na_cap;
    d->a_sorted = src->a_sorted;
    d->a_max_id = src->a_max_id;
    d->nm = d->nm_all = src->nm;
    d->nm_cap = src->nm_cap;
    d->str.blen = src->str.blen;
    d->str.bcap = src->str.bcap;
    d->str.n = src->str.n;
    d->str.ncap = src->str.ncap;
    d->nh = src->nh;
    d->max_date = d->max_date_all = src->max_date;
    d->cache = NULL;
    *out = d;
    return DJ_OK;
}
