/* test_query.c - dj_query_init/free/set/rule. */
#include "check.h"
#include "failalloc.h"
#include "values.h"
#include "dj.h"
#include "dj_alloc.h"

#include <stdlib.h>
#include <string.h>

static dj_error err;

static dj_status set(dj_query *q, const char *key, dj_value v)
{
    strcpy(err.message, "untouched");
    return dj_query_set(q, key, strlen(key), &v, &err);
}

static dj_status rule(dj_query *q, const char *key, dj_value v)
{
    strcpy(err.message, "untouched");
    return dj_query_rule(q, key, strlen(key), 0, 0, &v, &err);
}

static int32_t day(const char *s)
{
    int32_t d = DJ_NO_DATE;
    dj_date_parse(s, strlen(s), &d);
    return d;
}

/* q equals the defaults */
static int is_default(const dj_query *q)
{
    return q->from == DJ_NO_DATE && q->to == DJ_NO_DATE && q->as_of == DJ_NO_DATE && q->top == -1 &&
           q->due_within == -1 && q->rules_given == 0 && q->n_rules == 0;
}

static void test_init_free(void)
{
    dj_query q;
    memset(&q, 0x5a, sizeof q);
    dj_query_init(&q);
    check(is_default(&q) && q.rules == NULL);
    dj_query_free(&q);
    check(is_default(&q) && q.rules == NULL);
    check(set(&q, "meeting_rules", T(DJ_V_ARRAY)) == DJ_OK);
    check(rule(&q, "committee", S("month")) == DJ_OK);
    dj_query_free(&q); /* ASan: no leak */
    check(is_default(&q) && q.rules == NULL);
}

static void test_dates(void)
{
    const char *msg = "is not a date (YYYY-MM-DD from 1900-01-01 to 2199-12-31)";
    char want[160];
    dj_query q;
    dj_query_init(&q);
    check(set(&q, "from", S("2024-01-01")) == DJ_OK && q.from == day("2024-01-01"));
    check(set(&q, "to", S("2199-12-31")) == DJ_OK && q.to == DJ_DATE_MAX);
    check(set(&q, "as_of", S("1900-01-01")) == DJ_OK && q.as_of == DJ_DATE_MIN);
    /* from after to is stats' business, not ours */
    check(set(&q, "from", S("2199-12-31")) == DJ_OK && q.from == DJ_DATE_MAX);

    check(set(&q, "from", S("2023-02-29")) == DJ_E_QUERY);
    snprintf(want, sizeof want, "query.from: \"2023-02-29\" %s", msg);
    check_str(err.message, want);
    check(q.from == DJ_DATE_MAX); /* unchanged */
    check(set(&q, "to", S("2200-01-01")) == DJ_E_QUERY);
    snprintf(want, sizeof want, "query.to: \"2200-01-01\" %s", msg);
    check_str(err.message, want);
    check(set(&q, "as_of", I(20240101)) == DJ_E_QUERY);
    snprintf(want, sizeof want, "query.as_of: 20240101 %s", msg);
    check_str(err.message, want);
    check(set(&q, "as_of", T(DJ_V_ARRAY)) == DJ_E_QUERY);
    snprintf(want, sizeof want, "query.as_of: an array %s", msg);
    check_str(err.message, want);
    check(q.as_of == DJ_DATE_MIN);

    /* null and '' mean the default */
    check(set(&q, "from", T(DJ_V_NULL)) == DJ_OK && q.from == DJ_NO_DATE);
    check(set(&q, "to", S("")) == DJ_OK && q.to == DJ_NO_DATE);
    check(set(&q, "as_of", T(DJ_V_NULL)) == DJ_OK && q.as_of == DJ_NO_DATE);
    check(is_default(&q));
    dj_query_free(&q);
}

static void test_ints(void)
{
    dj_query q;
    dj_query_init(&q);
    check(set(&q, "top", I(0)) == DJ_OK && q.top == 0);
    check(set(&q, "top", I(1000)) == DJ_OK && q.top == 1000);
    check(set(&q, "top", S("25")) == DJ_OK && q.top == 25);
    check(set(&q, "top", I(1001)) == DJ_E_QUERY);
    check_str(err.message, "query.top: 1001 is not an integer from 0 to 1000");
    check(q.top == 25);
    check(set(&q, "top", I(-1)) == DJ_E_QUERY);
    check_str(err.message, "query.top: -1 is not an integer from 0 to 1000");
    check(set(&q, "top", S("010")) == DJ_E_QUERY);
    check_str(err.message, "query.top: \"010\" is not an integer from 0 to 1000");
    check(set(&q, "top", S("")) == DJ_E_QUERY);
    check_str(err.message, "query.top: \"\" is not an integer from 0 to 1000");
    check(set(&q, "top", F(10.0)) == DJ_E_QUERY);
    check_str(err.message, "query.top: a float is not an integer from 0 to 1000");
    check(set(&q, "top", B(1)) == DJ_E_QUERY);
    check_str(err.message, "query.top: true is not an integer from 0 to 1000");
    check(set(&q, "top", S("99999999999999999999")) == DJ_E_QUERY);
    check_str(err.message, "query.top: \"99999999999999999999\" is not an integer from 0 to 1000");
    check(set(&q, "top", I(INT64_MAX)) == DJ_E_QUERY);
    check(q.top == 25);
    check(set(&q, "top", T(DJ_V_NULL)) == DJ_OK && q.top == -1);

    check(set(&q, "due_within", I(0)) == DJ_OK && q.due_within == 0);
    check(set(&q, "due_within", S("3660")) == DJ_OK && q.due_within == 3660);
    check(set(&q, "due_within", I(3661)) == DJ_E_QUERY);
    check_str(err.message, "query.due_within: 3661 is not an integer from 0 to 3660");
    check(set(&q, "due_within", S(" 60")) == DJ_E_QUERY);
    check_str(err.message, "query.due_within: \" 60\" is not an integer from 0 to 3660");
    check(set(&q, "due_within", T(DJ_V_OTHER)) == DJ_E_QUERY);
    check_str(err.message, "query.due_within: an object is not an integer from 0 to 3660");
    check(q.due_within == 3660);
    check(set(&q, "due_within", T(DJ_V_NULL)) == DJ_OK && q.due_within == -1);
    dj_query_free(&q);
}

static void test_unknown_keys(void)
{
    dj_query q;
    dj_query_init(&q);
    check(set(&q, "foo", I(1)) == DJ_E_QUERY);
    check_str(err.message, "query.foo: unknown key");
    check(set(&q, "0", S("x")) == DJ_E_QUERY);
    check_str(err.message, "query.0: unknown key");
    check(set(&q, "From", S("2024-01-01")) == DJ_E_QUERY);
    check_str(err.message, "query.From: unknown key");
    check(set(&q, "from ", S("2024-01-01")) == DJ_E_QUERY);
    check_str(err.message, "query.from : unknown key");
    check(set(&q, "", I(1)) == DJ_E_QUERY);
    check_str(err.message, "query.: unknown key");
    check(set(&q, "期间", I(1)) == DJ_E_QUERY);
    check_str(err.message, "query.期间: unknown key");
    /* 64 bytes printed, 65 not */
    char k64[66];
    memset(k64, 'k', 64);
    k64[64] = '\0';
    check(set(&q, k64, I(1)) == DJ_E_QUERY);
    char want[128];
    snprintf(want, sizeof want, "query.%s: unknown key", k64);
    check_str(err.message, want);
    k64[64] = 'k';
    k64[65] = '\0';
    check(set(&q, k64, I(1)) == DJ_E_QUERY);
    check_str(err.message, "query.a string: unknown key");
    check(set(&q, "a\nb", I(1)) == DJ_E_QUERY);
    check_str(err.message, "query.a string: unknown key");
    check(set(&q, "a\"b", I(1)) == DJ_E_QUERY);
    check_str(err.message, "query.a string: unknown key");
    check(set(&q, "\xff", I(1)) == DJ_E_QUERY);
    check_str(err.message, "query.a string: unknown key");
    dj_value v = I(1);
    check(dj_query_set(&q, "to\0x", 4, &v, &err) == DJ_E_QUERY); /* not "to" */
    check_str(err.message, "query.a string: unknown key");
    check(dj_query_set(&q, "top", 2, &v, &err) == DJ_E_QUERY); /* "to" by length: a bad date */
    check_str(err.message, "query.to: 1 is not a date (YYYY-MM-DD from 1900-01-01 to 2199-12-31)");
    check(is_default(&q));
    dj_query_free(&q);
}

static void test_rules(void)
{
    dj_query q;
    dj_query_init(&q);
    check(set(&q, "meeting_rules", S("month")) == DJ_E_QUERY);
    check_str(err.message, "query.meeting_rules: \"month\" is not a map of meeting kinds");
    check(set(&q, "meeting_rules", I(1)) == DJ_E_QUERY);
    check_str(err.message, "query.meeting_rules: 1 is not a map of meeting kinds");
    check(set(&q, "meeting_rules", T(DJ_V_OTHER)) == DJ_E_QUERY);
    check_str(err.message, "query.meeting_rules: an object is not a map of meeting kinds");
    check(set(&q, "meeting_rules", B(0)) == DJ_E_QUERY);
    check_str(err.message, "query.meeting_rules: false is not a map of meeting kinds");
    check(is_default(&q));

    /* [] : given, empty (checks nothing) */
    check(set(&q, "meeting_rules", T(DJ_V_ARRAY)) == DJ_OK);
    check(q.rules_given == 1 && q.n_rules == 0);

    check(rule(&q, "party_lesson", S("quarter")) == DJ_OK);
    check(rule(&q, "committee", S("month")) == DJ_OK);
    check(rule(&q, "life_meeting", S("year")) == DJ_OK);
    check(q.n_rules == 3);
    check_str(q.rules[0].kind, "party_lesson");
    check(q.rules[0].unit == DJ_UNIT_QUARTER);
    check_str(q.rules[1].kind, "committee");
    check(q.rules[1].unit == DJ_UNIT_MONTH);
    check_str(q.rules[2].kind, "life_meeting");
    check(q.rules[2].unit == DJ_UNIT_YEAR);
    /* a repeated kind is appended (stats sorts the rules once and the later
     * one wins: test_stats) */
    check(rule(&q, "committee", S("year")) == DJ_OK);
    check(q.n_rules == 4 && q.rules[3].unit == DJ_UNIT_YEAR && strcmp(q.rules[3].kind, "committee") == 0);
    /* 32-byte kind */
    check(rule(&q, "abcdefghijklmnopqrstuvwxyz012345", S("month")) == DJ_OK);
    check(q.n_rules == 5);
    check_str(q.rules[4].kind, "abcdefghijklmnopqrstuvwxyz012345");

    /* bad keys */
    check(rule(&q, "Committee", S("month")) == DJ_E_QUERY);
    check_str(err.message, "query.meeting_rules: \"Committee\" is not a slug (1 to 32 of a-z, 0-9, _)");
    check(rule(&q, "", S("month")) == DJ_E_QUERY);
    check_str(err.message, "query.meeting_rules: \"\" is not a slug (1 to 32 of a-z, 0-9, _)");
    check(rule(&q, "abcdefghijklmnopqrstuvwxyz0123456", S("month")) == DJ_E_QUERY);
    check_str(
        err.message,
        "query.meeting_rules: \"abcdefghijklmnopqrstuvwxyz0123456\" is not a slug (1 to 32 of a-z, 0-9, _)");
    check(rule(&q, "a\nb", S("month")) == DJ_E_QUERY);
    check_str(err.message, "query.meeting_rules: a string is not a slug (1 to 32 of a-z, 0-9, _)");
    dj_value m = S("month");
    /* PHP turns the key "2024" into an int: a non-negative int key is its digits */
    size_t before = q.n_rules;
    check(dj_query_rule(&q, NULL, 0, 1, 2024, &m, &err) == DJ_OK);
    check(q.n_rules == before + 1 && strcmp(q.rules[q.n_rules - 1].kind, "2024") == 0 &&
          q.rules[q.n_rules - 1].unit == DJ_UNIT_MONTH);
    check(dj_query_rule(&q, NULL, 0, 1, -12, &m, &err) == DJ_E_QUERY);
    check_str(err.message, "query.meeting_rules: -12 is not a slug (1 to 32 of a-z, 0-9, _)");

    /* bad units */
    check(rule(&q, "committee", S("Month")) == DJ_E_QUERY);
    check_str(err.message, "query.meeting_rules.committee: \"Month\" is not month, quarter or year");
    check(rule(&q, "committee", S("")) == DJ_E_QUERY);
    check_str(err.message, "query.meeting_rules.committee: \"\" is not month, quarter or year");
    check(rule(&q, "committee", T(DJ_V_NULL)) == DJ_E_QUERY);
    check_str(err.message, "query.meeting_rules.committee: null is not month, quarter or year");
    check(rule(&q, "new_kind", I(1)) == DJ_E_QUERY);
    check_str(err.message, "query.meeting_rules.new_kind: 1 is not month, quarter or year");
    check(rule(&q, "new_kind", T(DJ_V_ARRAY)) == DJ_E_QUERY);
    check_str(err.message, "query.meeting_rules.new_kind: an array is not month, quarter or year");
    /* nothing changed by the failures (the five rules above and "2024") */
    check(q.n_rules == 6 && q.rules[3].unit == DJ_UNIT_YEAR);

    /* given again: the list starts over */
    check(set(&q, "meeting_rules", T(DJ_V_ARRAY)) == DJ_OK);
    check(q.rules_given == 1 && q.n_rules == 0);
    check(rule(&q, "theme_day", S("month")) == DJ_OK);
    check(q.n_rules == 1);
    check_str(q.rules[0].kind, "theme_day");
    /* null: back to the default rules */
    check(set(&q, "meeting_rules", T(DJ_V_NULL)) == DJ_OK);
    check(q.rules_given == 0 && q.n_rules == 0);
    dj_query_free(&q);
}


static void test_nomem(void)
{
    dj_query q;
    dj_query_init(&q);
    fail_left = 0; /* announcing the map needs no memory */
    dj_set_allocator(fail_malloc, fail_realloc, free);
    check(set(&q, "meeting_rules", T(DJ_V_ARRAY)) == DJ_OK);
    fail_left = 1; /* room for 8 rules: the ninth needs more */
    for (int i = 0; i < 8; i++)
        check(rule(&q, "committee", S("month")) == DJ_OK);
    check(rule(&q, "theme_day", S("year")) == DJ_E_NOMEM);
    check(q.n_rules == 8 && q.rules_given == 1);
    check_str(q.rules[7].kind, "committee");
    check(q.rules[7].unit == DJ_UNIT_MONTH);
    dj_query_free(&q);
    dj_set_allocator(NULL, NULL, NULL);
}

int main(void)
{
    test_init_free();
    test_dates();
    test_ints();
    test_unknown_keys();
    test_rules();
    test_nomem();
    return check_done("test_query");
}
