/*
 * stats_service.c - the service and meeting figures of stats(), from the
 * sums of the activity stage (stats.c).
 */
#include "stats_internal.h"

#include "dj_alloc.h"

#include <stdlib.h>
#include <string.h>

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

/* ------------------------------------------------------------- service */

/* Totals and by_kind of both categories, from the per-kind sums. */
int dj_sx_kinds(dj_sx *x, dj_named *names)
{
    const dj_dataset *ds = x->ds;
    dj_stats *out = x->out;
    size_t n_serv = 0, n_meet = 0;
    for (size_t k = 0; k < x->nk; k++) {
        const dj_kacc *K = &x->kacc[k];
        if (x->kserv[k]) {
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
            if (x->kserv[k])
                n_serv++;
            else
                n_meet++;
        }
    }
    qsort(names, n_serv + n_meet, sizeof *names, dj_named_cmp);
    out->service.by_kind = dj_malloc((n_serv ? n_serv : 1) * sizeof *out->service.by_kind);
    out->meetings.by_kind = dj_malloc((n_meet ? n_meet : 1) * sizeof *out->meetings.by_kind);
    if (!out->service.by_kind || !out->meetings.by_kind)
        return 0;
    for (size_t i = 0; i < n_serv + n_meet; i++) {
        uint32_t k = names[i].id;
        const dj_kacc *K = &x->kacc[k];
        if (x->kserv[k]) {
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
    return 1;
}

/* by_venue_kind: places (scan) or venue-kind groups (cache) by their
 * venue_kind string, sorted by it. */
int dj_sx_venue_kinds(dj_sx *x, dj_named *names)
{
    const dj_dataset *ds = x->ds;
    const dj_cache *cache = x->cache;
    size_t n_vk = 0, cap = 0, n = cache ? cache->ngroups : x->npl;
    dj_venue_stat *vs = NULL;
    int32_t *slot = dj_malloc(x->ns * sizeof *slot);
    if (!slot)
        return 0;
    for (size_t s = 0; s < x->ns; s++)
        slot[s] = -1;
    for (size_t p = 0; p < n; p++) {
        uint32_t vk = cache ? cache->group_vk[p] : ds->places.a[p];
        const dj_pacc *pa = cache ? &x->pacc[p] : &x->pacc[2 * p]; /* service */
        if (!pa->acts || vk == 0)
            continue;
        if (slot[vk] < 0) {
            if (!dj_room((void **)&vs, &cap, n_vk + 1, sizeof *vs)) {
                dj_free(vs);
                dj_free(slot);
                return 0;
            }
            slot[vk] = (int32_t)n_vk;
            memset(&vs[n_vk], 0, sizeof vs[n_vk]);
            size_t len;
            const char *s = dj_str_at(&ds->str, vk, &len);
            dj_copy_kind(vs[n_vk].venue_kind, s, len);
            n_vk++;
        }
        dj_venue_stat *v = &vs[slot[vk]];
        v->venues += cache ? x->gven[p] : ds->places.b[p] != 0;
        v->activities += pa->acts;
        v->beneficiaries += pa->benef;
        v->hours += pa->hours;
    }
    dj_free(slot);
    if (n_vk) {
        for (size_t i = 0; i < n_vk; i++) {
            names[i].s = vs[i].venue_kind;
            names[i].len = strlen(vs[i].venue_kind);
            names[i].id = (uint32_t)i;
        }
        qsort(names, n_vk, sizeof *names, dj_named_cmp);
        dj_venue_stat *sorted = dj_malloc(n_vk * sizeof *sorted);
        if (!sorted) {
            dj_free(vs);
            return 0;
        }
        for (size_t i = 0; i < n_vk; i++)
            sorted[i] = vs[names[i].id];
        dj_free(vs);
        vs = sorted;
    }
    x->out->service.by_venue_kind = vs;
    x->out->service.n_by_venue = n_vk;
    return 1;
}

/* by_month and top_volunteers (a heap of the `top` best). */
int dj_sx_months_top(dj_sx *x)
{
    dj_stats *out = x->out;
    out->service.by_month = dj_malloc(x->n_months * sizeof *out->service.by_month);
    if (!out->service.by_month)
        return 0;
    for (size_t m = 0; m < x->n_months; m++) {
        dj_month_stat *o = &out->service.by_month[m];
        o->year = x->fy + (int)((x->fm - 1 + (int)m) / 12);
        o->month = (x->fm - 1 + (int)m) % 12 + 1;
        o->activities = x->macc[2 * m].acts;
        o->hours = x->macc[2 * m].hours;
        o->beneficiaries = x->macc[2 * m].benef;
    }
    out->service.n_by_month = x->n_months;

    int64_t n_top = 0, vol = (int64_t)x->n_vol, top = x->top;
    dj_top_stat *heap = dj_malloc((size_t)(top < vol ? top : vol) * sizeof *heap + sizeof *heap);
    if (!heap)
        return 0;
    for (size_t i = 0; i < x->n_vol; i++) {
        uint32_t p = x->vlist[i];
        out->service.volunteer_hours += x->vhours[p];
        dj_top_stat t = {x->ds->p_id[p], x->vhours[p], x->vacts[p]};
        if (n_top < top) {
            heap[n_top] = t;
            dj_heap_up(heap, (size_t)n_top++);
        } else if (top > 0 && dj_top_before(&t, &heap[0])) {
            heap[0] = t;
            dj_heap_down(heap, (size_t)n_top, 0);
        }
    }
    qsort(heap, (size_t)n_top, sizeof *heap, dj_top_cmp);
    out->service.top = heap;
    out->service.n_top = (size_t)n_top;
    out->service.volunteers = vol;
    out->service.participation_ratio =
        out->members.party_members ? dj_ratio(x->took_part, out->members.party_members) : DJ_NULL_INT;
    out->service.party_volunteer_hours = x->pv_hours;
    out->service.party_volunteers = x->pv_count;
    return 1;
}

int dj_stats_projects_by_sort = 0;

/* The distinct volunteers of each project (vol[string]) from the period's
 * project << 32 | person pairs: a bitmap of the people per project present
 * when that is small (the usual few projects), else the pairs sorted. */
static int dj_sx_project_volunteers(dj_sx *x, int64_t *vol)
{
    size_t n_proj = 0, words = x->np / 64 + 1;
    for (size_t s = 1; s < x->ns; s++)
        n_proj += x->jacc[s].acts != 0;
    if (n_proj && n_proj * words <= ((size_t)8 << 20) && !dj_stats_projects_by_sort) {
        uint32_t *slot = dj_malloc(x->ns * sizeof *slot);
        uint64_t *bits = dj_calloc(n_proj * words, sizeof *bits);
        if (!slot || !bits) {
            dj_free(slot);
            dj_free(bits);
            return 0;
        }
        uint32_t k = 0;
        for (size_t s = 0; s < x->ns; s++)
            slot[s] = s && x->jacc[s].acts ? k++ : UINT32_MAX;
        for (size_t i = 0; i < x->n_jkeys; i++) {
            uint32_t who = (uint32_t)x->jsrc[i];
            uint64_t *b = bits + (size_t)slot[x->jsrc[i] >> 32] * words;
            b[who >> 6] |= (uint64_t)1 << (who & 63);
        }
        for (size_t s = 1; s < x->ns; s++) {
            if (slot[s] == UINT32_MAX)
                continue;
            const uint64_t *b = bits + (size_t)slot[s] * words;
            int64_t c = 0;
            for (size_t w = 0; w < words; w++)
                c += dj_popcount32((uint32_t)b[w]) + dj_popcount32((uint32_t)(b[w] >> 32));
            vol[s] = c;
        }
        dj_free(slot);
        dj_free(bits);
        return 1;
    }
    uint64_t *keys = dj_malloc((x->n_jkeys ? x->n_jkeys : 1) * sizeof *keys);
    uint64_t *tmp = dj_malloc((x->n_jkeys ? x->n_jkeys : 1) * sizeof *tmp);
    if (!keys || !tmp) {
        dj_free(keys);
        dj_free(tmp);
        return 0;
    }
    if (x->n_jkeys)
        memcpy(keys, x->jsrc, x->n_jkeys * sizeof *keys);
    dj_sort_u64(keys, x->n_jkeys, tmp);
    for (size_t i = 0; i < x->n_jkeys; i++)
        if (i == 0 || keys[i] != keys[i - 1])
            vol[keys[i] >> 32]++;
    dj_free(keys);
    dj_free(tmp);
    return 1;
}

/* by_project: the projects present, by name, each with its distinct
 * volunteers. */
int dj_sx_projects(dj_sx *x, dj_named *names)
{
    const dj_dataset *ds = x->ds;
    dj_stats *out = x->out;
    int64_t *vol = dj_calloc(x->ns, sizeof *vol);
    if (!vol || !dj_sx_project_volunteers(x, vol)) {
        dj_free(vol);
        return 0;
    }
    size_t n = 0, bytes = 0;
    for (size_t s = 1; s < x->ns; s++) {
        if (!x->jacc[s].acts)
            continue;
        names[n].s = dj_str_at(&ds->str, (uint32_t)s, &names[n].len);
        names[n].id = (uint32_t)s;
        bytes += names[n++].len;
    }
    qsort(names, n, sizeof *names, dj_named_cmp);
    out->service.by_project = dj_malloc((n ? n : 1) * sizeof *out->service.by_project);
    out->service.project_names = dj_malloc(bytes ? bytes : 1);
    if (!out->service.by_project || !out->service.project_names) {
        dj_free(vol);
        return 0;
    }
    char *p = out->service.project_names;
    for (size_t i = 0; i < n; i++) {
        const dj_kacc *J = &x->jacc[names[i].id];
        dj_project_stat *o = &out->service.by_project[i];
        memcpy(p, names[i].s, names[i].len);
        o->project = p;
        o->project_len = names[i].len;
        p += names[i].len;
        o->activities = J->acts;
        o->hours = J->hours;
        o->fee_waived = J->fee;
        o->donation = J->don;
        o->beneficiaries = J->benef;
        o->volunteers = vol[names[i].id];
    }
    out->service.n_by_project = n;
    dj_free(vol);
    return 1;
}

/* ------------------------------------------------------------- meetings */

/* meetings.missing: for each rule, the units wholly inside the period with
 * no meeting of its kind. */
int dj_sx_missing(dj_sx *x)
{
    dj_stats *out = x->out;
    out->meetings.missing = dj_calloc(x->n_rules ? x->n_rules : 1, sizeof *out->meetings.missing);
    if (!out->meetings.missing)
        return 0;
    const int m_first = x->fy * 12 + x->fm - 1;
    for (size_t r = 0; r < x->n_rules; r++) {
        const dj_rule *rule = &x->rules[r];
        dj_missing_stat *ms = &out->meetings.missing[out->meetings.n_missing++];
        memcpy(ms->kind, rule->kind, sizeof ms->kind);
        ms->unit = rule->unit;
        const uint8_t *pres = x->rule_row[r] ? x->present + (size_t)x->rule_row[r] * x->n_months : NULL;
        int len = rule->unit == DJ_UNIT_YEAR ? 12 : rule->unit == DJ_UNIT_QUARTER ? 3 : 1;
        /* units start at months where (month - 1) % len == 0, from the first unit touching from */
        int first = m_first / len * len, last = (x->ty * 12 + x->tm - 1) / len * len;
        ms->periods = dj_malloc((size_t)((last - first) / len + 1) * sizeof *ms->periods);
        if (!ms->periods)
            return 0;
        for (int u = first; u <= last; u += len) {
            int uy = u / 12, um = u % 12 + 1; /* first month of the unit */
            int32_t ustart = dj_date_from_ymd(uy, um, 1);
            int32_t uend = dj_date_from_ymd((u + len) / 12, (u + len) % 12 + 1, 1) - 1;
            if (ustart < x->from || uend > x->to)
                continue;
            int seen = 0;
            for (int k = 0; pres && k < len; k++)
                seen |= pres[(size_t)(u - m_first + k)];
            if (seen)
                continue;
            dj_period *p = &ms->periods[ms->n_periods++];
            p->year = uy;
            p->n = rule->unit == DJ_UNIT_YEAR ? 0 : rule->unit == DJ_UNIT_QUARTER ? (um - 1) / 3 + 1 : um;
        }
    }
    return 1;
}
