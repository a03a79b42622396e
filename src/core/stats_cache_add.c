/*
 * stats_cache_add.c - the per-day cache follows a write (issue 11, item 33):
 * the rows a commit adds go into the cache in place, instead of the cache
 * being dropped and rebuilt from every row by the next stats().
 *
 * A new row is an insertion into its day: the day's cells of its kind,
 * venue-kind group and project are found or inserted (the later days'
 * offsets move by one), its place goes into the day's list or bitmap, and its
 * service participations (and project pairs) are inserted at the end of the
 * day's run, which keeps the day's rows in row order as a rebuild would. A
 * day not yet in the cache is inserted in order. The figures stats() reads
 * are sums, unions and one run of participations per period, so the result
 * is the same as a rebuild's whatever the order of the cells within a day.
 *
 * What cannot be done cheaply drops the cache (the next stats() rebuilds it,
 * as before): a large commit (more rows than a rebuild costs), a person whose
 * index no longer fits the packed participations, a new place that widens
 * the place bitmaps while a day uses one, or a failed allocation. The cache
 * is derived data: dropping it is always correct.
 */
#include "stats_internal.h"

#include "dj_alloc.h"

#include <stdlib.h>
#include <string.h>

/* Room for n + extra elements of size sz in *p (capacity *cap, with slack). */
static int room(void **p, size_t *cap, size_t n, size_t extra, size_t sz)
{
    if (n + extra <= *cap)
        return 1;
    size_t c = (n + extra) + (n + extra) / 8 + 16;
    void *q = dj_realloc(*p, c * sz);
    if (!q)
        return 0;
    *p = q;
    *cap = c;
    return 1;
}

/* Inserts k elements (of size sz) at `at` in an array of n elements. */
static int insert(void **p, size_t *cap, size_t n, size_t at, const void *elems, size_t k, size_t sz)
{
    if (!room(p, cap, n, k, sz))
        return 0;
    char *a = *p;
    memmove(a + (at + k) * sz, a + at * sz, (n - at) * sz);
    memcpy(a + at * sz, elems, k * sz);
    return 1;
}

/* Adds k to the offsets of the days after day i (off has nd + 1 entries). */
static void shift(uint32_t *off, uint32_t nd, uint32_t i, uint32_t k)
{
    for (uint32_t j = i + 1; j <= nd; j++)
        off[j] += k;
}

/* Room for need days in every per-day array (the offsets hold one more). */
static int grow_days(dj_cache *c, size_t need)
{
    if (need <= c->day_cap)
        return 1;
    size_t cap = need + need / 8 + 16;
    uint32_t **offs[6] = {&c->kc_off, &c->vc_off, &c->pl_off, &c->m_off, &c->pc_off, &c->pm_off};
    int32_t *d = dj_realloc(c->day, cap * sizeof *d);
    if (d)
        c->day = d;
    int32_t *ym = dj_realloc(c->day_ym, cap * sizeof *ym);
    if (ym)
        c->day_ym = ym;
    uint8_t *bm = dj_realloc(c->pl_bitmap, cap);
    if (bm)
        c->pl_bitmap = bm;
    int ok = d && ym && bm;
    for (int k = 0; k < 6; k++) {
        uint32_t *o = dj_realloc(*offs[k], (cap + 1) * sizeof *o);
        if (o)
            *offs[k] = o;
        ok = ok && o;
    }
    if (ok)
        c->day_cap = cap;
    return ok;
}

/* The index of day d in the cache, inserting an empty day when it has none.
 * -1 when out of memory. */
static long day_index(dj_cache *c, int32_t d)
{
    uint32_t lo = 0, hi = c->nd;
    while (lo < hi) {
        uint32_t mid = lo + (hi - lo) / 2;
        if (c->day[mid] < d)
            lo = mid + 1;
        else
            hi = mid;
    }
    if (lo < c->nd && c->day[lo] == d)
        return lo;
    if (!grow_days(c, (size_t)c->nd + 1))
        return -1;
    int y, m, dd;
    dj_date_ymd(d, &y, &m, &dd);
    size_t tail = c->nd - lo;
    memmove(c->day + lo + 1, c->day + lo, tail * sizeof *c->day);
    memmove(c->day_ym + lo + 1, c->day_ym + lo, tail * sizeof *c->day_ym);
    memmove(c->pl_bitmap + lo + 1, c->pl_bitmap + lo, tail);
    c->day[lo] = d;
    c->day_ym[lo] = y * 12 + m - 1;
    c->pl_bitmap[lo] = 0;
    uint32_t *offs[6] = {c->kc_off, c->vc_off, c->pl_off, c->m_off, c->pc_off, c->pm_off};
    for (int k = 0; k < 6; k++) /* the new day starts where the next began: empty */
        memmove(offs[k] + lo + 1, offs[k] + lo, (tail + 1) * sizeof *offs[k]);
    c->nd++;
    return lo;
}

/* The cell of key in day i's run of kc-like cells, inserted empty when
 * absent; NULL when out of memory. */
static dj_kcell *kcell(dj_kcell **cells, size_t *cap, uint32_t *off, uint32_t nd, uint32_t i, uint32_t key)
{
    for (uint32_t x = off[i]; x < off[i + 1]; x++)
        if ((*cells)[x].kind == key)
            return &(*cells)[x];
    dj_kcell e;
    memset(&e, 0, sizeof e);
    e.kind = key;
    if (!insert((void **)cells, cap, off[nd], off[i + 1], &e, 1, sizeof e))
        return NULL;
    shift(off, nd, i, 1);
    return &(*cells)[off[i + 1] - 1];
}

static dj_vcell *vcell(dj_cache *c, uint32_t i, uint32_t group)
{
    for (uint32_t x = c->vc_off[i]; x < c->vc_off[i + 1]; x++)
        if (c->vc[x].group == group)
            return &c->vc[x];
    dj_vcell e;
    memset(&e, 0, sizeof e);
    e.group = group;
    if (!insert((void **)&c->vc, &c->vc_cap, c->vc_off[c->nd], c->vc_off[i + 1], &e, 1, sizeof e))
        return NULL;
    shift(c->vc_off, c->nd, i, 1);
    return &c->vc[c->vc_off[i + 1] - 1];
}

/* Place p (with a venue name and a venue kind) seen on day i. */
static int add_place(dj_cache *c, uint32_t i, uint32_t p)
{
    uint32_t *seg = c->pl + c->pl_off[i], n = c->pl_off[i + 1] - c->pl_off[i];
    if (c->pl_bitmap[i]) {
        seg[p >> 5] |= (uint32_t)1 << (p & 31);
        return 1;
    }
    for (uint32_t x = 0; x < n; x++)
        if (seg[x] == p)
            return 1;
    if (!insert((void **)&c->pl, &c->pl_cap, c->pl_off[c->nd], c->pl_off[i + 1], &p, 1, sizeof p))
        return 0;
    shift(c->pl_off, c->nd, i, 1);
    return 1;
}

/* The places added since the cache was built: their venue-kind groups (a new
 * venue kind is a new group). 0 when the place bitmaps would widen while a
 * day uses one, or out of memory. */
static int add_places(dj_cache *c, const dj_dataset *ds)
{
    size_t npl = ds->places.n;
    if (npl == c->npl)
        return 1;
    uint32_t words = (uint32_t)((npl + 31) / 32);
    if (words != c->pl_words)
        for (uint32_t i = 0; i < c->nd; i++)
            if (c->pl_bitmap[i])
                return 0;
    if (!room((void **)&c->place_group, &c->place_cap, c->npl, npl - c->npl, sizeof *c->place_group))
        return 0;
    for (size_t p = c->npl; p < npl; p++) {
        uint32_t vk = ds->places.a[p], g = UINT32_MAX;
        for (uint32_t k = 0; vk && k < c->ngroups && g == UINT32_MAX; k++)
            if (c->group_vk[k] == vk)
                g = k;
        if (vk && g == UINT32_MAX) {
            if (!room((void **)&c->group_vk, &c->group_cap, c->ngroups, 1, sizeof *c->group_vk))
                return 0;
            g = c->ngroups;
            c->group_vk[c->ngroups++] = vk;
        }
        c->place_group[p] = g;
    }
    c->npl = (uint32_t)npl;
    c->pl_words = words;
    return 1;
}

/* The service participations of row r (and its project pairs) at the end
 * of day i's runs. */
static int add_parts(dj_cache *c, const dj_dataset *ds, uint32_t i, size_t r)
{
    uint32_t j0 = ds->a_start[r], j1 = ds->a_start[r + 1], n = j1 - j0, proj = ds->a_proj[r];
    const uint32_t hmax = (uint32_t)(((uint64_t)1 << (32 - c->pbits)) - 1);
    uint32_t at = c->m_off[i + 1], total = c->m_off[c->nd];
    if (n == 0)
        return 1;
    if (!room((void **)&c->m, &c->m_cap, total, n, sizeof *c->m) ||
        (proj && !room((void **)&c->pm, &c->pm_cap, c->pm_off[c->nd], n, sizeof *c->pm)))
        return 0;
    memmove(c->m + at + n, c->m + at, (total - at) * sizeof *c->m);
    /* the escapes after the insertion point move with their participations */
    size_t e0 = 0;
    while (e0 < c->nesc && c->esc[e0].row < at)
        e0++;
    for (size_t e = e0; e < c->nesc; e++)
        c->esc[e].row += n;
    for (uint32_t j = j0; j < j1; j++) {
        uint32_t who = ds->m_person[j], ph = ds->m_hours[j], pos = at + (j - j0);
        if (who >> c->pbits)
            return 0; /* the person index no longer fits: rebuild */
        if (ph >= hmax) {
            dj_big b = {pos, dj_amount_at(ds->m_hours, &ds->big_mhours, j)};
            if (!insert((void **)&c->esc, &c->esc_cap, c->nesc, e0, &b, 1, sizeof b))
                return 0;
            c->nesc++;
            e0++;
            ph = hmax;
        }
        c->m[pos] = who | ph << c->pbits;
    }
    shift(c->m_off, c->nd, i, n);
    if (proj) {
        uint32_t pat = c->pm_off[i + 1], ptotal = c->pm_off[c->nd];
        memmove(c->pm + pat + n, c->pm + pat, (ptotal - pat) * sizeof *c->pm);
        for (uint32_t j = j0; j < j1; j++)
            c->pm[pat + (j - j0)] = (uint64_t)proj << 32 | ds->m_person[j];
        shift(c->pm_off, c->nd, i, n);
    }
    return 1;
}

/* One committed row into the cache. */
static int add_row(dj_cache *c, const dj_dataset *ds, size_t r)
{
    long li = day_index(c, ds->a_date[r]);
    if (li < 0)
        return 0;
    uint32_t i = (uint32_t)li, k = ds->a_kind[r];
    int64_t h = dj_amount_at(ds->a_hours, &ds->big_hours, r), b = ds->a_benef[r];
    int64_t fee = dj_amount_at(ds->a_fee, &ds->big_fee, r), don = dj_amount_at(ds->a_don, &ds->big_don, r);
    dj_kcell *K = kcell(&c->kc, &c->kc_cap, c->kc_off, c->nd, i, k);
    if (!K)
        return 0;
    K->acts++;
    K->hours += h;
    K->fee += fee;
    K->don += don;
    K->benef += b;
    if (ds->kinds.a[k] != DJ_CAT_SERVICE)
        return 1;
    uint32_t pl = ds->a_place[r], g = c->place_group[pl], proj = ds->a_proj[r];
    if (g != UINT32_MAX) {
        dj_vcell *V = vcell(c, i, g);
        if (!V)
            return 0;
        V->acts++;
        V->benef += b;
        V->hours += h;
        if (ds->places.b[pl] != 0 && !add_place(c, i, pl))
            return 0;
    }
    if (proj) {
        dj_pcell *P = kcell(&c->pc, &c->pc_cap, c->pc_off, c->nd, i, proj);
        if (!P)
            return 0;
        P->acts++;
        P->hours += h;
        P->fee += fee;
        P->don += don;
        P->benef += b;
    }
    return add_parts(c, ds, i, r);
}

/* The committed rows [r0, ds->na) of an activities commit into ds's cache;
 * people added (np) must still fit the packed participations. Drops the
 * cache (ds->cache = NULL) when it cannot follow. */
void dj_cache_follow(dj_dataset *ds, size_t r0)
{
    dj_cache *c = ds->cache;
    if (!c)
        return;
    size_t added = ds->na - r0;
    int ok = c->usable && ((size_t)1 << c->pbits) >= ds->np && added <= 64 + ds->na / 64;
    ok = ok && add_places(c, ds);
    for (size_t r = r0; ok && r < ds->na; r++)
        ok = add_row(c, ds, r);
    if (ok) {
        c->bytes = dj_cache_measure(c);
        return;
    }
    dj_cache_free(c);
    ds->cache = NULL;
}
