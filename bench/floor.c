/*
 * bench/floor.c - the floor: the same figures as stats() by a plain C loop over
 * the core's own packed columns, and the core's memory accounting.
 *
 *   floor FULL.snap PEOPLE.snap NOPARTS.snap FROM TO REPS OUT.json
 *
 * It links the core (every src/core .c file), loads FULL.snap with dj_snapshot_load
 * and reads the columns of struct dj_dataset directly (src/core/dataset_internal.h):
 * no PHP, no API calls, no allocation in the timed part (its scratch arrays are
 * allocated once). It computes, for the period FROM..TO (as_of = TO, top 10,
 * due_within 60, the default meeting rules): the member stages on as_of, the
 * pipeline counts and the due/overdue lists, the service sums (per kind, per venue
 * kind with distinct venues, per month), the participations walked for volunteer
 * hours, distinct volunteers, participation ratio and the top volunteers, and the
 * meeting counts and missing periods: every figure of stats(). REPS times, each
 * timed with CLOCK_MONOTONIC, taking turns with dj_dataset_stats().
 * The figures are printed (untimed) in statsJson's form, so report.php can demand
 * that they equal the extension's byte for byte: a floor that computes less would
 * not be a floor.
 *
 * It also times dj_dataset_stats() itself (the core without PHP) and reports
 * dj_dataset_memory() for the three snapshots (full, people only, activities
 * without participants), so run.sh can split the bytes per activity and per
 * participation.
 *
 * OUT.json holds the timings, the memory and the figures.
 */
#define _POSIX_C_SOURCE 199309L
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "dj.h"
#include "dj_alloc.h"
#include "dataset_internal.h"

/* ------------------------------------------------------------------ dates */

static int32_t days_from_civil(int y, int m, int d)
{
    y -= m <= 2;
    int era = (y >= 0 ? y : y - 399) / 400;
    int yoe = y - era * 400;
    int doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    int doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return (int32_t)(era * 146097 + doe - 719468);
}

static void civil_from_days(int32_t z, int *y, int *m, int *d)
{
    z += 719468;
    int era = (z >= 0 ? z : z - 146096) / 146097;
    int doe = z - era * 146097;
    int yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    int doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    int mp = (5 * doy + 2) / 153;
    *d = doy - (153 * mp + 2) / 5 + 1;
    *m = mp < 10 ? mp + 3 : mp - 9;
    *y = yoe + era * 400 + (*m <= 2);
}

static int32_t add_year(int32_t day)
{
    int y, m, d;
    civil_from_days(day, &y, &m, &d);
    if (m == 2 && d == 29) {
        m = 3;
        d = 1;
    }
    return days_from_civil(y + 1, m, d);
}

static int32_t parse_day(const char *s)
{
    int y, m, d;
    if (sscanf(s, "%d-%d-%d", &y, &m, &d) != 3) {
        fprintf(stderr, "floor: bad date %s\n", s);
        exit(2);
    }
    return days_from_civil(y, m, d);
}

static double now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

/* ---------------------------------------------------------------- figures */

enum { ST_NONE, ST_APPLICANT, ST_ACTIVIST, ST_CANDIDATE, ST_PROB, ST_FULL };

typedef struct {
    int64_t act, hours, fee, don, ben;
} kacc;

typedef struct {
    int32_t id, due;
} due_t;

typedef struct {
    int64_t hours, acts;
} vol;

typedef struct {
    int32_t id;
    int64_t hours, acts;
} top_t;

#define N_RULES 6
static const char *rule_kind[N_RULES] = {"branch_assembly", "committee",    "group_meeting",
                                         "life_meeting",    "party_lesson", "theme_day"};
static const int rule_unit[N_RULES] = {3, 1, 1, 12, 3, 1}; /* months per period */
#define TOP 10
#define DUE_WITHIN 60

typedef struct {
    /* scratch, sized once */
    uint8_t *stage;    /* per person */
    vol *v;            /* per person: volunteer hours, activities */
    kacc *k;           /* per kind pair */
    kacc *pl;          /* per place pair (act, hours, ben) */
    int *rule_of_kind; /* per kind pair: rule slot or -1 */
    uint8_t *present;  /* N_RULES x months of the period */
    int32_t *month_of; /* per day of the period: month index */
    due_t *due, *overdue;
    /* results */
    int64_t st[6], party, staff_hc, staff_party, staff_ratio;
    int64_t applied, activists, candidates, admitted, converted, transferred_in, left, eligible;
    size_t n_due, n_overdue;
    int64_t s_act, s_hours, s_fee, s_don, s_ben, vol_hours, volunteers, part_ratio;
    int64_t m_total, m_hours;
    int n_months, first_am; /* absolute month (y*12+m-1) of from */
    kacc *month;            /* act, hours, ben per month */
    top_t top[TOP];
    int n_top;
    /* v2 */
    int64_t hired, hired_party, pv_hours, pv_count;
    int32_t *pstart, *pend; /* per person: a party member on the roster on [pstart, pend) */
    uint8_t *pv;            /* per person: counted as a party volunteer */
    kacc *proj;             /* per string: the project's sums */
    int32_t *proj_slot;     /* per string: its slot in pbits, -1 when no activity has it as project */
    uint64_t *pbits;        /* slots x words: the project's volunteers */
    int64_t *proj_vol;      /* per slot: distinct volunteers */
    size_t n_slots, words;
} work;

static int cmp_due(const void *a, const void *b)
{
    const due_t *x = a, *y = b;
    if (x->due != y->due) {
        return x->due < y->due ? -1 : 1;
    }
    return (x->id > y->id) - (x->id < y->id);
}

static int better(const top_t *a, const top_t *b)
{
    if (a->hours != b->hours) {
        return a->hours > b->hours;
    }
    if (a->acts != b->acts) {
        return a->acts > b->acts;
    }
    return a->id < b->id;
}

static int64_t ratio4(int64_t num, int64_t den)
{
    return (num * 20000 + den) / (2 * den); /* half away from zero, both >= 0 */
}

/* Members on as_of and the pipeline (v2: stage dates only while in the
 * branch; hires), with each person's span as a party member. */
static void compute_people(const struct dj_dataset *ds, int32_t from, int32_t to, work *w)
{
    const int32_t as_of = to;
    size_t np = ds->np;

    /* ---- people: stage on as_of, pipeline */
    memset(w->st, 0, sizeof w->st);
    w->staff_party = w->applied = w->activists = w->candidates = w->admitted = w->converted = 0;
    w->transferred_in = w->left = w->eligible = w->hired = w->hired_party = 0;
    w->n_due = w->n_overdue = 0;
    const int32_t *const *pd = (const int32_t *const *)ds->p_date;
    for (size_t i = 0; i < np; i++) {
        int32_t ap = pd[DJ_STAGE_APPLIED][i], ac = pd[DJ_STAGE_ACTIVIST][i], ca = pd[DJ_STAGE_CANDIDATE][i];
        int32_t ad = pd[DJ_STAGE_ADMITTED][i], fu = pd[DJ_STAGE_FULL][i], jo = pd[DJ_JOINED][i];
        int32_t le = pd[DJ_LEFT][i], hi = pd[DJ_HIRED][i];
        /* v2: a stage date counts while the person belonged to the branch */
        int32_t lo = jo == DJ_NO_DATE ? from : (jo > from ? jo : from);
        int32_t hi_end = le == DJ_NO_DATE || le > to ? to : le - 1;
        w->applied += ap != DJ_NO_DATE && ap >= lo && ap <= hi_end;
        w->activists += ac != DJ_NO_DATE && ac >= lo && ac <= hi_end;
        w->candidates += ca != DJ_NO_DATE && ca >= lo && ca <= hi_end;
        w->admitted += ad != DJ_NO_DATE && ad >= lo && ad <= hi_end;
        w->converted += fu != DJ_NO_DATE && fu >= lo && fu <= hi_end;
        int hired = hi != DJ_NO_DATE && hi >= from && hi <= to;
        w->hired += hired;
        w->hired_party += hired && ad != DJ_NO_DATE && ad <= hi;
        int32_t first = ad != DJ_NO_DATE ? ad : fu != DJ_NO_DATE ? fu : INT32_MAX;
        w->pstart[i] = jo != DJ_NO_DATE && jo > first ? jo : first;
        w->pend[i] = le != DJ_NO_DATE ? le : INT32_MAX;
        w->transferred_in += jo != DJ_NO_DATE && jo >= from && jo <= to;
        w->left += le != DJ_NO_DATE && le >= from && le <= to;
        int32_t start = jo;
        if (start == DJ_NO_DATE) {
            start = ap != DJ_NO_DATE   ? ap
                    : ac != DJ_NO_DATE ? ac
                    : ca != DJ_NO_DATE ? ca
                    : ad != DJ_NO_DATE ? ad
                                       : fu;
        }
        uint8_t s = ST_NONE;
        if (start != DJ_NO_DATE && start <= as_of && (le == DJ_NO_DATE || as_of < le)) {
            /* DJ_NO_DATE is INT32_MIN: "<= as_of" would hold, so test presence */
            if (fu != DJ_NO_DATE && fu <= as_of) {
                s = ST_FULL;
            } else if (ad != DJ_NO_DATE && ad <= as_of) {
                s = ST_PROB;
                int32_t due = add_year(ad);
                if (due <= as_of) {
                    w->overdue[w->n_overdue++] = (due_t){ds->p_id[i], due};
                } else if (due <= as_of + DUE_WITHIN) {
                    w->due[w->n_due++] = (due_t){ds->p_id[i], due};
                }
            } else if (ca != DJ_NO_DATE && ca <= as_of) {
                s = ST_CANDIDATE;
            } else if (ac != DJ_NO_DATE && ac <= as_of) {
                s = ST_ACTIVIST;
                w->eligible += add_year(ac) <= as_of;
            } else if (ap != DJ_NO_DATE && ap <= as_of) {
                s = ST_APPLICANT;
            }
            w->st[s]++;
            w->staff_party += s >= ST_PROB && ds->p_staff[i];
        }
        w->stage[i] = s;
    }
    qsort(w->due, w->n_due, sizeof(due_t), cmp_due);
    qsort(w->overdue, w->n_overdue, sizeof(due_t), cmp_due);
    w->party = w->st[ST_PROB] + w->st[ST_FULL];
    w->staff_hc = DJ_NULL_INT;
    for (size_t i = 0; i < ds->nh && ds->h_date[i] <= as_of; i++) {
        w->staff_hc = ds->h_count[i];
    }
    w->staff_ratio =
        (w->staff_hc == DJ_NULL_INT || w->staff_hc == 0) ? DJ_NULL_INT : ratio4(w->staff_party, w->staff_hc);
}

/* The period's months, the meeting rules of the kinds, the scratch zeroed. */
static void compute_months(const struct dj_dataset *ds, int32_t from, int32_t to, work *w)
{
    size_t np = ds->np;

    /* ---- the period's months */
    int y, m, d;
    civil_from_days(from, &y, &m, &d);
    w->first_am = y * 12 + m - 1;
    civil_from_days(to, &y, &m, &d);
    w->n_months = y * 12 + m - 1 - w->first_am + 1;
    {
        int am = w->first_am;
        int32_t next = days_from_civil((am + 1) / 12, (am + 1) % 12 + 1, 1);
        for (int32_t day = from; day <= to; day++) {
            if (day == next) {
                am++;
                next = days_from_civil((am + 1) / 12, (am + 1) % 12 + 1, 1);
            }
            w->month_of[day - from] = am - w->first_am;
        }
    }
    memset(w->month, 0, (size_t)w->n_months * sizeof(kacc));
    memset(w->present, 0, (size_t)N_RULES * w->n_months);
    memset(w->k, 0, ds->kinds.n * sizeof(kacc));
    memset(w->pl, 0, ds->places.n * sizeof(kacc));
    for (uint32_t k = 0; k < ds->kinds.n; k++) {
        w->rule_of_kind[k] = -1;
        if (ds->kinds.a[k] != DJ_CAT_MEETING) {
            continue;
        }
        size_t len;
        const char *s = dj_str_at(&ds->str, ds->kinds.b[k], &len);
        for (int r = 0; r < N_RULES; r++) {
            if (strlen(rule_kind[r]) == len && memcmp(rule_kind[r], s, len) == 0) {
                w->rule_of_kind[k] = r;
            }
        }
    }
    memset(w->v, 0, np * sizeof(vol));
}

/* Every activity of the period and its participations. */
static void compute_activities(const struct dj_dataset *ds, int32_t from, int32_t to, work *w)
{
    size_t np = ds->np, na = ds->na;

    /* ---- activities and their participations: local copies of the columns so
     * that the stores below cannot make the compiler reload them */
    int64_t vol_hours = 0, pv_hours = 0, pv_count = 0;
    memset(w->pv, 0, np);
    memset(w->proj, 0, ds->str.n * sizeof(kacc));
    memset(w->pbits, 0, w->n_slots * w->words * sizeof(uint64_t));
    {
        const int32_t *a_date = ds->a_date, *a_benef = ds->a_benef, *month_of = w->month_of;
        const uint32_t *a_kind = ds->a_kind, *a_place = ds->a_place, *a_start = ds->a_start;
        const uint32_t *a_hours = ds->a_hours, *a_fee = ds->a_fee, *a_don = ds->a_don;
        const uint32_t *m_person = ds->m_person, *m_hours = ds->m_hours, *cat = ds->kinds.a;
        const int *rule_of_kind = w->rule_of_kind;
        const uint32_t ufrom = (uint32_t)from, ndays = (uint32_t)(to - from) + 1;
        const int nm = w->n_months;
        kacc *K = w->k, *PL = w->pl, *MO = w->month;
        vol *V = w->v;
        uint8_t *present = w->present;
        for (size_t i = 0; i < na; i++) {
            uint32_t off = (uint32_t)a_date[i] - ufrom; /* one compare for the period */
            if (off >= ndays) {
                continue;
            }
            uint32_t k = a_kind[i];
            int64_t hours = a_hours[i];
            if (hours == DJ_AMOUNT_ESC) {
                hours = dj_big_get(&ds->big_hours, (uint32_t)i);
            }
            kacc *ka = &K[k];
            ka->act++;
            ka->hours += hours;
            int mi = month_of[off];
            if (cat[k] == DJ_CAT_MEETING) {
                int r = rule_of_kind[k];
                if (r >= 0) {
                    present[r * nm + mi] = 1;
                }
                continue;
            }
            int64_t ben = a_benef[i];
            ka->fee += dj_amount_at(a_fee, &ds->big_fee, i);
            ka->don += dj_amount_at(a_don, &ds->big_don, i);
            ka->ben += ben;
            kacc *pl = &PL[a_place[i]];
            pl->act++;
            pl->hours += hours;
            pl->ben += ben;
            kacc *mo = &MO[mi];
            mo->act++;
            mo->hours += hours;
            mo->ben += ben;
            uint32_t pj = ds->a_proj[i];
            uint64_t *pb = NULL;
            if (pj) { /* v2: the project's sums and volunteers */
                kacc *pa = &w->proj[pj];
                pa->act++;
                pa->hours += hours;
                pa->fee += dj_amount_at(a_fee, &ds->big_fee, i);
                pa->don += dj_amount_at(a_don, &ds->big_don, i);
                pa->ben += ben;
                pb = w->pbits + (size_t)w->proj_slot[pj] * w->words;
            }
            const int32_t day = a_date[i];
            for (uint32_t j = a_start[i], e = a_start[i + 1]; j < e; j++) {
                int64_t h = m_hours[j];
                if (h == DJ_AMOUNT_ESC) {
                    h = dj_big_get(&ds->big_mhours, j);
                }
                uint32_t who = m_person[j];
                vol *p = &V[who];
                p->hours += h;
                p->acts++;
                vol_hours += h;
                if (w->pstart[who] <= day && day < w->pend[who]) { /* v2: a party member that day */
                    pv_hours += h;
                    pv_count += w->pv[who]++ == 0;
                }
                if (pb)
                    pb[who >> 6] |= (uint64_t)1 << (who & 63);
            }
        }
    }
    w->vol_hours = vol_hours;
    w->pv_hours = pv_hours;
    w->pv_count = pv_count;
    for (size_t sl = 0; sl < w->n_slots; sl++) {
        int64_t n = 0;
        for (size_t x = 0; x < w->words; x++)
            n += __builtin_popcountll(w->pbits[sl * w->words + x]);
        w->proj_vol[sl] = n;
    }
}

/* Totals, the participation ratio, the top volunteers. */
static void compute_totals(const struct dj_dataset *ds, work *w)
{
    size_t np = ds->np;

    /* ---- totals, participation ratio, top volunteers */
    w->s_act = w->s_hours = w->s_fee = w->s_don = w->s_ben = w->m_total = w->m_hours = 0;
    for (uint32_t k = 0; k < ds->kinds.n; k++) {
        const kacc *ka = &w->k[k];
        if (ds->kinds.a[k] == DJ_CAT_MEETING) {
            w->m_total += ka->act;
            w->m_hours += ka->hours;
        } else {
            w->s_act += ka->act;
            w->s_hours += ka->hours;
            w->s_fee += ka->fee;
            w->s_don += ka->don;
            w->s_ben += ka->ben;
        }
    }
    int64_t took_part = 0, volunteers = 0;
    w->n_top = 0;
    for (size_t p = 0; p < np; p++) {
        if (w->v[p].acts == 0) {
            continue;
        }
        volunteers++;
        took_part += w->stage[p] >= ST_PROB;
        top_t t = {ds->p_id[p], w->v[p].hours, w->v[p].acts};
        if (w->n_top == TOP && !better(&t, &w->top[TOP - 1])) {
            continue;
        }
        int at = w->n_top < TOP ? w->n_top++ : TOP - 1;
        while (at > 0 && better(&t, &w->top[at - 1])) {
            w->top[at] = w->top[at - 1];
            at--;
        }
        w->top[at] = t;
    }
    w->volunteers = volunteers;
    w->part_ratio = w->party == 0 ? DJ_NULL_INT : ratio4(took_part, w->party);
}

static void compute(const struct dj_dataset *ds, int32_t from, int32_t to, work *w)
{
    compute_people(ds, from, to, w);
    compute_months(ds, from, to, w);
    compute_activities(ds, from, to, w);
    compute_totals(ds, w);
}

/* ----------------------------------------------------------------- output */

static void put_amount(FILE *f, int64_t h)
{
    char buf[40];
    dj_format_amount(h, buf);
    fputs(buf, f);
}

static void put_ratio(FILE *f, int64_t r)
{
    char buf[40];
    if (r == DJ_NULL_INT) {
        fputs("null", f);
    } else {
        dj_format_ratio(r, buf);
        fputs(buf, f);
    }
}

static void put_date(FILE *f, int32_t day)
{
    char buf[11];
    dj_date_format(day, buf);
    fprintf(f, "\"%s\"", buf);
}

static void put_str(FILE *f, const struct dj_dataset *ds, uint32_t s)
{
    size_t len;
    const char *p = dj_str_at(&ds->str, s, &len);
    fputc('"', f);
    fwrite(p, 1, len, f); /* slugs: nothing to escape */
    fputc('"', f);
}

/* index of kinds (or places' venue kinds) sorted by their string, byte order */
static const struct dj_dataset *sort_ds;
static int cmp_str_idx(const void *a, const void *b)
{
    size_t la, lb;
    const char *sa = dj_str_at(&sort_ds->str, *(const uint32_t *)a, &la);
    const char *sb = dj_str_at(&sort_ds->str, *(const uint32_t *)b, &lb);
    int c = memcmp(sa, sb, la < lb ? la : lb);
    return c ? c : (la > lb) - (la < lb);
}

static void put_due(FILE *f, const due_t *v, size_t n)
{
    fputc('[', f);
    for (size_t i = 0; i < n; i++) {
        fprintf(f, "%s{\"id\":%d,\"due_on\":", i ? "," : "", v[i].id);
        put_date(f, v[i].due);
        fputc('}', f);
    }
    fputc(']', f);
}

/* A JSON string as statsJson prints one: '"', '\\' and controls escaped. */
static void put_json_str(FILE *f, const char *p, size_t n)
{
    fputc('"', f);
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)p[i];
        if (c == '"' || c == '\\')
            fprintf(f, "\\%c", c);
        else if (c == '\n')
            fputs("\\n", f);
        else if (c == '\r')
            fputs("\\r", f);
        else if (c == '\t')
            fputs("\\t", f);
        else if (c == '\b')
            fputs("\\b", f);
        else if (c == '\f')
            fputs("\\f", f);
        else if (c < 0x20)
            fprintf(f, "\\u%04x", c);
        else
            fputc(c, f);
    }
    fputc('"', f);
}

/* v2: party volunteers and by_project (ord: room for every string). */
static void put_projects(FILE *f, const struct dj_dataset *ds, const work *w, uint32_t *ord)
{
    fputs(",\"party_volunteer_hours\":", f);
    put_amount(f, w->pv_hours);
    fprintf(f, ",\"party_volunteers\":%lld,\"by_project\":{", (long long)w->pv_count);
    size_t n = 0;
    for (uint32_t s = 1; s < ds->str.n; s++)
        if (w->proj[s].act > 0)
            ord[n++] = s;
    qsort(ord, n, sizeof(uint32_t), cmp_str_idx);
    for (size_t i = 0; i < n; i++) {
        const kacc *pa = &w->proj[ord[i]];
        size_t len;
        const char *name = dj_str_at(&ds->str, ord[i], &len);
        fputs(i ? "," : "", f);
        put_json_str(f, name, len);
        fprintf(f, ":{\"activities\":%lld,\"hours\":", (long long)pa->act);
        put_amount(f, pa->hours);
        fputs(",\"fee_waived\":", f);
        put_amount(f, pa->fee);
        fputs(",\"donation\":", f);
        put_amount(f, pa->don);
        fprintf(f, ",\"beneficiaries\":%lld,\"volunteers\":%lld}", (long long)pa->ben,
                (long long)w->proj_vol[w->proj_slot[ord[i]]]);
    }
    fputc('}', f);
}

/* by_venue_kind, by_month, top_volunteers and the v2 service figures. */
static void put_service_tail(FILE *f, const struct dj_dataset *ds, const work *w, uint32_t *ord)
{
    size_t n = 0;
    /* by_venue_kind: fold the places into their venue kinds */
    for (uint32_t p = 0; p < ds->places.n; p++) {
        uint32_t vk = ds->places.a[p];
        int seen = 0;
        if (vk == 0 || w->pl[p].act == 0) {
            continue;
        }
        for (size_t i = 0; i < n; i++) {
            seen |= ord[i] == vk;
        }
        if (!seen) {
            ord[n++] = vk;
        }
    }
    qsort(ord, n, sizeof(uint32_t), cmp_str_idx);
    fputs(",\"by_venue_kind\":{", f);
    for (size_t i = 0; i < n; i++) {
        int64_t venues = 0, act = 0, ben = 0, hours = 0;
        for (uint32_t p = 0; p < ds->places.n; p++) {
            if (ds->places.a[p] == ord[i] && w->pl[p].act > 0) {
                venues += ds->places.b[p] != 0;
                act += w->pl[p].act;
                ben += w->pl[p].ben;
                hours += w->pl[p].hours;
            }
        }
        fputs(i ? "," : "", f);
        put_str(f, ds, ord[i]);
        fprintf(f,
                ":{\"venues\":%lld,\"activities\":%lld,\"beneficiaries\":%lld,\"hours\":", (long long)venues,
                (long long)act, (long long)ben);
        put_amount(f, hours);
        fputc('}', f);
    }
    fputs("},\"by_month\":[", f);
    for (int i = 0; i < w->n_months; i++) {
        int am = w->first_am + i;
        fprintf(f, "%s{\"month\":\"%04d-%02d\",\"activities\":%lld,\"hours\":", i ? "," : "", am / 12,
                am % 12 + 1, (long long)w->month[i].act);
        put_amount(f, w->month[i].hours);
        fprintf(f, ",\"beneficiaries\":%lld}", (long long)w->month[i].ben);
    }
    fputs("],\"top_volunteers\":[", f);
    for (int i = 0; i < w->n_top; i++) {
        fprintf(f, "%s{\"id\":%d,\"hours\":", i ? "," : "", w->top[i].id);
        put_amount(f, w->top[i].hours);
        fprintf(f, ",\"activities\":%lld}", (long long)w->top[i].acts);
    }
    fputc(']', f);
    put_projects(f, ds, w, ord);
}

static void put_figures(FILE *f, const struct dj_dataset *ds, const work *w, int32_t from, int32_t to)
{
    fputs("{\"period\":{\"from\":", f);
    put_date(f, from);
    fputs(",\"to\":", f);
    put_date(f, to);
    fputs(",\"as_of\":", f);
    put_date(f, to);
    fprintf(f,
            "},\"members\":{\"applicants\":%lld,\"activists\":%lld,\"candidates\":%lld,"
            "\"probationary\":%lld,\"full\":%lld,\"party_members\":%lld,\"staff_headcount\":",
            (long long)w->st[ST_APPLICANT], (long long)w->st[ST_ACTIVIST], (long long)w->st[ST_CANDIDATE],
            (long long)w->st[ST_PROB], (long long)w->st[ST_FULL], (long long)w->party);
    if (w->staff_hc == DJ_NULL_INT) {
        fputs("null", f);
    } else {
        fprintf(f, "%lld", (long long)w->staff_hc);
    }
    fprintf(f, ",\"staff_party_members\":%lld,\"staff_party_ratio\":", (long long)w->staff_party);
    put_ratio(f, w->staff_ratio);
    fprintf(f,
            "},\"pipeline\":{\"applied\":%lld,\"activists\":%lld,\"candidates\":%lld,\"admitted\":%lld,"
            "\"converted\":%lld,\"transferred_in\":%lld,\"left\":%lld,\"eligible_candidates\":%lld,"
            "\"due_for_conversion\":",
            (long long)w->applied, (long long)w->activists, (long long)w->candidates, (long long)w->admitted,
            (long long)w->converted, (long long)w->transferred_in, (long long)w->left,
            (long long)w->eligible);
    put_due(f, w->due, w->n_due);
    fputs(",\"overdue_conversion\":", f);
    put_due(f, w->overdue, w->n_overdue);
    fprintf(f, ",\"hired\":%lld,\"hired_party_members\":%lld", (long long)w->hired,
            (long long)w->hired_party);
    fprintf(f, "},\"service\":{\"activities\":%lld,\"hours\":", (long long)w->s_act);
    put_amount(f, w->s_hours);
    fputs(",\"fee_waived\":", f);
    put_amount(f, w->s_fee);
    fputs(",\"donation\":", f);
    put_amount(f, w->s_don);
    fprintf(f, ",\"beneficiaries\":%lld,\"volunteer_hours\":", (long long)w->s_ben);
    put_amount(f, w->vol_hours);
    fprintf(f, ",\"volunteers\":%lld,\"participation_ratio\":", (long long)w->volunteers);
    put_ratio(f, w->part_ratio);

    /* by_kind, service then meetings: kinds present, sorted by name */
    uint32_t *ord = malloc((ds->kinds.n + ds->places.n + ds->str.n + 1) * sizeof(uint32_t));
    uint32_t *kidx = malloc((ds->kinds.n + 1) * sizeof(uint32_t));
    if (!ord || !kidx) {
        fputs("floor: out of memory\n", stderr);
        exit(1);
    }
    sort_ds = ds;
    for (int cat = DJ_CAT_SERVICE; cat <= DJ_CAT_MEETING; cat++) {
        size_t n = 0;
        for (uint32_t k = 0; k < ds->kinds.n; k++) {
            if (ds->kinds.a[k] == (uint32_t)cat && w->k[k].act > 0) {
                ord[n++] = ds->kinds.b[k];
            }
        }
        qsort(ord, n, sizeof(uint32_t), cmp_str_idx);
        for (size_t i = 0; i < n; i++) { /* back from the string to the pair */
            for (uint32_t k = 0; k < ds->kinds.n; k++) {
                if (ds->kinds.a[k] == (uint32_t)cat && ds->kinds.b[k] == ord[i]) {
                    kidx[i] = k;
                }
            }
        }
        if (cat == DJ_CAT_MEETING) {
            fprintf(f, "},\"meetings\":{\"total\":%lld,\"hours\":", (long long)w->m_total);
            put_amount(f, w->m_hours);
        }
        fputs(",\"by_kind\":{", f);
        for (size_t i = 0; i < n; i++) {
            const kacc *ka = &w->k[kidx[i]];
            fputs(i ? "," : "", f);
            put_str(f, ds, ord[i]);
            if (cat == DJ_CAT_MEETING) {
                fprintf(f, ":%lld", (long long)ka->act);
                continue;
            }
            fprintf(f, ":{\"activities\":%lld,\"hours\":", (long long)ka->act);
            put_amount(f, ka->hours);
            fputs(",\"fee_waived\":", f);
            put_amount(f, ka->fee);
            fputs(",\"donation\":", f);
            put_amount(f, ka->don);
            fprintf(f, ",\"beneficiaries\":%lld}", (long long)ka->ben);
        }
        fputc('}', f);
        if (cat == DJ_CAT_MEETING) {
            break;
        }
        put_service_tail(f, ds, w, ord);
    }
    /* missing: periods wholly inside from..to with no meeting of the kind */
    fputs(",\"missing\":{", f);
    for (int r = 0; r < N_RULES; r++) {
        int unit = rule_unit[r], first = 1;
        fprintf(f, "%s\"%s\":[", r ? "," : "", rule_kind[r]);
        for (int am = (w->first_am / unit) * unit; am < w->first_am + w->n_months; am += unit) {
            int32_t p0 = days_from_civil(am / 12, am % 12 + 1, 1);
            int32_t p1 = days_from_civil((am + unit) / 12, (am + unit) % 12 + 1, 1) - 1;
            if (p0 < from || p1 > to) {
                continue;
            }
            int any = 0;
            for (int i = 0; i < unit; i++) {
                any |= w->present[r * w->n_months + am + i - w->first_am];
            }
            if (any) {
                continue;
            }
            if (unit == 1) {
                fprintf(f, "%s\"%04d-%02d\"", first ? "" : ",", am / 12, am % 12 + 1);
            } else if (unit == 3) {
                fprintf(f, "%s\"%04d-Q%d\"", first ? "" : ",", am / 12, am % 12 / 3 + 1);
            } else {
                fprintf(f, "%s\"%04d\"", first ? "" : ",", am / 12);
            }
            first = 0;
        }
        fputc(']', f);
    }
    fputs("}}}", f);
    free(ord);
    free(kidx);
}

static void put_times(FILE *f, const char *name, double *t, int n)
{
    double s[64];
    memcpy(s, t, (size_t)n * sizeof(double));
    for (int i = 1; i < n; i++) { /* insertion sort: n is small */
        double x = s[i];
        int j = i;
        while (j > 0 && s[j - 1] > x) {
            s[j] = s[j - 1];
            j--;
        }
        s[j] = x;
    }
    fprintf(f, "\"%s_ms\":[", name);
    for (int i = 0; i < n; i++) {
        fprintf(f, "%s%.4f", i ? "," : "", t[i]);
    }
    fprintf(f, "],\"%s_best_ms\":%.4f,\"%s_median_ms\":%.4f,", name, s[0], name, s[n / 2]);
}

/* dj_dataset_memory() after one stats() call of FROM..TO (which builds the core's
 * per-day cache inside the dataset, counted by dj_dataset_memory). */
static size_t memory_after_stats(dj_dataset *ds, int32_t from, int32_t to)
{
    dj_query q;
    dj_stats st;
    dj_error err;
    dj_query_init(&q);
    q.from = from;
    q.to = to;
    if (dj_dataset_stats(ds, &q, &st, &err) != DJ_OK) {
        fprintf(stderr, "floor: dj_dataset_stats: %s\n", err.message);
        exit(1);
    }
    dj_stats_free(&st);
    dj_query_free(&q);
    return dj_dataset_memory(ds);
}

static dj_dataset *load_or_die(const char *path)
{
    dj_dataset *ds = NULL;
    dj_error err;
    if (dj_snapshot_load(path, &ds, &err) != DJ_OK) {
        fprintf(stderr, "floor: %s\n", err.message);
        exit(1);
    }
    return ds;
}

int main(int argc, char **argv)
{
    if (argc != 8) {
        fputs("usage: floor FULL.snap PEOPLE.snap NOPARTS.snap FROM TO REPS OUT.json\n", stderr);
        return 2;
    }
    int32_t from = parse_day(argv[4]), to = parse_day(argv[5]);
    int reps = atoi(argv[6]);
    if (reps < 1 || reps > 64 || from > to) {
        fputs("floor: REPS must be 1..64 and FROM <= TO\n", stderr);
        return 2;
    }

    size_t mem_people, mem_noparts, mem_full, after_people, after_noparts, after_full;
    dj_dataset *ds = load_or_die(argv[2]);
    mem_people = dj_dataset_memory(ds);
    after_people = memory_after_stats(ds, from, to);
    dj_dataset_release(ds);
    ds = load_or_die(argv[3]);
    mem_noparts = dj_dataset_memory(ds);
    after_noparts = memory_after_stats(ds, from, to);
    dj_dataset_release(ds);
    double t0 = now_ms();
    ds = load_or_die(argv[1]);
    double load_ms = now_ms() - t0;
    mem_full = dj_dataset_memory(ds);

    work w;
    memset(&w, 0, sizeof w);
    size_t np = ds->np, days = (size_t)(to - from) + 1;
    w.stage = malloc(np + 1);
    w.v = malloc((np + 1) * sizeof(vol));
    w.k = malloc((ds->kinds.n + 1) * sizeof(kacc));
    w.pl = malloc((ds->places.n + 1) * sizeof(kacc));
    w.rule_of_kind = malloc((ds->kinds.n + 1) * sizeof(int));
    w.month_of = malloc(days * sizeof(int32_t));
    w.month = malloc((days / 28 + 2) * sizeof(kacc));
    w.present = malloc((size_t)N_RULES * (days / 28 + 2));
    w.due = malloc((np + 1) * sizeof(due_t));
    w.overdue = malloc((np + 1) * sizeof(due_t));
    w.pstart = malloc((np + 1) * sizeof(int32_t));
    w.pend = malloc((np + 1) * sizeof(int32_t));
    w.pv = malloc(np + 1);
    w.proj = malloc((ds->str.n + 1) * sizeof(kacc));
    w.proj_slot = malloc((ds->str.n + 1) * sizeof(int32_t));
    for (size_t x = 0; w.proj_slot && x < ds->str.n; x++)
        w.proj_slot[x] = -1;
    for (size_t i = 0; w.proj_slot && i < ds->na; i++)
        if (ds->a_proj[i] && w.proj_slot[ds->a_proj[i]] < 0)
            w.proj_slot[ds->a_proj[i]] = (int32_t)w.n_slots++;
    w.words = np / 64 + 1;
    w.pbits = malloc((w.n_slots * w.words + 1) * sizeof(uint64_t));
    w.proj_vol = malloc((w.n_slots + 1) * sizeof(int64_t));
    if (!w.pstart || !w.pend || !w.pv || !w.proj || !w.proj_slot || !w.pbits || !w.proj_vol) {
        fputs("floor: out of memory\n", stderr);
        return 1;
    }
    if (!w.stage || !w.v || !w.k || !w.pl || !w.rule_of_kind || !w.month_of || !w.month || !w.present ||
        !w.due || !w.overdue) {
        fputs("floor: out of memory\n", stderr);
        return 1;
    }

    double floor_t[64], core_t[64], core_first = 0;
    /* the floor and the core take turns, one warm-up round first, so that a
     * noisy neighbour slows both alike */
    dj_query q;
    dj_query_init(&q);
    q.from = from;
    q.to = to;
    for (int r = -1; r < reps; r++) {
        t0 = now_ms();
        compute(ds, from, to, &w);
        double ms = now_ms() - t0;
        if (r >= 0) {
            floor_t[r] = ms;
        }
        dj_stats st;
        dj_error err;
        t0 = now_ms();
        dj_status s = dj_dataset_stats(ds, &q, &st, &err);
        ms = now_ms() - t0;
        if (s != DJ_OK) {
            fprintf(stderr, "floor: dj_dataset_stats: %s\n", err.message);
            return 1;
        }
        dj_stats_free(&st);
        if (r >= 0) {
            core_t[r] = ms;
        } else {
            core_first = ms; /* the first call after the load: builds the per-day cache */
        }
    }
    dj_query_free(&q);
    after_full = dj_dataset_memory(ds);

    FILE *f = fopen(argv[7], "w");
    if (!f) {
        perror(argv[7]);
        return 1;
    }
    fputc('{', f);
    put_times(f, "floor", floor_t, reps);
    put_times(f, "core", core_t, reps);
    fprintf(f,
            "\"load_ms\":%.2f,\"people\":%zu,\"activities\":%zu,\"participations\":%zu,"
            "\"memory_full\":%zu,\"memory_people\":%zu,\"memory_noparts\":%zu,"
            "\"after_stats_full\":%zu,\"after_stats_people\":%zu,\"after_stats_noparts\":%zu,"
            "\"core_first_ms\":%.4f,\"figures\":",
            load_ms, ds->np, ds->na, ds->nm, mem_full, mem_people, mem_noparts, after_full, after_people,
            after_noparts, core_first);
    put_figures(f, ds, &w, from, to);
    fputs("}\n", f);
    if (fclose(f) != 0) {
        perror(argv[7]);
        return 1;
    }
    free(w.stage);
    free(w.v);
    free(w.k);
    free(w.pl);
    free(w.rule_of_kind);
    free(w.month_of);
    free(w.month);
    free(w.present);
    free(w.due);
    free(w.overdue);
    free(w.pstart);
    free(w.pend);
    free(w.pv);
    free(w.proj);
    free(w.proj_slot);
    free(w.pbits);
    free(w.proj_vol);
    dj_dataset_release(ds);
    return 0;
}
