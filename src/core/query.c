/*
 * query.c - the stats() query array, key by key (docs/ENGINE.md section 3).
 *
 * Only the value rules of each key are checked here; the checks that need
 * the dataset or several keys (from after to, no date at all) are
 * dj_dataset_stats()'s.
 */
#include "dj.h"
#include "dj_alloc.h"
#include "dj_fields.h"
#include "dj_utf8.h"

#include <inttypes.h>
#include <stdio.h>
#include <string.h>

/* Sets q to the defaults (nothing given). q owns nothing afterwards. */
void dj_query_init(dj_query *q)
{
    q->from = q->to = q->as_of = DJ_NO_DATE;
    q->top = -1;
    q->due_within = -1;
    q->rules_given = 0;
    q->rules = NULL;
    q->n_rules = 0;
    q->rules_cap = 0;
    q->filtered = 0;
    memset(q->filter, 0, sizeof q->filter);
}

static void filter_clear(dj_query *q)
{
    for (int f = 0; f < DJ_F_N; f++) {
        dj_filter_list *l = &q->filter[f];
        for (size_t i = 0; i < l->n; i++)
            dj_free(l->v[i]);
        dj_free(l->v);
        dj_free(l->len);
        memset(l, 0, sizeof *l);
    }
    q->filtered = 0;
}

/* Frees the rules and the filter and leaves q as dj_query_init does. */
void dj_query_free(dj_query *q)
{
    dj_free(q->rules);
    filter_clear(q);
    dj_query_init(q);
}

static int key_is(const char *key, size_t key_len, const char *name)
{
    return key_len == strlen(name) && memcmp(key, name, key_len) == 0;
}

/* How an unknown key is printed after "query.": as it is when it is at most
 * 64 bytes of valid UTF-8 with no control byte (< 0x20, 0x7F), '"' or '\'
 * (the rule of dj_value_describe for strings, with 64 bytes and no quotes);
 * any other key prints as "a string" ("query.a string: unknown key"). */
static void key_text(const char *key, size_t key_len, char out[72])
{
    int ok = key_len <= 64 && dj_utf8_valid(key, key_len);
    for (size_t i = 0; ok && i < key_len; i++) {
        unsigned char c = (unsigned char)key[i];
        if (c < 0x20 || c == 0x7F || c == '"' || c == '\\')
            ok = 0;
    }
    if (ok) {
        memcpy(out, key, key_len);
        out[key_len] = '\0';
    } else {
        strcpy(out, "a string");
    }
}

static dj_status bad_value(dj_error *err, const char *key, const dj_value *v, const char *rest)
{
    char d[64];
    dj_value_describe(v, d, sizeof d);
    return dj_error_set(err, DJ_E_QUERY, "query.%s: %s %s", key, d, rest);
}

/* An integer key (top, due_within): null means the default (-1). */
static dj_status set_int(int32_t *field, const char *key, int32_t max, const dj_value *v, dj_error *err)
{
    int32_t x;
    dj_why w;
    int r = dj_parse_count(v, &x, &w);
    if (r == DJ_ABSENT) {
        *field = -1;
        return DJ_OK;
    }
    if (!r || x > max) {
        char rest[64];
        snprintf(rest, sizeof rest, "is not an integer from 0 to %" PRId32, max);
        return bad_value(err, key, v, rest);
    }
    *field = x;
    return DJ_OK;
}

/* Sets one key (see dj.h). On failure returns DJ_E_QUERY with
 * "query.<key>: <text>" and q unchanged. Never allocates. */
dj_status dj_query_set(dj_query *q, const char *key, size_t key_len, const dj_value *v, dj_error *err)
{
    static const char *const date_keys[] = {"from", "to", "as_of"};
    int32_t *date_fields[] = {&q->from, &q->to, &q->as_of};
    for (int k = 0; k < 3; k++) {
        if (!key_is(key, key_len, date_keys[k]))
            continue;
        int32_t day;
        dj_why w;
        int r = dj_parse_date(v, &day, &w);
        if (r == DJ_ABSENT) {
            *date_fields[k] = DJ_NO_DATE;
            return DJ_OK;
        }
        if (!r)
            return dj_error_set(err, DJ_E_QUERY, "query.%s: %s", date_keys[k], w.why);
        *date_fields[k] = day;
        return DJ_OK;
    }
    if (key_is(key, key_len, "top"))
        return set_int(&q->top, "top", 1000, v, err);
    if (key_is(key, key_len, "due_within"))
        return set_int(&q->due_within, "due_within", 3660, v, err);
    if (key_is(key, key_len, "meeting_rules")) {
        if (v->type == DJ_V_MISSING || v->type == DJ_V_NULL) {
            q->rules_given = 0;
            q->n_rules = 0;
            return DJ_OK;
        }
        if (v->type != DJ_V_ARRAY)
            return bad_value(err, "meeting_rules", v, "is not a map of meeting kinds");
        q->rules_given = 1;
        q->n_rules = 0;
        return DJ_OK;
    }
    if (key_is(key, key_len, "filter")) {
        filter_clear(q);
        if (v->type == DJ_V_MISSING || v->type == DJ_V_NULL || v->type == DJ_V_ARRAY)
            return DJ_OK; /* a map: its entries follow (an empty one is no filter) */
        return bad_value(err, "filter", v, "is not a map of filters");
    }
    char text[72];
    key_text(key, key_len, text);
    return dj_error_set(err, DJ_E_QUERY, "query.%s: unknown key", text);
}

/* Adds one meeting_rules entry (see dj.h), in the order given; a kind given
 * again replaces its unit in place. The key must be a slug string: an int key
 * is always rejected ("query.meeting_rules: 0 is not a slug ..."). The value
 * must be "month", "quarter" or "year". Sets rules_given. On failure returns
 * DJ_E_QUERY or DJ_E_NOMEM with q unchanged. */
dj_status dj_query_rule(dj_query *q, const char *key, size_t key_len, int key_is_int, int64_t int_key,
                        const dj_value *v, dj_error *err)
{
    dj_value k;
    dj_why w;
    char digits[24];
    if (key_is_int) {
        /* PHP turns the key "2024" into the int 2024: a kind made of digits
         * is still a slug, so a non-negative int key stands for its digits. */
        if (int_key < 0) {
            k.type = DJ_V_INT;
            k.u.i = int_key;
            char d[64];
            dj_value_describe(&k, d, sizeof d);
            return dj_error_set(err, DJ_E_QUERY,
                                "query.meeting_rules: %s is not a slug (1 to 32 of a-z, 0-9, _)", d);
        }
        key_len = (size_t)snprintf(digits, sizeof digits, "%lld", (long long)int_key);
        key = digits;
    }
    k.type = DJ_V_STRING;
    k.u.s.p = key;
    k.u.s.len = key_len;
    if (dj_parse_slug(&k, 0, &w) != 1)
        return dj_error_set(err, DJ_E_QUERY, "query.meeting_rules: %s", w.why);

    uint8_t unit = 0;
    if (v->type == DJ_V_STRING) {
        if (v->u.s.len == 5 && memcmp(v->u.s.p, "month", 5) == 0)
            unit = DJ_UNIT_MONTH;
        else if (v->u.s.len == 7 && memcmp(v->u.s.p, "quarter", 7) == 0)
            unit = DJ_UNIT_QUARTER;
        else if (v->u.s.len == 4 && memcmp(v->u.s.p, "year", 4) == 0)
            unit = DJ_UNIT_YEAR;
    }
    if (!unit) {
        char d[64];
        dj_value_describe(v, d, sizeof d);
        return dj_error_set(err, DJ_E_QUERY, "query.meeting_rules.%.*s: %s is not month, quarter or year",
                            (int)key_len, key, d);
    }

    /* appended in the order given; stats sorts them once, a later kind
     * replacing an earlier one (no search here: 80,000 rules stay linear) */
    if (q->n_rules == q->rules_cap) {
        size_t cap = q->rules_cap ? q->rules_cap * 2 : 8;
        dj_rule *grown = cap <= SIZE_MAX / sizeof *grown ? dj_realloc(q->rules, cap * sizeof *grown) : NULL;
        if (!grown)
            return dj_error_set(err, DJ_E_NOMEM, "out of memory");
        q->rules = grown;
        q->rules_cap = cap;
    }
    memcpy(q->rules[q->n_rules].kind, key, key_len);
    q->rules[q->n_rules].kind[key_len] = '\0';
    q->rules[q->n_rules].unit = unit;
    q->n_rules++;
    q->rules_given = 1;
    return DJ_OK;
}

/* ------------------------------------------------------------------ filter */

static const char *const filter_keys[DJ_F_N] = {"kinds", "venue_kinds", "venues", "projects"};

/* One entry of the filter map (dj.h). */
dj_status dj_query_filter_key(dj_query *q, const char *key, size_t key_len, int key_is_int, int64_t int_key,
                              const dj_value *v, size_t n, int is_list, int *field, dj_error *err)
{
    int f = -1;
    for (int k = 0; k < DJ_F_N && !key_is_int; k++)
        if (key_is(key, key_len, filter_keys[k]))
            f = k;
    if (f < 0) {
        char text[72];
        if (key_is_int) {
            snprintf(text, sizeof text, "%lld", (long long)int_key);
        } else {
            key_text(key, key_len, text);
        }
        return dj_error_set(err, DJ_E_QUERY, "query.filter.%s: unknown key", text);
    }
    *field = -1;
    if (v->type == DJ_V_MISSING || v->type == DJ_V_NULL)
        return DJ_OK; /* a key set to null is absent */
    if (v->type != DJ_V_ARRAY || !is_list || n < 1 || n > 100) {
        char name[40];
        snprintf(name, sizeof name, "filter.%s", filter_keys[f]);
        return bad_value(err, name, v, "is not a list of 1 to 100 values");
    }
    dj_filter_list *l = &q->filter[f];
    char **vv = dj_malloc(n * sizeof *vv);
    size_t *ll = dj_malloc(n * sizeof *ll);
    if (!vv || !ll) {
        dj_free(vv);
        dj_free(ll);
        return dj_error_set(err, DJ_E_NOMEM, "out of memory");
    }
    for (size_t i = 0; i < l->n; i++)
        dj_free(l->v[i]);
    dj_free(l->v);
    dj_free(l->len);
    l->v = vv;
    l->len = ll;
    l->n = 0;
    l->cap = n;
    l->given = 1;
    q->filtered = 1;
    *field = f;
    return DJ_OK;
}

/* One value of a filter list (dj.h): a slug for kinds and venue_kinds, a
 * name (trimmed as venue names are, not blank) for venues and projects. */
dj_status dj_query_filter_value(dj_query *q, int field, const dj_value *v, dj_error *err)
{
    dj_filter_list *l = &q->filter[field];
    char name[40];
    snprintf(name, sizeof name, "filter.%s", filter_keys[field]);
    const char *p = v->type == DJ_V_STRING ? v->u.s.p : NULL;
    size_t len = v->type == DJ_V_STRING ? v->u.s.len : 0;
    if (field == DJ_F_KINDS || field == DJ_F_VENUE_KINDS) {
        if (!p || !dj_slug_ok(p, len))
            return bad_value(err, name, v, "is not a slug (1 to 32 of a-z, 0-9, _)");
    } else {
        if (p && len <= 200 && dj_utf8_valid(p, len))
            dj_trim_name(&p, &len);
        else
            p = NULL;
        if (!p || len == 0)
            return bad_value(err, name, v, "is not a name (UTF-8 text of 1 to 200 bytes, not blank)");
    }
    if (l->n == l->cap)
        return dj_error_set(err, DJ_E_QUERY, "query.%s: more values than announced", name);
    char *copy = dj_malloc(len + 1);
    if (!copy)
        return dj_error_set(err, DJ_E_NOMEM, "out of memory");
    memcpy(copy, p, len);
    copy[len] = '\0';
    l->v[l->n] = copy;
    l->len[l->n++] = len;
    return DJ_OK;
}
