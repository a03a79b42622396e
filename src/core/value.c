/*
 * value.c - describing values for messages and checking single values
 * (STATS.md "Values", docs/ENGINE.md sections 1 and 2).
 */
#include "dj.h"
#include "dj_utf8.h"

#include <inttypes.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Copies text into buf (cap bytes including the NUL), truncating. */
static void put(char *buf, size_t cap, const char *text)
{
    if (!buf || cap == 0)
        return;
    size_t n = strlen(text);
    if (n >= cap)
        n = cap - 1;
    memcpy(buf, text, n);
    buf[n] = '\0';
}

/* A string is quoted in messages when it is short, valid UTF-8 and has
 * nothing that would need escaping. */
static int quotable(const char *p, size_t len, size_t max)
{
    if (len > max)
        return 0;
    for (size_t i = 0; i < len; i++) {
        unsigned char c = (unsigned char)p[i];
        if (c < 0x20 || c == 0x7F || c == '"' || c == '\\')
            return 0;
    }
    return dj_utf8_valid(p, len);
}

void dj_value_describe(const dj_value *v, char *buf, size_t cap)
{
    char tmp[64];
    if (!buf || cap == 0)
        return;
    switch (v->type) {
    case DJ_V_MISSING:
        put(buf, cap, "missing");
        return;
    case DJ_V_NULL:
        put(buf, cap, "null");
        return;
    case DJ_V_BOOL:
        put(buf, cap, v->u.b ? "true" : "false");
        return;
    case DJ_V_INT:
        snprintf(tmp, sizeof tmp, "%" PRId64, v->u.i);
        put(buf, cap, tmp);
        return;
    case DJ_V_FLOAT:
        put(buf, cap, "a float");
        return;
    case DJ_V_STRING:
        if (quotable(v->u.s.p, v->u.s.len, 40)) {
            tmp[0] = '"';
            memcpy(tmp + 1, v->u.s.p, v->u.s.len);
            tmp[v->u.s.len + 1] = '"';
            tmp[v->u.s.len + 2] = '\0';
            put(buf, cap, tmp);
        } else {
            put(buf, cap, "a string");
        }
        return;
    case DJ_V_ARRAY:
        put(buf, cap, "an array");
        return;
    default:
        put(buf, cap, "an object");
        return;
    }
}

/* Writes "<v> <rest>" into w. */
static int reject(const dj_value *v, const char *rest, dj_why *w)
{
    if (w) {
        char d[64];
        dj_value_describe(v, d, sizeof d);
        snprintf(w->why, sizeof w->why, "%s %s", d, rest);
    }
    return 0;
}

static int absent(dj_why *w)
{
    if (w)
        put(w->why, sizeof w->why, "is required");
    return DJ_ABSENT;
}

/* An integer by the integer rules: an int, or a string in canonical decimal
 * form. Returns 1 and sets *out when it lies in lo..hi, 0 otherwise,
 * DJ_ABSENT for missing/null. */
static int int_in_range(const dj_value *v, int64_t lo, int64_t hi, int64_t *out)
{
    if (v->type == DJ_V_MISSING || v->type == DJ_V_NULL)
        return DJ_ABSENT;
    int64_t x;
    if (v->type == DJ_V_INT) {
        x = v->u.i;
    } else if (v->type == DJ_V_STRING) {
        const char *p = v->u.s.p;
        size_t n = v->u.s.len;
        /* at most 18 digits, so no overflow; longer is out of every range */
        if (n == 0 || n > 18 || (p[0] == '0' && n > 1))
            return 0;
        x = 0;
        for (size_t i = 0; i < n; i++) {
            if (p[i] < '0' || p[i] > '9')
                return 0;
            x = x * 10 + (p[i] - '0');
        }
    } else {
        return 0;
    }
    if (x < lo || x > hi)
        return 0;
    *out = x;
    return 1;
}

int dj_parse_id(const dj_value *v, int32_t *out, dj_why *w)
{
    int64_t x;
    int r = int_in_range(v, 1, INT32_MAX, &x);
    if (r == DJ_ABSENT)
        return absent(w);
    if (!r)
        return reject(v, "is not an id (an integer from 1 to 2147483647)", w);
    *out = (int32_t)x;
    return 1;
}

int dj_parse_count(const dj_value *v, int32_t *out, dj_why *w)
{
    int64_t x;
    int r = int_in_range(v, 0, INT32_MAX, &x);
    if (r == DJ_ABSENT)
        return absent(w);
    if (!r)
        return reject(v, "is not a count (an integer from 0 to 2147483647)", w);
    *out = (int32_t)x;
    return 1;
}

int dj_parse_date(const dj_value *v, int32_t *out, dj_why *w)
{
    if (v->type == DJ_V_MISSING || v->type == DJ_V_NULL || (v->type == DJ_V_STRING && v->u.s.len == 0))
        return absent(w);
    int32_t day;
    if (v->type != DJ_V_STRING || !dj_date_parse(v->u.s.p, v->u.s.len, &day))
        return reject(v, "is not a date (YYYY-MM-DD from 1900-01-01 to 2199-12-31)", w);
    *out = day;
    return 1;
}

/* ----------------------------------------------------------------- amounts */

/* The exponent saturates here: far beyond any position that matters, far
 * below any overflow of the int64 arithmetic on positions. */
#define EXP_CAP INT64_C(1000000000000000) /* 1e15 */

/*
 * The one decimal routine for amounts. Checks that the len bytes at p match
 * [+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)? exactly, that the exact decimal value
 * lies in 0 .. 1e9 (a negative sign on zero is fine), and rounds it half away
 * from zero to hundredths, all on the digits (no doubles). Works for any
 * length, exponents included. Returns 1 and sets *out, or 0.
 */
static int decimal_hundredths(const char *p, size_t len, int64_t *out)
{
    size_t i = 0;
    int neg = 0;
    if (i < len && (p[i] == '+' || p[i] == '-'))
        neg = p[i++] == '-';
    const char *ip = p + i; /* integer digits */
    size_t intlen = 0;
    while (i < len && p[i] >= '0' && p[i] <= '9')
        i++, intlen++;
    const char *fp = p + i; /* fraction digits */
    size_t fraclen = 0;
    if (i < len && p[i] == '.') {
        i++;
        fp = p + i;
        while (i < len && p[i] >= '0' && p[i] <= '9')
            i++, fraclen++;
    }
    if (intlen + fraclen == 0)
        return 0; /* ".", "", "+", "e5" */
    int64_t exp = 0;
    if (i < len && (p[i] == 'e' || p[i] == 'E')) {
        i++;
        int eneg = 0;
        if (i < len && (p[i] == '+' || p[i] == '-'))
            eneg = p[i++] == '-';
        size_t start = i;
        while (i < len && p[i] >= '0' && p[i] <= '9') {
            if (exp < EXP_CAP)
                exp = exp * 10 + (p[i] - '0');
            i++;
        }
        if (i == start)
            return 0;
        if (exp > EXP_CAP)
            exp = EXP_CAP;
        if (eneg)
            exp = -exp;
    }
    if (i != len)
        return 0; /* trailing bytes, whitespace included */

    /* The digits of the integer and fraction parts form one sequence; skip
     * its leading zeros. The value is then 0.d0 d1 d2 ... x 10^pos. */
    size_t total = intlen + fraclen, lead = 0;
#define DIGIT_AT(c) ((c) < intlen ? ip[(c)] - '0' : fp[(c)-intlen] - '0')
    while (lead < total && DIGIT_AT(lead) == 0)
        lead++;
    if (lead == total) {
        *out = 0; /* zero, whatever its sign and exponent */
        return 1;
    }
    if (neg)
        return 0;
    size_t n = total - lead; /* significant digits, the first nonzero */
#define SIG(k) ((size_t)(k) < n ? DIGIT_AT(lead + (size_t)(k)) : 0)
    int64_t pos = (int64_t)intlen - (int64_t)lead + exp;
    /* 1e9 is 0.1 x 10^10 */
    if (pos > 10)
        return 0;
    if (pos == 10) {
        if (SIG(0) != 1)
            return 0;
        for (size_t k = 1; k < n; k++)
            if (SIG(k) != 0)
                return 0;
    }
    /* value x 100 = 0.d0 d1 ... x 10^(pos+2): its integer part is the first
     * pos+2 digits (at most 12), the next digit decides the rounding. */
    int64_t keep = pos + 2, h = 0;
    for (int64_t k = 0; k < keep; k++)
        h = h * 10 + SIG(k);
    if (keep >= 0 && SIG(keep) >= 5)
        h++;
#undef SIG
#undef DIGIT_AT
    *out = h;
    return 1;
}

/* The shortest decimal text that reads back as d ("%.*g", precision 1..17),
 * with whatever the locale uses as a decimal point written as '.'. */
static void shortest_text(double d, char *buf, size_t cap)
{
    char tmp[64];
    for (int prec = 1; prec <= 17; prec++) {
        snprintf(tmp, sizeof tmp, "%.*g", prec, d);
        if (strtod(tmp, NULL) == d)
            break;
    }
    size_t o = 0;
    int in_point = 0;
    for (size_t i = 0; tmp[i] && o + 1 < cap; i++) {
        char c = tmp[i];
        if ((c >= '0' && c <= '9') || c == '+' || c == '-' || c == 'e' || c == 'E') {
            buf[o++] = c;
            in_point = 0;
        } else if (!in_point) {
            buf[o++] = '.';
            in_point = 1;
        }
    }
    buf[o] = '\0';
}

int dj_parse_amount(const dj_value *v, int64_t *out, dj_why *w)
{
    static const char rest[] = "is not an amount (a number from 0 to 1000000000)";
    switch (v->type) {
    case DJ_V_MISSING:
    case DJ_V_NULL:
        return absent(w);
    case DJ_V_INT:
        if (v->u.i < 0 || v->u.i > 1000000000)
            return reject(v, rest, w);
        *out = v->u.i * 100;
        return 1;
    case DJ_V_FLOAT: {
        double d = v->u.d;
        if (isnan(d) || isinf(d) || d < 0 || d > 1e9)
            return reject(v, rest, w);
        if (d == 0) { /* -0.0 too */
            *out = 0;
            return 1;
        }
        char text[64];
        shortest_text(d, text, sizeof text);
        int64_t h;
        if (!decimal_hundredths(text, strlen(text), &h))
            return reject(v, rest, w); /* not reached: d is in range */
        *out = h;
        return 1;
    }
    case DJ_V_STRING: {
        int64_t h;
        if (!decimal_hundredths(v->u.s.p, v->u.s.len, &h))
            return reject(v, rest, w);
        *out = h;
        return 1;
    }
    default:
        return reject(v, rest, w);
    }
}

int dj_parse_bool(const dj_value *v, uint8_t *out, dj_why *w)
{
    switch (v->type) {
    case DJ_V_MISSING:
    case DJ_V_NULL:
        *out = 0;
        return 1;
    case DJ_V_BOOL:
        *out = v->u.b ? 1 : 0;
        return 1;
    case DJ_V_INT:
        if (v->u.i == 0 || v->u.i == 1) {
            *out = (uint8_t)v->u.i;
            return 1;
        }
        break;
    case DJ_V_STRING:
        if (v->u.s.len == 0 || (v->u.s.len == 1 && v->u.s.p[0] == '0')) {
            *out = 0;
            return 1;
        }
        if (v->u.s.len == 1 && v->u.s.p[0] == '1') {
            *out = 1;
            return 1;
        }
        break;
    default:
        break;
    }
    return reject(v, "is not a boolean", w);
}

int dj_parse_slug(const dj_value *v, int allow_empty, dj_why *w)
{
    static const char rest[] = "is not a slug (1 to 32 of a-z, 0-9, _)";
    if (v->type == DJ_V_MISSING || v->type == DJ_V_NULL)
        return absent(w);
    if (v->type != DJ_V_STRING)
        return reject(v, rest, w);
    size_t n = v->u.s.len;
    if (n == 0)
        return allow_empty ? 1 : reject(v, rest, w);
    if (n > 32)
        return reject(v, rest, w);
    for (size_t i = 0; i < n; i++) {
        char c = v->u.s.p[i];
        if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_'))
            return reject(v, rest, w);
    }
    return 1;
}
