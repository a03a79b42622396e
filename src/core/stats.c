/*
 * stats.c - the figures of STATS.md "Result" and their statsJson() text.
 *
 * The activity figures come from a cache kept in the dataset (struct
 * dj_cache below): the committed rows summed per day that holds any, and the
 * service participations packed in day order. It is built by the first
 * stats() after a change (two passes over the rows in row order) and dropped
 * by every commit; a period then reads only its own days: the day cells for
 * the sums per kind, month and venue kind, the union of the days' venue sets
 * for the distinct venues, and one contiguous run of participations into
 * per-person accumulators. When the cache would pass its memory budget, or
 * cannot be allocated, stats scans every row as before (one pass over the
 * activity columns, with the date filter). The people are one pass in blocks
 * of 16, column by column. All sums are exact int64 hundredths; ratios are
 * rounded from the integer quotient. Scratch arrays are allocated per call.
 */
#include "dataset_internal.h"

#include "dj_alloc.h"

#include <stdlib.h>
#include <string.h>

/* ------------------------------------------------------------- numbers */

/* num / den rounded half away from zero to 4 decimals, in ten-thousandths;
 * num >= 0, den > 0. */
static int64_t dj_ratio(int64_t num, int64_t den)
{
    return (num * 20000 + den) / (2 * den);
}

static size_t dj_format_fixed(int64_t v, int64_t scale, int digits, char *buf)
{
    char tmp[32];
    size_t n = 0;
    uint64_t u = v < 0 ? (uint64_t)0 - (uint64_t)v : (uint64_t)v;
    uint64_t ip = u / (uint64_t)scale, fp = u % (uint64_t)scale;
    if (v < 0)
        buf[n++] = '-';
    size_t k = 0;
    do {
        tmp[k++] = (char)('0' + ip % 10);
        ip /= 10;
    } while (ip);
    while (k)
        buf[n++] = tmp[--k];
    buf[n++] = '.';
    char frac[8];
    for (int i = digits - 1; i >= 0; i--) {
        frac[i] = (char)('0' + fp % 10);
        fp /= 10;
    }
    int keep = digits;
    while (keep > 1 && frac[keep - 1] == '0')
        keep--;
    memcpy(buf + n, frac, (size_t)keep);
    n += (size_t)keep;
    buf[n] = '\0';
    return n;
}

/* Writes hundredths as statsJson prints an amount ("12.0", "0.25",
 * "1234.5") with a NUL; returns the length. buf must hold 32 bytes. */
size_t dj_format_amount(int64_t hundredths, char *buf)
{
    return dj_format_fixed(hundredths, 100, 2, buf);
}

/* Writes ten-thousandths as statsJson prints a ratio ("0.0188", "1.0");
 * returns the length. buf must hold 32 bytes. */
size_t dj_format_ratio(int64_t ten_thousandths, char *buf)
{
    return dj_format_fixed(ten_thousandths, 10000, 4, buf);
}

/* ------------------------------------------------------------- sorting */

typedef struct {
    const char *s;
    size_t len;
    uint32_t id;
} dj_named;

static int dj_named_cmp(const void *a, const void *b)
{
    const dj_named *x = a, *y = b;
    size_t n = x->len < y->len ? x->len : y->len;
    int c = memcmp(x->s, y->s, n);
    if (c)
        return c;
    return x->len < y->len ? -1 : x->len > y->len;
}

static int dj_rule_cmp(const void *a, const void *b)
{
    return strcmp(((const dj_rule *)a)->kind, ((const dj_rule *)b)->kind);
}

/* Sorts v by due_on, then id: an LSD radix sort of the 64-bit keys
 * (due_on - min) << 32 | id, byte by byte, skipping bytes that are equal in
 * every key. tmp has room for n keys (two halves: keys and swap). */
static void dj_due_sort(dj_due_stat *v, size_t n, uint64_t *tmp)
{
    if (n < 2)
        return;
    int32_t lo = v[0].due_on;
    for (size_t i = 1; i < n; i++)
        if (v[i].due_on < lo)
            lo = v[i].due_on;
    uint64_t *a = tmp, *b = tmp + n, all_or = 0, all_and = ~(uint64_t)0;
    for (size_t i = 0; i < n; i++) {
        a[i] = (uint64_t)(uint32_t)(v[i].due_on - lo) << 32 | (uint32_t)v[i].id;
        all_or |= a[i];
        all_and &= a[i];
    }
    for (int shift = 0; shift < 64; shift += 8) {
        if ((((all_or ^ all_and) >> shift) & 0xFF) == 0)
            continue;
        size_t count[257] = {0};
        for (size_t i = 0; i < n; i++)
            count[((a[i] >> shift) & 0xFF) + 1]++;
        for (int k = 0; k < 256; k++)
            count[k + 1] += count[k];
        for (size_t i = 0; i < n; i++)
            b[count[(a[i] >> shift) & 0xFF]++] = a[i];
        uint64_t *t = a;
        a = b;
        b = t;
    }
    for (size_t i = 0; i < n; i++) {
        v[i].due_on = lo + (int32_t)(a[i] >> 32);
        v[i].id = (int32_t)(a[i] & 0xFFFFFFFFu);
    }
}

/* The latest day a with dj_date_add_year(a) <= x: the same month and day a
 * year earlier, 29 February going to 28 February (add_year is monotone). */
static int32_t dj_year_before(int32_t x)
{
    int y, m, d;
    dj_date_ymd(x, &y, &m, &d);
    if (m == 2 && d == 29)
        d = 28;
    return dj_date_from_ymd(y - 1, m, d);
}

/* 1 when a ranks before b in top_volunteers: hours desc, activities desc, id asc. */
static int dj_top_before(const dj_top_stat *a, const dj_top_stat *b)
{
    if (a->hours != b->hours)
        return a->hours > b->hours;
    if (a->activities != b->activities)
        return a->activities > b->activities;
    return a->id < b->id;
}

static int dj_top_cmp(const void *a, const void *b)
{
    return dj_top_before(a, b) ? -1 : dj_top_before(b, a) ? 1 : 0;
}

/* heap[0] is the entry ranking last. */
static void dj_heap_down(dj_top_stat *h, size_t n, size_t i)
{
    for (;;) {
        size_t l = 2 * i + 1, r = l + 1, w = i;
        if (l < n && dj_top_before(&h[w], &h[l]))
            w = l;
        if (r < n && dj_top_before(&h[w], &h[r]))
            w = r;
        if (w == i)
            return;
        dj_top_stat t = h[i];
        h[i] = h[w];
        h[w] = t;
        i = w;
    }
}

static void dj_heap_up(dj_top_stat *h, size_t i)
{
    while (i > 0) {
        size_t p = (i - 1) / 2;
        if (!dj_top_before(&h[p], &h[i]))
            return;
        dj_top_stat t = h[i];
        h[i] = h[p];
        h[p] = t;
        i = p;
    }
}

/* ------------------------------------------------------------- the pass */

typedef struct {
    int64_t acts, hours, fee, don, benef;
} dj_kacc;

typedef struct {
    int64_t acts, benef, hours;
} dj_pacc;

static const dj_rule dj_default_rules[] = {
    {"branch_assembly", DJ_UNIT_QUARTER}, {"committee", DJ_UNIT_MONTH},      {"group_meeting", DJ_UNIT_MONTH},
    {"life_meeting", DJ_UNIT_YEAR},       {"party_lesson", DJ_UNIT_QUARTER}, {"theme_day", DJ_UNIT_MONTH},
};

/* Frees everything dj_dataset_stats put in *s and empties it. */
void dj_stats_free(dj_stats *s)
{
    if (!s)
        return;
    dj_free(s->pipeline.due_for_conversion);
    dj_free(s->pipeline.overdue_conversion);
    dj_free(s->service.by_kind);
    dj_free(s->service.by_venue_kind);
    dj_free(s->service.by_month);
    dj_free(s->service.top);
    dj_free(s->meetings.by_kind);
    for (size_t i = 0; i < s->meetings.n_missing; i++)
        dj_free(s->meetings.missing[i].periods);
    dj_free(s->meetings.missing);
    memset(s, 0, sizeof *s);
}

static void dj_copy_kind(char dst[33], const char *s, size_t len)
{
    if (len > 32)
        len = 32;
    memcpy(dst, s, len);
    dst[len] = '\0';
}

/* ------------------------------------------------------------- the cache */

/* The committed activities summed per day, so that a period reads only its
 * own days instead of every row:
 *   day[i]       the days that hold an activity, ascending (nd of them)
 *   kc           per day, one cell per kind present: count and sums
 *   vc           per day, one cell per venue-kind group with service rows
 *                (places grouped by their venue_kind string, "" excluded)
 *   pl           per day, the service places with a venue name (not "") and
 *                a venue kind: a list of place ids, or a bitmap of pl_words
 *                words when that is no longer (pl_bitmap[i])
 *   m            the service participations, day by day (rows of one day in
 *                row order): person | hours << pbits; hours that do not fit
 *                are the all-ones value and live in esc (position, hours)
 * Offsets per day: kc_off, vc_off, pl_off, m_off (nd + 1 entries each).
 * When the cache would pass its budget (about 3 bytes per activity and 4
 * per participation) it is kept empty with usable = 0 and stats scans. */
typedef struct {
    uint32_t kind, acts;
    int64_t hours, fee, don, benef;
} dj_kcell;

typedef struct {
    uint32_t group, acts;
    int64_t benef, hours;
} dj_vcell;

struct dj_cache {
    int usable;
    size_t bytes;
    uint32_t nd;
    int32_t *day, *day_ym; /* day_ym: year * 12 + month - 1 */
    uint32_t *kc_off, *vc_off, *pl_off, *m_off;
    dj_kcell *kc;
    dj_vcell *vc;
    uint32_t *pl;
    uint8_t *pl_bitmap;
    uint32_t npl, pl_words, ngroups;
    uint32_t *group_vk;    /* [ngroups]: the venue_kind string */
    uint32_t *place_group; /* [npl]: the group, or UINT32_MAX (venue_kind "") */
    uint32_t *m;
    uint32_t pbits;
    dj_big *esc;
    size_t nesc;
};

int dj_stats_scan_only = 0;

/* Bytes held by the cache (0 for NULL). */
size_t dj_cache_bytes(const dj_cache *c)
{
    return c ? c->bytes : 0;
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
static int dj_room(void **p, size_t *cap, size_t need, size_t sz)
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

/* Bit helpers (the compiler's builtins where there are some). */
static unsigned dj_ctz32(uint32_t x) /* x != 0 */
{
#if defined(__GNUC__)
    return (unsigned)__builtin_ctz(x);
#else
    unsigned n = 0;
    while (!(x & 1)) {
        x >>= 1;
        n++;
    }
    return n;
#endif
}

static unsigned dj_popcount32(uint32_t x)
{
#if defined(__GNUC__)
    return (unsigned)__builtin_popcount(x);
#else
    unsigned n = 0;
    for (; x; x &= x - 1)
        n++;
    return n;
#endif
}

static int dj_big_row_cmp(const void *a, const void *b)
{
    uint32_t x = ((const dj_big *)a)->row, y = ((const dj_big *)b)->row;
    return x < y ? -1 : x > y;
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
    const size_t na = ds->na, nk = ds->kinds.n, npl = ds->places.n, np = ds->np;
    const int32_t *a_date = ds->a_date, *a_benef = ds->a_benef;
    const uint32_t *a_kind = ds->a_kind, *a_place = ds->a_place, *a_start = ds->a_start;
    int ok = 0;
    uint32_t *dayidx = NULL, *cursor = NULL, *vk_group = NULL, *dbits = NULL;
    uint8_t *kserv = NULL;
    dj_kcell *dk = NULL;
    dj_vcell *dv = NULL;
    size_t cap_esc = 0;

    c->npl = (uint32_t)npl;
    c->pl_words = (uint32_t)((npl + 31) / 32);
    c->pbits = 1;
    while (c->pbits < 31 && ((size_t)1 << c->pbits) < np)
        c->pbits++;

    /* places -> venue-kind groups */
    c->place_group = dj_malloc((npl ? npl : 1) * sizeof *c->place_group);
    c->group_vk = dj_malloc((npl ? npl : 1) * sizeof *c->group_vk);
    vk_group = dj_malloc((size_t)ds->str.n * sizeof *vk_group);
    kserv = dj_malloc(nk ? nk : 1);
    if (!c->place_group || !c->group_vk || !vk_group || !kserv)
        goto out;
    for (size_t s = 0; s < ds->str.n; s++)
        vk_group[s] = UINT32_MAX;
    for (size_t p = 0; p < npl; p++) {
        uint32_t vk = ds->places.a[p];
        if (vk == 0) {
            c->place_group[p] = UINT32_MAX;
            continue;
        }
        if (vk_group[vk] == UINT32_MAX) {
            vk_group[vk] = c->ngroups;
            c->group_vk[c->ngroups++] = vk;
        }
        c->place_group[p] = vk_group[vk];
    }
    for (size_t k = 0; k < nk; k++)
        kserv[k] = ds->kinds.a[k] == DJ_CAT_SERVICE;
    const size_t ng = c->ngroups, plw = c->pl_words;

    /* pass 1: rows and service participations per day */
    int32_t dmin = 0, dmax = -1;
    for (size_t i = 0; i < na; i++) {
        dmin = i == 0 || a_date[i] < dmin ? a_date[i] : dmin;
        dmax = i == 0 || a_date[i] > dmax ? a_date[i] : dmax;
    }
    const size_t span = na ? (size_t)(dmax - dmin) + 1 : 0;
    dayidx = dj_calloc(span + 1, sizeof *dayidx); /* day - dmin -> rows, then its index */
    cursor = dj_calloc(span + 1, sizeof *cursor); /* day - dmin -> participations, then cursor */
    if (!dayidx || !cursor)
        goto out;
    for (size_t i = 0; i < na; i++) {
        size_t d = (size_t)(a_date[i] - dmin);
        dayidx[d]++;
        cursor[d] += kserv[a_kind[i]] ? a_start[i + 1] - a_start[i] : 0;
    }
    uint32_t nd = 0;
    size_t n_m = 0;
    for (size_t d = 0; d < span; d++) {
        if (!dayidx[d]) {
            dayidx[d] = UINT32_MAX; /* no row that day */
            continue;
        }
        uint32_t k = cursor[d];
        dayidx[d] = nd++;
        cursor[d] = (uint32_t)n_m;
        n_m += k;
    }
    c->nd = nd;

    /* the dense scratch tables must stay moderate */
    size_t dense = (size_t)nd * (nk * sizeof *dk + ng * sizeof *dv + plw * 4);
    if (dense > ((size_t)32 << 20) + 4 * na) {
        ok = 1; /* too spread out: no cache, stats scans */
        goto out;
    }
    c->day = dj_malloc((nd ? nd : 1) * sizeof *c->day);
    c->day_ym = dj_malloc((nd ? nd : 1) * sizeof *c->day_ym);
    c->kc_off = dj_malloc(((size_t)nd + 1) * sizeof *c->kc_off);
    c->vc_off = dj_malloc(((size_t)nd + 1) * sizeof *c->vc_off);
    c->pl_off = dj_malloc(((size_t)nd + 1) * sizeof *c->pl_off);
    c->m_off = dj_malloc(((size_t)nd + 1) * sizeof *c->m_off);
    c->pl_bitmap = dj_malloc(nd ? nd : 1);
    c->m = dj_malloc((n_m ? n_m : 1) * sizeof *c->m);
    dk = dj_calloc(nd && nk ? (size_t)nd * nk : 1, sizeof *dk);
    dv = dj_calloc(nd && ng ? (size_t)nd * ng : 1, sizeof *dv);
    dbits = dj_calloc(nd && plw ? (size_t)nd * plw : 1, sizeof *dbits);
    if (!c->day || !c->day_ym || !c->kc_off || !c->vc_off || !c->pl_off || !c->m_off || !c->pl_bitmap ||
        !c->m || !dk || !dv || !dbits)
        goto out;
    for (size_t d = 0; d < span; d++) {
        uint32_t i = dayidx[d];
        if (i == UINT32_MAX)
            continue;
        int y, m, dd;
        c->day[i] = dmin + (int32_t)d;
        dj_date_ymd(c->day[i], &y, &m, &dd);
        c->day_ym[i] = y * 12 + m - 1;
        c->m_off[i] = cursor[d];
    }
    c->m_off[nd] = (uint32_t)n_m;

    /* pass 2: every row summed into its day */
    const uint32_t hmax = (uint32_t)(((uint64_t)1 << (32 - c->pbits)) - 1);
    for (size_t r = 0; r < na; r++) {
        size_t d = (size_t)(a_date[r] - dmin), di = dayidx[d];
        uint32_t k = a_kind[r];
        int64_t h = dj_amount_at(ds->a_hours, &ds->big_hours, r);
        int64_t b = a_benef[r];
        dj_kcell *K = &dk[di * nk + k];
        K->acts++;
        K->hours += h;
        K->fee += dj_amount_at(ds->a_fee, &ds->big_fee, r);
        K->don += dj_amount_at(ds->a_don, &ds->big_don, r);
        K->benef += b;
        if (!kserv[k])
            continue;
        uint32_t pl = a_place[r], g = c->place_group[pl];
        if (g != UINT32_MAX) {
            dj_vcell *V = &dv[di * ng + g];
            V->acts++;
            V->benef += b;
            V->hours += h;
            if (ds->places.b[pl] != 0)
                dbits[di * plw + (pl >> 5)] |= (uint32_t)1 << (pl & 31);
        }
        uint32_t pos = cursor[d];
        for (uint32_t j = a_start[r], e = a_start[r + 1]; j < e; j++, pos++) {
            uint32_t ph = ds->m_hours[j], who = ds->m_person[j];
            if (ph < hmax) { /* DJ_AMOUNT_ESC never is */
                c->m[pos] = who | ph << c->pbits;
                continue;
            }
            if (!dj_room((void **)&c->esc, &cap_esc, c->nesc + 1, sizeof *c->esc))
                goto out;
            c->esc[c->nesc].row = pos;
            c->esc[c->nesc++].value = dj_amount_at(ds->m_hours, &ds->big_mhours, j);
            c->m[pos] = who | hmax << c->pbits;
        }
        cursor[d] = pos;
    }
    if (c->nesc > 1)
        qsort(c->esc, c->nesc, sizeof *c->esc, dj_big_row_cmp);

    /* pack the dense tables: the cells present, and per day a list of places
     * or the bitmap when that is no longer */
    size_t n_kc = 0, n_vc = 0, n_pl = 0;
    for (size_t i = 0; i < nd; i++) {
        for (size_t k = 0; k < nk; k++)
            n_kc += dk[i * nk + k].acts != 0;
        for (size_t g = 0; g < ng; g++)
            n_vc += dv[i * ng + g].acts != 0;
        size_t bitsn = 0;
        for (size_t w = 0; w < plw; w++)
            bitsn += dj_popcount32(dbits[i * plw + w]);
        c->pl_bitmap[i] = bitsn >= plw;
        n_pl += bitsn >= plw ? plw : bitsn;
    }
    c->kc = dj_malloc((n_kc ? n_kc : 1) * sizeof *c->kc);
    c->vc = dj_malloc((n_vc ? n_vc : 1) * sizeof *c->vc);
    c->pl = dj_malloc((n_pl ? n_pl : 1) * sizeof *c->pl);
    if (!c->kc || !c->vc || !c->pl)
        goto out;
    n_kc = n_vc = n_pl = 0;
    for (size_t i = 0; i < nd; i++) {
        c->kc_off[i] = (uint32_t)n_kc;
        c->vc_off[i] = (uint32_t)n_vc;
        c->pl_off[i] = (uint32_t)n_pl;
        for (size_t k = 0; k < nk; k++)
            if (dk[i * nk + k].acts) {
                c->kc[n_kc] = dk[i * nk + k];
                c->kc[n_kc++].kind = (uint32_t)k;
            }
        for (size_t g = 0; g < ng; g++)
            if (dv[i * ng + g].acts) {
                c->vc[n_vc] = dv[i * ng + g];
                c->vc[n_vc++].group = (uint32_t)g;
            }
        const uint32_t *bw = dbits + i * plw;
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
    if (!c->esc && !dj_room((void **)&c->esc, &cap_esc, 1, sizeof *c->esc))
        goto out;
    dj_fit((void **)&c->esc, c->nesc, sizeof *c->esc);
    dj_fit((void **)&c->group_vk, c->ngroups, sizeof *c->group_vk);

    /* the budget: what grows with the activities, and with the participations */
    size_t act_bytes = (size_t)nd * (4 * 6 + 1 + 4 * 4) + n_kc * sizeof *c->kc + n_vc * sizeof *c->vc +
                       n_pl * 4 + ((size_t)c->ngroups + npl) * 4;
    size_t part_bytes = n_m * 4 + c->nesc * sizeof *c->esc;
    c->bytes = sizeof *c + act_bytes + part_bytes;
    ok = 1;
    if (act_bytes <= 3 * na + 256 * 1024 && part_bytes <= 4 * ds->nm + 64 * 1024)
        c->usable = 1;

out:
    if (ok && !c->usable)
        dj_cache_clear(c); /* too spread out or over budget: stats scans */
    dj_free(dayidx);
    dj_free(cursor);
    dj_free(vk_group);
    dj_free(dbits);
    dj_free(kserv);
    dj_free(dk);
    dj_free(dv);
    return ok;
}

/* The usable cache of ds, built on first use; NULL when stats must scan
 * (over budget, out of memory, or dj_stats_scan_only). */
static const dj_cache *dj_cache_get(const dj_dataset *ds)
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

/* The latest date of the dataset (people, activities, headcount), or DJ_NO_DATE. */
static int32_t dj_latest_date(const dj_dataset *ds)
{
    int32_t d = ds->max_date;
    if (ds->nh && (d == DJ_NO_DATE || ds->h_date[ds->nh - 1] > d))
        d = ds->h_date[ds->nh - 1];
    return d;
}

/* Computes every figure of STATS.md "Result" for the committed rows. The
 * query's defaults are resolved here: to = the latest date of the dataset,
 * from = 1 January of to's year, as_of = to, top 10, due_within 60, the
 * default meeting rules. On failure returns DJ_E_QUERY ("query.to: is required
 * when the dataset holds no date", "query.from: A is after to B") or
 * DJ_E_NOMEM, and *out is empty (safe to dj_stats_free). On success *out owns
 * its arrays (dj_stats_free). */
dj_status dj_dataset_stats(const dj_dataset *ds, const dj_query *q, dj_stats *out, dj_error *err)
{
    memset(out, 0, sizeof *out);

    /* ------------------------------------------------ the query */
    int32_t to = q->to, from = q->from, as_of = q->as_of;
    if (to == DJ_NO_DATE) {
        to = dj_latest_date(ds);
        if (to == DJ_NO_DATE)
            return dj_error_set(err, DJ_E_QUERY, "query.to: is required when the dataset holds no date");
    }
    if (from == DJ_NO_DATE) {
        int y, m, d;
        dj_date_ymd(to, &y, &m, &d);
        from = dj_date_from_ymd(y, 1, 1);
    }
    if (from > to) {
        char a[11], b[11];
        dj_date_format(from, a);
        dj_date_format(to, b);
        return dj_error_set(err, DJ_E_QUERY, "query.from: %s is after to %s", a, b);
    }
    if (as_of == DJ_NO_DATE)
        as_of = to;
    const int64_t top = q->top < 0 ? 10 : q->top;
    const int32_t due_within = q->due_within < 0 ? 60 : q->due_within;
    const dj_rule *rules_in = q->rules_given ? q->rules : dj_default_rules;
    const size_t n_rules = q->rules_given ? q->n_rules : sizeof dj_default_rules / sizeof dj_default_rules[0];

    out->from = from;
    out->to = to;
    out->as_of = as_of;

    int fy, fm, fd, ty, tm, td;
    dj_date_ymd(from, &fy, &fm, &fd);
    dj_date_ymd(to, &ty, &tm, &td);
    const size_t n_months = (size_t)((ty - fy) * 12 + (tm - fm) + 1);
    const uint32_t n_days = (uint32_t)(to - from) + 1;
    const size_t np = ds->np, na = ds->na, nk = ds->kinds.n, npl = ds->places.n;

    /* ------------------------------------------------ scratch */
    dj_status st = DJ_E_NOMEM;
    uint16_t *mon = dj_malloc(n_days * sizeof *mon);
    dj_kacc *kacc = dj_calloc(nk ? nk : 1, sizeof *kacc);
    uint8_t *kserv = dj_malloc(nk ? nk : 1);
    int32_t *krule = dj_malloc((nk ? nk : 1) * sizeof *krule);
    const dj_cache *cache = dj_cache_get(ds); /* NULL: scan every row */
    const size_t ngroups = cache ? cache->ngroups : 0;
    /* scan: [place][category]; cache: [group], then the venues per group and
     * the bitmap of venues seen */
    dj_pacc *pacc = dj_calloc(cache ? (ngroups ? ngroups : 1) : 2 * (npl ? npl : 1), sizeof *pacc);
    int64_t *gven = cache ? dj_calloc(ngroups ? ngroups : 1, sizeof *gven) : NULL;
    uint32_t *gbits = cache ? dj_calloc(cache->pl_words ? cache->pl_words : 1, sizeof *gbits) : NULL;
    uint32_t *vlist =
        dj_malloc((np + 1) * sizeof *vlist); /* the people with a participation (+1: a spare slot) */
    size_t n_vol = 0;
    dj_pacc *macc = dj_calloc(2 * n_months, sizeof *macc);    /* [month][category] */
    int64_t *vhours = dj_calloc(np ? np : 1, sizeof *vhours); /* per person: hours, activities */
    uint32_t *vacts = dj_calloc(np ? np : 1, sizeof *vacts);
    dj_rule *rules = dj_malloc((n_rules ? n_rules : 1) * sizeof *rules);
    uint8_t *present = dj_calloc((n_rules + 1) * n_months, 1);
    int32_t *vk_slot = dj_malloc((size_t)ds->str.n * sizeof *vk_slot);
    dj_named *names = NULL;
    dj_top_stat *heap = NULL;
    if (!mon || !kacc || !kserv || !krule || !pacc || !macc || !vhours || !vacts || !rules || !present ||
        !vk_slot || !vlist || (cache && (!gven || !gbits)))
        goto done;

    /* day -> month index within the period */
    {
        uint32_t off = 0;
        for (size_t m = 0; m < n_months; m++) {
            int y = fy + (int)((fm - 1 + (int)m) / 12), mo = (fm - 1 + (int)m) % 12 + 1;
            int32_t next = mo == 12 ? dj_date_from_ymd(y + 1, 1, 1) : dj_date_from_ymd(y, mo + 1, 1);
            uint32_t end = next > to ? n_days : (uint32_t)(next - from);
            for (; off < end; off++)
                mon[off] = (uint16_t)m;
        }
    }

    /* rules sorted by kind; meeting kind -> rule row (0 none, else 1 + rule) */
    if (n_rules) {
        memcpy(rules, rules_in, n_rules * sizeof *rules);
        qsort(rules, n_rules, sizeof *rules, dj_rule_cmp);
    }
    for (size_t k = 0; k < nk; k++) {
        size_t len;
        const char *s = dj_str_at(&ds->str, ds->kinds.b[k], &len);
        kserv[k] = ds->kinds.a[k] == DJ_CAT_SERVICE;
        krule[k] = 0;
        if (ds->kinds.a[k] != DJ_CAT_MEETING || len > 32)
            continue;
        dj_rule key;
        dj_copy_kind(key.kind, s, len);
        const dj_rule *hit = bsearch(&key, rules, n_rules, sizeof *rules, dj_rule_cmp);
        if (hit)
            krule[k] = (int32_t)(hit - rules) + 1;
    }

    /* ------------------------------------------------ activities */
    int64_t volunteer_hours = 0;
    if (cache) {
        /* the period's days: [d0, d1) */
        size_t d0 = 0, d1 = cache->nd, lo, hi;
        for (lo = 0, hi = cache->nd; lo < hi;) {
            size_t mid = lo + (hi - lo) / 2;
            if (cache->day[mid] < from)
                lo = mid + 1;
            else
                hi = mid;
        }
        d0 = lo;
        for (hi = cache->nd; lo < hi;) {
            size_t mid = lo + (hi - lo) / 2;
            if (cache->day[mid] <= to)
                lo = mid + 1;
            else
                hi = mid;
        }
        d1 = lo;
        const int32_t ym0 = fy * 12 + fm - 1;
        for (size_t d = d0; d < d1; d++) {
            size_t m = (size_t)(cache->day_ym[d] - ym0);
            dj_pacc *M = &macc[2 * m];
            for (uint32_t x = cache->kc_off[d], e = cache->kc_off[d + 1]; x < e; x++) {
                const dj_kcell *C = &cache->kc[x];
                uint32_t k = C->kind;
                dj_kacc *K = &kacc[k];
                K->acts += C->acts;
                K->hours += C->hours;
                K->fee += C->fee;
                K->don += C->don;
                K->benef += C->benef;
                if (kserv[k]) {
                    M->acts += C->acts;
                    M->hours += C->hours;
                    M->benef += C->benef;
                }
                present[(size_t)krule[k] * n_months + m] = 1;
            }
            for (uint32_t x = cache->vc_off[d], e = cache->vc_off[d + 1]; x < e; x++) {
                const dj_vcell *C = &cache->vc[x];
                dj_pacc *G = &pacc[C->group];
                G->acts += C->acts;
                G->benef += C->benef;
                G->hours += C->hours;
            }
            const uint32_t *seg = cache->pl + cache->pl_off[d];
            uint32_t n = cache->pl_off[d + 1] - cache->pl_off[d];
            if (cache->pl_bitmap[d])
                for (uint32_t w = 0; w < n; w++)
                    gbits[w] |= seg[w];
            else
                for (uint32_t x = 0; x < n; x++)
                    gbits[seg[x] >> 5] |= (uint32_t)1 << (seg[x] & 31);
        }
        for (uint32_t w = 0; w < cache->pl_words; w++)
            for (uint32_t b = gbits[w]; b; b &= b - 1)
                gven[cache->place_group[(size_t)w * 32 + dj_ctz32(b)]]++;

        /* the service participations of the period, in one run */
        const uint32_t *mp = cache->m;
        const uint32_t pbits = cache->pbits, pmask = ((uint32_t)1 << pbits) - 1, hesc = UINT32_MAX >> pbits;
        uint32_t j = cache->m_off[d0], e = cache->m_off[d1];
        size_t ei = 0;
        for (lo = 0, hi = cache->nesc; lo < hi;) {
            size_t mid = lo + (hi - lo) / 2;
            if (cache->esc[mid].row < j)
                lo = mid + 1;
            else
                hi = mid;
        }
        ei = lo;
        for (; j < e; j++) {
            uint32_t v = mp[j], who = v & pmask, h = v >> pbits;
            int64_t ph = h;
            if (h == hesc)
                ph = cache->esc[ei++].value;
            vhours[who] += ph;
            vlist[n_vol] = who;
            n_vol += vacts[who]++ == 0;
        }
    } else {
        const int32_t *a_date = ds->a_date, *a_benef = ds->a_benef;
        const uint32_t *a_kind = ds->a_kind, *a_place = ds->a_place, *a_start = ds->a_start;
        const uint32_t *a_hours = ds->a_hours, *a_fee = ds->a_fee, *a_don = ds->a_don;
        const uint32_t *m_person = ds->m_person, *m_hours = ds->m_hours;
        const uint32_t ufrom = (uint32_t)from;
        for (size_t i = 0; i < na; i++) {
            uint32_t off = (uint32_t)a_date[i] - ufrom;
            if (off >= n_days)
                continue;
            uint32_t k = a_kind[i];
            int64_t h = a_hours[i], fee = a_fee[i], don = a_don[i], b = a_benef[i];
            if (h == DJ_AMOUNT_ESC)
                h = dj_big_get(&ds->big_hours, (uint32_t)i);
            if (fee == DJ_AMOUNT_ESC)
                fee = dj_big_get(&ds->big_fee, (uint32_t)i);
            if (don == DJ_AMOUNT_ESC)
                don = dj_big_get(&ds->big_don, (uint32_t)i);
            dj_kacc *K = &kacc[k];
            K->acts++;
            K->hours += h;
            K->fee += fee;
            K->don += don;
            K->benef += b;
            /* no branch on the category: meeting rows go to their own
             * month/place rows (c = 1) and walk no participations */
            uint32_t m = mon[off], c = kserv[k] ^ 1u;
            dj_pacc *M = &macc[2 * (size_t)m + c], *P = &pacc[2 * (size_t)a_place[i] + c];
            M->acts++;
            M->hours += h;
            M->benef += b;
            P->acts++;
            P->hours += h;
            P->benef += b;
            present[(size_t)krule[k] * n_months + m] = 1;
            uint32_t j = a_start[i], e = c ? j : a_start[i + 1];
            for (; j < e; j++) {
                int64_t ph = m_hours[j];
                if (ph == DJ_AMOUNT_ESC)
                    ph = dj_big_get(&ds->big_mhours, j);
                uint32_t who = m_person[j];
                vhours[who] += ph;
                vlist[n_vol] = who;
                n_vol += vacts[who]++ == 0;
            }
        }
    }

    /* ------------------------------------------------ people */
    size_t n_due = 0, n_over = 0, cap_due = 0;
    int64_t took_part = 0, volunteers = (int64_t)n_vol, n_top = 0;
    for (size_t x = 0; x < n_vol; x++)
        volunteer_hours += vhours[vlist[x]];
    heap = dj_malloc((size_t)(top < volunteers ? top : volunteers) * sizeof *heap + sizeof *heap);
    if (!heap)
        goto done;
    for (size_t x = 0; x < n_vol; x++) {
        uint32_t i = vlist[x];
        dj_top_stat t = {ds->p_id[i], vhours[i], vacts[i]};
        if (n_top < top) {
            heap[n_top] = t;
            dj_heap_up(heap, (size_t)n_top++);
        } else if (top > 0 && dj_top_before(&t, &heap[0])) {
            heap[0] = t;
            dj_heap_down(heap, (size_t)n_top, 0);
        }
    }
    {
        const int32_t *const *pd = (const int32_t *const *)ds->p_date;
        const uint32_t uf = (uint32_t)from, span = (uint32_t)(to - from);
        int64_t cnt[DJ_PERSON_DATES] = {0};
        int64_t stage_n[6] = {0}; /* by 1 + stage; [0]: not a member */
        int64_t staff_members = 0, eligible = 0;
        /* add_year(d) <= x  <=>  d <= dj_year_before(x) */
        const int32_t year_before_as_of = dj_year_before(as_of);
        const int32_t year_before_due = dj_year_before(as_of + due_within);
        /* With u(d) = d ^ 2^31 (DJ_NO_DATE is 0), "d present and d <= as_of"
         * is u(d) - 1 < u(as_of): one unsigned comparison. */
        const uint32_t ua = (uint32_t)as_of ^ 0x80000000u;
        /* Blocks of DJ_PB people, column by column inside a block (fixed
         * trip counts the compiler vectorizes), no branch but the rare one of
         * a probationary member near conversion. */
        enum { DJ_PB = 16 };
        for (size_t i0 = 0; i0 < np; i0 += DJ_PB) {
            const size_t nb = np - i0 < DJ_PB ? np - i0 : DJ_PB;
            uint32_t st[DJ_PB], c[DJ_PB];
            if (nb == DJ_PB) {
                for (int k = 0; k < DJ_PERSON_DATES; k++) {
                    const int32_t *col = pd[k] + i0;
                    uint32_t n = 0;
                    for (int j = 0; j < DJ_PB; j++)
                        n += (uint32_t)col[j] - uf <= span;
                    cnt[k] += n;
                }
                for (int j = 0; j < DJ_PB; j++)
                    st[j] = 0;
                for (int k = DJ_STAGE_APPLIED; k <= DJ_STAGE_FULL; k++) {
                    const int32_t *col = pd[k] + i0;
                    for (int j = 0; j < DJ_PB; j++) {
                        c[j] = ((uint32_t)col[j] ^ 0x80000000u) - 1u < ua;
                        st[j] = c[j] ? (uint32_t)k + 1 : st[j];
                    }
                }
                /* started after as_of (joined_on, else the first stage:
                 * implied by a stage reached) or left on or before it */
                const int32_t *jo = pd[DJ_JOINED] + i0, *le = pd[DJ_LEFT] + i0;
                for (int j = 0; j < DJ_PB; j++) {
                    c[j] = (((uint32_t)le[j] ^ 0x80000000u) - 1u < ua) | (jo[j] > as_of);
                    st[j] = c[j] ? 0 : st[j];
                }
            } else {
                for (size_t j = 0; j < nb; j++) {
                    size_t i = i0 + j;
                    for (int k = 0; k < DJ_PERSON_DATES; k++)
                        cnt[k] += (uint32_t)pd[k][i] - uf <= span;
                    st[j] = 0;
                    for (int k = DJ_STAGE_APPLIED; k <= DJ_STAGE_FULL; k++)
                        if (((uint32_t)pd[k][i] ^ 0x80000000u) - 1u < ua)
                            st[j] = (uint32_t)k + 1;
                    if ((((uint32_t)pd[DJ_LEFT][i] ^ 0x80000000u) - 1u < ua) || pd[DJ_JOINED][i] > as_of)
                        st[j] = 0;
                }
            }
            /* the counts of the block; due[j]: probationary and converting
             * within due_within days (or overdue) */
            uint32_t due[DJ_PB], any_due = 0;
            if (nb == DJ_PB) {
                for (uint32_t v = 1; v <= 5; v++) {
                    uint32_t n = 0;
                    for (int j = 0; j < DJ_PB; j++)
                        n += st[j] == v;
                    stage_n[v] += n;
                }
                const uint8_t *sf = ds->p_staff + i0;
                const uint32_t *va = vacts + i0;
                const int32_t *act = pd[DJ_STAGE_ACTIVIST] + i0, *adm = pd[DJ_STAGE_ADMITTED] + i0;
                uint32_t n_staff = 0, n_took = 0, n_elig = 0;
                for (int j = 0; j < DJ_PB; j++)
                    n_staff += (st[j] > DJ_STAGE_ADMITTED) & (sf[j] != 0);
                for (int j = 0; j < DJ_PB; j++)
                    n_took += (st[j] > DJ_STAGE_ADMITTED) & (va[j] != 0);
                for (int j = 0; j < DJ_PB; j++)
                    n_elig += (st[j] == DJ_STAGE_ACTIVIST + 1) & (act[j] <= year_before_as_of);
                for (int j = 0; j < DJ_PB; j++) {
                    due[j] = (st[j] == DJ_STAGE_ADMITTED + 1) & (adm[j] <= year_before_due);
                    any_due |= due[j];
                }
                staff_members += n_staff;
                took_part += n_took;
                eligible += n_elig;
            } else {
                for (size_t j = 0; j < nb; j++) {
                    size_t i = i0 + j;
                    uint32_t s1 = st[j]; /* 1 + stage, 0: not a member */
                    stage_n[s1]++;
                    int party = s1 > DJ_STAGE_ADMITTED;
                    staff_members += party && ds->p_staff[i];
                    took_part += party && vacts[i];
                    eligible += s1 == DJ_STAGE_ACTIVIST + 1 && pd[DJ_STAGE_ACTIVIST][i] <= year_before_as_of;
                    due[j] = s1 == DJ_STAGE_ADMITTED + 1 && pd[DJ_STAGE_ADMITTED][i] <= year_before_due;
                    any_due |= due[j];
                }
            }
            for (size_t j = 0; any_due && j < nb; j++) {
                if (!due[j])
                    continue;
                size_t i = i0 + j;
                int32_t on = dj_date_add_year(pd[DJ_STAGE_ADMITTED][i]);
                if (n_due + n_over == cap_due) {
                    size_t cp = cap_due ? cap_due * 2 : 16;
                    dj_due_stat *g = dj_realloc(out->pipeline.due_for_conversion, cp * sizeof *g);
                    if (!g)
                        goto done;
                    out->pipeline.due_for_conversion = g;
                    cap_due = cp;
                }
                /* both lists share one buffer for now; split below */
                dj_due_stat e = {ds->p_id[i], on};
                out->pipeline.due_for_conversion[n_due + n_over] = e;
                if (on <= as_of)
                    n_over++;
                else
                    n_due++;
            }
        }
        out->members.staff_party_members = staff_members;
        out->pipeline.eligible_candidates = eligible;
        out->members.applicants = stage_n[DJ_STAGE_APPLIED + 1];
        out->members.activists = stage_n[DJ_STAGE_ACTIVIST + 1];
        out->members.candidates = stage_n[DJ_STAGE_CANDIDATE + 1];
        out->members.probationary = stage_n[DJ_STAGE_ADMITTED + 1];
        out->members.full = stage_n[DJ_STAGE_FULL + 1];
        out->members.party_members = stage_n[DJ_STAGE_ADMITTED + 1] + stage_n[DJ_STAGE_FULL + 1];
        out->pipeline.applied = cnt[DJ_STAGE_APPLIED];
        out->pipeline.activists = cnt[DJ_STAGE_ACTIVIST];
        out->pipeline.candidates = cnt[DJ_STAGE_CANDIDATE];
        out->pipeline.admitted = cnt[DJ_STAGE_ADMITTED];
        out->pipeline.converted = cnt[DJ_STAGE_FULL];
        out->pipeline.transferred_in = cnt[DJ_JOINED];
        out->pipeline.left = cnt[DJ_LEFT];
    }

    /* split the due/overdue buffer */
    {
        dj_due_stat *all = out->pipeline.due_for_conversion;
        dj_due_stat *due = dj_malloc((n_due ? n_due : 1) * sizeof *due);
        dj_due_stat *over = dj_malloc((n_over ? n_over : 1) * sizeof *over);
        if (!due || !over) {
            dj_free(due);
            dj_free(over);
            goto done;
        }
        size_t a = 0, b = 0;
        for (size_t i = 0; i < n_due + n_over; i++) {
            if (all[i].due_on <= as_of)
                over[b++] = all[i];
            else
                due[a++] = all[i];
        }
        dj_free(all);
        out->pipeline.due_for_conversion = due;
        out->pipeline.n_due = n_due;
        out->pipeline.overdue_conversion = over;
        out->pipeline.n_overdue = n_over;
        uint64_t *keys = dj_malloc(2 * (n_due > n_over ? n_due : n_over) * sizeof *keys + sizeof *keys);
        if (!keys)
            goto done;
        dj_due_sort(due, n_due, keys);
        dj_due_sort(over, n_over, keys);
        dj_free(keys);
    }

    /* headcount on as_of */
    {
        size_t lo = 0, hi = ds->nh; /* first point > as_of */
        while (lo < hi) {
            size_t mid = lo + (hi - lo) / 2;
            if (ds->h_date[mid] <= as_of)
                lo = mid + 1;
            else
                hi = mid;
        }
        int64_t hc = lo ? ds->h_count[lo - 1] : DJ_NULL_INT;
        out->members.staff_headcount = hc;
        out->members.staff_party_ratio =
            hc == DJ_NULL_INT || hc == 0 ? DJ_NULL_INT : dj_ratio(out->members.staff_party_members, hc);
    }

    /* ------------------------------------------------ service */
    out->service.volunteer_hours = volunteer_hours;
    out->service.volunteers = volunteers;
    out->service.participation_ratio =
        out->members.party_members ? dj_ratio(took_part, out->members.party_members) : DJ_NULL_INT;

    /* kinds: totals, and the names of the kinds present for sorting */
    size_t n_serv = 0, n_meet = 0;
    names = dj_malloc((nk > npl ? nk : npl ? npl : 1) * sizeof *names);
    if (!names)
        goto done;
    for (size_t k = 0; k < nk; k++) {
        const dj_kacc *K = &kacc[k];
        if (kserv[k]) {
            out->service.activities += K->acts;
            out->service.hours += K->hours;
            out->service.fee_waived += K->fee;
            out->service.donation += K->don;
            out->service.beneficiaries += K->benef;
        } else {
            out->meetings.total += K->acts;
            out->meetings.hours += K->hours;
        }
        if (K->acts) {
            names[n_serv + n_meet].s = dj_str_at(&ds->str, ds->kinds.b[k], &names[n_serv + n_meet].len);
            names[n_serv + n_meet].id = (uint32_t)k;
            if (kserv[k])
                n_serv++;
            else
                n_meet++;
        }
    }
    qsort(names, n_serv + n_meet, sizeof *names, dj_named_cmp);
    out->service.by_kind = dj_malloc((n_serv ? n_serv : 1) * sizeof *out->service.by_kind);
    out->meetings.by_kind = dj_malloc((n_meet ? n_meet : 1) * sizeof *out->meetings.by_kind);
    if (!out->service.by_kind || !out->meetings.by_kind)
        goto done;
    for (size_t i = 0; i < n_serv + n_meet; i++) {
        uint32_t k = names[i].id;
        const dj_kacc *K = &kacc[k];
        if (kserv[k]) {
            dj_kind_stat *o = &out->service.by_kind[out->service.n_by_kind++];
            dj_copy_kind(o->kind, names[i].s, names[i].len);
            o->activities = K->acts;
            o->hours = K->hours;
            o->fee_waived = K->fee;
            o->donation = K->don;
            o->beneficiaries = K->benef;
        } else {
            dj_count_stat *o = &out->meetings.by_kind[out->meetings.n_by_kind++];
            dj_copy_kind(o->kind, names[i].s, names[i].len);
            o->count = K->acts;
        }
    }

    /* venue kinds: places grouped by their venue_kind string */
    {
        size_t n_vk = 0;
        for (size_t s = 0; s < ds->str.n; s++)
            vk_slot[s] = -1;
        dj_venue_stat *vs = NULL;
        size_t cap = 0;
        /* scan: one entry per place; cache: one per venue-kind group */
        for (size_t p = 0; p < (cache ? ngroups : npl); p++) {
            uint32_t vk = cache ? cache->group_vk[p] : ds->places.a[p];
            const dj_pacc *pa = cache ? &pacc[p] : &pacc[2 * p]; /* service */
            if (!pa->acts || vk == 0)
                continue;
            if (vk_slot[vk] < 0) {
                if (n_vk == cap) {
                    size_t c = cap ? cap * 2 : 8;
                    dj_venue_stat *g = dj_realloc(vs, c * sizeof *g);
                    if (!g) {
                        dj_free(vs);
                        goto done;
                    }
                    vs = g;
                    cap = c;
                }
                vk_slot[vk] = (int32_t)n_vk;
                memset(&vs[n_vk], 0, sizeof vs[n_vk]);
                size_t len;
                const char *s = dj_str_at(&ds->str, vk, &len);
                dj_copy_kind(vs[n_vk].venue_kind, s, len);
                n_vk++;
            }
            dj_venue_stat *v = &vs[vk_slot[vk]];
            v->venues += cache ? gven[p] : ds->places.b[p] != 0;
            v->activities += pa->acts;
            v->beneficiaries += pa->benef;
            v->hours += pa->hours;
        }
        if (n_vk) {
            /* sort by name through the names array (room for npl >= n_vk) */
            for (size_t i = 0; i < n_vk; i++) {
                names[i].s = vs[i].venue_kind;
                names[i].len = strlen(vs[i].venue_kind);
                names[i].id = (uint32_t)i;
            }
            qsort(names, n_vk, sizeof *names, dj_named_cmp);
            dj_venue_stat *sorted = dj_malloc(n_vk * sizeof *sorted);
            if (!sorted) {
                dj_free(vs);
                goto done;
            }
            for (size_t i = 0; i < n_vk; i++)
                sorted[i] = vs[names[i].id];
            dj_free(vs);
            vs = sorted;
        }
        out->service.by_venue_kind = vs;
        out->service.n_by_venue = n_vk;
    }

    /* months */
    out->service.by_month = dj_malloc(n_months * sizeof *out->service.by_month);
    if (!out->service.by_month)
        goto done;
    for (size_t m = 0; m < n_months; m++) {
        dj_month_stat *o = &out->service.by_month[m];
        o->year = fy + (int)((fm - 1 + (int)m) / 12);
        o->month = (fm - 1 + (int)m) % 12 + 1;
        o->activities = macc[2 * m].acts;
        o->hours = macc[2 * m].hours;
        o->beneficiaries = macc[2 * m].benef;
    }
    out->service.n_by_month = n_months;

    /* top volunteers */
    qsort(heap, (size_t)n_top, sizeof *heap, dj_top_cmp);
    out->service.top = heap;
    out->service.n_top = (size_t)n_top;
    heap = NULL;

    /* meetings.missing: units wholly inside [from, to] with no meeting */
    out->meetings.missing = dj_calloc(n_rules ? n_rules : 1, sizeof *out->meetings.missing);
    if (!out->meetings.missing)
        goto done;
    for (size_t r = 0; r < n_rules; r++) {
        dj_missing_stat *ms = &out->meetings.missing[out->meetings.n_missing++];
        memcpy(ms->kind, rules[r].kind, sizeof ms->kind);
        ms->unit = rules[r].unit;
        const uint8_t *pres = present + (r + 1) * n_months;
        int len = rules[r].unit == DJ_UNIT_YEAR ? 12 : rules[r].unit == DJ_UNIT_QUARTER ? 3 : 1;
        /* units start at months where (month - 1) % len == 0, from the first unit touching from */
        int first = (fy * 12 + fm - 1) / len * len, last = (ty * 12 + tm - 1) / len * len;
        size_t n_units = (size_t)((last - first) / len + 1);
        ms->periods = dj_malloc(n_units * sizeof *ms->periods);
        if (!ms->periods)
            goto done;
        for (int u = first; u <= last; u += len) {
            int uy = u / 12, um = u % 12 + 1; /* first month of the unit */
            int32_t ustart = dj_date_from_ymd(uy, um, 1);
            int ey = (u + len) / 12, em = (u + len) % 12 + 1;
            int32_t uend = dj_date_from_ymd(ey, em, 1) - 1;
            if (ustart < from || uend > to)
                continue;
            size_t m0 = (size_t)(u - (fy * 12 + fm - 1));
            int seen = 0;
            for (int k = 0; k < len; k++)
                seen |= pres[m0 + (size_t)k];
            if (seen)
                continue;
            dj_period *p = &ms->periods[ms->n_periods++];
            p->year = uy;
            p->n = rules[r].unit == DJ_UNIT_YEAR      ? 0
                   : rules[r].unit == DJ_UNIT_QUARTER ? (um - 1) / 3 + 1
                                                      : um;
        }
    }
    st = DJ_OK;

done:
    dj_free(mon);
    dj_free(kacc);
    dj_free(kserv);
    dj_free(krule);
    dj_free(pacc);
    dj_free(macc);
    dj_free(vhours);
    dj_free(vacts);
    dj_free(rules);
    dj_free(present);
    dj_free(vk_slot);
    dj_free(gven);
    dj_free(gbits);
    dj_free(vlist);
    dj_free(names);
    dj_free(heap);
    if (st != DJ_OK) {
        dj_stats_free(out);
        return dj_error_set(err, st, "out of memory");
    }
    return DJ_OK;
}

/* ------------------------------------------------------------- JSON text */

typedef struct {
    char *p;
    size_t n, cap;
    int fail;
} dj_buf;

static void dj_put(dj_buf *b, const char *s, size_t len)
{
    if (b->fail)
        return;
    if (b->n + len + 1 > b->cap) {
        size_t cap = b->cap ? b->cap : 1024;
        while (cap < b->n + len + 1)
            cap *= 2;
        char *g = dj_realloc(b->p, cap);
        if (!g) {
            b->fail = 1;
            return;
        }
        b->p = g;
        b->cap = cap;
    }
    memcpy(b->p + b->n, s, len);
    b->n += len;
}

static void dj_puts(dj_buf *b, const char *s)
{
    dj_put(b, s, strlen(s));
}

static void dj_put_int(dj_buf *b, int64_t v)
{
    char tmp[24];
    size_t k = sizeof tmp;
    uint64_t u = v < 0 ? (uint64_t)0 - (uint64_t)v : (uint64_t)v;
    do {
        tmp[--k] = (char)('0' + u % 10);
        u /= 10;
    } while (u);
    if (v < 0)
        tmp[--k] = '-';
    dj_put(b, tmp + k, sizeof tmp - k);
}

/* "key": then an int */
static void dj_put_kint(dj_buf *b, const char *key, int64_t v)
{
    dj_puts(b, key);
    dj_put_int(b, v);
}

static void dj_put_kamount(dj_buf *b, const char *key, int64_t v)
{
    char tmp[32];
    dj_puts(b, key);
    dj_put(b, tmp, dj_format_amount(v, tmp));
}

static void dj_put_kratio(dj_buf *b, const char *key, int64_t v)
{
    char tmp[32];
    dj_puts(b, key);
    if (v == DJ_NULL_INT)
        dj_puts(b, "null");
    else
        dj_put(b, tmp, dj_format_ratio(v, tmp));
}

static void dj_put_kdate(dj_buf *b, const char *key, int32_t d)
{
    char tmp[11];
    dj_puts(b, key);
    dj_date_format(d, tmp);
    dj_put(b, "\"", 1);
    dj_put(b, tmp, 10);
    dj_put(b, "\"", 1);
}

static void dj_put_due(dj_buf *b, const char *key, const dj_due_stat *v, size_t n)
{
    dj_puts(b, key);
    dj_put(b, "[", 1);
    for (size_t i = 0; i < n; i++) {
        dj_puts(b, i ? ",{" : "{");
        dj_put_kint(b, "\"id\":", v[i].id);
        dj_put_kdate(b, ",\"due_on\":", v[i].due_on);
        dj_put(b, "}", 1);
    }
    dj_put(b, "]", 1);
}

static void dj_put_key(dj_buf *b, int first, const char *k)
{
    dj_puts(b, first ? "\"" : ",\"");
    dj_puts(b, k); /* slugs: nothing to escape */
    dj_puts(b, "\":");
}

/* The statsJson() text of s: compact, keys in the order of STATS.md
 * "Result". Returns a NUL-terminated string owned by the caller (dj_free)
 * and its length in *len (len may be NULL); NULL when out of memory. */
char *dj_stats_json(const dj_stats *s, size_t *len)
{
    dj_buf b = {NULL, 0, 0, 0};
    char tmp[16];

    dj_put_kdate(&b, "{\"period\":{\"from\":", s->from);
    dj_put_kdate(&b, ",\"to\":", s->to);
    dj_put_kdate(&b, ",\"as_of\":", s->as_of);

    dj_put_kint(&b, "},\"members\":{\"applicants\":", s->members.applicants);
    dj_put_kint(&b, ",\"activists\":", s->members.activists);
    dj_put_kint(&b, ",\"candidates\":", s->members.candidates);
    dj_put_kint(&b, ",\"probationary\":", s->members.probationary);
    dj_put_kint(&b, ",\"full\":", s->members.full);
    dj_put_kint(&b, ",\"party_members\":", s->members.party_members);
    if (s->members.staff_headcount == DJ_NULL_INT)
        dj_puts(&b, ",\"staff_headcount\":null");
    else
        dj_put_kint(&b, ",\"staff_headcount\":", s->members.staff_headcount);
    dj_put_kint(&b, ",\"staff_party_members\":", s->members.staff_party_members);
    dj_put_kratio(&b, ",\"staff_party_ratio\":", s->members.staff_party_ratio);

    dj_put_kint(&b, "},\"pipeline\":{\"applied\":", s->pipeline.applied);
    dj_put_kint(&b, ",\"activists\":", s->pipeline.activists);
    dj_put_kint(&b, ",\"candidates\":", s->pipeline.candidates);
    dj_put_kint(&b, ",\"admitted\":", s->pipeline.admitted);
    dj_put_kint(&b, ",\"converted\":", s->pipeline.converted);
    dj_put_kint(&b, ",\"transferred_in\":", s->pipeline.transferred_in);
    dj_put_kint(&b, ",\"left\":", s->pipeline.left);
    dj_put_kint(&b, ",\"eligible_candidates\":", s->pipeline.eligible_candidates);
    dj_put_due(&b, ",\"due_for_conversion\":", s->pipeline.due_for_conversion, s->pipeline.n_due);
    dj_put_due(&b, ",\"overdue_conversion\":", s->pipeline.overdue_conversion, s->pipeline.n_overdue);

    dj_put_kint(&b, "},\"service\":{\"activities\":", s->service.activities);
    dj_put_kamount(&b, ",\"hours\":", s->service.hours);
    dj_put_kamount(&b, ",\"fee_waived\":", s->service.fee_waived);
    dj_put_kamount(&b, ",\"donation\":", s->service.donation);
    dj_put_kint(&b, ",\"beneficiaries\":", s->service.beneficiaries);
    dj_put_kamount(&b, ",\"volunteer_hours\":", s->service.volunteer_hours);
    dj_put_kint(&b, ",\"volunteers\":", s->service.volunteers);
    dj_put_kratio(&b, ",\"participation_ratio\":", s->service.participation_ratio);
    dj_puts(&b, ",\"by_kind\":{");
    for (size_t i = 0; i < s->service.n_by_kind; i++) {
        const dj_kind_stat *k = &s->service.by_kind[i];
        dj_put_key(&b, i == 0, k->kind);
        dj_put_kint(&b, "{\"activities\":", k->activities);
        dj_put_kamount(&b, ",\"hours\":", k->hours);
        dj_put_kamount(&b, ",\"fee_waived\":", k->fee_waived);
        dj_put_kamount(&b, ",\"donation\":", k->donation);
        dj_put_kint(&b, ",\"beneficiaries\":", k->beneficiaries);
        dj_put(&b, "}", 1);
    }
    dj_puts(&b, "},\"by_venue_kind\":{");
    for (size_t i = 0; i < s->service.n_by_venue; i++) {
        const dj_venue_stat *v = &s->service.by_venue_kind[i];
        dj_put_key(&b, i == 0, v->venue_kind);
        dj_put_kint(&b, "{\"venues\":", v->venues);
        dj_put_kint(&b, ",\"activities\":", v->activities);
        dj_put_kint(&b, ",\"beneficiaries\":", v->beneficiaries);
        dj_put_kamount(&b, ",\"hours\":", v->hours);
        dj_put(&b, "}", 1);
    }
    dj_puts(&b, "},\"by_month\":[");
    for (size_t i = 0; i < s->service.n_by_month; i++) {
        const dj_month_stat *m = &s->service.by_month[i];
        char mt[8];
        int y = m->year < 0 ? 0 : m->year > 9999 ? 9999 : m->year;
        mt[0] = (char)('0' + y / 1000);
        mt[1] = (char)('0' + y / 100 % 10);
        mt[2] = (char)('0' + y / 10 % 10);
        mt[3] = (char)('0' + y % 10);
        mt[4] = '-';
        mt[5] = (char)('0' + m->month / 10);
        mt[6] = (char)('0' + m->month % 10);
        dj_puts(&b, i ? ",{\"month\":\"" : "{\"month\":\"");
        dj_put(&b, mt, 7);
        dj_put_kint(&b, "\",\"activities\":", m->activities);
        dj_put_kamount(&b, ",\"hours\":", m->hours);
        dj_put_kint(&b, ",\"beneficiaries\":", m->beneficiaries);
        dj_put(&b, "}", 1);
    }
    dj_puts(&b, "],\"top_volunteers\":[");
    for (size_t i = 0; i < s->service.n_top; i++) {
        const dj_top_stat *t = &s->service.top[i];
        dj_puts(&b, i ? ",{" : "{");
        dj_put_kint(&b, "\"id\":", t->id);
        dj_put_kamount(&b, ",\"hours\":", t->hours);
        dj_put_kint(&b, ",\"activities\":", t->activities);
        dj_put(&b, "}", 1);
    }

    dj_put_kint(&b, "]},\"meetings\":{\"total\":", s->meetings.total);
    dj_put_kamount(&b, ",\"hours\":", s->meetings.hours);
    dj_puts(&b, ",\"by_kind\":{");
    for (size_t i = 0; i < s->meetings.n_by_kind; i++) {
        dj_put_key(&b, i == 0, s->meetings.by_kind[i].kind);
        dj_put_int(&b, s->meetings.by_kind[i].count);
    }
    dj_puts(&b, "},\"missing\":{");
    for (size_t i = 0; i < s->meetings.n_missing; i++) {
        const dj_missing_stat *ms = &s->meetings.missing[i];
        dj_put_key(&b, i == 0, ms->kind);
        dj_put(&b, "[", 1);
        for (size_t j = 0; j < ms->n_periods; j++) {
            const dj_period *p = &ms->periods[j];
            int y = p->year < 0 ? 0 : p->year > 9999 ? 9999 : p->year;
            size_t n = 0;
            tmp[n++] = '"';
            tmp[n++] = (char)('0' + y / 1000);
            tmp[n++] = (char)('0' + y / 100 % 10);
            tmp[n++] = (char)('0' + y / 10 % 10);
            tmp[n++] = (char)('0' + y % 10);
            if (ms->unit == DJ_UNIT_MONTH) {
                tmp[n++] = '-';
                tmp[n++] = (char)('0' + p->n / 10);
                tmp[n++] = (char)('0' + p->n % 10);
            } else if (ms->unit == DJ_UNIT_QUARTER) {
                tmp[n++] = '-';
                tmp[n++] = 'Q';
                tmp[n++] = (char)('0' + p->n);
            }
            tmp[n++] = '"';
            if (j)
                dj_put(&b, ",", 1);
            dj_put(&b, tmp, n);
        }
        dj_put(&b, "]", 1);
    }
    dj_puts(&b, "}}}");

    if (b.fail || !b.p) {
        dj_free(b.p);
        return NULL;
    }
    b.p[b.n] = '\0';
    if (len)
        *len = b.n;
    return b.p;
}
