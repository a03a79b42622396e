/*
 * stats_people.c - members and pipeline of stats(): one pass over the people
 * columns in blocks of 16, column by column.
 */
#include "stats_internal.h"

#include "dj_alloc.h"

#include <string.h>

/* Sorts v by due_on, then id: the 64-bit keys (due_on - min) << 32 | id
 * through dj_sort_u64. tmp has room for 2n keys (the keys and the sort's
 * swap). */
static void dj_due_sort(dj_due_stat *v, size_t n, uint64_t *tmp)
{
    if (n < 2)
        return;
    int32_t lo = v[0].due_on;
    for (size_t i = 1; i < n; i++)
        if (v[i].due_on < lo)
            lo = v[i].due_on;
    uint64_t *a = tmp;
    for (size_t i = 0; i < n; i++)
        a[i] = (uint64_t)(uint32_t)(v[i].due_on - lo) << 32 | (uint32_t)v[i].id;
    dj_sort_u64(a, n, tmp + n);
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

/* ------------------------------------------------------------- people */

/* Appends a probationary member near conversion to the shared due buffer. */
static int dj_sx_due(dj_sx *x, size_t i, size_t *n_due, size_t *n_over, size_t *cap)
{
    dj_stats *out = x->out;
    int32_t on = dj_date_add_year(x->ds->p_date[DJ_STAGE_ADMITTED][i]);
    if (*n_due + *n_over == *cap) {
        size_t cp = *cap ? *cap * 2 : 16;
        dj_due_stat *g = dj_realloc(out->pipeline.due_for_conversion, cp * sizeof *g);
        if (!g)
            return 0;
        out->pipeline.due_for_conversion = g;
        *cap = cp;
    }
    dj_due_stat e = {x->ds->p_id[i], on};
    out->pipeline.due_for_conversion[*n_due + *n_over] = e; /* both lists in one buffer for now */
    if (on <= x->as_of)
        (*n_over)++;
    else
        (*n_due)++;
    return 1;
}

/* Splits the shared buffer into due and overdue, each by due_on then id. */
static int dj_sx_due_split(dj_sx *x, size_t n_due, size_t n_over)
{
    dj_stats *out = x->out;
    dj_due_stat *all = out->pipeline.due_for_conversion;
    dj_due_stat *due = dj_malloc((n_due ? n_due : 1) * sizeof *due);
    dj_due_stat *over = dj_malloc((n_over ? n_over : 1) * sizeof *over);
    if (!due || !over) {
        dj_free(due);
        dj_free(over);
        return 0;
    }
    size_t a = 0, b = 0;
    for (size_t i = 0; i < n_due + n_over; i++) {
        if (all[i].due_on <= x->as_of)
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
        return 0;
    dj_due_sort(due, n_due, keys);
    dj_due_sort(over, n_over, keys);
    dj_free(keys);
    return 1;
}

/* Counts of one person (the tail of the people, fewer than a block). */
typedef struct {
    int64_t cnt[DJ_PERSON_DATES]; /* stage dates within the period while in the branch; joined, left, hired */
    int64_t stage_n[6];           /* by 1 + stage on as_of; [0]: not a member */
    int64_t staff_members, eligible, took_part, hired_party;
} dj_pcount;

/* The stage on as_of (1 + stage, 0: not on the roster or no stage) and the
 * counts of person i, one at a time. Returns 1 when due[] should be set. */
static uint32_t dj_sx_person(const dj_sx *x, size_t i, dj_pcount *pc, int32_t yb_as_of, int32_t yb_due)
{
    const int32_t *const *pd = (const int32_t *const *)x->ds->p_date;
    const uint32_t uf = (uint32_t)x->from, span = (uint32_t)(x->to - x->from);
    const uint32_t ua = (uint32_t)x->as_of ^ 0x80000000u;
    const int32_t jo = pd[DJ_JOINED][i], le = pd[DJ_LEFT][i], lend = le == DJ_NO_DATE ? INT32_MAX : le;
    for (int k = 0; k < DJ_PERSON_DATES; k++) {
        int32_t v = pd[k][i];
        int in = (uint32_t)v - uf <= span;
        if (k <= DJ_STAGE_FULL)
            in = in && v >= jo && v < lend;
        pc->cnt[k] += in;
    }
    int32_t hi = pd[DJ_HIRED][i], adm = pd[DJ_STAGE_ADMITTED][i];
    pc->hired_party += (uint32_t)hi - uf <= span && adm != DJ_NO_DATE && adm <= hi;
    uint32_t s1 = 0;
    for (int k = DJ_STAGE_APPLIED; k <= DJ_STAGE_FULL; k++)
        if (((uint32_t)pd[k][i] ^ 0x80000000u) - 1u < ua)
            s1 = (uint32_t)k + 1;
    if ((((uint32_t)le ^ 0x80000000u) - 1u < ua) || jo > x->as_of)
        s1 = 0;
    pc->stage_n[s1]++;
    int party = s1 > DJ_STAGE_ADMITTED;
    pc->staff_members += party && x->ds->p_staff[i];
    pc->took_part += party && x->vacts[i];
    pc->eligible += s1 == DJ_STAGE_ACTIVIST + 1 && pd[DJ_STAGE_ACTIVIST][i] <= yb_as_of;
    return s1 == DJ_STAGE_ADMITTED + 1 && adm <= yb_due;
}

/* A whole block of DJ_PB people, column by column (fixed trip counts the
 * compiler vectorizes, no branch); due[j] as dj_sx_person returns it. */
enum { DJ_PB = 16 };
static uint32_t dj_sx_block(const dj_sx *x, size_t i0, dj_pcount *pc, int32_t yb_as_of, int32_t yb_due,
                            uint32_t due[DJ_PB])
{
    const int32_t *const *pd = (const int32_t *const *)x->ds->p_date;
    const uint32_t uf = (uint32_t)x->from, span = (uint32_t)(x->to - x->from);
    /* With u(d) = d ^ 2^31 (DJ_NO_DATE is 0), "d present and d <= as_of"
     * is u(d) - 1 < u(as_of): one unsigned comparison. */
    const uint32_t ua = (uint32_t)x->as_of ^ 0x80000000u;
    const int32_t *jo = pd[DJ_JOINED] + i0, *le = pd[DJ_LEFT] + i0;
    int32_t lend[DJ_PB];
    uint32_t st[DJ_PB], c[DJ_PB], any = 0;
    for (int j = 0; j < DJ_PB; j++)
        lend[j] = le[j] == DJ_NO_DATE ? INT32_MAX : le[j];
    for (int k = 0; k < DJ_PERSON_DATES; k++) {
        const int32_t *col = pd[k] + i0;
        uint32_t n = 0;
        if (k <= DJ_STAGE_FULL) /* v2: only while the person belonged to the branch */
            for (int j = 0; j < DJ_PB; j++)
                n += ((uint32_t)col[j] - uf <= span) & (col[j] >= jo[j]) & (col[j] < lend[j]);
        else
            for (int j = 0; j < DJ_PB; j++)
                n += (uint32_t)col[j] - uf <= span;
        pc->cnt[k] += n;
    }
    const int32_t *hi = pd[DJ_HIRED] + i0, *adm = pd[DJ_STAGE_ADMITTED] + i0,
                  *act = pd[DJ_STAGE_ACTIVIST] + i0;
    uint32_t n_hp = 0;
    for (int j = 0; j < DJ_PB; j++)
        n_hp += ((uint32_t)hi[j] - uf <= span) & (adm[j] != DJ_NO_DATE) & (adm[j] <= hi[j]);
    pc->hired_party += n_hp;
    for (int j = 0; j < DJ_PB; j++)
        st[j] = 0;
    for (int k = DJ_STAGE_APPLIED; k <= DJ_STAGE_FULL; k++) {
        const int32_t *col = pd[k] + i0;
        for (int j = 0; j < DJ_PB; j++) {
            c[j] = ((uint32_t)col[j] ^ 0x80000000u) - 1u < ua;
            st[j] = c[j] ? (uint32_t)k + 1 : st[j];
        }
    }
    /* started after as_of (joined_on, else the first stage: implied by a
     * stage reached) or left on or before it */
    for (int j = 0; j < DJ_PB; j++) {
        c[j] = (((uint32_t)le[j] ^ 0x80000000u) - 1u < ua) | (jo[j] > x->as_of);
        st[j] = c[j] ? 0 : st[j];
    }
    for (uint32_t v = 1; v <= 5; v++) {
        uint32_t n = 0;
        for (int j = 0; j < DJ_PB; j++)
            n += st[j] == v;
        pc->stage_n[v] += n;
    }
    const uint8_t *sf = x->ds->p_staff + i0;
    const uint32_t *va = x->vacts + i0;
    uint32_t n_staff = 0, n_took = 0, n_elig = 0;
    for (int j = 0; j < DJ_PB; j++)
        n_staff += (st[j] > DJ_STAGE_ADMITTED) & (sf[j] != 0);
    for (int j = 0; j < DJ_PB; j++)
        n_took += (st[j] > DJ_STAGE_ADMITTED) & (va[j] != 0);
    for (int j = 0; j < DJ_PB; j++)
        n_elig += (st[j] == DJ_STAGE_ACTIVIST + 1) & (act[j] <= yb_as_of);
    for (int j = 0; j < DJ_PB; j++) {
        due[j] = (st[j] == DJ_STAGE_ADMITTED + 1) & (adm[j] <= yb_due);
        any |= due[j];
    }
    pc->staff_members += n_staff;
    pc->took_part += n_took;
    pc->eligible += n_elig;
    return any;
}

/* members and pipeline. */
int dj_sx_people(dj_sx *x)
{
    dj_stats *out = x->out;
    dj_pcount pc;
    memset(&pc, 0, sizeof pc);
    size_t n_due = 0, n_over = 0, cap_due = 0;
    /* add_year(d) <= y  <=>  d <= dj_year_before(y) */
    const int32_t yb_as_of = dj_year_before(x->as_of), yb_due = dj_year_before(x->as_of + x->due_within);
    for (size_t i0 = 0; i0 < x->np; i0 += DJ_PB) {
        const size_t nb = x->np - i0 < DJ_PB ? x->np - i0 : DJ_PB;
        uint32_t due[DJ_PB], any = 0;
        if (nb == DJ_PB) {
            any = dj_sx_block(x, i0, &pc, yb_as_of, yb_due, due);
        } else {
            for (size_t j = 0; j < nb; j++)
                any |= due[j] = dj_sx_person(x, i0 + j, &pc, yb_as_of, yb_due);
        }
        for (size_t j = 0; any && j < nb; j++)
            if (due[j] && !dj_sx_due(x, i0 + j, &n_due, &n_over, &cap_due))
                return 0;
    }
    x->took_part = pc.took_part;
    out->members.staff_party_members = pc.staff_members;
    out->pipeline.eligible_candidates = pc.eligible;
    out->members.applicants = pc.stage_n[DJ_STAGE_APPLIED + 1];
    out->members.activists = pc.stage_n[DJ_STAGE_ACTIVIST + 1];
    out->members.candidates = pc.stage_n[DJ_STAGE_CANDIDATE + 1];
    out->members.probationary = pc.stage_n[DJ_STAGE_ADMITTED + 1];
    out->members.full = pc.stage_n[DJ_STAGE_FULL + 1];
    out->members.party_members = pc.stage_n[DJ_STAGE_ADMITTED + 1] + pc.stage_n[DJ_STAGE_FULL + 1];
    out->pipeline.applied = pc.cnt[DJ_STAGE_APPLIED];
    out->pipeline.activists = pc.cnt[DJ_STAGE_ACTIVIST];
    out->pipeline.candidates = pc.cnt[DJ_STAGE_CANDIDATE];
    out->pipeline.admitted = pc.cnt[DJ_STAGE_ADMITTED];
    out->pipeline.converted = pc.cnt[DJ_STAGE_FULL];
    out->pipeline.transferred_in = pc.cnt[DJ_JOINED];
    out->pipeline.left = pc.cnt[DJ_LEFT];
    out->pipeline.hired = pc.cnt[DJ_HIRED];
    out->pipeline.hired_party_members = pc.hired_party;

    /* headcount on as_of */
    const dj_dataset *ds = x->ds;
    size_t lo = 0, hi = ds->nh; /* first point > as_of */
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (ds->h_date[mid] <= x->as_of)
            lo = mid + 1;
        else
            hi = mid;
    }
    int64_t hc = lo ? ds->h_count[lo - 1] : DJ_NULL_INT;
    out->members.staff_headcount = hc;
    out->members.staff_party_ratio =
        hc == DJ_NULL_INT || hc == 0 ? DJ_NULL_INT : dj_ratio(out->members.staff_party_members, hc);
    return dj_sx_due_split(x, n_due, n_over);
}
