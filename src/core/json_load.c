/*
 * json_load.c - fromJson (dj_json_load): the text read as a stream, no tree
 * (docs/ENGINE.md §4).
 *
 * Pass 1 (json_read.c) gives jansson's verdict and where the last value of
 * each top-level key the engine reads starts. Pass 2 checks the shape from
 * those offsets. Pass 3 reads people, activities and headcount from their
 * offsets, row by row, into reused dj_*_in buffers of DJ_JSON_BATCH rows that
 * go straight to dj_dataset_add_*_in: the text is known valid, so the reader
 * here only needs to find its way (no error can come from the syntax).
 * Keys the engine does not read are skipped without building anything, and
 * so is every other top-level key (the plugin's dangjian_extra). Strings
 * without escapes are borrowed from the text; those with escapes are decoded
 * into an arena freed after each batch. An amount given as a real number of
 * at most 15 significant digits and no exponent, within 0..1e9, is handed
 * over as its digits (a string), which dj_parse_amount reads exactly: a
 * double with the same value, read back the float way (shortest text that
 * reads back), gives the same digits (DBL_DIG is 15), so the result is the
 * float path's, without its snprintf/strtod loop; any other real number is a
 * double from strtod, as jansson gives it.
 */
#include "json_internal.h"
#include "dj_alloc.h"
#include "dj_fields.h"

#include <errno.h>
#include <locale.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ------------------------------------------- shared with json_tree.c */

/* Line and column (both from 1; columns in Unicode characters, that is bytes
 * that are not UTF-8 continuation bytes) of offset off. */
void dj_json_offset_position(const char *t, size_t off, int *line, int *col)
{
    int l = 1, c = 1;
    for (size_t i = 0; i < off; i++) {
        unsigned char ch = (unsigned char)t[i];
        if (ch == '\n') {
            l++;
            c = 1;
        } else if ((ch & 0xC0) != 0x80) {
            c++;
        }
    }
    *line = l;
    *col = c;
}

/* The batch's errors name rows from 0; shift "people[k]" to the position
 * in the whole JSON array (message, path and row alike). */
void dj_json_shift_index(dj_error *err, const char *section, size_t offset)
{
    if (!err || offset == 0 || err->row < 0)
        return;
    size_t sl = strlen(section);
    const char *p = strchr(err->path, ']');
    if (strncmp(err->path, section, sl) != 0 || err->path[sl] != '[' || !p)
        return;
    size_t row = (size_t)err->row + offset;
    char path[DJ_ERROR_PATH], rest[DJ_ERROR_TEXT];
    snprintf(path, sizeof path, "%s[%zu%s", section, row, p);
    /* the text after "<path>: " */
    size_t pl = strlen(err->path);
    snprintf(rest, sizeof rest, "%s",
             err->message + (strlen(err->message) > pl + 2 ? pl + 2 : strlen(err->message)));
    dj_error_record(err, err->rule, row, path, "%s", rest);
}

/* strtod of the n bytes of a JSON number, as jansson reads it (strtod with
 * the locale's decimal point put in). Returns 0 when out of memory, else 1
 * with *out and *erange (strtod set ERANGE). */
int dj_json_strtod(const char *p, size_t n, double *out, int *erange)
{
    char small[64];
    char *b = n < sizeof small ? small : dj_malloc(n + 1);
    if (!b)
        return 0;
    memcpy(b, p, n);
    b[n] = '\0';
    const struct lconv *lc = localeconv(); /* as jansson: the locale's point */
    char *dot = memchr(b, '.', n);
    if (dot && lc && lc->decimal_point && lc->decimal_point[0] && lc->decimal_point[1] == '\0')
        *dot = lc->decimal_point[0];
    errno = 0;
    *out = strtod(b, NULL);
    *erange = errno == ERANGE;
    if (b != small)
        dj_free(b);
    return 1;
}

/* ------------------------------------------------------------ the reader */

typedef struct jl_chunk {
    struct jl_chunk *next;
    size_t used, cap;
    char data[];
} jl_chunk;

/* A key table slot of a participants object: the generation it belongs to
 * and the entry's index in the object. */
typedef struct {
    uint32_t gen, idx;
} jl_slot;

typedef struct {
    const char *t;
    size_t len;
    int version;
    int nomem;
    jl_chunk *arena;          /* decoded strings of the current batch */
    dj_participant_in *parts; /* the batch's participants */
    size_t parts_used, parts_cap;
    /* participants given as an object: the keys seen, to keep the last of a
     * duplicated key in the place of the first (as jansson and PHP do) */
    uint64_t *khash;
    size_t *koff, kcap;
    jl_slot *slots;
    size_t nslots;
    uint32_t gen;
    char *scratch[2];
    size_t scratch_cap[2];
} jl;

static void *jl_alloc(jl *L, size_t n)
{
    jl_chunk *c = L->arena;
    if (!c || c->cap - c->used < n) {
        size_t cap = n > ((size_t)64 << 10) ? n : ((size_t)64 << 10);
        c = cap <= SIZE_MAX - sizeof *c ? dj_malloc(sizeof *c + cap) : NULL;
        if (!c) {
            L->nomem = 1;
            return NULL;
        }
        c->next = L->arena;
        c->used = 0;
        c->cap = cap;
        L->arena = c;
    }
    void *p = c->data + c->used;
    c->used += n;
    return p;
}

static void jl_arena_free(jl *L)
{
    while (L->arena) {
        jl_chunk *n = L->arena->next;
        dj_free(L->arena);
        L->arena = n;
    }
}

static size_t jl_ws(const char *t, size_t len, size_t i)
{
    /* a NUL here is one jansson put back after a number or a word and lost */
    while (i < len && (t[i] == ' ' || t[i] == '\n' || t[i] == '\r' || t[i] == '\t' || t[i] == '\0'))
        i++;
    return i;
}

/* t[i] is '"': the index just past the closing quote; *esc set when the
 * string holds a backslash. */
static size_t jl_string_end(const char *t, size_t len, size_t i, int *esc)
{
    i++;
    for (;;) {
        const char *q = memchr(t + i, '"', len - i);
        if (!q)
            return len;
        size_t e = (size_t)(q - t);
        const char *b = memchr(t + i, '\\', e - i);
        if (!b)
            return e + 1;
        *esc = 1;
        i = (size_t)(b - t) + 2; /* past the escape: "\"" is not the end */
    }
}

static size_t jl_skip(const char *t, size_t len, size_t i)
{
    int esc = 0;
    if (i >= len)
        return len;
    if (t[i] == '"')
        return jl_string_end(t, len, i, &esc);
    if (t[i] != '{' && t[i] != '[') {
        while (i < len && t[i] != ',' && t[i] != '}' && t[i] != ']' && t[i] != ' ' && t[i] != '\n' &&
               t[i] != '\r' && t[i] != '\t' && t[i] != '\0')
            i++;
        return i;
    }
    size_t depth = 0;
    while (i < len) {
        char c = t[i];
        if (c == '"') {
            i = jl_string_end(t, len, i, &esc);
            continue;
        }
        if (c == '{' || c == '[') {
            depth++;
        } else if (c == '}' || c == ']') {
            if (--depth == 0)
                return i + 1;
        }
        i++;
    }
    return len;
}

static unsigned jl_hex4(const char *p)
{
    unsigned v = 0;
    for (int k = 0; k < 4; k++) {
        int c = (unsigned char)p[k];
        v = (v << 4) | (unsigned)(c <= '9' ? c - '0' : (c | 0x20) - 'a' + 10);
    }
    return v;
}

/* Decodes the body t[i .. end) of a valid string into out (room for end - i
 * bytes: a decoded string is never longer). Returns its length. */
static size_t jl_decode(const char *t, size_t i, size_t end, char *out)
{
    size_t o = 0;
    while (i < end) {
        char c = t[i];
        if (c != '\\') {
            out[o++] = c;
            i++;
            continue;
        }
        c = t[i + 1];
        i += 2;
        unsigned v;
        if (c != 'u') {
            out[o++] = (char)dj_json_unescape((unsigned char)c);
            continue;
        }
        v = jl_hex4(t + i);
        i += 4;
        if (v >= 0xD800 && v <= 0xDBFF) { /* paired: pass 1 checked */
            v = ((v - 0xD800) << 10) + (jl_hex4(t + i + 2) - 0xDC00) + 0x10000;
            i += 6;
        }
        if (v < 0x80) {
            out[o++] = (char)v;
        } else if (v < 0x800) {
            out[o++] = (char)(0xC0 | (v >> 6));
            out[o++] = (char)(0x80 | (v & 0x3F));
        } else if (v < 0x10000) {
            out[o++] = (char)(0xE0 | (v >> 12));
            out[o++] = (char)(0x80 | ((v >> 6) & 0x3F));
            out[o++] = (char)(0x80 | (v & 0x3F));
        } else {
            out[o++] = (char)(0xF0 | (v >> 18));
            out[o++] = (char)(0x80 | ((v >> 12) & 0x3F));
            out[o++] = (char)(0x80 | ((v >> 6) & 0x3F));
            out[o++] = (char)(0x80 | (v & 0x3F));
        }
    }
    return o;
}

/* A real number's digits as an amount: 1 when it has no exponent, at most 15
 * significant digits and a value in 0..1e9 (see the top of the file). */
static int jl_amount_digits(const char *p, size_t n)
{
    size_t i = 0, sig = 0, intdig = 0;
    int neg = p[0] == '-', started = 0, nonzero = 0;
    if (neg)
        i++;
    for (; i < n && p[i] != '.'; i++) {
        if (p[i] == 'e' || p[i] == 'E')
            return 0;
        if (p[i] != '0' || started) {
            started = 1;
            sig++;
            intdig++;
        }
        nonzero |= p[i] != '0';
    }
    const char *ip = p + (neg ? 1 : 0);
    for (i++; i < n; i++) {
        if (p[i] == 'e' || p[i] == 'E')
            return 0;
        if (p[i] != '0' || started) {
            started = 1;
            sig++;
        }
        nonzero |= p[i] != '0';
    }
    /* sig counts trailing zeros too: a safe overestimate */
    if (sig > 15 || (neg && nonzero))
        return 0;
    if (intdig < 10)
        return 1;
    if (intdig > 10)
        return 0;
    /* ten integer digits: only 1000000000 with a zero fraction */
    while (*ip == '0')
        ip++;
    if (memcmp(ip, "1000000000", 10) != 0)
        return 0;
    for (i = (size_t)(ip - p) + 10; i < n; i++)
        if (p[i] != '.' && p[i] != '0')
            return 0;
    return 1;
}

static double jl_strtod(jl *L, const char *p, size_t n)
{
    double d;
    int erange;
    if (!dj_json_strtod(p, n, &d, &erange)) {
        L->nomem = 1;
        return 0;
    }
    return d;
}

/* Reads the value at t[i] into *v (amount: a field read as an amount).
 * Returns the index just past it. */
static size_t jl_value(jl *L, size_t i, dj_value *v, int amount)
{
    const char *t = L->t;
    size_t len = L->len;
    memset(v, 0, sizeof *v);
    switch (t[i]) {
    case '"': {
        int esc = 0;
        size_t end = jl_string_end(t, len, i, &esc);
        v->type = DJ_V_STRING;
        if (!esc) {
            v->u.s.p = t + i + 1;
            v->u.s.len = end - i - 2;
            return end;
        }
        char *out = jl_alloc(L, end - i);
        if (!out)
            return end;
        v->u.s.p = out;
        v->u.s.len = jl_decode(t, i + 1, end - 1, out);
        return end;
    }
    case '{':
    case '[':
        v->type = DJ_V_ARRAY;
        return jl_skip(t, len, i);
    case 't':
        v->type = DJ_V_BOOL;
        v->u.b = 1;
        return i + 4;
    case 'f':
        v->type = DJ_V_BOOL;
        return i + 5;
    case 'n':
        v->type = DJ_V_NULL;
        return i + 4;
    default:
        break;
    }
    size_t s = i;
    int real = 0;
    while (i < len) {
        char c = t[i];
        if (c == '.' || c == 'e' || c == 'E' || c == '+')
            real = 1;
        else if (!((c >= '0' && c <= '9') || c == '-'))
            break;
        i++;
    }
    if (!real) { /* in int64's range: pass 1 checked */
        size_t k = s + (t[s] == '-');
        int64_t x = 0;
        for (; k < i; k++)
            x = x * 10 - (t[k] - '0'); /* negative, so that INT64_MIN fits */
        v->type = DJ_V_INT;
        v->u.i = t[s] == '-' ? x : -x;
        return i;
    }
    if (amount && jl_amount_digits(t + s, i - s)) {
        v->type = DJ_V_STRING;
        v->u.s.p = t + s;
        v->u.s.len = i - s;
        return i;
    }
    v->type = DJ_V_FLOAT;
    v->u.d = jl_strtod(L, t + s, i - s);
    return i;
}

/* Reads the key at t[i] ('"') into k (cap bytes): *kl is its length, or
 * (size_t)-1 when it is none the engine reads (longer, or not ASCII). Returns
 * the index of its value (past ':' and blanks). */
static size_t jl_key(const jl *L, size_t i, char *k, size_t cap, size_t *kl)
{
    int esc = 0;
    size_t end = jl_string_end(L->t, L->len, i, &esc);
    size_t n = end - i - 2;
    *kl = (size_t)-1;
    if (!esc && n < cap) {
        memcpy(k, L->t + i + 1, n);
        *kl = n;
    } else if (esc && n < cap * 2) {
        char tmp[128];
        size_t m = jl_decode(L->t, i + 1, end - 1, tmp);
        if (m < cap) {
            memcpy(k, tmp, m);
            *kl = m;
        }
    }
    end = jl_ws(L->t, L->len, end);
    return jl_ws(L->t, L->len, end + 1); /* past ':' */
}

#define KEY_IS(k, kl, lit) ((kl) == sizeof(lit) - 1 && memcmp((k), lit, sizeof(lit) - 1) == 0)

/* After a member's value: past ',' (returns 1) or past '}' (returns 0). */
static int jl_next(const jl *L, size_t *i)
{
    size_t j = jl_ws(L->t, L->len, *i);
    int more = j < L->len && L->t[j] == ',';
    *i = more ? jl_ws(L->t, L->len, j + 1) : j + 1;
    return more;
}

/* ----------------------------------------------------------------- people */

static dj_value *person_field(dj_person_in *in, const char *k, size_t kl, int version)
{
    if (KEY_IS(k, kl, "id"))
        return &in->id;
    if (KEY_IS(k, kl, "is_staff"))
        return &in->is_staff;
    if (KEY_IS(k, kl, "left_reason"))
        return &in->left_reason;
    for (int d = 0; d < DJ_PERSON_DATES; d++) {
        const char *nm = dj_person_date_name(d);
        if (kl == strlen(nm) && memcmp(k, nm, kl) == 0)
            return version < 2 && d == DJ_HIRED ? NULL : &in->dates[d]; /* v1: an unknown key */
    }
    return NULL;
}

static size_t read_person(jl *L, size_t i, dj_person_in *in)
{
    memset(in, 0, sizeof *in); /* every field DJ_V_MISSING */
    if (L->t[i] != '{')
        return jl_value(L, i, &in->row, 0);
    in->row.type = DJ_V_ARRAY;
    i = jl_ws(L->t, L->len, i + 1);
    if (L->t[i] == '}')
        return i + 1;
    do {
        char k[24];
        size_t kl;
        i = jl_key(L, i, k, sizeof k, &kl);
        dj_value *dst = person_field(in, k, kl, L->version);
        i = dst ? jl_value(L, i, dst, 0) : jl_skip(L->t, L->len, i);
    } while (jl_next(L, &i));
    return i;
}

static dj_status load_people(jl *L, dj_dataset *ds, size_t i, dj_error *err)
{
    dj_person_in *rows = dj_malloc(DJ_JSON_BATCH * sizeof *rows);
    if (!rows)
        return dj_error_set(err, DJ_E_NOMEM, "out of memory");
    dj_status st = DJ_OK;
    size_t done = 0, m = 0;
    i = jl_ws(L->t, L->len, i + 1);
    int more = L->t[i] != ']';
    while (more && st == DJ_OK) {
        i = read_person(L, i, &rows[m++]);
        i = jl_ws(L->t, L->len, i);
        more = L->t[i] == ',';
        i = jl_ws(L->t, L->len, i + 1);
        if (L->nomem) {
            st = dj_error_set(err, DJ_E_NOMEM, "out of memory");
            break;
        }
        if (m == DJ_JSON_BATCH || (!more && m)) {
            st = dj_dataset_add_people_in(ds, rows, m, err);
            if (st == DJ_E_RECORD)
                dj_json_shift_index(err, "people", done);
            done += m;
            m = 0;
            jl_arena_free(L);
        }
    }
    dj_free(rows);
    return st;
}

/* ------------------------------------------------------------- headcount */

static size_t read_point(jl *L, size_t i, dj_headcount_in *in)
{
    memset(in, 0, sizeof *in);
    if (L->t[i] != '{')
        return jl_value(L, i, &in->row, 0);
    in->row.type = DJ_V_ARRAY;
    i = jl_ws(L->t, L->len, i + 1);
    if (L->t[i] == '}')
        return i + 1;
    do {
        char k[8];
        size_t kl;
        i = jl_key(L, i, k, sizeof k, &kl);
        dj_value *dst = KEY_IS(k, kl, "date") ? &in->date : KEY_IS(k, kl, "count") ? &in->count : NULL;
        i = dst ? jl_value(L, i, dst, 0) : jl_skip(L->t, L->len, i);
    } while (jl_next(L, &i));
    return i;
}

/* setHeadcount replaces the points: one call with every row. */
static dj_status load_headcount(jl *L, dj_dataset *ds, size_t i, dj_error *err)
{
    dj_headcount_in *rows = NULL;
    size_t n = 0, cap = 0;
    dj_status st = DJ_OK;
    i = jl_ws(L->t, L->len, i + 1);
    int more = L->t[i] != ']';
    while (more) {
        if (n == cap) {
            size_t nc = cap ? cap * 2 : 64;
            dj_headcount_in *q = nc <= SIZE_MAX / sizeof *q ? dj_realloc(rows, nc * sizeof *q) : NULL;
            if (!q) {
                L->nomem = 1;
                break;
            }
            rows = q;
            cap = nc;
        }
        i = read_point(L, i, &rows[n++]);
        i = jl_ws(L->t, L->len, i);
        more = L->t[i] == ',';
        i = jl_ws(L->t, L->len, i + 1);
    }
    if (L->nomem)
        st = dj_error_set(err, DJ_E_NOMEM, "out of memory");
    else if (n)
        st = dj_dataset_set_headcount_in(ds, rows, n, err);
    dj_free(rows);
    jl_arena_free(L);
    return st;
}

/* ------------------------------------------------------------- activities */

/* Room for one more participant of the batch; NULL when out of memory. */
static dj_participant_in *jl_part(jl *L)
{
    if (L->parts_used == L->parts_cap) {
        size_t nc = L->parts_cap ? L->parts_cap * 2 : 1024;
        dj_participant_in *q = nc <= SIZE_MAX / sizeof *q ? dj_realloc(L->parts, nc * sizeof *q) : NULL;
        if (!q) {
            L->nomem = 1;
            return NULL;
        }
        L->parts = q;
        L->parts_cap = nc;
    }
    return &L->parts[L->parts_used++];
}

static size_t read_entry(jl *L, size_t i, dj_participant_in *p)
{
    memset(p, 0, sizeof *p);
    if (L->t[i] != '{')
        return jl_value(L, i, &p->entry, 0);
    p->entry.type = DJ_V_ARRAY;
    i = jl_ws(L->t, L->len, i + 1);
    if (L->t[i] == '}')
        return i + 1;
    do {
        char k[8];
        size_t kl;
        i = jl_key(L, i, k, sizeof k, &kl);
        if (KEY_IS(k, kl, "id"))
            i = jl_value(L, i, &p->id, 0);
        else if (KEY_IS(k, kl, "hours"))
            i = jl_value(L, i, &p->hours, 1);
        else
            i = jl_skip(L->t, L->len, i);
    } while (jl_next(L, &i));
    return i;
}

static size_t read_parts_array(jl *L, size_t i)
{
    size_t s = i;
    i = jl_ws(L->t, L->len, i + 1);
    if (L->t[i] == ']')
        return i + 1;
    for (;;) {
        dj_participant_in *p = jl_part(L);
        if (!p)
            return jl_skip(L->t, L->len, s);
        i = read_entry(L, i, p);
        i = jl_ws(L->t, L->len, i);
        if (L->t[i] != ',')
            return i + 1;
        i = jl_ws(L->t, L->len, i + 1);
    }
}

/* The decoded bytes of the key string t[off .. end) (into scratch w when it
 * holds escapes); NULL when out of memory. */
static const char *jl_key_bytes(jl *L, int w, size_t off, size_t end, int esc, size_t *n)
{
    if (!esc) {
        *n = end - off - 2;
        return L->t + off + 1;
    }
    if (L->scratch_cap[w] < end - off) {
        char *q = dj_realloc(L->scratch[w], end - off);
        if (!q) {
            L->nomem = 1;
            return NULL;
        }
        L->scratch[w] = q;
        L->scratch_cap[w] = end - off;
    }
    *n = jl_decode(L->t, off + 1, end - 1, L->scratch[w]);
    return L->scratch[w];
}

static uint64_t jl_hash(const char *p, size_t n)
{
    uint64_t h = 14695981039346656037u;
    for (size_t i = 0; i < n; i++)
        h = (h ^ (unsigned char)p[i]) * 1099511628211u;
    return h;
}

/* Makes the key table of the current object hold n + 1 keys; 0 when out of
 * memory. */
static int jl_keys_room(jl *L, size_t n)
{
    if (n + 1 > L->kcap) {
        size_t nc = L->kcap ? L->kcap * 2 : 64;
        uint64_t *h = nc <= SIZE_MAX / 8 ? dj_realloc(L->khash, nc * sizeof *h) : NULL;
        if (h)
            L->khash = h;
        size_t *o = h ? dj_realloc(L->koff, nc * sizeof *o) : NULL;
        if (!o)
            return 0;
        L->koff = o;
        L->kcap = nc;
    }
    if ((n + 1) * 2 > L->nslots) {
        size_t ns = L->nslots ? L->nslots * 2 : 128;
        while ((n + 1) * 2 > ns)
            ns *= 2;
        jl_slot *s = dj_calloc(ns, sizeof *s);
        if (!s)
            return 0;
        dj_free(L->slots);
        L->slots = s;
        L->nslots = ns;
        for (size_t j = 0; j < n; j++) {
            size_t x = (size_t)L->khash[j] & (ns - 1);
            while (s[x].gen == L->gen)
                x = (x + 1) & (ns - 1);
            s[x].gen = L->gen;
            s[x].idx = (uint32_t)j;
        }
    }
    return 1;
}

/* Participants as an object: the entries in the order of their keys' first
 * appearance, each the last value given for its key. */
static size_t read_parts_object(jl *L, size_t i)
{
    size_t s = i, first = L->parts_used, n = 0;
    if (++L->gen == 0) { /* the generations wrapped: empty every slot */
        if (L->slots)
            memset(L->slots, 0, L->nslots * sizeof *L->slots);
        L->gen = 1;
    }
    i = jl_ws(L->t, L->len, i + 1);
    if (L->t[i] == '}')
        return i + 1;
    do {
        int esc = 0;
        size_t koff = i, kend = jl_string_end(L->t, L->len, i, &esc), kl, jl2;
        const char *kp = jl_key_bytes(L, 0, koff, kend, esc, &kl);
        if (!kp || n >= UINT32_MAX || !jl_keys_room(L, n)) {
            L->nomem = 1;
            return jl_skip(L->t, L->len, s);
        }
        uint64_t h = jl_hash(kp, kl);
        i = jl_ws(L->t, L->len, jl_ws(L->t, L->len, kend) + 1);
        size_t x = (size_t)h & (L->nslots - 1), found = (size_t)-1;
        for (; L->slots[x].gen == L->gen; x = (x + 1) & (L->nslots - 1)) {
            size_t j = L->slots[x].idx;
            if (L->khash[j] != h)
                continue;
            int e2 = 0;
            size_t ke = jl_string_end(L->t, L->len, L->koff[j], &e2);
            const char *other = jl_key_bytes(L, 1, L->koff[j], ke, e2, &jl2);
            if (!other)
                return jl_skip(L->t, L->len, s);
            if (jl2 == kl && memcmp(other, kp, kl) == 0) {
                found = j;
                break;
            }
        }
        dj_participant_in *p;
        if (found != (size_t)-1) {
            p = &L->parts[first + found];
        } else {
            p = jl_part(L);
            if (!p)
                return jl_skip(L->t, L->len, s);
            L->khash[n] = h;
            L->koff[n] = koff;
            L->slots[x].gen = L->gen;
            L->slots[x].idx = (uint32_t)n;
            n++;
        }
        i = read_entry(L, i, p);
    } while (jl_next(L, &i));
    return i;
}

static dj_value *activity_field(dj_activity_in *in, const char *k, size_t kl, int version, int *amount)
{
    *amount = 0;
    switch (kl) {
    case 2:
        return KEY_IS(k, kl, "id") ? &in->id : NULL;
    case 4:
        return KEY_IS(k, kl, "date") ? &in->date : KEY_IS(k, kl, "kind") ? &in->kind : NULL;
    case 5:
        if (KEY_IS(k, kl, "venue"))
            return &in->venue;
        *amount = 1;
        return KEY_IS(k, kl, "hours") ? &in->hours : NULL;
    case 7:
        if (KEY_IS(k, kl, "project"))
            return version >= 2 ? &in->project : NULL; /* v1: an unknown key */
        return NULL;
    case 8:
        *amount = 1;
        return KEY_IS(k, kl, "category")   ? (*amount = 0, &in->category)
               : KEY_IS(k, kl, "donation") ? &in->donation
                                           : NULL;
    case 10:
        if (KEY_IS(k, kl, "venue_kind"))
            return &in->venue_kind;
        *amount = 1;
        return KEY_IS(k, kl, "fee_waived") ? &in->fee_waived : NULL;
    case 13:
        return KEY_IS(k, kl, "beneficiaries") ? &in->beneficiaries : NULL;
    default:
        return NULL;
    }
}

static size_t read_activity(jl *L, size_t i, dj_activity_in *in, size_t *pstart)
{
    memset(in, 0, sizeof *in);
    *pstart = L->parts_used;
    if (L->t[i] != '{')
        return jl_value(L, i, &in->row, 0);
    in->row.type = DJ_V_ARRAY;
    i = jl_ws(L->t, L->len, i + 1);
    if (L->t[i] == '}')
        return i + 1;
    do {
        char k[24];
        size_t kl;
        int amount;
        i = jl_key(L, i, k, sizeof k, &kl);
        if (KEY_IS(k, kl, "participants")) {
            L->parts_used = *pstart; /* the last one counts */
            memset(&in->participants, 0, sizeof in->participants);
            if (L->t[i] == '[' || L->t[i] == '{') {
                in->participants.type = DJ_V_ARRAY;
                i = L->t[i] == '[' ? read_parts_array(L, i) : read_parts_object(L, i);
            } else {
                i = jl_value(L, i, &in->participants, 0);
            }
            in->n_parts = L->parts_used - *pstart;
            continue;
        }
        dj_value *dst = activity_field(in, k, kl, L->version, &amount);
        i = dst ? jl_value(L, i, dst, amount) : jl_skip(L->t, L->len, i);
    } while (jl_next(L, &i));
    return i;
}

static dj_status load_activities(jl *L, dj_dataset *ds, size_t i, dj_error *err)
{
    dj_activity_in *rows = dj_malloc(DJ_JSON_BATCH * sizeof *rows);
    size_t *pstart = rows ? dj_malloc(DJ_JSON_BATCH * sizeof *pstart) : NULL;
    if (!pstart) {
        dj_free(rows);
        return dj_error_set(err, DJ_E_NOMEM, "out of memory");
    }
    dj_status st = DJ_OK;
    size_t done = 0, m = 0;
    i = jl_ws(L->t, L->len, i + 1);
    int more = L->t[i] != ']';
    while (more && st == DJ_OK) {
        i = read_activity(L, i, &rows[m], &pstart[m]);
        m++;
        i = jl_ws(L->t, L->len, i);
        more = L->t[i] == ',';
        i = jl_ws(L->t, L->len, i + 1);
        if (L->nomem) {
            st = dj_error_set(err, DJ_E_NOMEM, "out of memory");
            break;
        }
        if (m == DJ_JSON_BATCH || (!more && m)) {
            for (size_t r = 0; r < m; r++) /* the buffer has moved as it grew */
                rows[r].parts = L->parts ? L->parts + pstart[r] : NULL;
            st = dj_dataset_add_activities_in(ds, rows, m, err);
            if (st == DJ_E_RECORD)
                dj_json_shift_index(err, "activities", done);
            done += m;
            m = 0;
            L->parts_used = 0;
            jl_arena_free(L);
        }
    }
    dj_free(pstart);
    dj_free(rows);
    return st;
}

static dj_status shape_error(const char *text, size_t off, dj_error *err, const char *what)
{
    int line, col;
    dj_json_offset_position(text, off, &line, &col);
    return dj_error_set(err, DJ_E_JSON, "line %d, column %d: %s", line, col, what);
}

/* Pass 2: the shape, in the order format, version, people, activities,
 * headcount. Sets L->version. */
static dj_status check_shape(jl *L, const dj_json_top *top, dj_error *err)
{
    const char *t = L->t;
    if (!top->top_is_object)
        return shape_error(t, top->top, err, "the top level is not an object");
    dj_value v;
    if (top->has[DJ_JK_FORMAT])
        jl_value(L, top->value[DJ_JK_FORMAT], &v, 0);
    if (L->nomem)
        return dj_error_set(err, DJ_E_NOMEM, "out of memory");
    if (!top->has[DJ_JK_FORMAT] || v.type != DJ_V_STRING || v.u.s.len != 16 ||
        memcmp(v.u.s.p, "dangjian-dataset", 16) != 0)
        return shape_error(t, top->has[DJ_JK_FORMAT] ? top->value[DJ_JK_FORMAT] : top->top, err,
                           "\"format\" must be \"dangjian-dataset\"");
    if (!top->has[DJ_JK_VERSION])
        return shape_error(t, top->top, err, "\"version\" is required");
    jl_value(L, top->value[DJ_JK_VERSION], &v, 0);
    if (L->nomem)
        return dj_error_set(err, DJ_E_NOMEM, "out of memory");
    if (v.type != DJ_V_INT || v.u.i < 1 || v.u.i > 2) {
        char desc[DJ_ERROR_TEXT], what[DJ_ERROR_TEXT + 32];
        dj_value_describe(&v, desc, sizeof desc);
        snprintf(what, sizeof what, "unsupported version %s", desc);
        return shape_error(t, top->value[DJ_JK_VERSION], err, what);
    }
    L->version = (int)v.u.i;
    static const char *const lists[3] = {"people", "activities", "headcount"};
    for (int k = 0; k < 3; k++) {
        int key = DJ_JK_PEOPLE + k;
        if (top->has[key] && t[top->value[key]] != '[') {
            char what[64];
            snprintf(what, sizeof what, "\"%s\" is not an array", lists[k]);
            return shape_error(t, top->value[key], err, what);
        }
    }
    return DJ_OK;
}

/* fromJson(): see dj.h. On failure returns DJ_E_JSON ("line L, column C:
 * <text>": jansson's verdict on the syntax first, then the shape), DJ_E_RECORD
 * (the message addPeople & co. would give) or DJ_E_NOMEM; *out is then NULL
 * and nothing is leaked. On success *out is a new dataset owned by the
 * caller. */
dj_status dj_json_load(const char *text, size_t len, dj_dataset **out, dj_error *err)
{
    *out = NULL;
    dj_json_top top;
    dj_status st = dj_json_validate(text, len, &top, err);
    if (st != DJ_OK)
        return st;
    jl L;
    memset(&L, 0, sizeof L);
    L.t = text;
    L.len = len;
    st = check_shape(&L, &top, err);
    jl_arena_free(&L);
    if (st != DJ_OK)
        return st;
    dj_dataset *ds = dj_dataset_new();
    if (!ds)
        return dj_error_set(err, DJ_E_NOMEM, "out of memory");
    if (top.has[DJ_JK_PEOPLE])
        st = load_people(&L, ds, top.value[DJ_JK_PEOPLE], err);
    if (st == DJ_OK && top.has[DJ_JK_ACTIVITIES])
        st = load_activities(&L, ds, top.value[DJ_JK_ACTIVITIES], err);
    if (st == DJ_OK && top.has[DJ_JK_HEADCOUNT])
        st = load_headcount(&L, ds, top.value[DJ_JK_HEADCOUNT], err);
    jl_arena_free(&L);
    dj_free(L.parts);
    dj_free(L.khash);
    dj_free(L.koff);
    dj_free(L.slots);
    dj_free(L.scratch[0]);
    dj_free(L.scratch[1]);
    if (st == DJ_OK)
        *out = ds;
    else
        dj_dataset_release(ds);
    return st;
}
