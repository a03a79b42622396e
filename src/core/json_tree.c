/*
 * json_tree.c - fromJson through a jansson tree: the reader before the
 * streaming one (json_read.c, json_load.c), kept so that the C tests and the
 * fuzzer can compare the two (dj_json_load_tree, json_internal.h); not built
 * into the extension (config.m4 leaves it out). It
 * parses with jansson, checks the shape (finding the line and column of an
 * offending value with a small scanner over the original text, as jansson
 * keeps no positions), then converts the rows in batches into reused dj_*_in
 * buffers whose strings are borrowed from the jansson tree.
 */
#include "json_internal.h"
#include "dj_alloc.h"
#include "dj_fields.h"

#include <jansson.h>
#include <stdio.h>
#include <string.h>

/* ------------------------------------------------- positions in the text */
/* jansson keeps no positions, so a small scanner over the original text (known
 * to be valid JSON here) finds where a top-level key's value starts. */

static size_t skip_ws(const char *t, size_t len, size_t i)
{
    while (i < len && (t[i] == ' ' || t[i] == '\t' || t[i] == '\n' || t[i] == '\r'))
        i++;
    return i;
}

/* t[i] is '"': returns the index just past the closing quote. */
static size_t skip_string(const char *t, size_t len, size_t i)
{
    i++;
    while (i < len && t[i] != '"') {
        if (t[i] == '\\')
            i++;
        i++;
    }
    return i < len ? i + 1 : len;
}

static size_t skip_value(const char *t, size_t len, size_t i)
{
    if (i >= len)
        return len;
    if (t[i] == '"')
        return skip_string(t, len, i);
    if (t[i] == '{' || t[i] == '[') {
        size_t depth = 0;
        while (i < len) {
            char c = t[i];
            if (c == '"') {
                i = skip_string(t, len, i);
                continue;
            }
            if (c == '{' || c == '[')
                depth++;
            else if (c == '}' || c == ']') {
                if (--depth == 0)
                    return i + 1;
            }
            i++;
        }
        return len;
    }
    while (i < len && t[i] != ',' && t[i] != '}' && t[i] != ']' && t[i] != ' ' && t[i] != '\t' &&
           t[i] != '\n' && t[i] != '\r')
        i++;
    return i;
}

static int hex4(const char *t, size_t len, size_t i, unsigned *out)
{
    unsigned v = 0;
    if (i + 4 > len)
        return 0;
    for (size_t k = 0; k < 4; k++) {
        char c = t[i + k];
        v <<= 4;
        if (c >= '0' && c <= '9')
            v |= (unsigned)(c - '0');
        else if (c >= 'a' && c <= 'f')
            v |= (unsigned)(c - 'a' + 10);
        else if (c >= 'A' && c <= 'F')
            v |= (unsigned)(c - 'A' + 10);
        else
            return 0;
    }
    *out = v;
    return 1;
}

/* Does the string token at t[i] (a '"') decode to exactly key (ASCII)?
 * Escapes are decoded, so "peop\u006ce" names "people". */
static int string_is(const char *t, size_t len, size_t i, const char *key)
{
    size_t klen = strlen(key), k = 0;
    i++;
    while (i < len && t[i] != '"') {
        unsigned c = (unsigned char)t[i];
        if (c == '\\' && i + 1 < len) {
            char e = t[i + 1];
            i += 2;
            if (e == 'u') {
                if (!hex4(t, len, i, &c))
                    return 0;
                i += 4;
            } else {
                c = dj_json_unescape((unsigned char)e); /* \b … \t, \" \\ \/ */
            }
            /* A non-ASCII code point never matches our ASCII keys (and its
             * low surrogate, if any, is then a mismatch too). */
            if (c >= 0x80)
                return 0;
        } else {
            i++;
        }
        if (k >= klen || (unsigned char)key[k] != c)
            return 0;
        k++;
    }
    return k == klen;
}

/* Offset where the value of the top-level key starts (the last one when the
 * key appears twice, as jansson keeps the last), or the offset of the
 * top-level value itself when the key is absent or the top level is not an
 * object. */
static size_t key_value_offset(const char *t, size_t len, const char *key)
{
    size_t top = skip_ws(t, len, 0), found = top;
    if (top >= len || t[top] != '{')
        return top;
    size_t i = skip_ws(t, len, top + 1);
    while (i < len && t[i] == '"') {
        int match = string_is(t, len, i, key);
        i = skip_string(t, len, i);
        i = skip_ws(t, len, i);
        if (i < len && t[i] == ':')
            i = skip_ws(t, len, i + 1);
        if (match)
            found = i;
        i = skip_value(t, len, i);
        i = skip_ws(t, len, i);
        if (i < len && t[i] == ',')
            i = skip_ws(t, len, i + 1);
        else
            break;
    }
    return found;
}

static dj_status shape_error(const char *text, size_t len, const char *key, dj_error *err, const char *fmt,
                             const char *arg)
{
    int line, col;
    size_t off = key ? key_value_offset(text, len, key) : skip_ws(text, len, 0);
    dj_json_offset_position(text, off, &line, &col);
    char what[DJ_ERROR_TEXT];
    snprintf(what, sizeof what, fmt, arg);
    return dj_error_set(err, DJ_E_JSON, "line %d, column %d: %s", line, col, what);
}

/* ------------------------------------------------------- the conversion */

static void to_value(const json_t *j, dj_value *v)
{
    memset(v, 0, sizeof *v);
    if (!j) {
        v->type = DJ_V_MISSING;
        return;
    }
    switch (json_typeof(j)) {
    case JSON_OBJECT:
    case JSON_ARRAY:
        v->type = DJ_V_ARRAY;
        break;
    case JSON_STRING:
        v->type = DJ_V_STRING;
        v->u.s.p = json_string_value(j);
        v->u.s.len = json_string_length(j);
        break;
    case JSON_INTEGER:
        v->type = DJ_V_INT;
        v->u.i = (int64_t)json_integer_value(j);
        break;
    case JSON_REAL:
        v->type = DJ_V_FLOAT;
        v->u.d = json_real_value(j);
        break;
    case JSON_TRUE:
        v->type = DJ_V_BOOL;
        v->u.b = 1;
        break;
    case JSON_FALSE:
        v->type = DJ_V_BOOL;
        v->u.b = 0;
        break;
    default:
        v->type = DJ_V_NULL;
    }
}

/* A row's field: only a JSON object has keys. */
static void field(const json_t *row, const char *key, dj_value *v)
{
    to_value(json_is_object(row) ? json_object_get(row, key) : NULL, v);
}

static dj_status load_people(dj_dataset *ds, const json_t *arr, int version, dj_error *err)
{
    size_t n = json_array_size(arr);
    if (n == 0)
        return DJ_OK;
    size_t cap = n < DJ_JSON_BATCH ? n : DJ_JSON_BATCH;
    dj_person_in *rows = dj_malloc(cap * sizeof *rows);
    if (!rows)
        return dj_error_set(err, DJ_E_NOMEM, "out of memory");
    dj_status st = DJ_OK;
    for (size_t off = 0; off < n && st == DJ_OK; off += cap) {
        size_t m = n - off < cap ? n - off : cap;
        for (size_t i = 0; i < m; i++) {
            const json_t *row = json_array_get(arr, off + i);
            dj_person_in *in = &rows[i];
            to_value(row, &in->row);
            field(row, "id", &in->id);
            field(row, "is_staff", &in->is_staff);
            for (int k = 0; k < DJ_PERSON_DATES; k++)
                field(row, dj_person_date_name(k), &in->dates[k]);
            if (version < 2)
                in->dates[DJ_HIRED].type = DJ_V_MISSING; /* an unknown key in version 1 */
            field(row, "left_reason", &in->left_reason);
        }
        st = dj_dataset_add_people_in(ds, rows, m, err);
        if (st == DJ_E_RECORD)
            dj_json_shift_index(err, "people", off);
    }
    dj_free(rows);
    return st;
}

static dj_status load_activities(dj_dataset *ds, const json_t *arr, int version, dj_error *err)
{
    size_t n = json_array_size(arr);
    if (n == 0)
        return DJ_OK;
    size_t cap = n < DJ_JSON_BATCH ? n : DJ_JSON_BATCH;
    dj_activity_in *rows = dj_malloc(cap * sizeof *rows);
    if (!rows)
        return dj_error_set(err, DJ_E_NOMEM, "out of memory");
    dj_participant_in *parts = NULL;
    size_t parts_cap = 0;
    dj_status st = DJ_OK;
    for (size_t off = 0; off < n && st == DJ_OK; off += cap) {
        size_t m = n - off < cap ? n - off : cap;
        /* The batch's participants, all in one buffer. */
        size_t total = 0;
        for (size_t i = 0; i < m; i++) {
            const json_t *row = json_array_get(arr, off + i);
            const json_t *pl = json_is_object(row) ? json_object_get(row, "participants") : NULL;
            if (json_is_array(pl))
                total += json_array_size(pl);
            else if (json_is_object(pl))
                total += json_object_size(pl);
        }
        if (total > parts_cap) {
            dj_participant_in *q =
                total <= SIZE_MAX / sizeof *q ? dj_realloc(parts, total * sizeof *q) : NULL;
            if (!q) {
                st = dj_error_set(err, DJ_E_NOMEM, "out of memory");
                break;
            }
            parts = q;
            parts_cap = total;
        }
        size_t used = 0;
        for (size_t i = 0; i < m; i++) {
            const json_t *row = json_array_get(arr, off + i);
            dj_activity_in *in = &rows[i];
            to_value(row, &in->row);
            field(row, "id", &in->id);
            field(row, "date", &in->date);
            field(row, "category", &in->category);
            field(row, "kind", &in->kind);
            field(row, "hours", &in->hours);
            field(row, "fee_waived", &in->fee_waived);
            field(row, "donation", &in->donation);
            field(row, "beneficiaries", &in->beneficiaries);
            field(row, "venue_kind", &in->venue_kind);
            field(row, "venue", &in->venue);
            if (version >= 2)
                field(row, "project", &in->project);
            else
                in->project.type = DJ_V_MISSING; /* an unknown key in version 1 */
            field(row, "participants", &in->participants);
            in->parts = NULL;
            in->n_parts = 0;
            const json_t *pl = json_is_object(row) ? json_object_get(row, "participants") : NULL;
            if (json_is_array(pl) || json_is_object(pl)) {
                dj_participant_in *first = parts ? parts + used : NULL;
                size_t cnt = 0;
                if (json_is_array(pl)) {
                    size_t j;
                    json_t *e;
                    json_array_foreach(pl, j, e)
                    {
                        dj_participant_in *p = &first[cnt++];
                        to_value(e, &p->entry);
                        field(e, "id", &p->id);
                        field(e, "hours", &p->hours);
                    }
                } else {
                    const char *k;
                    json_t *e;
                    json_object_foreach((json_t *)pl, k, e)
                    {
                        dj_participant_in *p = &first[cnt++];
                        to_value(e, &p->entry);
                        field(e, "id", &p->id);
                        field(e, "hours", &p->hours);
                    }
                }
                in->parts = first;
                in->n_parts = cnt;
                used += cnt;
            }
        }
        st = dj_dataset_add_activities_in(ds, rows, m, err);
        if (st == DJ_E_RECORD)
            dj_json_shift_index(err, "activities", off);
    }
    dj_free(parts);
    dj_free(rows);
    return st;
}

static dj_status load_headcount(dj_dataset *ds, const json_t *arr, dj_error *err)
{
    size_t n = json_array_size(arr);
    if (n == 0)
        return DJ_OK;
    /* setHeadcount replaces the points: one call with every row. */
    dj_headcount_in *rows = n <= SIZE_MAX / sizeof *rows ? dj_malloc(n * sizeof *rows) : NULL;
    if (!rows)
        return dj_error_set(err, DJ_E_NOMEM, "out of memory");
    for (size_t i = 0; i < n; i++) {
        const json_t *row = json_array_get(arr, i);
        to_value(row, &rows[i].row);
        field(row, "date", &rows[i].date);
        field(row, "count", &rows[i].count);
    }
    dj_status st = dj_dataset_set_headcount_in(ds, rows, n, err);
    dj_free(rows);
    return st;
}

/* fromJson(): see dj.h. Parses with jansson (flag JSON_ALLOW_NUL, so that a
 * "\u0000" that toJson() prints for a NUL byte in a venue loads back), checks
 * the shape, then adds people, activities and headcount in that order. On
 * failure returns DJ_E_JSON ("line L, column C: <text>"), DJ_E_RECORD (the
 * message addPeople & co. would give) or DJ_E_NOMEM; *out is then NULL and
 * nothing is leaked. On success *out is a new dataset owned by the caller. */
dj_status dj_json_load_tree(const char *text, size_t len, dj_dataset **out, dj_error *err)
{
    *out = NULL;
    json_error_t jerr;
    json_t *root = json_loadb(text, len, JSON_ALLOW_NUL, &jerr);
    /* jansson reports a failed allocation either as json_error_out_of_memory
     * or, when it fails before lexing starts, by leaving the error as it was
     * initialised (no position, empty text). */
    if (!root &&
        (json_error_code(&jerr) == json_error_out_of_memory || (jerr.line < 0 && jerr.text[0] == '\0')))
        return dj_error_set(err, DJ_E_NOMEM, "out of memory");
    if (!root)
        return dj_error_set(err, DJ_E_JSON, "line %d, column %d: %s", jerr.line, jerr.column, jerr.text);

    dj_status st = DJ_OK;
    if (!json_is_object(root)) {
        st = shape_error(text, len, NULL, err, "%s", "the top level is not an object");
        goto done;
    }
    const json_t *fmt = json_object_get(root, "format");
    if (!json_is_string(fmt) || json_string_length(fmt) != 16 ||
        memcmp(json_string_value(fmt), "dangjian-dataset", 16) != 0) {
        st = shape_error(text, len, "format", err, "%s", "\"format\" must be \"dangjian-dataset\"");
        goto done;
    }
    const json_t *ver = json_object_get(root, "version");
    if (!ver) {
        st = shape_error(text, len, "version", err, "%s", "\"version\" is required");
        goto done;
    }
    if (!json_is_integer(ver) || json_integer_value(ver) < 1 || json_integer_value(ver) > 2) {
        dj_value v;
        char desc[DJ_ERROR_TEXT];
        to_value(ver, &v);
        dj_value_describe(&v, desc, sizeof desc);
        st = shape_error(text, len, "version", err, "unsupported version %s", desc);
        goto done;
    }
    const int version = (int)json_integer_value(ver); /* 1 or 2 */
    static const char *const lists[3] = {"people", "activities", "headcount"};
    const json_t *arr[3];
    for (int k = 0; k < 3; k++) {
        arr[k] = json_object_get(root, lists[k]);
        if (arr[k] && !json_is_array(arr[k])) {
            char what[64];
            snprintf(what, sizeof what, "\"%s\" is not an array", lists[k]);
            st = shape_error(text, len, lists[k], err, "%s", what);
            goto done;
        }
    }

    dj_dataset *ds = dj_dataset_new();
    if (!ds) {
        st = dj_error_set(err, DJ_E_NOMEM, "out of memory");
        goto done;
    }
    if (arr[0])
        st = load_people(ds, arr[0], version, err);
    if (st == DJ_OK && arr[1])
        st = load_activities(ds, arr[1], version, err);
    if (st == DJ_OK && arr[2])
        st = load_headcount(ds, arr[2], err);
    if (st == DJ_OK)
        *out = ds;
    else
        dj_dataset_release(ds);
done:
    json_decref(root);
    return st;
}
