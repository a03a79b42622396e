/*
 * stats_json.c - the statsJson() text of a dj_stats, and the number formats
 * it shares with the binding (STATS.md "How statsJson() prints").
 */
#include "dj.h"

#include "dj_alloc.h"
#include "dj_fields.h"

#include <string.h>

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

/* A JSON string: '"' and '\\' escaped, control bytes as \\uXXXX (or the
 * short escapes), non-ASCII and '/' as they are (as jansson prints them). */
static void dj_put_string(dj_buf *b, const char *s, size_t n)
{
    size_t run = 0;
    dj_put(b, "\"", 1);
    for (size_t i = 0; i < n; i++) {
        if (!DJ_JSON_MUST_ESCAPE(s[i]))
            continue;
        char e[6];
        dj_put(b, s + run, i - run);
        dj_put(b, e, dj_json_escape_byte((unsigned char)s[i], e));
        run = i + 1;
    }
    dj_put(b, s + run, n - run);
    dj_put(b, "\"", 1);
}

static void dj_put_key(dj_buf *b, int first, const char *k)
{
    dj_puts(b, first ? "\"" : ",\"");
    dj_puts(b, k); /* slugs: nothing to escape */
    dj_puts(b, "\":");
}

/* service.by_kind, by_venue_kind, by_month and top_volunteers (up to its
 * closing bracket). */
static void dj_put_service_lists(dj_buf *b, const dj_stats *s)
{
    dj_puts(b, ",\"by_kind\":{");
    for (size_t i = 0; i < s->service.n_by_kind; i++) {
        const dj_kind_stat *k = &s->service.by_kind[i];
        dj_put_key(b, i == 0, k->kind);
        dj_put_kint(b, "{\"activities\":", k->activities);
        dj_put_kamount(b, ",\"hours\":", k->hours);
        dj_put_kamount(b, ",\"fee_waived\":", k->fee_waived);
        dj_put_kamount(b, ",\"donation\":", k->donation);
        dj_put_kint(b, ",\"beneficiaries\":", k->beneficiaries);
        dj_put(b, "}", 1);
    }
    dj_puts(b, "},\"by_venue_kind\":{");
    for (size_t i = 0; i < s->service.n_by_venue; i++) {
        const dj_venue_stat *v = &s->service.by_venue_kind[i];
        dj_put_key(b, i == 0, v->venue_kind);
        dj_put_kint(b, "{\"venues\":", v->venues);
        dj_put_kint(b, ",\"activities\":", v->activities);
        dj_put_kint(b, ",\"beneficiaries\":", v->beneficiaries);
        dj_put_kamount(b, ",\"hours\":", v->hours);
        dj_put(b, "}", 1);
    }
    dj_puts(b, "},\"by_month\":[");
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
        dj_puts(b, i ? ",{\"month\":\"" : "{\"month\":\"");
        dj_put(b, mt, 7);
        dj_put_kint(b, "\",\"activities\":", m->activities);
        dj_put_kamount(b, ",\"hours\":", m->hours);
        dj_put_kint(b, ",\"beneficiaries\":", m->beneficiaries);
        dj_put(b, "}", 1);
    }
    dj_puts(b, "],\"top_volunteers\":[");
    for (size_t i = 0; i < s->service.n_top; i++) {
        const dj_top_stat *t = &s->service.top[i];
        dj_puts(b, i ? ",{" : "{");
        dj_put_kint(b, "\"id\":", t->id);
        dj_put_kamount(b, ",\"hours\":", t->hours);
        dj_put_kint(b, ",\"activities\":", t->activities);
        dj_put(b, "}", 1);
    }
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
    dj_put_kint(&b, ",\"hired\":", s->pipeline.hired);
    dj_put_kint(&b, ",\"hired_party_members\":", s->pipeline.hired_party_members);

    dj_put_kint(&b, "},\"service\":{\"activities\":", s->service.activities);
    dj_put_kamount(&b, ",\"hours\":", s->service.hours);
    dj_put_kamount(&b, ",\"fee_waived\":", s->service.fee_waived);
    dj_put_kamount(&b, ",\"donation\":", s->service.donation);
    dj_put_kint(&b, ",\"beneficiaries\":", s->service.beneficiaries);
    dj_put_kamount(&b, ",\"volunteer_hours\":", s->service.volunteer_hours);
    dj_put_kint(&b, ",\"volunteers\":", s->service.volunteers);
    dj_put_kratio(&b, ",\"participation_ratio\":", s->service.participation_ratio);
    dj_put_service_lists(&b, s);
    dj_put_kamount(&b, "],\"party_volunteer_hours\":", s->service.party_volunteer_hours);
    dj_put_kint(&b, ",\"party_volunteers\":", s->service.party_volunteers);
    dj_puts(&b, ",\"by_project\":{");
    for (size_t i = 0; i < s->service.n_by_project; i++) {
        const dj_project_stat *p = &s->service.by_project[i];
        if (i)
            dj_put(&b, ",", 1);
        dj_put_string(&b, p->project, p->project_len);
        dj_put_kint(&b, ":{\"activities\":", p->activities);
        dj_put_kamount(&b, ",\"hours\":", p->hours);
        dj_put_kamount(&b, ",\"fee_waived\":", p->fee_waived);
        dj_put_kamount(&b, ",\"donation\":", p->donation);
        dj_put_kint(&b, ",\"beneficiaries\":", p->beneficiaries);
        dj_put_kint(&b, ",\"volunteers\":", p->volunteers);
        dj_put(&b, "}", 1);
    }

    dj_put_kint(&b, "}},\"meetings\":{\"total\":", s->meetings.total);
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
