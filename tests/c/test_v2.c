/*
 * test_v2.c - STATS.md version 2 in the core: hired_on, project, the query
 * filter, the new figures (hired, hired_party_members, party_volunteer_hours,
 * party_volunteers, by_project), the pipeline counting only the branch's own
 * stage dates, JSON version 2, snapshot format 3, errors as data, and the
 * meeting rules sorted once (issue 11, item 15). Expectations are worked by
 * hand from STATS.md and docs/ENGINE.md section 9.
 */
#define _POSIX_C_SOURCE 200809L /* mkstemp */
#include "dj.h"
#include "dj_alloc.h"
#include "dj_remove.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "check.h"
#include "values.h"

extern int dj_stats_scan_only;

static dj_error err;

/* A person from "key=value" pairs: "id=1 admitted_on=2020-01-01 ..." */
static dj_person_in person(const char *spec)
{
    static char buf[64][64];
    static int next;
    dj_person_in p;
    memset(&p, 0, sizeof p);
    p.row = T(DJ_V_ARRAY);
    char tmp[512];
    snprintf(tmp, sizeof tmp, "%s", spec);
    for (char *tok = strtok(tmp, " "); tok; tok = strtok(NULL, " ")) {
        char *eq = strchr(tok, '=');
        *eq = '\0';
        char *val = buf[next++ % 64];
        snprintf(val, 64, "%s", eq + 1);
        if (strcmp(tok, "id") == 0) {
            p.id = I(atoi(val));
            continue;
        }
        static const char *const names[DJ_PERSON_DATES] = {"applied_on",  "activist_on", "candidate_on",
                                                           "admitted_on", "full_on",     "joined_on",
                                                           "left_on",     "hired_on"};
        for (int k = 0; k < DJ_PERSON_DATES; k++)
            if (strcmp(tok, names[k]) == 0)
                p.dates[k] = S(val);
    }
    return p;
}

typedef struct {
    int id;
    const char *date, *category, *kind, *venue_kind, *venue, *project;
    int64_t hours;
    int parts[6]; /* person ids, 0-terminated */
} act;

static dj_status add_acts(dj_dataset *ds, const act *a, size_t n)
{
    dj_activity_in in[32];
    dj_participant_in parts[32][6];
    for (size_t i = 0; i < n; i++) {
        memset(&in[i], 0, sizeof in[i]);
        in[i].row = T(DJ_V_ARRAY);
        in[i].id = I(a[i].id);
        in[i].date = S(a[i].date);
        in[i].category = S(a[i].category);
        in[i].kind = S(a[i].kind);
        in[i].hours = F((double)a[i].hours / 100.0); /* given in hundredths */
        if (a[i].venue_kind)
            in[i].venue_kind = S(a[i].venue_kind);
        if (a[i].venue)
            in[i].venue = S(a[i].venue);
        if (a[i].project)
            in[i].project = S(a[i].project);
        size_t k = 0;
        for (; k < 6 && a[i].parts[k]; k++) {
            memset(&parts[i][k], 0, sizeof parts[i][k]);
            parts[i][k].entry = I(a[i].parts[k]);
        }
        in[i].participants = T(DJ_V_ARRAY);
        in[i].parts = parts[i];
        in[i].n_parts = k;
    }
    return dj_dataset_add_activities_in(ds, in, n, &err);
}

static char *stats_of(const dj_dataset *ds, const dj_query *q)
{
    dj_stats s;
    if (dj_dataset_stats(ds, q, &s, &err) != DJ_OK) {
        fprintf(stderr, "stats: %s\n", err.message);
        return NULL;
    }
    char *j = dj_stats_json(&s, NULL);
    dj_stats_free(&s);
    return j;
}

/* The JSON text of key (e.g. "\"pipeline\":") up to its closing brace. */
static const char *block(const char *json, const char *key, char *out, size_t cap)
{
    const char *p = json ? strstr(json, key) : NULL;
    if (!p) {
        snprintf(out, cap, "(no %s)", key);
        return out;
    }
    p += strlen(key);
    int depth = 0;
    size_t n = 0;
    do {
        if (*p == '{' || *p == '[')
            depth++;
        else if (*p == '}' || *p == ']')
            depth--;
        if (n + 1 < cap)
            out[n++] = *p;
        p++;
    } while (depth > 0 && *p);
    out[n] = '\0';
    return out;
}

static void set_period(dj_query *q, const char *from, const char *to, const char *as_of)
{
    dj_value v = S(from);
    check(dj_query_set(q, "from", 4, &v, &err) == DJ_OK);
    v = S(to);
    check(dj_query_set(q, "to", 2, &v, &err) == DJ_OK);
    if (as_of) {
        v = S(as_of);
        check(dj_query_set(q, "as_of", 5, &v, &err) == DJ_OK);
    }
}

/* ------------------------------------------------------------- people */

static void test_pipeline_and_hires(void)
{
    dj_dataset *ds = dj_dataset_new();
    dj_person_in p[] = {
        /* admitted elsewhere, transferred in: not the branch's admission */
        person("id=1 applied_on=2023-01-01 admitted_on=2024-02-01 joined_on=2024-03-01"),
        /* admitted on the day of joining: counts */
        person("id=2 admitted_on=2024-03-01 joined_on=2024-03-01 hired_on=2024-03-01"),
        /* a stage date on the day of leaving: not while in the branch */
        person("id=3 applied_on=2024-01-10 activist_on=2024-05-01 left_on=2024-05-01"),
        /* converted the day before leaving: counts */
        person("id=4 admitted_on=2023-01-01 full_on=2024-04-30 left_on=2024-05-01 hired_on=2024-06-01"),
        /* hired before admission: not a hired party member */
        person("id=5 applied_on=2023-01-01 admitted_on=2024-07-01 hired_on=2024-06-30"),
        /* hired outside the period; hired with no admission */
        person("id=6 hired_on=2023-12-31"),
        person("id=7 hired_on=2024-12-31"),
    };
    check(dj_dataset_add_people_in(ds, p, sizeof p / sizeof p[0], &err) == DJ_OK);
    dj_query q;
    dj_query_init(&q);
    set_period(&q, "2024-01-01", "2024-12-31", NULL);
    char *j = stats_of(ds, &q), b[2048];
    check_str(block(j, "\"pipeline\":", b, sizeof b),
              "{\"applied\":1,\"activists\":0,\"candidates\":0,\"admitted\":2,\"converted\":1,"
              "\"transferred_in\":2,\"left\":2,\"eligible_candidates\":0,\"due_for_conversion\":["
              "{\"id\":1,\"due_on\":\"2025-02-01\"},{\"id\":2,\"due_on\":\"2025-03-01\"}],"
              "\"overdue_conversion\":[],\"hired\":4,\"hired_party_members\":2}");
    dj_free(j);
    /* hired_on is not a date of the default `to` */
    dj_query_free(&q);
    dj_query_init(&q);
    j = stats_of(ds, &q);
    check(j && strstr(j, "\"to\":\"2024-07-01\"") != NULL);
    dj_free(j);
    dj_query_free(&q);
    dj_dataset_release(ds);

    /* hired_on: a date, checked after left_on and before left_reason */
    ds = dj_dataset_new();
    dj_person_in bad = person("id=9 hired_on=2024-02-30");
    bad.left_reason = S("moved");
    check(dj_dataset_add_people_in(ds, &bad, 1, &err) == DJ_E_RECORD);
    check_str(err.message,
              "people[0].hired_on: \"2024-02-30\" is not a date (YYYY-MM-DD from 1900-01-01 to 2199-12-31)");
    check_str(err.rule, "date");
    check_str(err.path, "people[0].hired_on");
    check_str(dj_error_field(&err), "hired_on");
    /* no order rule ties it to the other dates */
    dj_person_in early = person("id=9 applied_on=2024-01-01 left_on=2024-02-01 hired_on=1990-01-01");
    check(dj_dataset_add_people_in(ds, &early, 1, &err) == DJ_OK);
    dj_dataset_release(ds);
}

/* ------------------------------------------------------------- service */

static dj_dataset *service_set(void)
{
    dj_dataset *ds = dj_dataset_new();
    dj_person_in p[] = {
        person("id=1 admitted_on=2020-01-01"),                         /* party member throughout */
        person("id=2 candidate_on=2023-01-01 admitted_on=2024-03-01"), /* party from March */
        person("id=3 full_on=2019-01-01 left_on=2024-04-01"),          /* leaves in April */
        person("id=4 full_on=2019-01-01 joined_on=2024-05-01"),        /* joins in May */
        person("id=5 applied_on=2024-01-01"),                          /* never a party member */
    };
    check(dj_dataset_add_people_in(ds, p, 5, &err) == DJ_OK);
    const act a[] = {
        {1, "2024-02-01", "service", "counseling", "community", "A", " 洪灾援助", 200, {1, 2, 3, 4, 5}},
        {2, "2024-04-01", "service", "counseling", "school", "B", "洪灾援助\xe3\x80\x80", 100, {2, 3, 4}},
        {3, "2024-05-01", "service", "lecture", "community", "A", "Reading", 300, {4, 5}},
        {4, "2024-06-01", "service", "lecture", "", "", "  ", 50, {1}},
        {5, "2024-06-02", "meeting", "committee", "community", "A", "洪灾援助", 100, {1, 2}},
        {6, "2023-12-31", "service", "lecture", "", "", "Reading", 100, {1}},
    };
    check(add_acts(ds, a, sizeof a / sizeof a[0]) == DJ_OK);
    return ds;
}

static void test_service_figures(void)
{
    dj_dataset *ds = service_set();
    dj_query q;
    dj_query_init(&q);
    set_period(&q, "2024-01-01", "2024-12-31", "2024-12-31");
    extern int dj_stats_projects_by_sort;
    for (int scan = 0; scan < 4; scan++) {
        dj_stats_scan_only = scan & 1;         /* the cache and the scan agree */
        dj_stats_projects_by_sort = scan >> 1; /* bitmaps or sorted pairs alike */
        char *j = stats_of(ds, &q), b[2048];
        /* party hours: act 1 (1 and 3: 2.0 each; 2 not yet admitted, 4 not yet joined),
         * act 2 (2: 1.0; 3 left on that day), act 3 (4, joined that day: 3.0), act 4 (1: 0.5) */
        check(j && strstr(j, "\"party_volunteer_hours\":8.5,\"party_volunteers\":4,") != NULL);
        check_str(block(j, "\"by_project\":", b, sizeof b),
                  "{\"Reading\":{\"activities\":1,\"hours\":3.0,\"fee_waived\":0.0,\"donation\":0.0,"
                  "\"beneficiaries\":0,\"volunteers\":2},"
                  "\"洪灾援助\":{\"activities\":2,\"hours\":3.0,\"fee_waived\":0.0,\"donation\":0.0,"
                  "\"beneficiaries\":0,\"volunteers\":5}}");
        dj_free(j);
    }
    dj_stats_scan_only = 0;
    dj_stats_projects_by_sort = 0;
    dj_query_free(&q);

    /* the project is trimmed as venue is, and written only where set */
    char *t = dj_json_dump(ds, NULL);
    check(t && strstr(t, "\"venue\":\"A\",\"project\":\"洪灾援助\",\"participants\"") != NULL);
    check(t && strstr(t, "\"venue\":\"\",\"participants\":[{\"id\":1,\"hours\":0.5}]") != NULL);
    dj_free(t);
    dj_dataset_release(ds);

    /* project: the venue rules, its own message, after venue */
    ds = dj_dataset_new();
    dj_person_in p = person("id=1");
    check(dj_dataset_add_people_in(ds, &p, 1, &err) == DJ_OK);
    char longname[202];
    memset(longname, 'x', 201);
    longname[201] = '\0';
    act bad[] = {{1, "2024-01-01", "service", "a", NULL, NULL, NULL, 0, {0}},
                 {2, "2024-01-01", "service", "a", NULL, "\xff", longname, 0, {0}}};
    check(add_acts(ds, bad, 2) == DJ_E_RECORD);
    check_str(err.message,
              "activities[1].venue: a string is not a venue name (UTF-8 text of at most 200 bytes)");
    bad[1].venue = NULL;
    check(add_acts(ds, bad, 2) == DJ_E_RECORD);
    check_str(err.message,
              "activities[1].project: a string is not a project name (UTF-8 text of at most 200 bytes)");
    check_str(err.rule, "project");
    check(err.row == 1);
    memset(longname, ' ', 201);
    longname[200] = '\0'; /* 200 spaces: blank, no project */
    check(add_acts(ds, bad, 2) == DJ_OK);
    dj_dataset_release(ds);
}

/* ------------------------------------------------------------- filter */

static dj_status filter_list(dj_query *q, const char *key, const char *const *vals, size_t n)
{
    dj_value v = T(DJ_V_ARRAY);
    int field;
    dj_status st = dj_query_filter_key(q, key, strlen(key), 0, 0, &v, n, 1, &field, &err);
    for (size_t i = 0; st == DJ_OK && i < n; i++) {
        v = S(vals[i]);
        st = dj_query_filter_value(q, field, &v, &err);
    }
    return st;
}

static void test_filter(void)
{
    dj_dataset *ds = service_set();
    dj_query q;
    dj_query_init(&q);
    set_period(&q, "2024-01-01", "2024-12-31", "2024-12-31");
    dj_value m = T(DJ_V_ARRAY);
    check(dj_query_set(&q, "filter", 6, &m, &err) == DJ_OK);
    static const char *const proj[] = {"洪灾援助 "};
    static const char *const vk[] = {"community", "community"};
    check(filter_list(&q, "projects", proj, 1) == DJ_OK);
    check(filter_list(&q, "venue_kinds", vk, 2) == DJ_OK);
    char *j = stats_of(ds, &q), b[4096];
    /* act 1 only among the service rows; the meeting act 5 matches too */
    check(j && strstr(j, "\"service\":{\"activities\":1,\"hours\":2.0,") != NULL);
    /* the ratio keeps its denominator: 1, 2 and 4 are party members on as_of, all took part */
    check(j && strstr(j, "\"volunteer_hours\":10.0,\"volunteers\":5,\"participation_ratio\":1.0,") != NULL);
    check(j && strstr(j, "\"meetings\":{\"total\":1,\"hours\":1.0,\"by_kind\":{\"committee\":1},") != NULL);
    /* members and pipeline ignore the filter */
    check(j && strstr(j, "\"party_members\":3,") != NULL);
    dj_free(j);

    /* kinds: missing checks only the listed kinds of the rules */
    dj_query_free(&q);
    dj_query_init(&q);
    set_period(&q, "2024-01-01", "2024-12-31", NULL);
    check(dj_query_set(&q, "filter", 6, &m, &err) == DJ_OK);
    static const char *const kinds[] = {"committee", "lecture"};
    check(filter_list(&q, "kinds", kinds, 2) == DJ_OK);
    j = stats_of(ds, &q);
    check_str(block(j, "\"missing\":", b, sizeof b),
              "{\"committee\":[\"2024-01\",\"2024-02\",\"2024-03\",\"2024-04\",\"2024-05\",\"2024-07\","
              "\"2024-08\",\"2024-09\",\"2024-10\",\"2024-11\",\"2024-12\"]}");
    check(j && strstr(j, "\"service\":{\"activities\":2,\"hours\":3.5,") != NULL);
    dj_free(j);

    /* venues: an activity with no venue never matches; an unknown name matches nothing */
    dj_query_free(&q);
    dj_query_init(&q);
    set_period(&q, "2024-01-01", "2024-12-31", NULL);
    check(dj_query_set(&q, "filter", 6, &m, &err) == DJ_OK);
    static const char *const venues[] = {"B", "nowhere"};
    check(filter_list(&q, "venues", venues, 2) == DJ_OK);
    j = stats_of(ds, &q);
    check(j && strstr(j, "\"service\":{\"activities\":1,\"hours\":1.0,") != NULL);
    dj_free(j);
    dj_query_free(&q);

    /* the messages, in order */
    struct {
        const char *key;
        dj_value v;
        size_t n;
        int list;
        const char *msg;
    } cases[] = {
        {"colour", T(DJ_V_NULL), 0, 0, "query.filter.colour: unknown key"},
        {"kinds", S("x"), 0, 0, "query.filter.kinds: \"x\" is not a list of 1 to 100 values"},
        {"kinds", T(DJ_V_ARRAY), 0, 1, "query.filter.kinds: an array is not a list of 1 to 100 values"},
        {"venues", T(DJ_V_ARRAY), 101, 1, "query.filter.venues: an array is not a list of 1 to 100 values"},
        {"venues", T(DJ_V_ARRAY), 2, 0, "query.filter.venues: an array is not a list of 1 to 100 values"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        dj_query_init(&q);
        int field;
        check(dj_query_filter_key(&q, cases[i].key, strlen(cases[i].key), 0, 0, &cases[i].v, cases[i].n,
                                  cases[i].list, &field, &err) == DJ_E_QUERY);
        check_str(err.message, cases[i].msg);
        dj_query_free(&q);
    }
    dj_query_init(&q);
    int field;
    check(dj_query_filter_key(&q, NULL, 0, 1, 3, &m, 1, 1, &field, &err) == DJ_E_QUERY);
    check_str(err.message, "query.filter.3: unknown key");
    dj_value nul = T(DJ_V_NULL);
    check(dj_query_filter_key(&q, "projects", 8, 0, 0, &nul, 0, 0, &field, &err) == DJ_OK && field == -1);
    check(!q.filtered);
    dj_value one = T(DJ_V_ARRAY), bad;
    check(dj_query_filter_key(&q, "kinds", 5, 0, 0, &one, 1, 1, &field, &err) == DJ_OK);
    bad = S("");
    check(dj_query_filter_value(&q, field, &bad, &err) == DJ_E_QUERY);
    check_str(err.message, "query.filter.kinds: \"\" is not a slug (1 to 32 of a-z, 0-9, _)");
    bad = I(5);
    check(dj_query_filter_value(&q, field, &bad, &err) == DJ_E_QUERY);
    check_str(err.message, "query.filter.kinds: 5 is not a slug (1 to 32 of a-z, 0-9, _)");
    check(dj_query_filter_key(&q, "projects", 8, 0, 0, &one, 1, 1, &field, &err) == DJ_OK);
    bad = S("\xe3\x80\x80 ");
    check(dj_query_filter_value(&q, field, &bad, &err) == DJ_E_QUERY);
    check_str(
        err.message,
        "query.filter.projects: \"\xe3\x80\x80 \" is not a name (UTF-8 text of 1 to 200 bytes, not blank)");
    bad = S("\xc0\x80");
    check(dj_query_filter_value(&q, field, &bad, &err) == DJ_E_QUERY);
    check_str(err.message,
              "query.filter.projects: a string is not a name (UTF-8 text of 1 to 200 bytes, not blank)");
    dj_value f = S("map");
    check(dj_query_set(&q, "filter", 6, &f, &err) == DJ_E_QUERY);
    check_str(err.message, "query.filter: \"map\" is not a map of filters");
    dj_query_free(&q);
    dj_dataset_release(ds);
}

/* A filtered query gives, for service and meetings, what a dataset holding
 * only the matching activities gives. */
static void test_filter_equals_subset(void)
{
    dj_dataset *ds = service_set();
    dj_dataset *sub = dj_dataset_new();
    dj_person_in p[] = {
        person("id=1 admitted_on=2020-01-01"), person("id=2 candidate_on=2023-01-01 admitted_on=2024-03-01"),
        person("id=3 full_on=2019-01-01 left_on=2024-04-01"),
        person("id=4 full_on=2019-01-01 joined_on=2024-05-01"), person("id=5 applied_on=2024-01-01")};
    check(dj_dataset_add_people_in(sub, p, 5, &err) == DJ_OK);
    const act a[] = {
        {2, "2024-04-01", "service", "counseling", "school", "B", "洪灾援助", 100, {2, 3, 4}},
        {3, "2024-05-01", "service", "lecture", "community", "A", "Reading", 300, {4, 5}},
        {6, "2023-12-31", "service", "lecture", "", "", "Reading", 100, {1}},
        {7, "2024-12-31", "meeting", "x", "", "", NULL, 0, {0}}, /* keeps the default `to` alike */
    };
    check(add_acts(sub, a, 4) == DJ_OK);
    check(add_acts(ds, a + 3, 1) == DJ_OK);
    dj_query q, q2;
    dj_query_init(&q);
    dj_query_init(&q2);
    dj_value m = T(DJ_V_ARRAY);
    check(dj_query_set(&q, "filter", 6, &m, &err) == DJ_OK);
    static const char *const vk[] = {"school", "community"};
    static const char *const kinds[] = {"counseling", "lecture", "x"};
    check(filter_list(&q, "venue_kinds", vk, 2) == DJ_OK);
    check(filter_list(&q, "kinds", kinds, 3) == DJ_OK);
    /* act 1 is counseling at a community venue too: drop it by date */
    dj_value from = S("2024-03-01");
    check(dj_query_set(&q, "from", 4, &from, &err) == DJ_OK);
    check(dj_query_set(&q2, "from", 4, &from, &err) == DJ_OK);
    char *j1 = stats_of(ds, &q), *j2 = stats_of(sub, &q2), b1[4096], b2[4096];
    check_str(block(j1, "\"service\":", b1, sizeof b1), block(j2, "\"service\":", b2, sizeof b2));
    dj_free(j1);
    dj_free(j2);
    dj_query_free(&q);
    dj_query_free(&q2);
    dj_dataset_release(ds);
    dj_dataset_release(sub);
}

/* ------------------------------------------------------------- formats */

static void test_json_versions(void)
{
    static const char v1[] =
        "{\"format\":\"dangjian-dataset\",\"version\":1,\"people\":[{\"id\":1,\"hired_on\":\"bad\"}],"
        "\"activities\":[{\"id\":1,\"date\":\"2024-01-01\",\"category\":\"service\",\"kind\":\"a\","
        "\"project\":7}]}";
    dj_dataset *ds = NULL;
    check(dj_json_load(v1, strlen(v1), &ds, &err) == DJ_OK); /* unknown keys in version 1 */
    char *t = ds ? dj_json_dump(ds, NULL) : NULL;
    check(t && strstr(t, "\"version\":2,") && !strstr(t, "hired_on") && !strstr(t, "project"));
    dj_free(t);
    dj_dataset_release(ds);

    static const char v2[] =
        "{\"format\":\"dangjian-dataset\",\"version\":2,\"people\":[{\"id\":1,\"hired_on\":\"bad\"}]}";
    ds = NULL;
    check(dj_json_load(v2, strlen(v2), &ds, &err) == DJ_E_RECORD && ds == NULL);
    check_str(err.message,
              "people[0].hired_on: \"bad\" is not a date (YYYY-MM-DD from 1900-01-01 to 2199-12-31)");

    /* a row past the first batch: the row counted in the whole array */
    size_t cap = 5000 * 16 + 200;
    char *big = malloc(cap);
    size_t n = (size_t)snprintf(big, cap, "{\"format\":\"dangjian-dataset\",\"version\":2,\"people\":[");
    for (int i = 1; i <= 5000; i++)
        n += (size_t)snprintf(big + n, cap - n, "%s{\"id\":%d}", i > 1 ? "," : "", i == 4500 ? 3 : i);
    n += (size_t)snprintf(big + n, cap - n, "]}");
    check(dj_json_load(big, n, &ds, &err) == DJ_E_RECORD);
    check_str(err.message, "people[4499].id: duplicate id 3");
    check(err.row == 4499);
    check_str(err.path, "people[4499].id");
    check_str(err.rule, "duplicate_id");
    free(big);
}

static void test_snapshot_v3(void)
{
    dj_dataset *ds = service_set();
    dj_person_in p = person("id=9 admitted_on=2020-01-01 hired_on=2024-01-02");
    check(dj_dataset_add_people_in(ds, &p, 1, &err) == DJ_OK);
    size_t n;
    unsigned char *d = dj_snapshot_dump(ds, &n);
    dj_dataset *back = NULL;
    check(d && dj_snapshot_load_mem(d, n, &back, &err) == DJ_OK);
    dj_query q;
    dj_query_init(&q);
    char *a = stats_of(ds, &q), *b = back ? stats_of(back, &q) : NULL;
    check(a && b && strcmp(a, b) == 0 && strstr(a, "\"hired\":1,"));
    char *ta = dj_json_dump(ds, NULL), *tb = back ? dj_json_dump(back, NULL) : NULL;
    check(ta && tb && strcmp(ta, tb) == 0);
    dj_free(a);
    dj_free(b);
    dj_free(ta);
    dj_free(tb);
    dj_query_free(&q);
    dj_dataset_release(back);

    /* save() streams the columns with a running CRC (issue 11, item 17): the
     * file holds exactly the bytes of dj_snapshot_dump, with the carry-less
     * CRC and without, through pieces larger and smaller than its stage */
    act many[30];
    for (int i = 0; i < 30; i++) {
        act x = {1000 + i,
                 "2024-08-01",
                 "service",
                 "visit",
                 "hall",
                 "H",
                 i % 2 ? "Big" : NULL,
                 i == 3 ? 90000000000LL : 100,
                 {1, 2}};
        many[i] = x;
    }
    check(add_acts(ds, many, 30) == DJ_OK);
    dj_free(d);
    d = dj_snapshot_dump(ds, &n);
    char path[] = "/tmp/dj-v2-save-XXXXXX";
    int fd = mkstemp(path);
    check(fd >= 0);
    if (fd >= 0)
        close(fd);
    extern int dj_snapshot_crc_portable;
    for (int portable = 0; portable < 2; portable++) {
        dj_snapshot_crc_portable = portable;
        check(dj_snapshot_save(ds, path, &err) == DJ_OK);
        FILE *f = fopen(path, "rb");
        unsigned char *got = malloc(n + 16);
        size_t gl = f ? fread(got, 1, n + 16, f) : 0;
        if (f)
            fclose(f);
        check(gl == n && d && memcmp(got, d, n) == 0);
        free(got);
    }
    dj_snapshot_crc_portable = 0;
    unlink(path);
    dj_free(d);
    dj_dataset_release(ds);
}

/* ------------------------------------------------------------- errors */

static void test_errors_as_data(void)
{
    dj_dataset *ds = dj_dataset_new();
    dj_person_in p[] = {person("id=1 applied_on=2024-02-01 activist_on=2024-01-01")};
    check(dj_dataset_add_people_in(ds, p, 1, &err) == DJ_E_RECORD);
    check(err.code == DJ_E_RECORD && err.row == 0);
    check_str(err.path, "people[0].activist_on");
    check_str(err.rule, "stage_order");
    dj_person_in q[] = {person("id=1"), person("id=2 applied_on=2024-02-01 left_on=2024-01-01")};
    check(dj_dataset_add_people_in(ds, q, 2, &err) == DJ_E_RECORD);
    check(err.row == 1);
    check_str(err.rule, "left_before_start");
    check(dj_dataset_add_people_in(ds, q, 1, &err) == DJ_OK);
    act a[] = {{1, "2024-01-01", "service", "a", NULL, NULL, NULL, 0, {1, 1}}};
    check(add_acts(ds, a, 1) == DJ_E_RECORD);
    check_str(err.path, "activities[0].participants[1]");
    check_str(dj_error_field(&err), "participants[1]");
    check_str(err.rule, "duplicate_participant");
    dj_activity_in row;
    memset(&row, 0, sizeof row);
    row.row = I(5);
    check(dj_dataset_add_activities_in(ds, &row, 1, &err) == DJ_E_RECORD);
    check_str(err.path, "activities[0]");
    check_str(dj_error_field(&err), "");
    check_str(err.rule, "row");
    /* the checks of a removal run on a shared dataset and change nothing */
    int32_t ids[] = {1, 5, 1};
    dj_dataset_retain(ds);
    check(dj_dataset_remove_check(ds, ids, 2, 1, &err) == DJ_E_RECORD);
    check_str(err.message, "people[1]: no id 5");
    check_str(err.rule, "no_id");
    check(dj_dataset_remove_check(ds, ids, 3, 1, &err) == DJ_E_RECORD); /* 5 first */
    ids[1] = 1;
    check(dj_dataset_remove_check(ds, ids, 2, 1, &err) == DJ_E_RECORD);
    check_str(err.message, "people[1]: duplicate id 1");
    check(dj_dataset_remove_check(ds, ids, 1, 1, &err) == DJ_OK && dj_dataset_people_count(ds) == 1);
    dj_dataset_release(ds);
    dj_error_set(&err, DJ_E_QUERY, "query.x: unknown key");
    check(err.row == -1 && err.path[0] == '\0' && err.rule[0] == '\0');
    dj_dataset_release(ds);
}

/* Issue 11, item 15: 80,000 meeting rules are appended without a search and
 * sorted once; only kinds present get a row of presence. Behaviour, not time:
 * every kind is listed, a kind given twice keeps its last unit. */
static void test_many_rules(void)
{
    dj_dataset *ds = dj_dataset_new();
    act a[] = {{1, "2024-02-10", "meeting", "k00042", NULL, NULL, NULL, 0, {0}}};
    check(add_acts(ds, a, 1) == DJ_OK);
    dj_query q;
    dj_query_init(&q);
    set_period(&q, "2024-01-01", "2024-03-31", NULL);
    dj_value m = T(DJ_V_ARRAY), unit = S("month"), quarter = S("quarter");
    check(dj_query_set(&q, "meeting_rules", 13, &m, &err) == DJ_OK);
    char kind[16];
    for (int i = 79999; i >= 0; i--) {
        snprintf(kind, sizeof kind, "k%05d", i);
        check(dj_query_rule(&q, kind, strlen(kind), 0, 0, &unit, &err) == DJ_OK);
    }
    check(dj_query_rule(&q, "k00042", 6, 0, 0, &quarter, &err) == DJ_OK); /* the later one wins */
    dj_stats s;
    check(dj_dataset_stats(ds, &q, &s, &err) == DJ_OK);
    check(s.meetings.n_missing == 80000);
    check(s.meetings.n_missing == 80000 && strcmp(s.meetings.missing[0].kind, "k00000") == 0 &&
          s.meetings.missing[0].n_periods == 3);
    check(s.meetings.n_missing == 80000 && strcmp(s.meetings.missing[42].kind, "k00042") == 0 &&
          s.meetings.missing[42].unit == DJ_UNIT_QUARTER && s.meetings.missing[42].n_periods == 0);
    dj_stats_free(&s);
    dj_query_free(&q);
    dj_dataset_release(ds);
}

int main(void)
{
    test_pipeline_and_hires();
    test_service_figures();
    test_filter();
    test_filter_equals_subset();
    test_json_versions();
    test_snapshot_v3();
    test_errors_as_data();
    test_many_rules();
    return check_done("test_v2");
}
