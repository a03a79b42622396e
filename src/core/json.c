/*
 * json.c - the dataset's JSON format: toJson() (dj_json_dump) and fromJson()
 * (dj_json_load). See STATS.md "JSON dataset format" and docs/ENGINE.md §4, §6.
 *
 * The printer is hand-written and streams into one growing buffer (no jansson
 * tree), so a dump needs no memory beyond its own text. The loader is in
 * json_read.c (pass 1: jansson's verdict) and json_load.c (shape and rows);
 * json_tree.c keeps the reader through a jansson tree, for comparison.
 */
#include "dj.h"
#include "dj_fields.h"
#include "dj_alloc.h"

#include <stdio.h>
#include <string.h>

/* ------------------------------------------------------------ the printer */

/* The text grows in one buffer, or, with a sink, goes to the sink in
 * pieces of the buffer's size (dj_json_dump_to). */
typedef struct {
    char *p;
    size_t len, cap;
    int failed;
    dj_json_sink sink;
    void *ctx;
} dj_jbuf;

static int jbuf_reserve(dj_jbuf *b, size_t extra)
{
    if (b->failed)
        return 0;
    if (b->cap - b->len > extra)
        return 1;
    if (b->sink && b->len) {
        if (!b->sink(b->ctx, b->p, b->len)) {
            b->failed = 1;
            return 0;
        }
        b->len = 0;
        if (b->cap > extra)
            return 1;
    }
    size_t cap = b->cap ? b->cap : 256;
    while (cap - b->len <= extra) {
        if (cap > SIZE_MAX / 2) {
            b->failed = 1;
            return 0;
        }
        cap *= 2;
    }
    char *np = dj_realloc(b->p, cap);
    if (!np) {
        b->failed = 1;
        return 0;
    }
    b->p = np;
    b->cap = cap;
    return 1;
}

static void jbuf_put(dj_jbuf *b, const char *s, size_t n)
{
    if (!jbuf_reserve(b, n))
        return;
    memcpy(b->p + b->len, s, n);
    b->len += n;
}

/* lit must be a string literal ("" lit "" refuses anything else). */
#define jbuf_lit(b, lit) jbuf_put((b), "" lit "", sizeof(lit) - 1)

static void jbuf_int(dj_jbuf *b, int64_t v)
{
    char tmp[32];
    int n = snprintf(tmp, sizeof tmp, "%lld", (long long)v);
    jbuf_put(b, tmp, (size_t)n);
}

static void jbuf_amount(dj_jbuf *b, int64_t hundredths)
{
    char tmp[64];
    size_t n = dj_format_amount(hundredths, tmp);
    jbuf_put(b, tmp, n);
}

static void jbuf_date(dj_jbuf *b, int32_t day)
{
    if (day == DJ_NO_DATE) {
        jbuf_lit(b, "null");
        return;
    }
    char tmp[11];
    dj_date_format(day, tmp);
    jbuf_lit(b, "\"");
    jbuf_put(b, tmp, 10);
    jbuf_lit(b, "\"");
}

/* Writes s as a JSON string the way jansson's dump does with
 * JSON_ENSURE_ASCII and JSON_ESCAPE_SLASH off (jansson 2.14 dump.c,
 * dump_string): '"' -> \", '\\' -> \\, and the controls \b \f \n \r \t by
 * their short escapes; every other byte below 0x20 (NUL included) as
 * \u00XX with UPPERCASE hex digits (jansson prints "\\u%04X": 0x1f ->
 * "\u001F"). 0x7F, '/' and all non-ASCII bytes are copied as they are (the
 * dataset's strings are valid UTF-8). */
static void jbuf_string(dj_jbuf *b, const char *s, size_t n)
{
    if (!jbuf_reserve(b, n + 2))
        return;
    b->p[b->len++] = '"';
    size_t run = 0; /* start of the pending run of plain bytes */
    for (size_t i = 0; i < n; i++) {
        if (!DJ_JSON_MUST_ESCAPE(s[i]))
            continue;
        char e[6];
        jbuf_put(b, s + run, i - run);
        jbuf_put(b, e, dj_json_escape_byte((unsigned char)s[i], e));
        run = i + 1;
    }
    jbuf_put(b, s + run, n - run);
    jbuf_lit(b, "\"");
}

static const char *const dj_left_names[] = {NULL, "transfer", "death", "cancelled", "other"};

/* The whole dataset text into b. */
static void dump_body(const dj_dataset *ds, dj_jbuf *b)
{
    size_t np = dj_dataset_people_count(ds);
    size_t na = dj_dataset_activities_count(ds);
    size_t nh = dj_dataset_headcount_count(ds);
    jbuf_lit(b, "{\"format\":\"dangjian-dataset\",\"version\":2,\"people\":[");
    for (size_t i = 0; i < np && !b->failed; i++) {
        dj_person_rec r;
        dj_dataset_person_get(ds, i, &r);
        if (i)
            jbuf_lit(b, ",");
        jbuf_lit(b, "{\"id\":");
        jbuf_int(b, r.id);
        if (r.is_staff)
            jbuf_lit(b, ",\"is_staff\":true");
        else
            jbuf_lit(b, ",\"is_staff\":false");
        for (int k = 0; k < DJ_PERSON_DATES; k++) {
            if (k == DJ_HIRED && r.dates[k] == DJ_NO_DATE)
                continue; /* v2: hired_on only where set */
            const char *key = dj_person_date_name(k);
            jbuf_lit(b, ",\"");
            jbuf_put(b, key, strlen(key));
            jbuf_lit(b, "\":");
            jbuf_date(b, r.dates[k]);
        }
        jbuf_lit(b, ",\"left_reason\":");
        if (r.left_reason >= DJ_LEFT_TRANSFER && r.left_reason <= DJ_LEFT_OTHER) {
            const char *nm = dj_left_names[r.left_reason];
            jbuf_string(b, nm, strlen(nm));
        } else {
            jbuf_lit(b, "null");
        }
        jbuf_lit(b, "}");
    }

    jbuf_lit(b, "],\"activities\":[");
    dj_participant_rec *parts = NULL;
    size_t parts_cap = 0;
    for (size_t i = 0; i < na && !b->failed; i++) {
        size_t n = dj_dataset_activity_parts(ds, i);
        if (n > parts_cap) {
            size_t cap = parts_cap ? parts_cap : 16;
            while (cap < n)
                cap *= 2;
            dj_participant_rec *q = dj_realloc(parts, cap * sizeof *q);
            if (!q) {
                b->failed = 1;
                break;
            }
            parts = q;
            parts_cap = cap;
        }
        dj_activity_rec r;
        dj_dataset_activity_get(ds, i, &r, parts);
        if (i)
            jbuf_lit(b, ",");
        jbuf_lit(b, "{\"id\":");
        jbuf_int(b, r.id);
        jbuf_lit(b, ",\"date\":");
        jbuf_date(b, r.date);
        if (r.category == DJ_CAT_MEETING)
            jbuf_lit(b, ",\"category\":\"meeting\",\"kind\":");
        else
            jbuf_lit(b, ",\"category\":\"service\",\"kind\":");
        jbuf_string(b, r.kind, r.kind_len);
        jbuf_lit(b, ",\"hours\":");
        jbuf_amount(b, r.hours);
        jbuf_lit(b, ",\"fee_waived\":");
        jbuf_amount(b, r.fee_waived);
        jbuf_lit(b, ",\"donation\":");
        jbuf_amount(b, r.donation);
        jbuf_lit(b, ",\"beneficiaries\":");
        jbuf_int(b, r.beneficiaries);
        jbuf_lit(b, ",\"venue_kind\":");
        jbuf_string(b, r.venue_kind, r.venue_kind_len);
        jbuf_lit(b, ",\"venue\":");
        jbuf_string(b, r.venue, r.venue_len);
        if (r.project_len) { /* v2: only where set */
            jbuf_lit(b, ",\"project\":");
            jbuf_string(b, r.project, r.project_len);
        }
        jbuf_lit(b, ",\"participants\":[");
        for (size_t j = 0; j < r.n_parts; j++) {
            if (j)
                jbuf_lit(b, ",");
            jbuf_lit(b, "{\"id\":");
            jbuf_int(b, r.parts[j].person_id);
            jbuf_lit(b, ",\"hours\":");
            jbuf_amount(b, r.parts[j].hours);
            jbuf_lit(b, "}");
        }
        jbuf_lit(b, "]}");
    }
    dj_free(parts);

    jbuf_lit(b, "],\"headcount\":[");
    for (size_t i = 0; i < nh && !b->failed; i++) {
        dj_headcount_rec r;
        dj_dataset_headcount_get(ds, i, &r);
        if (i)
            jbuf_lit(b, ",");
        jbuf_lit(b, "{\"date\":");
        jbuf_date(b, r.date);
        jbuf_lit(b, ",\"count\":");
        jbuf_int(b, r.count);
        jbuf_lit(b, "}");
    }
    jbuf_lit(b, "]}");
}

/* toJson(): see dj.h. Returns a NUL-terminated string owned by the caller
 * (dj_free) with its length in *len (len may be NULL), or NULL when out of
 * memory. */
char *dj_json_dump(const dj_dataset *ds, size_t *len)
{
    dj_jbuf b = {NULL, 0, 0, 0, NULL, NULL};
    size_t np = dj_dataset_people_count(ds);
    size_t na = dj_dataset_activities_count(ds);
    size_t nh = dj_dataset_headcount_count(ds);
    size_t nparts = dj_dataset_participations_count(ds);
    /* A first guess at the size; the buffer still grows when it is short. */
    size_t guess = 128 + np / 4 * 1024 + na / 4 * 1024 + nparts * 8 + nh * 32;
    jbuf_reserve(&b, guess < (64u << 20) ? guess : (64u << 20));

    dump_body(ds, &b);
    if (!jbuf_reserve(&b, 1)) {
        dj_free(b.p);
        return NULL;
    }
    b.p[b.len] = '\0';
    if (b.cap - b.len > 4096) { /* give back the slack of the last doubling */
        char *fit = dj_realloc(b.p, b.len + 1);
        if (fit)
            b.p = fit;
    }
    if (len)
        *len = b.len;
    return b.p;
}

/* toJson() into a sink (dj.h): the text in pieces of at most 64 KiB, so that
 * the caller holds it once, in its own memory. */
dj_status dj_json_dump_to(const dj_dataset *ds, dj_json_sink sink, void *ctx)
{
    dj_jbuf b = {NULL, 0, 0, 0, sink, ctx};
    if (jbuf_reserve(&b, (size_t)64 << 10))
        dump_body(ds, &b);
    if (!b.failed && b.len && !sink(ctx, b.p, b.len))
        b.failed = 1;
    dj_free(b.p);
    return b.failed ? DJ_E_NOMEM : DJ_OK;
}
