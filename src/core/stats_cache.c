/*
 * stats_cache.c - the per-day cache of the committed activities that stats()
 * reads (layout: stats_internal.h). Built by the first stats() that needs it;
 * a commit adds its rows in place (stats_cache_add.c) or drops it.
 */
#include "stats_internal.h"

#include "dj_alloc.h"

#include <stdlib.h>
#include <string.h>

int dj_stats_scan_only = 0;

/* Bytes held by the cache (0 for NULL). */
size_t dj_cache_bytes(const dj_cache *c)
{
    return c ? c->bytes : 0;
}

/* The bytes held, from the capacities (the cache after rows were added in
 * place: stats_cache_add.c). */
size_t dj_cache_measure(const dj_cache *c)
{
    return sizeof *c + c->day_cap * (4 + 4 + 1) + (c->day_cap + 1) * 6 * 4 + c->kc_cap * sizeof *c->kc +
           c->vc_cap * sizeof *c->vc + c->pc_cap * sizeof *c->pc + c->pl_cap * 4 + c->m_cap * 4 +
           c->pm_cap * sizeof *c->pm + c->esc_cap * sizeof *c->esc + (c->place_cap + c->group_cap) * 4;
}

/* 1 when the cache is read by stats, 0 when over budget (or NULL). */
int dj_cache_usable(const dj_cache *c)
{
    return c && c->usable;
}

static void dj_cache_clear(dj_cache *c)
{
    dj_free(c->day);
    dj_free(c->day_ym);
    dj_free(c->kc_off);
    dj_free(c->vc_off);
    dj_free(c->pl_off);
    dj_free(c->m_off);
    dj_free(c->kc);
    dj_free(c->vc);
    dj_free(c->pl);
    dj_free(c->pl_bitmap);
    dj_free(c->group_vk);
    dj_free(c->place_group);
    dj_free(c->m);
    dj_free(c->esc);
    dj_free(c->pc_off);
    dj_free(c->pm_off);
    dj_free(c->pc);
    dj_free(c->pm);
    memset(c, 0, sizeof *c);
    c->bytes = sizeof *c;
}

/* Frees the cache; NULL is fine. */
void dj_cache_free(dj_cache *c)
{
    if (!c)
        return;
    dj_cache_clear(c);
    dj_free(c);
}

/* Makes room for need elements of size sz in *p (capacity *cap, doubling).
 * 0 when out of memory (*p kept). */
int dj_room(void **p, size_t *cap, size_t need, size_t sz)
{
    if (need <= *cap)
        return 1;
    size_t c = *cap ? *cap : 64;
    while (c < need)
        c *= 2;
    if (c > SIZE_MAX / sz)
        return 0;
    void *q = dj_realloc(*p, c * sz);
    if (!q)
        return 0;
    *p = q;
    *cap = c;
    return 1;
}

/* Shrinks *p to n elements of size sz (failure to shrink is harmless). */
static void dj_fit(void **p, size_t n, size_t sz)
{
    void *q = dj_realloc(*p, (n ? n : 1) * sz);
    if (q)
        *p = q;
}

static int dj_big_row_cmp(const void *a, const void *b)
{
    uint32_t x = ((const dj_big *)a)->row, y = ((const dj_big *)b)->row;
    return x < y ? -1 : x > y;
}

/* The scratch of one fill: the dense day x kind / group / place tables
 * and the per-day counters, freed at the end. */
typedef struct {
    const dj_dataset *ds;
    dj_cache *c;
    size_t nk, npl, ng, plw, span;
    int32_t dmin;
    uint32_t *dayidx; /* day - dmin -> rows, then the day's index (UINT32_MAX: none) */
    uint32_t *cursor; /* day - dmin -> service participations, then the write cursor */
    uint32_t *pcur;   /* day - dmin -> project participations, then the write cursor */
    uint32_t *prow;   /* day - dmin -> project rows, then the write cursor into rows */
    uint32_t *rows;   /* the service rows with a project, day by day */
    uint32_t *vk_group, *dbits, *pstamp;
    uint8_t *kserv;
    dj_kcell *dk;
    dj_vcell *dv;
    size_t n_m, n_pm, n_prow, cap_esc;
} dj_fill;

static void dj_fill_free(dj_fill *f)
{
    dj_free(f->dayidx);
    dj_free(f->cursor);
    dj_free(f->pcur);
    dj_free(f->prow);
    dj_free(f->rows);
    dj_free(f->vk_group);
    dj_free(f->dbits);
    dj_free(f->pstamp);
    dj_free(f->kserv);
    dj_free(f->dk);
    dj_free(f->dv);
}

/* Places grouped by their venue_kind string; which kinds are service. */
static int dj_fill_groups(dj_fill *f)
{
    const dj_dataset *ds = f->ds;
    dj_cache *c = f->c;
    const size_t npl = f->npl, nk = f->nk;
    c->place_group = dj_malloc((npl ? npl : 1) * sizeof *c->place_group);
    c->group_vk = dj_malloc((npl ? npl : 1) * sizeof *c->group_vk);
    f->vk_group = dj_malloc((size_t)ds->str.n * sizeof *f->vk_group);
    f->kserv = dj_malloc(nk ? nk : 1);
    if (!c->place_group || !c->group_vk || !f->vk_group || !f->kserv)
        return 0;
    for (size_t s = 0; s < ds->str.n; s++)
        f->vk_group[s] = UINT32_MAX;
    for (size_t p = 0; p < npl; p++) {
        uint32_t vk = ds->places.a[p];
        if (vk == 0) {
            c->place_group[p] = UINT32_MAX;
            continue;
        }
        if (f->vk_group[vk] == UINT32_MAX) {
            f->vk_group[vk] = c->ngroups;
            c->group_vk[c->ngroups++] = vk;
        }
        c->place_group[p] = f->vk_group[vk];
    }
    for (size_t k = 0; k < nk; k++)
        f->kserv[k] = ds->kinds.a[k] == DJ_CAT_SERVICE;
    f->ng = c->ngroups;
    f->plw = c->pl_words;
    return 1;
}

/* Pass 1: rows, service participations, project rows and their
 * participations per day; the days numbered, the cursors set. */
static int dj_fill_days(dj_fill *f)
{
    const dj_dataset *ds = f->ds;
    dj_cache *c = f->c;
    const size_t na = ds->na;
    const int32_t *a_date = ds->a_date;
    const uint32_t *a_start = ds->a_start;
    int32_t dmin = 0, dmax = -1;
    for (size_t i = 0; i < na; i++) {
        dmin = i == 0 || a_date[i] < dmin ? a_date[i] : dmin;
        dmax = i == 0 || a_date[i] > dmax ? a_date[i] : dmax;
    }
    f->dmin = dmin;
    f->span = na ? (size_t)(dmax - dmin) + 1 : 0;
    f->dayidx = dj_calloc(f->span + 1, sizeof *f->dayidx);
    f->cursor = dj_calloc(f->span + 1, sizeof *f->cursor);
    f->pcur = dj_calloc(f->span + 1, sizeof *f->pcur);
    f->prow = dj_calloc(f->span + 1, sizeof *f->prow);
    if (!f->dayidx || !f->cursor || !f->pcur || !f->prow)
        return 0;
    for (size_t i = 0; i < na; i++) {
        size_t d = (size_t)(a_date[i] - dmin);
        uint32_t np = f->kserv[ds->a_kind[i]] ? a_start[i + 1] - a_start[i] : 0;
        f->dayidx[d]++;
        f->cursor[d] += np;
        if (f->kserv[ds->a_kind[i]] && ds->a_proj[i]) {
            f->prow[d]++;
            f->pcur[d] += np;
        }
    }
    uint32_t nd = 0;
    for (size_t d = 0; d < f->span; d++) {
        if (!f->dayidx[d]) {
            f->dayidx[d] = UINT32_MAX; /* no row that day */
            continue;
        }
        uint32_t k = f->cursor[d], kp = f->pcur[d], kr = f->prow[d];
        f->dayidx[d] = nd++;
        f->cursor[d] = (uint32_t)f->n_m;
        f->pcur[d] = (uint32_t)f->n_pm;
        f->prow[d] = (uint32_t)f->n_prow;
        f->n_m += k;
        f->n_pm += kp;
        f->n_prow += kr;
    }
    c->nd = nd;
    return 1;
}

/* The cache's per-day arrays and the dense tables; 2 when too spread out
 * (no cache), 0 when out of memory. */
static int dj_fill_alloc(dj_fill *f)
{
    dj_cache *c = f->c;
    const size_t nd = c->nd, nk = f->nk, ng = f->ng, plw = f->plw;
    size_t dense = nd * (nk * sizeof *f->dk + ng * sizeof *f->dv + plw * 4);
    if (dense > ((size_t)32 << 20) + 4 * f->ds->na)
        return 2;
    c->day = dj_malloc((nd ? nd : 1) * sizeof *c->day);
    c->day_ym = dj_malloc((nd ? nd : 1) * sizeof *c->day_ym);
    c->kc_off = dj_malloc((nd + 1) * sizeof *c->kc_off);
    c->vc_off = dj_malloc((nd + 1) * sizeof *c->vc_off);
    c->pl_off = dj_malloc((nd + 1) * sizeof *c->pl_off);
    c->m_off = dj_malloc((nd + 1) * sizeof *c->m_off);
    c->pc_off = dj_malloc((nd + 1) * sizeof *c->pc_off);
    c->pm_off = dj_malloc((nd + 1) * sizeof *c->pm_off);
    c->pl_bitmap = dj_malloc(nd ? nd : 1);
    c->m = dj_malloc((f->n_m ? f->n_m : 1) * sizeof *c->m);
    c->pm = dj_malloc((f->n_pm ? f->n_pm : 1) * sizeof *c->pm);
    f->rows = dj_malloc((f->n_prow ? f->n_prow : 1) * sizeof *f->rows);
    f->dk = dj_calloc(nd && nk ? nd * nk : 1, sizeof *f->dk);
    f->dv = dj_calloc(nd && ng ? nd * ng : 1, sizeof *f->dv);
    f->dbits = dj_calloc(nd && plw ? nd * plw : 1, sizeof *f->dbits);
    if (!c->day || !c->day_ym || !c->kc_off || !c->vc_off || !c->pl_off || !c->m_off || !c->pc_off ||
        !c->pm_off || !c->pl_bitmap || !c->m || !c->pm || !f->rows || !f->dk || !f->dv || !f->dbits)
        return 0;
    for (size_t d = 0; d < f->span; d++) {
        uint32_t i = f->dayidx[d];
        if (i == UINT32_MAX)
            continue;
        int y, m, dd;
        c->day[i] = f->dmin + (int32_t)d;
        dj_date_ymd(c->day[i], &y, &m, &dd);
        c->day_ym[i] = y * 12 + m - 1;
        c->m_off[i] = f->cursor[d];
        c->pm_off[i] = f->pcur[d];
    }
    c->m_off[nd] = (uint32_t)f->n_m;
    c->pm_off[nd] = (uint32_t)f->n_pm;
    return 1;
}

/* Pass 2: every row summed into its day; its service participations
 * written at its day's cursor (and, with a project, beside them). */
static int dj_fill_sum(dj_fill *f)
{
    const dj_dataset *ds = f->ds;
    dj_cache *c = f->c;
    const size_t nk = f->nk, ng = f->ng, plw = f->plw;
    const uint32_t hmax = (uint32_t)(((uint64_t)1 << (32 - c->pbits)) - 1);
    for (size_t r = 0; r < ds->na; r++) {
        size_t d = (size_t)(ds->a_date[r] - f->dmin), di = f->dayidx[d];
        uint32_t k = ds->a_kind[r];
        int64_t h = dj_amount_at(ds->a_hours, &ds->big_hours, r);
        int64_t b = ds->a_benef[r];
        dj_kcell *K = &f->dk[di * nk + k];
        K->acts++;
        K->hours += h;
        K->fee += dj_amount_at(ds->a_fee, &ds->big_fee, r);
        K->don += dj_amount_at(ds->a_don, &ds->big_don, r);
        K->benef += b;
        if (!f->kserv[k])
            continue;
        uint32_t pl = ds->a_place[r], g = c->place_group[pl], proj = ds->a_proj[r];
        if (g != UINT32_MAX) {
            dj_vcell *V = &f->dv[di * ng + g];
            V->acts++;
            V->benef += b;
            V->hours += h;
            if (ds->places.b[pl] != 0)
                f->dbits[di * plw + (pl >> 5)] |= (uint32_t)1 << (pl & 31);
        }
        if (proj)
            f->rows[f->prow[d]++] = (uint32_t)r;
        uint32_t pos = f->cursor[d];
        for (uint32_t j = ds->a_start[r], e = ds->a_start[r + 1]; j < e; j++, pos++) {
            uint32_t ph = ds->m_hours[j], who = ds->m_person[j];
            if (proj)
                c->pm[f->pcur[d]++] = (uint64_t)proj << 32 | who;
            if (ph < hmax) { /* DJ_AMOUNT_ESC never is */
                c->m[pos] = who | ph << c->pbits;
                continue;
            }
            if (!dj_room((void **)&c->esc, &f->cap_esc, c->nesc + 1, sizeof *c->esc))
                return 0;
            c->esc[c->nesc].row = pos;
            c->esc[c->nesc++].value = dj_amount_at(ds->m_hours, &ds->big_mhours, j);
            c->m[pos] = who | hmax << c->pbits;
        }
        f->cursor[d] = pos;
    }
    if (c->nesc > 1)
        qsort(c->esc, c->nesc, sizeof *c->esc, dj_big_row_cmp);
    return 1;
}

/* The project cells: per day, the day's project rows (in f->rows, day by
 * day) summed per project, in order of first appearance that day. */
static int dj_fill_projects(dj_fill *f)
{
    const dj_dataset *ds = f->ds;
    dj_cache *c = f->c;
    f->pstamp = dj_calloc(ds->str.n ? ds->str.n : 1, sizeof *f->pstamp); /* string -> cell + 1 */
    c->pc = dj_malloc((f->n_prow ? f->n_prow : 1) * sizeof *c->pc);
    if (!f->pstamp || !c->pc)
        return 0;
    size_t n = 0, x = 0;
    for (uint32_t i = 0; i < c->nd; i++) {
        size_t first = n;
        c->pc_off[i] = (uint32_t)n;
        while (x < f->n_prow && ds->a_date[f->rows[x]] == c->day[i]) {
            uint32_t r = f->rows[x++], proj = ds->a_proj[r];
            uint32_t s = f->pstamp[proj];
            if (s <= first || s > n) {
                memset(&c->pc[n], 0, sizeof c->pc[n]);
                c->pc[n].kind = proj;
                f->pstamp[proj] = (uint32_t)(++n);
                s = (uint32_t)n;
            }
            dj_pcell *P = &c->pc[s - 1];
            P->acts++;
            P->hours += dj_amount_at(ds->a_hours, &ds->big_hours, r);
            P->fee += dj_amount_at(ds->a_fee, &ds->big_fee, r);
            P->don += dj_amount_at(ds->a_don, &ds->big_don, r);
            P->benef += ds->a_benef[r];
        }
    }
    c->pc_off[c->nd] = (uint32_t)n;
    dj_fit((void **)&c->pc, n, sizeof *c->pc);
    return 1;
}

/* Packs the dense tables: the cells present, and per day a list of places
 * or the bitmap when that is no longer. */
static int dj_fill_pack(dj_fill *f)
{
    dj_cache *c = f->c;
    const size_t nd = c->nd, nk = f->nk, ng = f->ng, plw = f->plw;
    size_t n_kc = 0, n_vc = 0, n_pl = 0;
    for (size_t i = 0; i < nd; i++) {
        for (size_t k = 0; k < nk; k++)
            n_kc += f->dk[i * nk + k].acts != 0;
        for (size_t g = 0; g < ng; g++)
            n_vc += f->dv[i * ng + g].acts != 0;
        size_t bitsn = 0;
        for (size_t w = 0; w < plw; w++)
            bitsn += dj_popcount32(f->dbits[i * plw + w]);
        c->pl_bitmap[i] = bitsn >= plw;
        n_pl += bitsn >= plw ? plw : bitsn;
    }
    c->kc = dj_malloc((n_kc ? n_kc : 1) * sizeof *c->kc);
    c->vc = dj_malloc((n_vc ? n_vc : 1) * sizeof *c->vc);
    c->pl = dj_malloc((n_pl ? n_pl : 1) * sizeof *c->pl);
    if (!c->kc || !c->vc || !c->pl)
        return 0;
    n_kc = n_vc = n_pl = 0;
    for (size_t i = 0; i < nd; i++) {
        c->kc_off[i] = (uint32_t)n_kc;
        c->vc_off[i] = (uint32_t)n_vc;
        c->pl_off[i] = (uint32_t)n_pl;
        for (size_t k = 0; k < nk; k++)
            if (f->dk[i * nk + k].acts) {
                c->kc[n_kc] = f->dk[i * nk + k];
                c->kc[n_kc++].kind = (uint32_t)k;
            }
        for (size_t g = 0; g < ng; g++)
            if (f->dv[i * ng + g].acts) {
                c->vc[n_vc] = f->dv[i * ng + g];
                c->vc[n_vc++].group = (uint32_t)g;
            }
        const uint32_t *bw = f->dbits + i * plw;
        if (c->pl_bitmap[i]) {
            memcpy(c->pl + n_pl, bw, plw * sizeof *bw);
            n_pl += plw;
        } else {
            for (size_t w = 0; w < plw; w++)
                for (uint32_t x = bw[w]; x; x &= x - 1)
                    c->pl[n_pl++] = (uint32_t)(w * 32) + dj_ctz32(x);
        }
    }
    c->kc_off[nd] = (uint32_t)n_kc;
    c->vc_off[nd] = (uint32_t)n_vc;
    c->pl_off[nd] = (uint32_t)n_pl;
    if (!c->esc && !dj_room((void **)&c->esc, &f->cap_esc, 1, sizeof *c->esc))
        return 0;
    dj_fit((void **)&c->esc, c->nesc, sizeof *c->esc);
    dj_fit((void **)&c->group_vk, c->ngroups, sizeof *c->group_vk);

    /* the budget: what grows with the activities, and with the
     * participations; the projects' cells and pairs are beside it */
    size_t act_bytes = nd * (4 * 8 + 1 + 4 * 4) + n_kc * sizeof *c->kc + n_vc * sizeof *c->vc + n_pl * 4 +
                       ((size_t)c->ngroups + f->npl) * 4;
    size_t part_bytes = f->n_m * 4 + c->nesc * sizeof *c->esc;
    size_t proj_bytes = (size_t)c->pc_off[nd] * sizeof *c->pc + f->n_pm * sizeof *c->pm;
    c->bytes = sizeof *c + act_bytes + part_bytes + proj_bytes;
    c->day_cap = nd;
    c->kc_cap = n_kc;
    c->vc_cap = n_vc;
    c->pc_cap = c->pc_off[nd];
    c->pl_cap = n_pl;
    c->m_cap = f->n_m;
    c->pm_cap = f->n_pm;
    c->esc_cap = c->nesc;
    c->place_cap = f->npl;
    c->group_cap = c->ngroups;
    if (act_bytes <= 3 * f->ds->na + 256 * 1024 && part_bytes <= 4 * f->ds->nm + 64 * 1024)
        c->usable = 1;
    return 1;
}

/* Fills c (empty, zeroed) from the committed rows of ds in two passes in
 * row order (no random access to the rows): the first counts rows and
 * service participations per day, the second sums each row into dense
 * day x kind, day x group and day x place scratch tables and writes its
 * participations at its day's cursor; the tables are then packed into the
 * per-day cells. When the dense tables would be too large (dates spread
 * over many years with many kinds or places), or the packed cache passes its
 * budget, c stays empty with usable = 0. Returns 0 when out of memory (c
 * then holds partial arrays: the caller frees it). */
static int dj_cache_fill(dj_cache *c, const dj_dataset *ds)
{
    dj_fill f;
    memset(&f, 0, sizeof f);
    f.ds = ds;
    f.c = c;
    f.nk = ds->kinds.n;
    f.npl = ds->places.n;
    c->npl = (uint32_t)f.npl;
    c->pl_words = (uint32_t)((f.npl + 31) / 32);
    c->pbits = 1;
    while (c->pbits < 31 && ((size_t)1 << c->pbits) < ds->np)
        c->pbits++;
    int ok = dj_fill_groups(&f) && dj_fill_days(&f);
    if (ok) {
        int r = dj_fill_alloc(&f);
        ok = r != 0;
        if (r == 1)
            ok = dj_fill_sum(&f) && dj_fill_projects(&f) && dj_fill_pack(&f);
    }
    if (ok && !c->usable)
        dj_cache_clear(c); /* too spread out or over budget: stats scans */
    dj_fill_free(&f);
    return ok;
}

/* The usable cache of ds, built on first use; NULL when stats must scan
 * (over budget, out of memory, or dj_stats_scan_only). */
const dj_cache *dj_cache_get(const dj_dataset *ds)
{
    if (dj_stats_scan_only)
        return NULL;
    if (!ds->cache) {
        dj_cache *c = dj_calloc(1, sizeof *c);
        if (!c)
            return NULL;
        if (!dj_cache_fill(c, ds)) {
            dj_cache_free(c); /* out of memory: scan now, try again next time */
            return NULL;
        }
        ((dj_dataset *)ds)->cache = c;
    }
    return ds->cache->usable ? ds->cache : NULL;
}

/* LSD radix sort of 64-bit keys (stats_internal.h). */
void dj_sort_u64(uint64_t *a, size_t n, uint64_t *tmp)
{
    if (n < 2)
        return;
    uint64_t all_or = 0, all_and = ~(uint64_t)0, *src = a, *dst = tmp;
    for (size_t i = 0; i < n; i++) {
        all_or |= a[i];
        all_and &= a[i];
    }
    for (int shift = 0; shift < 64; shift += 8) {
        if ((((all_or ^ all_and) >> shift) & 0xFF) == 0)
            continue;
        size_t count[257] = {0};
        for (size_t i = 0; i < n; i++)
            count[((src[i] >> shift) & 0xFF) + 1]++;
        for (int k = 0; k < 256; k++)
            count[k + 1] += count[k];
        for (size_t i = 0; i < n; i++)
            dst[count[(src[i] >> shift) & 0xFF]++] = src[i];
        uint64_t *t = src;
        src = dst;
        dst = t;
    }
    if (src != a)
        memcpy(a, src, n * sizeof *a);
}
