/*
 * test_json.c - toJson (dj_json_dump) and fromJson (dj_json_load).
 */
#include "check.h"
#include "failalloc.h"
#include "dj.h"
#include "dj_alloc.h"

#include <stdlib.h>
#include <string.h>

/* ----------------------------------------------------------- value helpers */

static dj_value vs(const char *s)
{
    dj_value v;
    memset(&v, 0, sizeof v);
    v.type = DJ_V_STRING;
    v.u.s.p = s;
    v.u.s.len = strlen(s);
    return v;
}

static dj_value vi(int64_t i)
{
    dj_value v;
    memset(&v, 0, sizeof v);
    v.type = DJ_V_INT;
    v.u.i = i;
    return v;
}

static dj_value vf(double d)
{
    dj_value v;
    memset(&v, 0, sizeof v);
    v.type = DJ_V_FLOAT;
    v.u.d = d;
    return v;
}

static dj_value vb(int b)
{
    dj_value v;
    memset(&v, 0, sizeof v);
    v.type = DJ_V_BOOL;
    v.u.b = b;
    return v;
}

static dj_value varr(void)
{
    dj_value v;
    memset(&v, 0, sizeof v);
    v.type = DJ_V_ARRAY;
    return v;
}

/* ---------------------------------------------------------------- helpers */

static char msg[DJ_ERROR_TEXT * 2];

/* Loads text; returns the status and leaves the message in msg. */
static dj_status load(const char *text, dj_dataset **out)
{
    dj_error err;
    err.message[0] = '\0';
    dj_status st = dj_json_load(text, strlen(text), out, &err);
    snprintf(msg, sizeof msg, "%s", err.message);
    return st;
}

/* The error message of loading text (which must fail, with *out NULL). */
static const char *load_error(const char *text, dj_status want)
{
    dj_dataset *ds = (dj_dataset *)1;
    dj_status st = load(text, &ds);
    check(st == want);
    check(ds == NULL);
    if (st == DJ_OK)
        dj_dataset_release(ds);
    return msg;
}

static char *stats_text(const dj_dataset *ds)
{
    dj_query q;
    dj_query_init(&q);
    dj_stats s;
    dj_error err;
    char *out = NULL;
    if (dj_dataset_stats(ds, &q, &s, &err) == DJ_OK) {
        size_t n;
        out = dj_stats_json(&s, &n);
    }
    dj_stats_free(&s);
    dj_query_free(&q);
    return out;
}

/* ------------------------------------------------------------------ tests */

static const char *const expect_small =
    "{\"format\":\"dangjian-dataset\",\"version\":2,\"people\":["
    "{\"id\":1,\"is_staff\":true,\"applied_on\":\"2020-01-01\",\"activist_on\":null,\"candidate_on\":null,"
    "\"admitted_on\":null,\"full_on\":null,\"joined_on\":null,\"left_on\":null,\"left_reason\":null},"
    "{\"id\":2,\"is_staff\":false,\"applied_on\":\"2019-01-01\",\"activist_on\":\"2019-06-01\","
    "\"candidate_on\":\"2020-01-01\",\"admitted_on\":\"2020-06-01\",\"full_on\":\"2021-06-01\","
    "\"joined_on\":null,\"left_on\":\"2024-02-01\",\"left_reason\":\"transfer\"},"
    "{\"id\":3,\"is_staff\":false,\"applied_on\":null,\"activist_on\":null,\"candidate_on\":null,"
    "\"admitted_on\":null,\"full_on\":null,\"joined_on\":\"2018-03-04\",\"left_on\":null,\"left_reason\":"
    "\"death\"}"
    "],\"activities\":["
    "{\"id\":10,\"date\":\"2024-01-05\",\"category\":\"service\",\"kind\":\"counseling\",\"hours\":2.5,"
    "\"fee_waived\":0.0,\"donation\":12.34,\"beneficiaries\":3,\"venue_kind\":\"community\","
    "\"venue\":\"\xe9\x98\xb3\xe5\x85\x89\xe7\xa4\xbe\xe5\x8c\xba\","
    "\"participants\":[{\"id\":1,\"hours\":2.5},{\"id\":2,\"hours\":1.25}]},"
    "{\"id\":11,\"date\":\"2024-02-05\",\"category\":\"meeting\",\"kind\":\"committee\",\"hours\":1.0,"
    "\"fee_waived\":0.0,\"donation\":0.0,\"beneficiaries\":0,\"venue_kind\":\"\","
    "\"venue\":\"a\\\"b\\\\c/d\\u0001\\u001F\x7f\\tx\\nq\\r\\b\\f\\u0000z\",\"participants\":[]}"
    "],\"headcount\":[{\"date\":\"2024-01-01\",\"count\":40},{\"date\":\"2024-03-01\",\"count\":42}]}";

static dj_dataset *build_small(void)
{
    dj_error err;
    dj_dataset *ds = dj_dataset_new();
    dj_person_in p[3];
    memset(p, 0, sizeof p);
    for (int i = 0; i < 3; i++)
        p[i].row = varr();
    p[0].id = vi(1);
    p[0].is_staff = vb(1);
    p[0].dates[DJ_STAGE_APPLIED] = vs("2020-01-01");
    p[1].id = vs("2");
    p[1].dates[DJ_STAGE_APPLIED] = vs("2019-01-01");
    p[1].dates[DJ_STAGE_ACTIVIST] = vs("2019-06-01");
    p[1].dates[DJ_STAGE_CANDIDATE] = vs("2020-01-01");
    p[1].dates[DJ_STAGE_ADMITTED] = vs("2020-06-01");
    p[1].dates[DJ_STAGE_FULL] = vs("2021-06-01");
    p[1].dates[DJ_LEFT] = vs("2024-02-01");
    p[1].left_reason = vs("transfer");
    p[2].id = vi(3);
    p[2].dates[DJ_JOINED] = vs("2018-03-04");
    p[2].left_reason = vs("death");
    check(dj_dataset_add_people_in(ds, p, 3, &err) == DJ_OK);

    static const char venue2[] = "a\"b\\c/d\x01\x1f\x7f\tx\nq\r\b\f\0z";
    dj_participant_in parts[2];
    memset(parts, 0, sizeof parts);
    parts[0].entry = vi(1);
    parts[1].entry = varr();
    parts[1].id = vi(2);
    parts[1].hours = vs("1.25");
    dj_activity_in a[2];
    memset(a, 0, sizeof a);
    a[0].row = varr();
    a[0].id = vi(10);
    a[0].date = vs("2024-01-05");
    a[0].category = vs("service");
    a[0].kind = vs("counseling");
    a[0].hours = vf(2.5);
    a[0].donation = vf(12.34);
    a[0].beneficiaries = vi(3);
    a[0].venue_kind = vs("community");
    a[0].venue = vs(" \xe9\x98\xb3\xe5\x85\x89\xe7\xa4\xbe\xe5\x8c\xba\xe3\x80\x80");
    a[0].participants = varr();
    a[0].parts = parts;
    a[0].n_parts = 2;
    a[1].row = varr();
    a[1].id = vi(11);
    a[1].date = vs("2024-02-05");
    a[1].category = vs("meeting");
    a[1].kind = vs("committee");
    a[1].hours = vi(1);
    a[1].venue.type = DJ_V_STRING;
    a[1].venue.u.s.p = venue2;
    a[1].venue.u.s.len = sizeof venue2 - 1;
    check(dj_dataset_add_activities_in(ds, a, 2, &err) == DJ_OK);

    dj_headcount_in h[2];
    memset(h, 0, sizeof h);
    h[0].row = varr();
    h[0].date = vs("2024-03-01");
    h[0].count = vi(42);
    h[1].row = varr();
    h[1].date = vs("2024-01-01");
    h[1].count = vs("40");
    check(dj_dataset_set_headcount_in(ds, h, 2, &err) == DJ_OK);
    return ds;
}

static void test_dump_exact(void)
{
    dj_dataset *ds = dj_dataset_new();
    size_t n = 0;
    char *t = dj_json_dump(ds, &n);
    check_str(
        t,
        "{\"format\":\"dangjian-dataset\",\"version\":2,\"people\":[],\"activities\":[],\"headcount\":[]}");
    check(t && n == strlen(t));
    dj_free(t);
    dj_dataset_release(ds);

    ds = build_small();
    t = dj_json_dump(ds, &n);
    check_str(t, expect_small);
    check(t && n == strlen(expect_small));

    /* Round trip: the same bytes, the same stats. */
    dj_dataset *back = NULL;
    check(load(t, &back) == DJ_OK);
    if (back) {
        size_t n2 = 0;
        char *t2 = dj_json_dump(back, &n2);
        check(t2 && n2 == n && memcmp(t, t2, n) == 0);
        char *s1 = stats_text(ds), *s2 = stats_text(back);
        check(s1 && s2);
        check_str(s1, s2);
        dj_free(s1);
        dj_free(s2);
        dj_free(t2);
        check(dj_dataset_people_count(back) == 3);
        check(dj_dataset_activities_count(back) == 2);
        check(dj_dataset_participations_count(back) == 2);
        check(dj_dataset_headcount_count(back) == 2);
        dj_dataset_release(back);
    }
    dj_free(t);
    dj_dataset_release(ds);
}

static void test_load_forms(void)
{
    /* Bare ids, a participants object, extra keys, numbers as strings,
     * fields absent, keys in any order, whitespace everywhere. */
    const char *text =
        "\n  { \"plugin\": {\"x\": [1,2]}, \"version\" : 1, \"format\":\"dangjian-dataset\",\n"
        "\"people\": [ {\"id\": \"5\", \"applied_on\": \"2021-01-01\", \"is_staff\": \"1\"},"
        " {\"id\": 6, \"joined_on\": \"\", \"is_staff\": 0} ],\n"
        "\"activities\": [ {\"id\": 1, \"date\": \"2024-05-01\", \"category\": \"service\","
        " \"kind\": \"visit\", \"hours\": \"1.5\", \"participants\": [5, {\"id\": 6}]},"
        " {\"id\": 2, \"date\": \"2024-05-02\", \"category\": \"service\", \"kind\": \"visit\","
        " \"participants\": {\"a\": 6, \"b\": {\"id\": \"5\", \"hours\": 0.5}}},"
        " {\"id\": 3, \"date\": \"2024-05-03\", \"category\": \"meeting\", \"kind\": \"committee\","
        " \"participants\": null, \"venue_kind\": null} ] }  ";
    dj_dataset *ds = NULL;
    check(load(text, &ds) == DJ_OK);
    if (!ds) {
        fprintf(stderr, "  %s\n", msg);
        return;
    }
    check(dj_dataset_people_count(ds) == 2);
    check(dj_dataset_activities_count(ds) == 3);
    check(dj_dataset_participations_count(ds) == 4);
    check(dj_dataset_headcount_count(ds) == 0);
    char *t = dj_json_dump(ds, NULL);
    check(t && strstr(t, "{\"id\":5,\"is_staff\":true,\"applied_on\":\"2021-01-01\"") != NULL);
    check(t && strstr(t, "\"participants\":[{\"id\":5,\"hours\":1.5},{\"id\":6,\"hours\":1.5}]") != NULL);
    check(t && strstr(t, "\"participants\":[{\"id\":6,\"hours\":0.0},{\"id\":5,\"hours\":0.5}]") != NULL);
    check(t && strstr(t, "\"venue_kind\":\"\",\"venue\":\"\",\"participants\":[]}]") != NULL);
    dj_free(t);
    dj_dataset_release(ds);

    /* Only format and version: an empty dataset. */
    check(load("{\"format\":\"dangjian-dataset\",\"version\":1}", &ds) == DJ_OK);
    check(ds && dj_dataset_people_count(ds) == 0);
    dj_dataset_release(ds);
    /* A duplicate key: the last one counts (jansson, as PHP). */
    check(load("{\"format\":\"x\",\"format\":\"dangjian-dataset\",\"version\":1}", &ds) == DJ_OK);
    dj_dataset_release(ds);
}

static void test_syntax_errors(void)
{
    check_str(load_error("", DJ_E_JSON), "line 1, column 0: '[' or '{' expected near end of file");
    check_str(load_error("{", DJ_E_JSON), "line 1, column 1: string or '}' expected near end of file");
    check_str(load_error("{\"a\":1,}", DJ_E_JSON), "line 1, column 8: string or '}' expected near '}'");
    check_str(load_error("\n  [1,,", DJ_E_JSON), "line 2, column 6: unexpected token near ','");
    check_str(load_error("{\"a\":\"\xe4\xb8\xad\" x}", DJ_E_JSON),
              "line 1, column 10: '}' expected near 'x'");
    check_str(load_error("[1] x", DJ_E_JSON), "line 1, column 5: end of file expected near 'x'");
    check_str(load_error("7", DJ_E_JSON), "line 1, column 1: '[' or '{' expected near '7'");
    /* A lone surrogate escape and invalid UTF-8 are not JSON. */
    check_str(load_error("[\"\\ud800\"]", DJ_E_JSON),
              "line 1, column 9: invalid Unicode '\\uD800' near '\"\\ud800\"'");
    check_str(load_error(
                  "{\"format\":\"dangjian-dataset\",\"version\":1,\"people\":[{\"id\":1,\"x\":\"\\udc00\"}]}",
                  DJ_E_JSON),
              "line 1, column 71: invalid Unicode '\\uDC00' near '\"\\udc00\"'");
    check_str(load_error("[\"\xff\"]", DJ_E_JSON), "line 1, column 2: unable to decode byte 0xff near '\"'");
    check_str(load_error("[\"\xc0\xaf\"]", DJ_E_JSON),
              "line 1, column 2: unable to decode byte 0xc0 near '\"'");
    /* A NUL byte inside a key is not supported by jansson. */
    check(strstr(load_error("{\"a\\u0000b\":1}", DJ_E_JSON), "NUL byte in object key") != NULL);
}

static void test_shape_errors(void)
{
    check_str(load_error("  [1, 2]", DJ_E_JSON), "line 1, column 3: the top level is not an object");
    check_str(load_error("\n\n {\"version\": 1}", DJ_E_JSON),
              "line 3, column 2: \"format\" must be \"dangjian-dataset\"");
    check_str(load_error("{\"version\": 1,\n  \"format\":  \"dangjian\"}", DJ_E_JSON),
              "line 2, column 14: \"format\" must be \"dangjian-dataset\"");
    check_str(load_error("{\"format\": 7, \"version\": 1}", DJ_E_JSON),
              "line 1, column 12: \"format\" must be \"dangjian-dataset\"");
    check_str(load_error("{\"format\":\"dangjian-dataset\"}", DJ_E_JSON),
              "line 1, column 1: \"version\" is required");
    check_str(load_error("{\"format\":\"dangjian-dataset\",\"version\":3}", DJ_E_JSON),
              "line 1, column 40: unsupported version 3");
    check_str(load_error("{\"format\":\"dangjian-dataset\",\"version\":0}", DJ_E_JSON),
              "line 1, column 40: unsupported version 0");
    check_str(load_error("{\"format\":\"dangjian-dataset\",\"version\":1.0}", DJ_E_JSON),
              "line 1, column 40: unsupported version a float");
    check_str(load_error("{\"format\":\"dangjian-dataset\",\"version\":\"1\"}", DJ_E_JSON),
              "line 1, column 40: unsupported version \"1\"");
    check_str(load_error("{\"format\":\"dangjian-dataset\",\"version\":null}", DJ_E_JSON),
              "line 1, column 40: unsupported version null");
    check_str(load_error("{\"format\":\"dangjian-dataset\",\"version\":true}", DJ_E_JSON),
              "line 1, column 40: unsupported version true");
    check_str(load_error("{\"format\":\"dangjian-dataset\",\"version\":[1]}", DJ_E_JSON),
              "line 1, column 40: unsupported version an array");
    /* Columns count characters, not bytes; a later duplicate key is the one
     * jansson keeps; escapes in a key are decoded. */
    check_str(
        load_error("{\"x\":\"\xe4\xb8\xad\xe6\x96\x87\",\"format\":\"dangjian-dataset\",\"version\":1,\n"
                   "\"\xe4\xb8\xad\":1, \"people\":[], \"people\" :\t{}}",
                   DJ_E_JSON),
        "line 2, column 32: \"people\" is not an array");
    check_str(
        load_error("{\"format\":\"dangjian-dataset\",\"version\":1,\"acti\\u0076ities\":\"no\"}", DJ_E_JSON),
        "line 1, column 60: \"activities\" is not an array");
    check_str(load_error("{\"format\":\"dangjian-dataset\",\"version\":1,\"headcount\":null}", DJ_E_JSON),
              "line 1, column 54: \"headcount\" is not an array");
    /* Keys that only look alike are other keys. */
    check(load_error("{\"format\":\"dangjian-dataset\",\"version\":1,\"People\":[1],\"people\":{}}",
                     DJ_E_JSON) != NULL);
    check_str(msg, "line 1, column 64: \"people\" is not an array");
    /* A string containing braces and quotes before the key. */
    check_str(load_error("{\"s\":\"{[\\\"]}\",\"format\":\"dangjian-dataset\",\"version\":1,\"people\":5}",
                         DJ_E_JSON),
              "line 1, column 64: \"people\" is not an array");
}

static void test_record_errors(void)
{
    check_str(
        load_error(
            "{\"format\":\"dangjian-dataset\",\"version\":1,\"people\":[{\"id\":1},{\"id\":2},{\"id\":3},"
            "{\"id\":4,\"admitted_on\":\"2024-13-01\"}]}",
            DJ_E_RECORD),
        "people[3].admitted_on: \"2024-13-01\" is not a date (YYYY-MM-DD from 1900-01-01 to 2199-12-31)");
    check_str(load_error("{\"format\":\"dangjian-dataset\",\"version\":1,\"people\":[{\"id\":1},[1,2]]}",
                         DJ_E_RECORD),
              "people[1].id: is required");
    check_str(load_error("{\"format\":\"dangjian-dataset\",\"version\":1,\"people\":[{\"id\":1},\"x\"]}",
                         DJ_E_RECORD),
              "people[1]: \"x\" is not a row");
    check_str(
        load_error("{\"format\":\"dangjian-dataset\",\"version\":1,\"people\":[{\"id\":1.0}]}", DJ_E_RECORD),
        "people[0].id: a float is not an id (an integer from 1 to 2147483647)");
    check_str(load_error(
                  "{\"format\":\"dangjian-dataset\",\"version\":1,\"people\":[{\"id\":1}],"
                  "\"activities\":[{\"id\":1,\"date\":\"2024-01-01\",\"category\":\"service\",\"kind\":\"a\","
                  "\"participants\":[1,{\"id\":9}]}]}",
                  DJ_E_RECORD),
              "activities[0].participants[1].id: unknown person 9");
    check_str(load_error(
                  "{\"format\":\"dangjian-dataset\",\"version\":1,\"activities\":[{\"id\":1,"
                  "\"date\":\"2024-01-01\",\"category\":\"service\",\"kind\":\"a\",\"participants\":\"1\"}]}",
                  DJ_E_RECORD),
              "activities[0].participants: \"1\" is not a list of participants");
    check_str(
        load_error("{\"format\":\"dangjian-dataset\",\"version\":1,\"headcount\":[{\"date\":\"2024-01-01\","
                   "\"count\":1},{\"date\":\"2024-01-01\",\"count\":2}]}",
                   DJ_E_RECORD),
        "headcount[1].date: duplicate date 2024-01-01");
    check_str(load_error(
                  "{\"format\":\"dangjian-dataset\",\"version\":1,\"headcount\":[{\"date\":\"2024-01-01\"}]}",
                  DJ_E_RECORD),
              "headcount[0].count: is required");

    /* Past the first batch, the index is still the position in the array. */
    size_t n = 10000, cap = n * 128 + 256, k = 0;
    char *big = malloc(cap);
    k += (size_t)snprintf(big + k, cap - k, "{\"format\":\"dangjian-dataset\",\"version\":1,\"people\":[");
    for (size_t i = 0; i < n; i++)
        k += (size_t)snprintf(big + k, cap - k, "%s{\"id\":%zu}", i ? "," : "",
                              i == 9001 ? (size_t)17 : i + 1);
    snprintf(big + k, cap - k, "]}");
    check_str(load_error(big, DJ_E_RECORD), "people[9001].id: duplicate id 17");
    big[k - 1] = '\0'; /* drop the broken row: 9000 rows ... build again without it */
    k = 0;
    k += (size_t)snprintf(big + k, cap - k, "{\"format\":\"dangjian-dataset\",\"version\":1,\"people\":[");
    for (size_t i = 0; i < n; i++)
        k += (size_t)snprintf(big + k, cap - k, "%s{\"id\":%zu}", i ? "," : "", i + 1);
    k += (size_t)snprintf(big + k, cap - k, "],\"activities\":[");
    for (size_t i = 0; i < 5000; i++)
        k += (size_t)snprintf(big + k, cap - k,
                              "%s{\"id\":%zu,\"date\":\"2024-01-01\",\"category\":\"service\",\"kind\":\"a\","
                              "\"participants\":[%zu]}",
                              i ? "," : "", i + 1, i == 4500 ? (size_t)20000 : i + 1);
    snprintf(big + k, cap - k, "]}");
    check_str(load_error(big, DJ_E_RECORD), "activities[4500].participants[0]: unknown person 20000");
    free(big);
}

static void test_big_round_trip(void)
{
    /* Several batches of people and activities. */
    size_t np = 9000, na = 9000, cap = 400 * (np + na), k = 0;
    char *big = malloc(cap);
    k += (size_t)snprintf(big + k, cap - k, "{\"format\":\"dangjian-dataset\",\"version\":1,\"people\":[");
    for (size_t i = 0; i < np; i++)
        k += (size_t)snprintf(big + k, cap - k, "%s{\"id\":%zu,\"applied_on\":\"20%02zu-01-01\"}",
                              i ? "," : "", i + 1, i % 30);
    k += (size_t)snprintf(big + k, cap - k, "],\"activities\":[");
    for (size_t i = 0; i < na; i++)
        k +=
            (size_t)snprintf(big + k, cap - k,
                             "%s{\"id\":%zu,\"date\":\"2024-01-%02zu\",\"category\":\"%s\",\"kind\":\"k%zu\","
                             "\"hours\":%zu.25,\"venue\":\"v%zu\",\"participants\":[%zu,%zu]}",
                             i ? "," : "", i + 1, i % 28 + 1, i % 3 ? "service" : "meeting", i % 7, i % 5,
                             i % 11, i + 1, (i + 7) % np + 1);
    snprintf(big + k, cap - k, "],\"headcount\":[{\"date\":\"2024-01-01\",\"count\":9000}]}");
    dj_dataset *ds = NULL;
    check(load(big, &ds) == DJ_OK);
    if (ds) {
        check(dj_dataset_participations_count(ds) == 2 * na);
        size_t n1, n2;
        char *t1 = dj_json_dump(ds, &n1);
        dj_dataset *back = NULL;
        check(t1 && load(t1, &back) == DJ_OK);
        char *t2 = back ? dj_json_dump(back, &n2) : NULL;
        check(t1 && t2 && n1 == n2 && memcmp(t1, t2, n1) == 0);
        char *s1 = stats_text(ds), *s2 = back ? stats_text(back) : NULL;
        check(s1 && s2);
        check_str(s1, s2);
        dj_free(s1);
        dj_free(s2);
        dj_free(t1);
        dj_free(t2);
        dj_dataset_release(back);
        dj_dataset_release(ds);
    }
    free(big);
}

/* --------------------------------------------- allocation failures (chaos) */


static void test_chaos(void)
{
    dj_dataset *src = build_small();
    char *text = dj_json_dump(src, NULL);
    dj_set_allocator(fail_malloc, fail_realloc, free);
    int ok_load = 0, ok_dump = 0;
    for (long i = 0; i < 400 && !(ok_load && ok_dump); i++) {
        dj_dataset *ds = NULL;
        dj_error err;
        fail_left = i;
        dj_status st = dj_json_load(text, strlen(text), &ds, &err);
        check(st == DJ_OK || st == DJ_E_NOMEM);
        check((st == DJ_OK) == (ds != NULL));
        if (st == DJ_OK)
            ok_load = 1;
        fail_left = i;
        char *t = dj_json_dump(src, NULL);
        if (t) {
            check_str(t, text);
            ok_dump = 1;
        }
        fail_left = -1;
        dj_free(t);
        dj_dataset_release(ds);
    }
    check(ok_load && ok_dump);
    dj_set_allocator(NULL, NULL, NULL);
    free(text);
    dj_dataset_release(src);
}

int main(void)
{
    test_dump_exact();
    test_load_forms();
    test_syntax_errors();
    test_shape_errors();
    test_record_errors();
    test_big_round_trip();
    test_chaos();
    return check_done("test_json");
}
