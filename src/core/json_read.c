/*
 * json_read.c - pass 1 of fromJson: jansson's verdict on a text, without
 * building anything (docs/ENGINE.md §4).
 *
 * A port of the model of php/fallback/JsonScanner.php, itself a reading of
 * jansson 2.14's src/load.c (json_loadb with JSON_ALLOW_NUL), not jansson's
 * code:
 *  - a stream hands out bytes; a multi-byte UTF-8 character is read and
 *    checked whole ("unable to decode byte 0x.."), then handed out byte by
 *    byte. A '\n' starts a new line at column 0; every byte that starts a
 *    character adds one to the column. One byte can be put back; a NUL byte
 *    put back is lost (jansson's character buffer is NUL-terminated), so the
 *    next read takes the byte after it.
 *  - the lexer keeps the text of the current token (always a run of the input
 *    here: an offset and a length); an error carries " near '<text>'" when
 *    that text is 1..20 bytes, nothing when longer, " near end of file" when
 *    empty or starting with NUL (nothing for a UTF-8 error). The first error
 *    wins, and the parse stops there.
 *  - the parser: the top level must be '[' or '{'; depth limit 2048 (scalars
 *    count); "end of file expected" after the value.
 * It also records where the last value of each top-level key the engine
 * reads starts. The only allocation is a copy of a real number longer than
 * 63 bytes, for strtod.
 */
#include "json_internal.h"
#include "dj_alloc.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define JS_EOF (-1)
#define JS_ERR (-2)
#define JR_MAX_DEPTH 2048
#define JR_TEXT 160 /* jansson's JSON_ERROR_TEXT_LENGTH */

enum { T_INVALID = -1, T_EOF = 0, T_STRING = 256, T_INTEGER, T_REAL, T_TRUE, T_FALSE, T_NULL };

typedef struct {
    const unsigned char *t;
    size_t len, ip;       /* ip: next byte of the input */
    unsigned char buf[5]; /* the current character */
    int blen, bp;         /* its length; next byte of it to hand out */
    int state;            /* 0, JS_EOF or JS_ERR */
    int line, col, lastcol;
    size_t sv, svlen; /* the token's text: t[sv .. sv + svlen) */
    int token;
    int key_nul; /* the string token decodes to a text holding NUL */
    int depth;
    int failed, nomem;
    int eline, ecol;
    char emsg[JR_TEXT];
    dj_json_top *top;
} jr;

/* ------------------------------------------------------------------ errors */

static void jr_fail(jr *r, const char *msg)
{
    if (r->failed)
        return;
    r->failed = 1;
    r->eline = r->line;
    r->ecol = r->col;
    if (r->svlen && r->t[r->sv] != 0) {
        if (r->svlen <= 20) {
            const char *s = (const char *)r->t + r->sv;
            size_t n = 0;
            while (n < r->svlen && s[n]) /* printed up to a NUL, as C does */
                n++;
            snprintf(r->emsg, sizeof r->emsg, "%s near '%.*s'", msg, (int)n, s);
        } else {
            snprintf(r->emsg, sizeof r->emsg, "%s", msg);
        }
    } else if (r->state != JS_ERR) {
        snprintf(r->emsg, sizeof r->emsg, "%s near end of file", msg);
    } else {
        snprintf(r->emsg, sizeof r->emsg, "%s", msg);
    }
}

/* ------------------------------------------------------------------ stream */

static int first_len(int c)
{
    if (c < 0x80)
        return 1;
    if (c < 0xC2)
        return 0;
    if (c < 0xE0)
        return 2;
    if (c < 0xF0)
        return 3;
    if (c < 0xF5)
        return 4;
    return 0;
}

/* jansson's utf8_check_full: continuation bytes, no overlong form, no
 * surrogate, nothing above U+10FFFF. */
static int valid_seq(const unsigned char *s, int n)
{
    unsigned v = n == 2 ? (s[0] & 0x1Fu) : n == 3 ? (s[0] & 0x0Fu) : (s[0] & 0x07u);
    for (int i = 1; i < n; i++) {
        if (s[i] < 0x80 || s[i] > 0xBF)
            return 0;
        v = (v << 6) + (s[i] & 0x3Fu);
    }
    if (v > 0x10FFFF || (v >= 0xD800 && v <= 0xDFFF))
        return 0;
    return !((n == 2 && v < 0x80) || (n == 3 && v < 0x800) || (n == 4 && v < 0x10000));
}

static int jr_utf8_error(jr *r, int c)
{
    char m[40];
    r->state = JS_ERR;
    snprintf(m, sizeof m, "unable to decode byte 0x%x", (unsigned)c);
    jr_fail(r, m);
    return JS_ERR;
}

static int jr_get_slow(jr *r)
{
    if (r->state)
        return r->state;
    if (r->bp >= r->blen || r->buf[r->bp] == 0) {
        if (r->ip >= r->len) {
            r->state = JS_EOF;
            return JS_EOF;
        }
        int c = r->t[r->ip++];
        r->bp = 0;
        r->buf[0] = (unsigned char)c;
        r->blen = 1;
        if (c >= 0x80) {
            int n = first_len(c);
            if (!n)
                return jr_utf8_error(r, c);
            for (int k = 1; k < n; k++) /* past the end: jansson's EOF as 0xFF */
                r->buf[k] = r->ip < r->len ? r->t[r->ip++] : 0xFF;
            if (!valid_seq(r->buf, n))
                return jr_utf8_error(r, c);
            r->blen = n;
        }
    }
    int c = r->buf[r->bp++];
    if (c == '\n') {
        r->line++;
        r->lastcol = r->col;
        r->col = 0;
    } else if (c < 0x80 || c >= 0xC0) {
        r->col++;
    }
    return c;
}

/* A run of digits at once, when the character buffer is spent (the same
 * bytes and column as reading them one by one); the caller then reads the
 * byte after the run. */
static void jr_digit_run(jr *r)
{
    if (r->state || r->bp < r->blen)
        return;
    size_t i = r->ip;
    while (i < r->len && r->t[i] >= '0' && r->t[i] <= '9')
        i++;
    r->col += (int)(i - r->ip);
    r->svlen += i - r->ip;
    r->ip = i;
}

/* The common case inline: one ASCII byte that is not NUL or a newline. */
static inline int jr_get(jr *r)
{
    if (r->bp >= r->blen && !r->state && r->ip < r->len) {
        unsigned c = r->t[r->ip];
        if (c - 1u < 0x7Fu && c != '\n') {
            r->ip++;
            r->buf[0] = (unsigned char)c;
            r->blen = r->bp = 1;
            r->col++;
            return (int)c;
        }
    }
    return jr_get_slow(r);
}

static void jr_unget(jr *r, int c)
{
    if (c < 0)
        return;
    if (c == '\n') {
        r->line--;
        r->col = r->lastcol;
    } else if (c < 0x80 || c >= 0xC0) {
        r->col--;
    }
    r->bp--;
}

static int jr_get_save(jr *r)
{
    int c = jr_get(r);
    if (c >= 0)
        r->svlen++;
    return c;
}

static void jr_unget_unsave(jr *r, int c)
{
    if (c >= 0) {
        jr_unget(r, c);
        r->svlen--;
    }
}

/* ------------------------------------------------------------------- lexer */

static int is_digit(int c)
{
    return c >= '0' && c <= '9';
}

static int is_xdigit(int c)
{
    return is_digit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}

static int is_alpha(int c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

static unsigned hex4(const unsigned char *p)
{
    unsigned v = 0;
    for (int k = 0; k < 4; k++) {
        int c = p[k];
        v = (v << 4) | (unsigned)(c <= '9' ? c - '0' : (c | 0x20) - 'a' + 10);
    }
    return v;
}

/* jansson's second pass over a well-formed string body holding a backslash:
 * surrogates must pair; notes a "\u0000". Returns 0 after setting the error. */
static int jr_check_escapes(jr *r, const unsigned char *b, size_t n)
{
    char m[64];
    for (size_t i = 0; i < n; i++) {
        if (b[i] != '\\')
            continue;
        i++;
        if (b[i] != 'u')
            continue;
        unsigned v = hex4(b + i + 1);
        i += 4;
        if (v >= 0xD800 && v <= 0xDBFF) {
            if (i + 2 < n && b[i + 1] == '\\' && b[i + 2] == 'u') {
                unsigned v2 = hex4(b + i + 3);
                i += 6;
                if (v2 < 0xDC00 || v2 > 0xDFFF) {
                    snprintf(m, sizeof m, "invalid Unicode '\\u%04X\\u%04X'", v, v2);
                    jr_fail(r, m);
                    return 0;
                }
            } else {
                snprintf(m, sizeof m, "invalid Unicode '\\u%04X'", v);
                jr_fail(r, m);
                return 0;
            }
        } else if (v >= 0xDC00 && v <= 0xDFFF) {
            snprintf(m, sizeof m, "invalid Unicode '\\u%04X'", v);
            jr_fail(r, m);
            return 0;
        } else if (v == 0) {
            r->key_nul = 1;
        }
    }
    return 1;
}

/* A run of plain characters at once (printable ASCII but '"' and '\\', and
 * valid UTF-8 sequences), when the character buffer is spent: the same bytes,
 * line and column as reading them one by one. */
static void jr_plain_run(jr *r)
{
    if (r->state || (r->bp < r->blen && r->buf[r->bp] != 0))
        return;
    const unsigned char *t = r->t;
    size_t i = r->ip, len = r->len;
    int col = r->col;
    while (i < len) {
        unsigned c = t[i];
        if (c < 0x80) {
            if (c < 0x20 || c == '"' || c == '\\')
                break;
            i++;
            col++;
            continue;
        }
        int n = first_len((int)c);
        if (!n || i + (size_t)n > len || !valid_seq(t + i, n))
            break;
        i += (size_t)n;
        col++;
    }
    r->svlen += i - r->ip;
    r->ip = i;
    r->col = col;
    r->bp = r->blen = 0;
}

static void jr_scan_string(jr *r)
{
    int has_escape = 0;
    r->token = T_INVALID;
    jr_plain_run(r);
    int c = jr_get_save(r);
    while (c != '"') {
        if (c == JS_ERR)
            return;
        if (c == JS_EOF) {
            jr_fail(r, "premature end of input");
            return;
        }
        if (c <= 0x1F) {
            char m[32];
            jr_unget_unsave(r, c);
            if (c == '\n')
                snprintf(m, sizeof m, "unexpected newline");
            else
                snprintf(m, sizeof m, "control character 0x%x", (unsigned)c);
            jr_fail(r, m);
            return;
        }
        if (c == '\\') {
            has_escape = 1;
            c = jr_get_save(r);
            if (c == 'u') {
                c = jr_get_save(r);
                for (int k = 0; k < 4; k++) {
                    if (!is_xdigit(c)) {
                        jr_fail(r, "invalid escape");
                        return;
                    }
                    c = jr_get_save(r);
                }
            } else if (c == '"' || c == '\\' || c == '/' || c == 'b' || c == 'f' || c == 'n' || c == 'r' ||
                       c == 't') {
                c = jr_get_save(r);
            } else {
                jr_fail(r, "invalid escape");
                return;
            }
            continue;
        }
        jr_plain_run(r);
        c = jr_get_save(r);
    }
    if (has_escape && !jr_check_escapes(r, r->t + r->sv + 1, r->svlen - 2))
        return;
    r->token = T_STRING;
}

/* Does the saved real number overflow a double (jansson's jsonp_strtod:
 * strtod's ERANGE with HUGE_VAL)? -1 when out of memory. */
static int jr_real_overflows(const unsigned char *s, size_t n)
{
    size_t intdig = 0;
    int exp = 0, frac = 0;
    for (size_t i = 0; i < n; i++) {
        if (s[i] == 'e' || s[i] == 'E')
            exp = 1;
        else if (s[i] == '.')
            frac = 1;
        else if (s[i] >= '0' && s[i] <= '9' && !exp && !frac)
            intdig++;
    }
    if (!exp && intdig <= 300)
        return 0; /* below 1e301: no overflow, strtod not needed */
    double v;
    int erange;
    if (!dj_json_strtod((const char *)s, n, &v, &erange))
        return -1;
    return (v == HUGE_VAL || v == -HUGE_VAL) && erange;
}

static void jr_scan_number(jr *r, int c)
{
    r->token = T_INVALID;
    if (c == '-')
        c = jr_get_save(r);
    if (c == '0') {
        c = jr_get_save(r);
        if (is_digit(c)) {
            jr_unget_unsave(r, c);
            return;
        }
    } else if (is_digit(c)) {
        jr_digit_run(r);
        do
            c = jr_get_save(r);
        while (is_digit(c));
    } else {
        jr_unget_unsave(r, c);
        return;
    }
    if (c != '.' && c != 'E' && c != 'e') {
        jr_unget_unsave(r, c);
        const unsigned char *d = r->t + r->sv;
        size_t n = r->svlen;
        int neg = d[0] == '-';
        if (neg)
            d++, n--;
        const char *limit = neg ? "9223372036854775808" : "9223372036854775807";
        if (n > 19 || (n == 19 && memcmp(d, limit, 19) > 0)) {
            jr_fail(r, neg ? "too big negative integer" : "too big integer");
            return;
        }
        r->token = T_INTEGER;
        return;
    }
    if (c == '.') {
        c = jr_get(r);
        if (!is_digit(c)) {
            jr_unget(r, c);
            return;
        }
        r->svlen++;
        jr_digit_run(r);
        do
            c = jr_get_save(r);
        while (is_digit(c));
    }
    if (c == 'E' || c == 'e') {
        c = jr_get_save(r);
        if (c == '+' || c == '-')
            c = jr_get_save(r);
        if (!is_digit(c)) {
            jr_unget_unsave(r, c);
            return;
        }
        do
            c = jr_get_save(r);
        while (is_digit(c));
    }
    jr_unget_unsave(r, c);
    int over = jr_real_overflows(r->t + r->sv, r->svlen);
    if (over < 0) {
        r->nomem = 1;
        return;
    }
    if (over) {
        jr_fail(r, "real number overflow");
        return;
    }
    r->token = T_REAL;
}

static int jr_scan(jr *r)
{
    int c;
    r->svlen = 0;
    r->key_nul = 0;
    do
        c = jr_get(r);
    while (c == ' ' || c == '\t' || c == '\n' || c == '\r');
    if (c == JS_EOF)
        return r->token = T_EOF;
    if (c == JS_ERR)
        return r->token = T_INVALID;
    /* the byte just handed out: the buffer holds t[ip - blen .. ip) */
    r->sv = r->ip - (size_t)r->blen + (size_t)r->bp - 1;
    r->svlen = 1;
    if (c == '{' || c == '}' || c == '[' || c == ']' || c == ':' || c == ',') {
        r->token = c;
    } else if (c == '"') {
        jr_scan_string(r);
    } else if (is_digit(c) || c == '-') {
        jr_scan_number(r, c);
    } else if (is_alpha(c)) {
        do
            c = jr_get_save(r);
        while (is_alpha(c));
        jr_unget_unsave(r, c);
        const char *s = (const char *)r->t + r->sv;
        if (r->svlen == 4 && memcmp(s, "true", 4) == 0)
            r->token = T_TRUE;
        else if (r->svlen == 5 && memcmp(s, "false", 5) == 0)
            r->token = T_FALSE;
        else if (r->svlen == 4 && memcmp(s, "null", 4) == 0)
            r->token = T_NULL;
        else
            r->token = T_INVALID;
    } else {
        /* the rest of the character, so that the message is valid UTF-8 */
        r->svlen += (size_t)(r->blen - r->bp);
        r->bp = r->blen;
        r->token = T_INVALID;
    }
    return r->token;
}

/* ------------------------------------------------------------------ parser */

/* Which key the engine reads is the string token in t[sv .. sv + svlen)? */
static int jr_top_key(const jr *r)
{
    static const char *const names[DJ_JK_COUNT] = {"format", "version", "people", "activities", "headcount"};
    const unsigned char *s = r->t + r->sv + 1;
    size_t n = r->svlen - 2;
    char k[16];
    size_t kl = 0;
    for (size_t i = 0; i < n; i++) {
        unsigned c = s[i];
        if (c == '\\') {
            i++;
            if (s[i] == 'u') {
                c = hex4(s + i + 1);
                i += 4;
            } else {
                c = dj_json_unescape(s[i]);
            }
        }
        if (c >= 0x80 || c == 0 || kl >= sizeof k - 1)
            return -1; /* none of ours: ASCII of at most 10 bytes */
        k[kl++] = (char)c;
    }
    k[kl] = '\0';
    for (int j = 0; j < DJ_JK_COUNT; j++)
        if (strcmp(k, names[j]) == 0)
            return j;
    return -1;
}

static int jr_parse_value(jr *r);

static int jr_parse_object(jr *r)
{
    int top = r->depth == 1;
    jr_scan(r);
    if (r->token == '}')
        return 1;
    for (;;) {
        if (r->token != T_STRING) {
            jr_fail(r, "string or '}' expected");
            return 0;
        }
        if (r->key_nul) {
            jr_fail(r, "NUL byte in object key not supported");
            return 0;
        }
        int key = top ? jr_top_key(r) : -1;
        jr_scan(r);
        if (r->token != ':') {
            jr_fail(r, "':' expected");
            return 0;
        }
        jr_scan(r);
        if (key >= 0) {
            r->top->has[key] = 1;
            r->top->value[key] = r->sv;
        }
        if (!jr_parse_value(r))
            return 0;
        jr_scan(r);
        if (r->token != ',')
            break;
        jr_scan(r);
    }
    if (r->token != '}') {
        jr_fail(r, "'}' expected");
        return 0;
    }
    return 1;
}

static int jr_parse_array(jr *r)
{
    jr_scan(r);
    if (r->token == ']')
        return 1;
    while (r->token != T_EOF) {
        if (!jr_parse_value(r))
            return 0;
        jr_scan(r);
        if (r->token != ',')
            break;
        jr_scan(r);
    }
    if (r->token != ']') {
        jr_fail(r, "']' expected");
        return 0;
    }
    return 1;
}

static int jr_parse_value(jr *r)
{
    if (r->nomem)
        return 0;
    if (++r->depth > JR_MAX_DEPTH) {
        jr_fail(r, "maximum parsing depth reached");
        return 0;
    }
    switch (r->token) {
    case T_STRING:
    case T_INTEGER:
    case T_REAL:
    case T_TRUE:
    case T_FALSE:
    case T_NULL:
        break; /* JSON_ALLOW_NUL: a "\u0000" in a value is fine */
    case '{':
        if (!jr_parse_object(r))
            return 0;
        break;
    case '[':
        if (!jr_parse_array(r))
            return 0;
        break;
    case T_INVALID:
        if (!r->nomem)
            jr_fail(r, "invalid token");
        return 0;
    default:
        jr_fail(r, "unexpected token");
        return 0;
    }
    r->depth--;
    return 1;
}

dj_status dj_json_validate(const char *text, size_t len, dj_json_top *top, dj_error *err)
{
    jr r;
    memset(&r, 0, sizeof r);
    memset(top, 0, sizeof *top);
    r.t = (const unsigned char *)text;
    r.len = len;
    r.line = 1;
    r.top = top;
    jr_scan(&r);
    if (r.token != '[' && r.token != '{') {
        if (!r.nomem)
            jr_fail(&r, "'[' or '{' expected");
    } else {
        top->top = r.sv;
        top->top_is_object = r.token == '{';
        if (jr_parse_value(&r)) {
            jr_scan(&r);
            if (r.token != T_EOF)
                jr_fail(&r, "end of file expected");
        }
    }
    if (r.nomem)
        return dj_error_set(err, DJ_E_NOMEM, "out of memory");
    if (r.failed)
        return dj_error_set(err, DJ_E_JSON, "line %d, column %d: %s", r.eline, r.ecol, r.emsg);
    return DJ_OK;
}
