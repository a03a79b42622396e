/*
 * test_json_reader.c - the streaming fromJson reader (json_read.c,
 * json_load.c) against jansson itself, on many texts.
 *
 * For every text: dj_json_validate's verdict and error ("line L, column C:
 * <text>") must be jansson 2.14's json_loadb(JSON_ALLOW_NUL) exactly; and
 * dj_json_load must give what dj_json_load_tree (the reader through a jansson
 * tree) gives: the same status and message, or datasets that print the same
 * toJson. The texts: the fuzz corpus (tests/fuzz/corpus/json), hand-picked
 * corners, and generated mutations of them (every truncation, byte flips and
 * insertions of bytes that matter to a JSON lexer, bad UTF-8, deep nesting,
 * huge numbers, escapes and surrogates, duplicate keys), and random amounts in
 * every decimal form (the "from their digits" path against the float path).
 */
#include "check.h"
#include "dj.h"
#include "failalloc.h"
#include "dj_alloc.h"
#include "json_internal.h"

#include <dirent.h>
#include <jansson.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static long texts, shown, accepted, loaded;
static uint64_t rng = 88172645463325252u;

static uint64_t next_rand(void)
{
    rng ^= rng << 13;
    rng ^= rng >> 7;
    rng ^= rng << 17;
    return rng;
}

static void show(const char *what, const char *t, size_t n, const char *a, const char *b)
{
    if (++shown > 12)
        return;
    fprintf(stderr, "MISMATCH (%s) on %zu bytes: \"", what, n);
    for (size_t i = 0; i < n && i < 300; i++) {
        unsigned char c = (unsigned char)t[i];
        if (c >= 0x20 && c < 0x7F && c != '"' && c != '\\')
            fputc(c, stderr);
        else
            fprintf(stderr, "\\x%02x", c);
    }
    fprintf(stderr, "%s\"\n  got:  %s\n  want: %s\n", n > 300 ? "..." : "", a, b);
}

/* One text through both readers. */
static void compare(const char *t, size_t n)
{
    texts++;
    json_error_t je;
    json_t *root = json_loadb(t, n, JSON_ALLOW_NUL, &je);
    char want[DJ_ERROR_TEXT + 64], got[DJ_ERROR_TEXT + 64];
    if (root)
        snprintf(want, sizeof want, "accepted");
    else
        snprintf(want, sizeof want, "line %d, column %d: %s", je.line, je.column, je.text);
    json_decref(root);
    dj_json_top top;
    dj_error err;
    dj_status st = dj_json_validate(t, n, &top, &err);
    snprintf(got, sizeof got, "%s", st == DJ_OK ? "accepted" : err.message);
    int same = strcmp(got, want) == 0;
    check(same);
    if (!same) {
        show("verdict", t, n, got, want);
        return;
    }
    accepted += st == DJ_OK;

    dj_dataset *a = NULL, *b = NULL;
    dj_error ea, eb;
    ea.message[0] = eb.message[0] = '\0';
    dj_status sa = dj_json_load(t, n, &a, &ea);
    dj_status sb = dj_json_load_tree(t, n, &b, &eb);
    if (sa != sb || (sa != DJ_OK && strcmp(ea.message, eb.message) != 0)) {
        check(0);
        show("load", t, n, ea.message, eb.message);
    } else if (sa == DJ_OK) {
        loaded++;
        size_t la, lb;
        char *da = dj_json_dump(a, &la), *db = dj_json_dump(b, &lb);
        int eq = da && db && la == lb && memcmp(da, db, la) == 0;
        check(eq);
        if (!eq)
            show("dump", t, n, da ? da : "(null)", db ? db : "(null)");
        dj_free(da);
        dj_free(db);
    } else {
        check(1);
    }
    dj_dataset_release(a);
    dj_dataset_release(b);
}

static void compare_str(const char *s)
{
    compare(s, strlen(s));
}

/* Bytes that matter to the lexer. */
static const unsigned char hot[] = {0x00, 0x01, 0x1F, 0x7F, 0x80, 0xBF, 0xC0, 0xC2, 0xE4, 0xED,
                                    0xF0, 0xF4, 0xF5, 0xFF, '"',  '\\', '{',  '}',  '[',  ']',
                                    ',',  ':',  'e',  'E',  '.',  '-',  '+',  '0',  '1',  '9',
                                    'u',  'n',  't',  'f',  '\n', ' ',  '\t', '\r', 'x'};

static void mutate(const char *s, size_t n, int rounds)
{
    char *b = malloc(n + 8);
    if (!b)
        return;
    /* every truncation of a short text, a sample of a long one */
    size_t step = n <= 1500 ? 1 : n / 1500;
    for (size_t k = 0; k < n; k += step)
        compare(s, k);
    for (int r = 0; r < rounds && n; r++) {
        memcpy(b, s, n);
        size_t m = n;
        int edits = 1 + (int)(next_rand() % 3);
        for (int e = 0; e < edits; e++) {
            size_t at = (size_t)(next_rand() % m);
            unsigned char c = hot[next_rand() % sizeof hot];
            switch (next_rand() % 3) {
            case 0:
                b[at] = (char)c;
                break;
            case 1: /* insert */
                if (m < n + 7) {
                    memmove(b + at + 1, b + at, m - at);
                    b[at] = (char)c;
                    m++;
                }
                break;
            default: /* delete */
                if (m > 1) {
                    memmove(b + at, b + at + 1, m - at - 1);
                    m--;
                }
            }
        }
        compare(b, m);
    }
    free(b);
}

static char *read_file(const char *path, size_t *n)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    fseek(f, 0, SEEK_END);
    long sz = ftell(f);
    fseek(f, 0, SEEK_SET);
    char *b = malloc((size_t)sz + 1);
    *n = b ? fread(b, 1, (size_t)sz, f) : 0;
    fclose(f);
    return b;
}

static void corpus(void)
{
    const char *dir = "tests/fuzz/corpus/json";
    DIR *d = opendir(dir);
    check(d != NULL);
    if (!d)
        return;
    struct dirent *e;
    int files = 0;
    while ((e = readdir(d)) != NULL) {
        if (e->d_name[0] == '.')
            continue;
        char path[512];
        snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
        size_t n;
        char *t = read_file(path, &n);
        if (!t)
            continue;
        files++;
        compare(t, n);
        mutate(t, n, 10000);
        free(t);
    }
    closedir(d);
    check(files >= 10);
}

static const char *const corners[] = {
    "",
    " ",
    "\n\n  ",
    "1",
    "\"a\"",
    "null",
    "true",
    "nul",
    "[",
    "{",
    "]",
    "}",
    "[]",
    "{}",
    "[] x",
    "{} {}",
    "[1,]",
    "[,1]",
    "{\"a\"}",
    "{\"a\":}",
    "{\"a\":1,}",
    "{,}",
    "{1:2}",
    "[01]",
    "[-]",
    "[-0]",
    "[-01]",
    "[1.]",
    "[1.e5]",
    "[1e]",
    "[1e+]",
    "[1E-2]",
    "[.5]",
    "[+1]",
    "[0x10]",
    "[1\0]",
    "[true\0]",
    "[1\0\0]",
    "[\0]",
    "\0[]",
    "[]\0",
    "[\"a\0b\"]",
    "[\"\\u0000\"]",
    "{\"\\u0000\":1}",
    "{\"a\\u0000\":1}",
    "[\"\\ud800\"]",
    "[\"\\udc00\"]",
    "[\"\\ud800\\udc00\"]",
    "[\"\\ud800\\u0041\"]",
    "[\"\\uD834\\uDD1E\"]",
    "[\"\\ud800x\"]",
    "[\"\\u12\"]",
    "[\"\\u12g4\"]",
    "[\"\\x\"]",
    "[\"\\",
    "[\"abc",
    "[\"a\nb\"]",
    "[\"a\tb\"]",
    "[\"\x80\"]",
    "[\"\xc3\"]",
    "[\"\xc3\xa9\"]",
    "[\"\xe4\xb8\"]",
    "[\"\xe4\xb8\xad\"]",
    "[\"\xed\xa0\x80\"]",
    "[\"\xf4\x90\x80\x80\"]",
    "[\"\xf0\x9f\x98\x80\"]",
    "[\xc3\xa9]",
    "\xef\xbb\xbf[]",
    "[\xff]",
    "\xc3",
    "[9223372036854775807]",
    "[9223372036854775808]",
    "[-9223372036854775808]",
    "[-9223372036854775809]",
    "[12345678901234567890123]",
    "[1e308]",
    "[1e309]",
    "[-1e309]",
    "[1.7976931348623157e308]",
    "[1.7976931348623159e308]",
    "[1e-400]",
    "[0.000000000000000000000000000000000000000000000000000000000000000001]",
    "[100000000000000000000000000000000000000000000000000000000000000000000000000000000000000000e300]",
    "[tru]",
    "[truex]",
    "[nulll]",
    "[True]",
    "[\"a\" \"b\"]",
    "{\"a\":1 \"b\":2}",
    "{\"a\" 1}",
    "[1 2]",
    "[[[]]",
    "[[]]]",
    "{\"a\":[}",
    "\xe4\xb8\xad",
    "[\xe4\xb8\xad]",
    "{\"\xe4\xb8\xad\":1}",
    "[\"aaaaaaaaaaaaaaaaaaaa\"x]",
    "[\"aaaaaaaaaaaaaaaaaaa\x01\"]",
    "[\"aaaaaaaaaaaaaaaaaaaaa\x01\"]",
    "{\"format\":\"dangjian-dataset\",\"version\":2}",
    "{\"format\":\"dangjian-dataset\",\"version\":2,\"version\":3}",
    "{\"format\":\"dangjian-dataset\",\"version\":3,\"version\":2}",
    "{\"format\":\"dangjian-dataset\",\"version\":\"2\"}",
    "{\"format\":\"dangjian-dataset\",\"version\":2.0}",
    "{\"format\":\"dangjian-dataset\",\"version\":[2]}",
    "{\"format\":\"dangjian-dataset\",\"ver\\u0073ion\":1,\"people\":{}}",
    "{\"format\":\"dangjian-dataset\",\"version\":\"\\u4e2d\\u0000x\"}",
    "{\"form\\u0061t\":\"dangjian-\\u0064ataset\",\"version\":2,\"activities\":\"x\"}",
    "{\"version\":2}",
    "[{\"format\":\"dangjian-dataset\"}]",
    "\n\n  {\"format\":1}",
    "{\"format\":\"dangjian-dataset\",\"version\":2,\"people\":[{\"id\":1,\"id\":2,\"is_staff\":true}],"
    "\"headcount\":[{\"date\":\"2024-01-01\",\"count\":3,\"count\":4}],\"extra\":{\"people\":7}}",
    "{\"format\":\"dangjian-dataset\",\"version\":1,\"people\":[{\"id\":1,\"hired_on\":\"bad\"}],"
    "\"activities\":[{\"id\":1,\"date\":\"2024-01-02\",\"category\":\"service\",\"kind\":\"k\","
    "\"project\":[1],\"hours\":1.5,\"participants\":[1]}]}",
    "{\"format\":\"dangjian-dataset\",\"version\":2,\"people\":[{\"id\":1},{\"id\":2}],\"activities\":[{"
    "\"id\":1,"
    "\"date\":\"2024-01-02\",\"category\":\"service\",\"kind\":\"k\",\"hours\":2,\"participants\":{\"a\":{"
    "\"id\":1},"
    "\"b\":{\"id\":2,\"hours\":0.5},\"\\u0061\":{\"id\":2,\"hours\":1}}}]}",
    "{\"format\":\"dangjian-dataset\",\"version\":2,\"people\":[{\"id\":1}],\"activities\":[{\"id\":1,"
    "\"date\":\"2024-01-02\",\"category\":\"service\",\"kind\":\"k\",\"hours\":2,\"participants\":[{\"id\":1}"
    "],"
    "\"participants\":null,\"venue\":\"a\\\"b\\\\c\\u00e9\\ud83d\\ude00\\u0000\"}]}",
    "{\"format\":\"dangjian-dataset\",\"version\":2,\"activities\":[{\"id\":1,\"date\":\"2024-01-02\","
    "\"category\":\"service\",\"kind\":\"k\",\"hours\":1e400}]}",
    "{\"format\":\"dangjian-dataset\",\"version\":2,\"activities\":[7,\"x\",null,[1],{\"id\":1}]}",
    "{\"format\":\"dangjian-dataset\",\"version\":2,\"people\":[{\"id\":1,\"applied_on\":\"2020-01-01\","
    "\"left_reason\":\"death\",\"left_on\":\"2021-01-01\"}],\"dangjian_extra\":{\"a\":[1,2,{\"b\":"
    "\"\\u0000\"}]}}",
};

/* Nesting around the limit, in both brackets. */
static void deep(void)
{
    static const int depths[] = {2046, 2047, 2048, 2049, 2050, 3000};
    for (size_t k = 0; k < sizeof depths / sizeof *depths; k++) {
        int d = depths[k];
        char *b = malloc((size_t)d * 8 + 16);
        for (int form = 0; form < 4; form++) {
            size_t n = 0;
            for (int i = 0; i < d; i++) {
                if (form == 1 || (form == 3 && i % 2)) {
                    memcpy(b + n, "{\"k\":", 5);
                    n += 5;
                } else {
                    b[n++] = '[';
                }
            }
            if (form == 2)
                b[n++] = '1';
            for (int i = d - 1; i >= 0; i--)
                b[n++] = (form == 1 || (form == 3 && i % 2)) ? '}' : ']';
            compare(b, n);
            compare(b, n / 2);
        }
        free(b);
    }
}

/* Activities whose amounts come in every decimal form: the digits path and
 * the float path must agree (compared through dj_json_load_tree). */
static void amounts(void)
{
    static const char *const fixed[] = {"0",
                                        "-0",
                                        "-0.0",
                                        "0.0",
                                        "0.005",
                                        "0.004999",
                                        "0.015",
                                        "0.025",
                                        "0.125",
                                        "0.135",
                                        "1.005",
                                        "2.675",
                                        "999999999.99",
                                        "999999999.995",
                                        "999999999.999999",
                                        "1000000000",
                                        "1000000000.0",
                                        "1000000000.00001",
                                        "1000000000.5",
                                        "1000000001",
                                        "0.1",
                                        "0.7",
                                        "1.15",
                                        "8.345",
                                        "123456789.125",
                                        "12345678.9051",
                                        "0.000000000000001",
                                        "1e2",
                                        "1.5e-3",
                                        "5E-3",
                                        "1e9",
                                        "1.0000000000000001",
                                        "0.30000000000000004",
                                        "9007199254740993",
                                        "-1.5",
                                        "-0.001",
                                        "00",
                                        "1234567890123.45",
                                        "0.9999999999999999",
                                        "4.35",
                                        "4.345",
                                        "0.285",
                                        "1.255",
                                        "99.995",
                                        "0.045",
                                        "1.0049999999999999",
                                        "0.0049999999999999999",
                                        "2.6749999999999998",
                                        "999999999.994999999",
                                        "0.01499999999999999",
                                        "1.004999999999999"};
    size_t nf = sizeof fixed / sizeof *fixed;
    char num[64];
    char *text = malloc(1 << 20);
    for (int round = 0; round < 40; round++) {
        size_t n = (size_t)snprintf(text, 256,
                                    "{\"format\":\"dangjian-dataset\",\"version\":2,\"people\":["
                                    "{\"id\":1},{\"id\":2}],\"activities\":[");
        for (int a = 0; a < 300; a++) {
            const char *amt[3];
            char buf[3][64];
            for (int k = 0; k < 3; k++) {
                uint64_t r = next_rand();
                if (r % 4 == 0) {
                    amt[k] = fixed[(r >> 8) % nf];
                    continue;
                }
                /* random digits: integer part 0..10 digits, fraction 0..8, sometimes an exponent */
                int il = (int)((r >> 8) % 11), fl = (int)((r >> 16) % 9);
                size_t o = 0;
                for (int i = 0; i < il; i++)
                    num[o++] = (char)('0' + (i == 0 && il > 1 ? 1 + next_rand() % 9 : next_rand() % 10));
                if (!il)
                    num[o++] = '0';
                if (fl || (r >> 24) % 2) {
                    num[o++] = '.';
                    for (int i = 0; i < (fl ? fl : 1); i++)
                        num[o++] = (char)('0' + next_rand() % 10);
                }
                if ((r >> 28) % 8 == 0)
                    o += (size_t)snprintf(num + o, 16, "e%d", (int)((r >> 32) % 7) - 3);
                num[o] = '\0';
                snprintf(buf[k], sizeof buf[k], "%s", num);
                amt[k] = buf[k];
            }
            n += (size_t)snprintf(
                text + n, 1024,
                "%s{\"id\":%d,\"date\":\"2024-01-02\",\"category\":\"service\",\"kind\":\"k\","
                "\"hours\":%s,\"fee_waived\":%s,\"donation\":0,\"participants\":[{\"id\":1,"
                "\"hours\":%s},2]}",
                a ? "," : "", a + 1, amt[0], amt[1], amt[2]);
        }
        n += (size_t)snprintf(text + n, 8, "]}");
        compare(text, n);
        /* and each amount alone, so that a rejected one does not hide the rest */
        for (int k = 0; k < 40; k++) {
            const char *v = fixed[next_rand() % nf];
            int m = snprintf(text, 1024,
                             "{\"format\":\"dangjian-dataset\",\"version\":2,\"people\":[{\"id\":1}],"
                             "\"activities\":[{\"id\":1,\"date\":\"2024-01-02\",\"category\":\"service\","
                             "\"kind\":\"k\",\"hours\":%s,\"participants\":[{\"id\":1,\"hours\":%s}]}]}",
                             k % 2 ? "1" : v, v);
            compare(text, (size_t)m);
        }
    }
    free(text);
}

/* A dataset's own toJson, and mutations of it. */
static void dumped(void)
{
    const char *seed = corners[sizeof corners / sizeof *corners - 4];
    dj_dataset *ds = NULL;
    dj_error err;
    if (dj_json_load(seed, strlen(seed), &ds, &err) != DJ_OK) {
        check(0);
        return;
    }
    size_t n;
    char *t = dj_json_dump(ds, &n);
    compare(t, n);
    mutate(t, n, 30000);
    dj_free(t);
    dj_dataset_release(ds);
}

/* Every allocation of the reader failing in turn, on a text that takes each
 * of its paths (escaped strings in every list, participants as a large object
 * with escaped and duplicated keys, long real numbers, a growing headcount):
 * DJ_E_NOMEM or the very dataset, never a leak. */
static void chaos(void)
{
    size_t cap = 1 << 20, n = 0;
    char *t = malloc(cap);
    n += (size_t)snprintf(t + n, cap - n,
                          "{\"format\":\"dangjian-dataset\",\"version\":2,\"people\":[{\"id\":1,"
                          "\"applied_on\":\"2020-01-0\\u0031\"}");
    for (int i = 2; i <= 120; i++)
        n += (size_t)snprintf(t + n, cap - n, ",{\"id\":%d}", i);
    n += (size_t)snprintf(t + n, cap - n,
                          "],\"activities\":[{\"id\":1,\"date\":\"2024-01-02\",\"category\":\"service\","
                          "\"kind\":\"k\",\"venue\":\"a\\\"b\",\"hours\":1.%0100d,\"beneficiaries\":5,"
                          "\"participants\":{",
                          0);
    for (int i = 1; i <= 120; i++)
        n += (size_t)snprintf(t + n, cap - n, "%s\"p\\u00%02x%d\":{\"id\":%d}", i > 1 ? "," : "",
                              0x61 + i % 3, i, i);
    n += (size_t)snprintf(t + n, cap - n, ",\"pb1\":{\"id\":1,\"hours\":0.5}}}],\"headcount\":[");
    for (int i = 0; i < 100; i++)
        n += (size_t)snprintf(t + n, cap - n, "%s{\"date\":\"%d-01-0\\u0031\",\"count\":%d}", i ? "," : "",
                              1950 + i, i);
    n += (size_t)snprintf(t + n, cap - n, "],\"x\":[1.%0100d]}", 0);
    dj_dataset *want = NULL;
    dj_error err;
    dj_status st0 = dj_json_load_tree(t, n, &want, &err);
    check(st0 == DJ_OK);
    char ref[DJ_ERROR_TEXT + 1];
    snprintf(ref, sizeof ref, "%s", st0 == DJ_OK ? "" : err.message);
    size_t wl = 0;
    char *wd = want ? dj_json_dump(want, &wl) : NULL;
    dj_set_allocator(t_malloc, t_realloc, t_free);
    int done = 0, bad = 0;
    long fails = 0;
    for (long k = 1; k < 100000 && !done; k++) {
        t_calls = 0;
        t_fail_at = k;
        t_live = 0;
        dj_dataset *ds = (dj_dataset *)1;
        dj_status st = dj_json_load(t, n, &ds, &err);
        if (st == DJ_E_NOMEM) {
            fails++;
            bad += ds != NULL;
        } else {
            done = t_calls < k; /* nothing failed: every allocation has had its turn */
            bad += st != st0 || (st != DJ_OK && strcmp(err.message, ref) != 0);
            if (st == DJ_OK) {
                size_t l;
                t_fail_at = 0;
                char *d = dj_json_dump(ds, &l);
                bad += !d || l != wl || memcmp(d, wd, l) != 0;
                dj_free(d);
            }
        }
        if (st == DJ_OK)
            dj_dataset_release(ds);
        bad += t_live != 0; /* a leak */
    }
    t_fail_at = 0;
    dj_set_allocator(NULL, NULL, NULL);
    printf("test_json_reader: chaos: %ld allocations failed in turn, %d bad\n", fails, bad);
    check(done);
    check(fails > 20);
    check(bad == 0);
    free(wd);
    dj_dataset_release(want);
    free(t);
}

int main(void)
{
    size_t nc = sizeof corners / sizeof *corners;
    for (size_t i = 0; i < nc; i++) {
        /* the literals with an embedded NUL are measured by hand below */
        compare_str(corners[i]);
        mutate(corners[i], strlen(corners[i]), 200);
    }
    compare("[1\0]", 4);
    compare("[true\0]", 7);
    compare("[1\0\0]", 5);
    compare("[\0]", 3);
    compare("\0[]", 3);
    compare("[]\0", 3);
    compare("[\"a\0b\"]", 7);
    compare("{\"format\":\"dangjian-dataset\",\"version\":2\0}", 42);
    compare("{\"format\":\"dangjian-dataset\",\"version\":2,\"people\":[{\"id\":1\0}]}", 58);
    corpus();
    deep();
    amounts();
    dumped();
    chaos();
    printf("test_json_reader: %ld texts compared with jansson (%ld accepted, %ld loaded as datasets)\n",
           texts, accepted, loaded);
    check(accepted > texts / 10 && loaded > 2000); /* the texts reach the rows, not only the lexer */
    return check_done("test_json_reader");
}
