/*
 * stats.c - the figures of STATS.md "Result", as stages over one scratch
 * struct (dj_sx): the query (defaults, the rules sorted once, the filter
 * resolved to flags per kind, place and string), the activities (from the
 * per-day cache of stats_cache.c, or by a scan of the rows when the query is
 * filtered or the cache is over budget), the people (members and pipeline,
 * in blocks of 16, column by column), the service figures and the meetings.
 * All sums are exact int64 hundredths; ratios are rounded from the integer
 * quotient. The statsJson() text is stats_json.c's.
 */
#include "stats_internal.h"

#include "dj_alloc.h"

#include <stdlib.h>
#include <string.h>

/* ------------------------------------------------------------- helpers */

int dj_named_cmp(const void *a, const void *b)
{
    const dj_named *x = a, *y = b;
    size_t n = x->len < y->len ? x->len : y->len;
    int c = memcmp(x->s, y->s, n);
    if (c)
        return c;
    return x->len < y->len ? -1 : x->len > y->len;
}

void dj_copy_kind(char dst[33], const char *s, size_t len)
{
    if (len > 32)
        len = 32;
    memcpy(dst, s, len);
    dst[len] = '\0';
}

static int dj_rule_cmp(const void *a, const void *b)
{
    return strcmp(((const dj_rule *)a)->kind, ((const dj_rule *)b)->kind);
}

/* ------------------------------------------------------------- scratch */

static const dj_rule dj_default_rules[] = {
    {"branch_assembly", DJ_UNIT_QUARTER}, {"committee", DJ_UNIT_MONTH},      {"group_meeting", DJ_UNIT_MONTH},
    {"life_meeting", DJ_UNIT_YEAR},       {"party_lesson", DJ_UNIT_QUARTER}, {"theme_day", DJ_UNIT_MONTH},
};

static void dj_sx_free(dj_sx *x)
{
    dj_free(x->rules);
    dj_free(x->rule_row);
    dj_free(x->kserv);
    dj_free(x->kmatch);
    dj_free(x->plmatch);
    dj_free(x->smatch);
    dj_free(x->krow);
    dj_free(x->mon);
    dj_free(x->kacc);
    dj_free(x->jacc);
    dj_free(x->pacc);
    dj_free(x->macc);
    dj_free(x->gven);
    dj_free(x->gbits);
    dj_free(x->present);
    dj_free(x->vhours);
    dj_free(x->vacts);
    dj_free(x->vlist);
    dj_free(x->span);
    dj_free(x->pv);
    dj_free(x->jkeys);
}

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
    dj_free(s->service.by_project);
    dj_free(s->service.project_names);
    dj_free(s->meetings.by_kind);
    for (size_t i = 0; i < s->meetings.n_missing; i++)
        dj_free(s->meetings.missing[i].periods);
    dj_free(s->meetings.missing);
    memset(s, 0, sizeof *s);
}

/* The latest date of the dataset (people, activities, headcount), or DJ_NO_DATE. */
static int32_t dj_latest_date(const dj_dataset *ds)
{
    int32_t d = ds->max_date;
    if (ds->nh && (d == DJ_NO_DATE || ds->h_date[ds->nh - 1] > d))
        d = ds->h_date[ds->nh - 1];
    return d;
}

/* ------------------------------------------------------------- the query */

typedef struct {
    dj_rule r;
    size_t seq;
} dj_rule_seq;

static int dj_rule_seq_cmp(const void *a, const void *b)
{
    const dj_rule_seq *x = a, *y = b;
    int c = strcmp(x->r.kind, y->r.kind);
    if (c)
        return c;
    return x->seq < y->seq ? -1 : x->seq > y->seq;
}

/* 1 when kind is one of filter.kinds (or there is no such list). */
static int dj_kind_listed(const dj_query *q, const char *kind, size_t len)
{
    const dj_filter_list *l = &q->filter[DJ_F_KINDS];
    if (!l->given)
        return 1;
    for (size_t i = 0; i < l->n; i++)
        if (l->len[i] == len && memcmp(l->v[i], kind, len) == 0)
            return 1;
    return 0;
}

/* The meeting rules: sorted by kind once, a kind given twice keeping its
 * last unit; with filter.kinds only the kinds it lists. */
static dj_status dj_sx_rules(dj_sx *x)
{
    const dj_query *q = x->q;
    const dj_rule *in = q->rules_given ? q->rules : dj_default_rules;
    size_t n = q->rules_given ? q->n_rules : sizeof dj_default_rules / sizeof dj_default_rules[0];
    dj_rule_seq *tmp = dj_malloc((n ? n : 1) * sizeof *tmp);
    x->rules = dj_malloc((n ? n : 1) * sizeof *x->rules);
    x->rule_row = dj_calloc(n ? n : 1, sizeof *x->rule_row);
    if (!tmp || !x->rules || !x->rule_row) {
        dj_free(tmp);
        return DJ_E_NOMEM;
    }
    for (size_t i = 0; i < n; i++) {
        tmp[i].r = in[i];
        tmp[i].seq = i;
    }
    qsort(tmp, n, sizeof *tmp, dj_rule_seq_cmp);
    x->n_rules = 0;
    for (size_t i = 0; i < n; i++) {
        if (i + 1 < n && strcmp(tmp[i].r.kind, tmp[i + 1].r.kind) == 0)
            continue; /* a later one of the same kind wins */
        if (!dj_kind_listed(q, tmp[i].r.kind, strlen(tmp[i].r.kind)))
            continue;
        x->rules[x->n_rules++] = tmp[i].r;
    }
    dj_free(tmp);
    return DJ_OK;
}

/* The period and the defaults (dj.h). */
static dj_status dj_sx_query(dj_sx *x, dj_error *err)
{
    const dj_query *q = x->q;
    int32_t to = q->to, from = q->from, as_of = q->as_of;
    if (to == DJ_NO_DATE) {
        to = dj_latest_date(x->ds);
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
    x->from = from;
    x->to = to;
    x->as_of = as_of == DJ_NO_DATE ? to : as_of;
    x->top = q->top < 0 ? 10 : q->top;
    x->due_within = q->due_within < 0 ? 60 : q->due_within;
    x->out->from = from;
    x->out->to = to;
    x->out->as_of = x->as_of;
    int fd, td;
    dj_date_ymd(from, &x->fy, &x->fm, &fd);
    dj_date_ymd(to, &x->ty, &x->tm, &td);
    x->n_months = (size_t)((x->ty - x->fy) * 12 + (x->tm - x->fm) + 1);
    x->n_days = (uint32_t)(to - from) + 1;
    return dj_sx_rules(x) == DJ_OK ? DJ_OK : dj_error_set(err, DJ_E_NOMEM, "out of memory");
}

/* ------------------------------------------------------------- preparing */

static int dj_sx_alloc(dj_sx *x)
{
    const size_t nk = x->nk, npl = x->npl, np = x->np;
    x->cache = x->q->filtered ? NULL : dj_cache_get(x->ds); /* NULL: scan every row */
    const size_t ng = x->cache ? x->cache->ngroups : 0;
    x->mon = dj_malloc(x->n_days * sizeof *x->mon);
    x->kacc = dj_calloc(nk ? nk : 1, sizeof *x->kacc);
    x->jacc = dj_calloc(x->ns, sizeof *x->jacc);
    x->kserv = dj_malloc(nk ? nk : 1);
    x->kmatch = dj_malloc(nk ? nk : 1);
    x->plmatch = dj_malloc(npl ? npl : 1);
    x->smatch = dj_calloc(x->ns, 1);
    x->krow = dj_malloc((nk ? nk : 1) * sizeof *x->krow);
    x->pacc = dj_calloc(x->cache ? (ng ? ng : 1) : 2 * (npl ? npl : 1), sizeof *x->pacc);
    x->gven = x->cache ? dj_calloc(ng ? ng : 1, sizeof *x->gven) : NULL;
    x->gbits = x->cache ? dj_calloc(x->cache->pl_words ? x->cache->pl_words : 1, sizeof *x->gbits) : NULL;
    x->vlist = dj_malloc((np + 1) * sizeof *x->vlist); /* +1: a spare slot */
    x->macc = dj_calloc(2 * x->n_months, sizeof *x->macc);
    x->vhours = dj_calloc(np ? np : 1, sizeof *x->vhours);
    x->vacts = dj_calloc(np ? np : 1, sizeof *x->vacts);
    x->span = dj_malloc((np ? np : 1) * sizeof *x->span);
    x->pv = dj_calloc(np ? np : 1, 1);
    return x->mon && x->kacc && x->jacc && x->kserv && x->kmatch && x->plmatch && x->smatch && x->krow &&
           x->pacc && x->vlist && x->macc && x->vhours && x->vacts && x->span && x->pv &&
           (!x->cache || (x->gven && x->gbits));
}

/* The filter as flags: per string (which lists hold it), per kind and per
 * place (does it match). */
static void dj_sx_filter(dj_sx *x)
{
    const dj_dataset *ds = x->ds;
    const dj_filter_list *f = x->q->filter;
    for (int k = 0; k < DJ_F_N; k++)
        for (size_t i = 0; i < f[k].n; i++) {
            long s = dj_dataset_find_string(ds, f[k].v[i], f[k].len[i]);
            if (s > 0)
                x->smatch[s] |= (uint8_t)(1u << k);
        }
    for (size_t k = 0; k < x->nk; k++)
        x->kmatch[k] = !f[DJ_F_KINDS].given || (x->smatch[ds->kinds.b[k]] & (1u << DJ_F_KINDS));
    for (size_t p = 0; p < x->npl; p++) {
        uint32_t vk = ds->places.a[p], v = ds->places.b[p];
        x->plmatch[p] = (!f[DJ_F_VENUE_KINDS].given || (vk && (x->smatch[vk] & (1u << DJ_F_VENUE_KINDS)))) &&
                        (!f[DJ_F_VENUES].given || (v && (x->smatch[v] & (1u << DJ_F_VENUES))));
    }
    if (!f[DJ_F_PROJECTS].given)
        for (size_t s = 0; s < x->ns; s++)
            x->smatch[s] |= 1u << DJ_F_PROJECTS;
    x->smatch[0] &= (uint8_t) ~(f[DJ_F_PROJECTS].given ? 1u << DJ_F_PROJECTS : 0u);
}

/* Day -> month; kinds: service or not, the row of their rule; the filter;
 * each person's span as a party member on the roster. */
static void dj_sx_prepare(dj_sx *x)
{
    const dj_dataset *ds = x->ds;
    uint32_t off = 0;
    for (size_t m = 0; m < x->n_months; m++) {
        int y = x->fy + (int)((x->fm - 1 + (int)m) / 12), mo = (x->fm - 1 + (int)m) % 12 + 1;
        int32_t next = mo == 12 ? dj_date_from_ymd(y + 1, 1, 1) : dj_date_from_ymd(y, mo + 1, 1);
        uint32_t end = next > x->to ? x->n_days : (uint32_t)(next - x->from);
        for (; off < end; off++)
            x->mon[off] = (uint16_t)m;
    }
    x->n_rows = 1;
    for (size_t k = 0; k < x->nk; k++) {
        size_t len;
        const char *s = dj_str_at(&ds->str, ds->kinds.b[k], &len);
        x->kserv[k] = ds->kinds.a[k] == DJ_CAT_SERVICE;
        x->krow[k] = 0;
        if (ds->kinds.a[k] != DJ_CAT_MEETING || len > 32)
            continue;
        dj_rule key;
        dj_copy_kind(key.kind, s, len);
        const dj_rule *hit = bsearch(&key, x->rules, x->n_rules, sizeof *x->rules, dj_rule_cmp);
        if (!hit)
            continue;
        size_t r = (size_t)(hit - x->rules);
        if (!x->rule_row[r])
            x->rule_row[r] = (uint32_t)x->n_rows++;
        x->krow[k] = (int32_t)x->rule_row[r];
    }
    dj_sx_filter(x);
    const int32_t *const *pd = (const int32_t *const *)ds->p_date;
    for (size_t i = 0; i < x->np; i++) {
        int32_t adm = pd[DJ_STAGE_ADMITTED][i], full = pd[DJ_STAGE_FULL][i], jo = pd[DJ_JOINED][i];
        int32_t le = pd[DJ_LEFT][i];
        int32_t first = adm != DJ_NO_DATE ? adm : full != DJ_NO_DATE ? full : INT32_MAX;
        x->span[i].start = jo != DJ_NO_DATE && jo > first ? jo : first;
        x->span[i].end = le != DJ_NO_DATE ? le : INT32_MAX;
    }
}

/* ------------------------------------------------------------- activities */

/* The participation accumulators, copied out of dj_sx for the hot loops: a
 * local the compiler keeps in registers (through x, every store to vhours
 * could alias the counters and force them back to memory). */
typedef struct {
    int64_t *vhours;
    uint32_t *vacts, *vlist;
    const dj_span *span;
    uint8_t *pv;
    size_t n_vol;
    int64_t pv_hours, pv_count;
} dj_vacc;

static dj_vacc dj_vacc_of(const dj_sx *x)
{
    dj_vacc a = {x->vhours, x->vacts, x->vlist, x->span, x->pv, x->n_vol, x->pv_hours, x->pv_count};
    return a;
}

static void dj_vacc_back(dj_sx *x, const dj_vacc *a)
{
    x->n_vol = a->n_vol;
    x->pv_hours = a->pv_hours;
    x->pv_count = a->pv_count;
}

/* One service participation of a row dated day: the volunteer's sums, and
 * the party members' (on the roster at stage probationary or full). */
static inline void dj_vacc_part(dj_vacc *a, uint32_t who, int64_t ph, int32_t day)
{
    a->vhours[who] += ph;
    a->vlist[a->n_vol] = who;
    a->n_vol += a->vacts[who]++ == 0;
    const dj_span sp = a->span[who];
    if (sp.start <= day && day < sp.end) {
        a->pv_hours += ph;
        a->pv_count += a->pv[who]++ == 0;
    }
}

static int dj_sx_jkey(dj_sx *x, uint32_t proj, uint32_t who)
{
    if (!dj_room((void **)&x->jkeys, &x->cap_jkeys, x->n_jkeys + 1, sizeof *x->jkeys))
        return 0;
    x->jkeys[x->n_jkeys++] = (uint64_t)proj << 32 | who;
    return 1;
}

/* The period's days [d0, d1) of the cache. */
static void dj_sx_days(const dj_sx *x, size_t *d0, size_t *d1)
{
    const dj_cache *c = x->cache;
    size_t lo = 0, hi = c->nd;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (c->day[mid] < x->from)
            lo = mid + 1;
        else
            hi = mid;
    }
    *d0 = lo;
    for (hi = c->nd; lo < hi;) {
        size_t mid = lo + (hi - lo) / 2;
        if (c->day[mid] <= x->to)
            lo = mid + 1;
        else
            hi = mid;
    }
    *d1 = lo;
}

/* The activities from the cache: the period's day cells, the union of its
 * venue sets, its run of participations and of project pairs. */
static int dj_sx_from_cache(dj_sx *x)
{
    const dj_cache *c = x->cache;
    size_t d0, d1;
    dj_sx_days(x, &d0, &d1);
    const int32_t ym0 = x->fy * 12 + x->fm - 1;
    for (size_t d = d0; d < d1; d++) {
        size_t m = (size_t)(c->day_ym[d] - ym0);
        dj_pacc *M = &x->macc[2 * m];
        for (uint32_t i = c->kc_off[d], e = c->kc_off[d + 1]; i < e; i++) {
            const dj_kcell *C = &c->kc[i];
            dj_kacc *K = &x->kacc[C->kind];
            K->acts += C->acts;
            K->hours += C->hours;
            K->fee += C->fee;
            K->don += C->don;
            K->benef += C->benef;
            if (x->kserv[C->kind]) {
                M->acts += C->acts;
                M->hours += C->hours;
                M->benef += C->benef;
            }
            x->present[(size_t)x->krow[C->kind] * x->n_months + m] = 1;
        }
        for (uint32_t i = c->vc_off[d], e = c->vc_off[d + 1]; i < e; i++) {
            dj_pacc *G = &x->pacc[c->vc[i].group];
            G->acts += c->vc[i].acts;
            G->benef += c->vc[i].benef;
            G->hours += c->vc[i].hours;
        }
        for (uint32_t i = c->pc_off[d], e = c->pc_off[d + 1]; i < e; i++) {
            dj_kacc *J = &x->jacc[c->pc[i].kind];
            J->acts += c->pc[i].acts;
            J->hours += c->pc[i].hours;
            J->fee += c->pc[i].fee;
            J->don += c->pc[i].don;
            J->benef += c->pc[i].benef;
        }
        const uint32_t *seg = c->pl + c->pl_off[d];
        uint32_t n = c->pl_off[d + 1] - c->pl_off[d];
        if (c->pl_bitmap[d])
            for (uint32_t w = 0; w < n; w++)
                x->gbits[w] |= seg[w];
        else
            for (uint32_t i = 0; i < n; i++)
                x->gbits[seg[i] >> 5] |= (uint32_t)1 << (seg[i] & 31);
    }
    for (uint32_t w = 0; w < c->pl_words; w++)
        for (uint32_t b = x->gbits[w]; b; b &= b - 1)
            x->gven[c->place_group[(size_t)w * 32 + dj_ctz32(b)]]++;

    /* the service participations of the period, day by day */
    const uint32_t pbits = c->pbits, pmask = ((uint32_t)1 << pbits) - 1, hesc = UINT32_MAX >> pbits;
    size_t lo = 0, hi = c->nesc;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (c->esc[mid].row < c->m_off[d0])
            lo = mid + 1;
        else
            hi = mid;
    }
    size_t ei = lo;
    dj_vacc acc = dj_vacc_of(x);
    for (size_t d = d0; d < d1; d++) {
        const int32_t day = c->day[d];
        for (uint32_t j = c->m_off[d], e = c->m_off[d + 1]; j < e; j++) {
            uint32_t v = c->m[j], h = v >> pbits;
            dj_vacc_part(&acc, v & pmask, h == hesc ? c->esc[ei++].value : (int64_t)h, day);
        }
    }
    dj_vacc_back(x, &acc);
    /* the project pairs are read where they are (by_project copies them only to sort) */
    x->jsrc = c->pm + c->pm_off[d0];
    x->n_jkeys = c->pm_off[d1] - c->pm_off[d0];
    return 1;
}

/* The activities by a scan of every row: the period's rows that match the
 * filter (when there is one). */
static int dj_sx_scan(dj_sx *x)
{
    const dj_dataset *ds = x->ds;
    const int32_t *a_date = ds->a_date, *a_benef = ds->a_benef;
    const uint32_t *a_kind = ds->a_kind, *a_place = ds->a_place, *a_start = ds->a_start;
    const uint32_t ufrom = (uint32_t)x->from;
    const int filtered = x->q->filtered;
    for (size_t i = 0; i < x->na; i++) {
        uint32_t off = (uint32_t)a_date[i] - ufrom;
        if (off >= x->n_days)
            continue;
        uint32_t k = a_kind[i], pl = a_place[i], proj = ds->a_proj[i];
        if (filtered && !(x->kmatch[k] && x->plmatch[pl] && (x->smatch[proj] & (1u << DJ_F_PROJECTS))))
            continue;
        int64_t h = dj_amount_at(ds->a_hours, &ds->big_hours, i);
        int64_t fee = dj_amount_at(ds->a_fee, &ds->big_fee, i);
        int64_t don = dj_amount_at(ds->a_don, &ds->big_don, i), b = a_benef[i];
        dj_kacc *K = &x->kacc[k];
        K->acts++;
        K->hours += h;
        K->fee += fee;
        K->don += don;
        K->benef += b;
        /* no branch on the category: meeting rows go to their own
         * month/place rows (c = 1) and walk no participations */
        uint32_t m = x->mon[off], c = x->kserv[k] ^ 1u;
        dj_pacc *M = &x->macc[2 * (size_t)m + c], *P = &x->pacc[2 * (size_t)pl + c];
        M->acts++;
        M->hours += h;
        M->benef += b;
        P->acts++;
        P->hours += h;
        P->benef += b;
        x->present[(size_t)x->krow[k] * x->n_months + m] = 1;
        if (c)
            continue;
        if (proj) {
            dj_kacc *J = &x->jacc[proj];
            J->acts++;
            J->hours += h;
            J->fee += fee;
            J->don += don;
            J->benef += b;
        }
        dj_vacc acc = dj_vacc_of(x);
        for (uint32_t j = a_start[i], e = a_start[i + 1]; j < e; j++)
            dj_vacc_part(&acc, ds->m_person[j], dj_amount_at(ds->m_hours, &ds->big_mhours, j), a_date[i]);
        dj_vacc_back(x, &acc);
        for (uint32_t j = a_start[i], e = proj ? a_start[i + 1] : j; j < e; j++)
            if (!dj_sx_jkey(x, proj, ds->m_person[j]))
                return 0;
    }
    x->jsrc = x->jkeys;
    return 1;
}
/* ------------------------------------------------------------- stats() */

/* Computes every figure of STATS.md "Result" for the committed rows. The
 * query's defaults are resolved here: to = the latest date of the dataset,
 * from = 1 January of to's year, as_of = to, top 10, due_within 60, the
 * default meeting rules. On failure returns DJ_E_QUERY ("query.to: is required
 * when the dataset holds no date", "query.from: A is after to B") or
 * DJ_E_NOMEM, and *out is empty (safe to dj_stats_free). On success *out owns
 * its arrays (dj_stats_free). */
dj_status dj_dataset_stats(const dj_dataset *ds, const dj_query *q, dj_stats *out, dj_error *err)
{
    dj_sx x;
    memset(out, 0, sizeof *out);
    memset(&x, 0, sizeof x);
    x.ds = ds;
    x.q = q;
    x.out = out;
    x.np = ds->np;
    x.na = ds->na;
    x.nk = ds->kinds.n;
    x.npl = ds->places.n;
    x.ns = ds->str.n;
    dj_status st = dj_sx_query(&x, err);
    if (st != DJ_OK) {
        dj_sx_free(&x);
        dj_stats_free(out);
        return st;
    }
    dj_named *names = NULL;
    int ok = dj_sx_alloc(&x);
    if (ok) {
        dj_sx_prepare(&x);
        size_t nn = x.nk > x.npl ? x.nk : x.npl;
        names = dj_malloc((nn > x.ns ? nn : x.ns) * sizeof *names + sizeof *names);
        x.present = dj_calloc(x.n_rows * x.n_months, 1);
        ok = names && x.present;
    }
    ok = ok && (x.cache ? dj_sx_from_cache(&x) : dj_sx_scan(&x));
    ok = ok && dj_sx_people(&x) && dj_sx_kinds(&x, names) && dj_sx_venue_kinds(&x, names) &&
         dj_sx_months_top(&x) && dj_sx_projects(&x, names) && dj_sx_missing(&x);
    dj_free(names);
    dj_sx_free(&x);
    if (!ok) {
        dj_stats_free(out);
        return dj_error_set(err, DJ_E_NOMEM, "out of memory");
    }
    return DJ_OK;
}
