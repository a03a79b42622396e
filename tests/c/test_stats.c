/* test_stats.c - every figure of STATS.md "Result" on hand-computed
 * datasets, the query defaults and errors, and the statsJson() text. */
#include "check.h"
#include "failalloc.h"
#include "dataset_internal.h" /* dj_stats_scan_only, ds->cache */
#include "dj.h"
#include "dj_alloc.h"

#include <stdlib.h>
#include <string.h>

static int32_t D(const char *s)
{
    int32_t d = DJ_NO_DATE;
    if (s && !dj_date_parse(s, strlen(s), &d))
        fprintf(stderr, "bad test date %s\n", s);
    return d;
}

/* person: dates in the order applied, activist, candidate, admitted, full, joined, left */
static void P(dj_dataset *ds, int32_t id, int staff, const char *ap, const char *ac, const char *ca,
              const char *ad, const char *fu, const char *jo, const char *le)
{
    dj_person_rec p;
    memset(&p, 0, sizeof p);
    p.id = id;
    p.is_staff = (uint8_t)staff;
    const char *d[DJ_PERSON_DATES] = {ap, ac, ca, ad, fu, jo, le};
    for (int k = 0; k < DJ_PERSON_DATES; k++)
        p.dates[k] = d[k] ? D(d[k]) : DJ_NO_DATE;
    if (le)
        p.left_reason = DJ_LEFT_TRANSFER;
    dj_error err;
    check(dj_dataset_people_begin(ds, 1, &err) == DJ_OK);
    dj_status st = dj_dataset_person_add(ds, &p, 0, &err);
    check(st == DJ_OK);
    if (st != DJ_OK)
        fprintf(stderr, "%s\n", err.message);
    dj_dataset_commit(ds);
}

/* activity; parts: person ids with hours (-1: the activity's hours), ended by 0 */
static void A(dj_dataset *ds, int32_t id, const char *date, int cat, const char *kind, int64_t hours,
              int64_t fee, int64_t don, int32_t benef, const char *vk, const char *venue,
              const int64_t *parts)
{
    dj_participant_rec pr[16];
    size_t n = 0;
    for (; parts && parts[2 * n]; n++) {
        pr[n].person_id = (int32_t)parts[2 * n];
        pr[n].hours = parts[2 * n + 1] < 0 ? hours : parts[2 * n + 1];
        pr[n].array_form = 0;
    }
    dj_activity_rec a;
    memset(&a, 0, sizeof a);
    a.id = id;
    a.date = D(date);
    a.category = (uint8_t)cat;
    a.kind = kind;
    a.kind_len = strlen(kind);
    a.venue_kind = vk;
    a.venue_kind_len = strlen(vk);
    a.venue = venue;
    a.venue_len = strlen(venue);
    a.hours = hours;
    a.fee_waived = fee;
    a.donation = don;
    a.beneficiaries = benef;
    a.parts = pr;
    a.n_parts = n;
    dj_error err;
    check(dj_dataset_activities_begin(ds, 1, n, &err) == DJ_OK);
    dj_status st = dj_dataset_activity_add(ds, &a, 0, &err);
    check(st == DJ_OK);
    if (st != DJ_OK)
        fprintf(stderr, "%s\n", err.message);
    dj_dataset_commit(ds);
}

enum { S = DJ_CAT_SERVICE, M = DJ_CAT_MEETING };

static dj_query query(const char *from, const char *to, const char *as_of)
{
    dj_query q;
    dj_query_init(&q);
    q.from = from ? D(from) : DJ_NO_DATE;
    q.to = to ? D(to) : DJ_NO_DATE;
    q.as_of = as_of ? D(as_of) : DJ_NO_DATE;
    return q;
}

/* stats + json; returns the text (malloc'd by dj_malloc) or NULL, err filled */
static char *run(const dj_dataset *ds, const dj_query *q, dj_stats *s, dj_error *err)
{
    if (dj_dataset_stats(ds, q, s, err) != DJ_OK)
        return NULL;
    return dj_stats_json(s, NULL);
}

static dj_dataset *branch(void)
{
    dj_dataset *ds = dj_dataset_new();
    /*       id  staff applied       activist      candidate     admitted      full          joined left */
    P(ds, 9, 0, NULL, NULL, NULL, "2023-02-28", NULL, NULL, NULL);
    P(ds, 1, 1, "2023-01-10", "2023-03-01", "2024-03-01", "2024-05-01", NULL, NULL, NULL);
    P(ds, 2, 0, NULL, NULL, NULL, "2023-07-15", NULL, NULL, NULL);
    P(ds, 3, 1, NULL, NULL, NULL, "2023-02-28", NULL, NULL, NULL);
    P(ds, 5, 1, NULL, NULL, NULL, "2020-01-01", "2021-01-01", "2024-02-01", NULL);
    P(ds, 6, 1, NULL, NULL, NULL, "2019-01-01", "2020-01-01", NULL, "2024-06-30");
    P(ds, 7, 0, NULL, NULL, NULL, "2023-01-01", "2024-01-01", NULL, "2024-07-01");
    P(ds, 8, 0, NULL, "2023-06-30", NULL, NULL, NULL, NULL, NULL);
    P(ds, 10, 0, "2023-05-01", "2023-07-01", NULL, NULL, NULL, NULL, NULL);
    P(ds, 11, 0, NULL, "2020-02-29", NULL, NULL, NULL, NULL, NULL);
    P(ds, 13, 0, "2024-08-01", NULL, NULL, NULL, NULL, NULL, NULL);
    P(ds, 14, 0, NULL, NULL, NULL, NULL, NULL, NULL, "2024-03-01");
    P(ds, 15, 0, NULL, NULL, NULL, NULL, NULL, NULL, NULL);
    P(ds, 16, 0, NULL, "2024-02-10", "2024-06-30", NULL, NULL, NULL, NULL);
    P(ds, 17, 0, "2024-06-30", NULL, NULL, NULL, NULL, "2024-07-01", NULL);
    P(ds, 18, 0, "2024-01-01", NULL, NULL, NULL, NULL, NULL, NULL);

    static const int64_t p1[] = {1, -1, 0};
    static const int64_t p2[] = {1, -1, 2, 125, 0};
    static const int64_t p4[] = {5, -1, 13, -1, 0};
    static const int64_t p5[] = {7, -1, 0};
    static const int64_t p7[] = {3, 100, 0};
    static const int64_t p8[] = {3, 200, 0};
    static const int64_t pm[] = {1, -1, 5, -1, 0};
    A(ds, 1, "2023-12-31", S, "counseling", 100, 0, 0, 9, "community", "阳光社区", p1);
    A(ds, 2, "2024-01-01", S, "counseling", 250, 10000, 0, 3, "community", "阳光社区", p2);
    A(ds, 3, "2024-01-31", S, "counseling", 100, 50, 0, 2, "community", "阳光社区", p1);
    A(ds, 4, "2024-02-29", S, "lecture", 300, 0, 100010, 50, "school", "一中", p4);
    A(ds, 5, "2024-12-31", S, "lecture", 10, 0, 0, 1, "community", "", p5);
    A(ds, 6, "2025-01-01", S, "lecture", 100, 0, 0, 1, "school", "二中", p1);
    A(ds, 7, "2024-06-15", S, "donation", 0, 0, 5, 0, "", "", p7);
    A(ds, 8, "2024-07-01", S, "donation", 0, 0, 100000000000LL, 0, "", "", p8);
    A(ds, 20, "2024-01-10", M, "committee", 200, 0, 0, 0, "", "", pm);
    A(ds, 21, "2024-03-05", M, "committee", 150, 0, 0, 0, "", "", NULL);
    A(ds, 22, "2024-02-20", M, "branch_assembly", 300, 0, 0, 0, "", "", NULL);
    A(ds, 23, "2023-12-01", M, "committee", 100, 0, 0, 0, "", "", NULL);
    A(ds, 24, "2024-05-05", M, "work_meeting", 100, 0, 0, 0, "", "", NULL);

    dj_headcount_rec h[2] = {{D("2024-07-01"), 30}, {D("2024-01-01"), 20}};
    dj_error err;
    check(dj_dataset_set_headcount(ds, h, 2, &err) == DJ_OK);
    return ds;
}

static void test_branch_days(dj_dataset *ds);

static void test_branch(void)
{
    dj_dataset *ds = branch();
    dj_query q = query("2024-01-01", "2024-12-31", "2024-06-30");
    dj_stats s;
    dj_error err;
    char *json = run(ds, &q, &s, &err);
    check(json != NULL);

    check(s.members.applicants == 1);
    check(s.members.activists == 3);
    check(s.members.candidates == 1);
    check(s.members.probationary == 4);
    check(s.members.full == 2);
    check(s.members.party_members == 6);
    check(s.members.staff_headcount == 20);
    check(s.members.staff_party_members == 3);
    check(s.members.staff_party_ratio == 1500);

    /* v2: 17 applied on 2024-06-30 but joined on 2024-07-01: not the branch's */
    check(s.pipeline.applied == 2);
    check(s.pipeline.activists == 1);
    check(s.pipeline.candidates == 2);
    check(s.pipeline.admitted == 1);
    check(s.pipeline.converted == 1);
    check(s.pipeline.transferred_in == 2);
    check(s.pipeline.left == 3);
    check(s.pipeline.eligible_candidates == 2);
    check(s.pipeline.n_due == 1 && s.pipeline.due_for_conversion[0].id == 2 &&
          s.pipeline.due_for_conversion[0].due_on == D("2024-07-15"));
    check(s.pipeline.n_overdue == 2 && s.pipeline.overdue_conversion[0].id == 3 &&
          s.pipeline.overdue_conversion[1].id == 9);

    check(s.service.activities == 6);
    check(s.service.hours == 660);
    check(s.service.fee_waived == 10050);
    check(s.service.donation == 100000100015LL);
    check(s.service.beneficiaries == 56);
    check(s.service.volunteer_hours == 1385);
    check(s.service.volunteers == 6);
    check(s.service.participation_ratio == 8333);
    check(s.service.n_by_kind == 3);
    check(s.service.n_by_venue == 2);
    check(s.service.n_by_month == 12);
    check(s.service.n_top == 6);
    check(s.meetings.total == 4 && s.meetings.hours == 750);
    check(s.meetings.n_by_kind == 3 && s.meetings.n_missing == 6);

    check_str(
        json,
        "{\"period\":{\"from\":\"2024-01-01\",\"to\":\"2024-12-31\",\"as_of\":\"2024-06-30\"},"
        "\"members\":{\"applicants\":1,\"activists\":3,\"candidates\":1,\"probationary\":4,\"full\":2,"
        "\"party_members\":6,\"staff_headcount\":20,\"staff_party_members\":3,\"staff_party_ratio\":0.15},"
        "\"pipeline\":{\"applied\":2,\"activists\":1,\"candidates\":2,\"admitted\":1,\"converted\":1,"
        "\"transferred_in\":2,\"left\":3,\"eligible_candidates\":2,"
        "\"due_for_conversion\":[{\"id\":2,\"due_on\":\"2024-07-15\"}],"
        "\"overdue_conversion\":[{\"id\":3,\"due_on\":\"2024-02-28\"},{\"id\":9,\"due_on\":\"2024-02-28\"}],"
        "\"hired\":0,\"hired_party_members\":0},"
        "\"service\":{\"activities\":6,\"hours\":6.6,\"fee_waived\":100.5,\"donation\":1000001000.15,"
        "\"beneficiaries\":56,\"volunteer_hours\":13.85,\"volunteers\":6,\"participation_ratio\":0.8333,"
        "\"by_kind\":{"
        "\"counseling\":{\"activities\":2,\"hours\":3.5,\"fee_waived\":100.5,\"donation\":0.0,"
        "\"beneficiaries\":5},"
        "\"donation\":{\"activities\":2,\"hours\":0.0,\"fee_waived\":0.0,\"donation\":1000000000.05,"
        "\"beneficiaries\":0},"
        "\"lecture\":{\"activities\":2,\"hours\":3.1,\"fee_waived\":0.0,\"donation\":1000.1,"
        "\"beneficiaries\":51}},"
        "\"by_venue_kind\":{"
        "\"community\":{\"venues\":1,\"activities\":3,\"beneficiaries\":6,\"hours\":3.6},"
        "\"school\":{\"venues\":1,\"activities\":1,\"beneficiaries\":50,\"hours\":3.0}},"
        "\"by_month\":["
        "{\"month\":\"2024-01\",\"activities\":2,\"hours\":3.5,\"beneficiaries\":5},"
        "{\"month\":\"2024-02\",\"activities\":1,\"hours\":3.0,\"beneficiaries\":50},"
        "{\"month\":\"2024-03\",\"activities\":0,\"hours\":0.0,\"beneficiaries\":0},"
        "{\"month\":\"2024-04\",\"activities\":0,\"hours\":0.0,\"beneficiaries\":0},"
        "{\"month\":\"2024-05\",\"activities\":0,\"hours\":0.0,\"beneficiaries\":0},"
        "{\"month\":\"2024-06\",\"activities\":1,\"hours\":0.0,\"beneficiaries\":0},"
        "{\"month\":\"2024-07\",\"activities\":1,\"hours\":0.0,\"beneficiaries\":0},"
        "{\"month\":\"2024-08\",\"activities\":0,\"hours\":0.0,\"beneficiaries\":0},"
        "{\"month\":\"2024-09\",\"activities\":0,\"hours\":0.0,\"beneficiaries\":0},"
        "{\"month\":\"2024-10\",\"activities\":0,\"hours\":0.0,\"beneficiaries\":0},"
        "{\"month\":\"2024-11\",\"activities\":0,\"hours\":0.0,\"beneficiaries\":0},"
        "{\"month\":\"2024-12\",\"activities\":1,\"hours\":0.1,\"beneficiaries\":1}],"
        "\"top_volunteers\":["
        "{\"id\":1,\"hours\":3.5,\"activities\":2},"
        "{\"id\":3,\"hours\":3.0,\"activities\":2},"
        "{\"id\":5,\"hours\":3.0,\"activities\":1},"
        "{\"id\":13,\"hours\":3.0,\"activities\":1},"
        "{\"id\":2,\"hours\":1.25,\"activities\":1},"
        "{\"id\":7,\"hours\":0.1,\"activities\":1}],"
        "\"party_volunteer_hours\":7.25,\"party_volunteers\":3,\"by_project\":{}},"
        "\"meetings\":{\"total\":4,\"hours\":7.5,"
        "\"by_kind\":{\"branch_assembly\":1,\"committee\":2,\"work_meeting\":1},"
        "\"missing\":{"
        "\"branch_assembly\":[\"2024-Q2\",\"2024-Q3\",\"2024-Q4\"],"
        "\"committee\":[\"2024-02\",\"2024-04\",\"2024-05\",\"2024-06\",\"2024-07\",\"2024-08\",\"2024-09\","
        "\"2024-10\",\"2024-11\",\"2024-12\"],"
        "\"group_meeting\":[\"2024-01\",\"2024-02\",\"2024-03\",\"2024-04\",\"2024-05\",\"2024-06\","
        "\"2024-07\",\"2024-08\",\"2024-09\",\"2024-10\",\"2024-11\",\"2024-12\"],"
        "\"life_meeting\":[\"2024\"],"
        "\"party_lesson\":[\"2024-Q1\",\"2024-Q2\",\"2024-Q3\",\"2024-Q4\"],"
        "\"theme_day\":[\"2024-01\",\"2024-02\",\"2024-03\",\"2024-04\",\"2024-05\",\"2024-06\","
        "\"2024-07\",\"2024-08\",\"2024-09\",\"2024-10\",\"2024-11\",\"2024-12\"]}}}");
    dj_free(json);
    dj_stats_free(&s);
    test_branch_days(ds);
    dj_dataset_release(ds);
}

/* The same branch on other days of as_of and periods. */
static void test_branch_days(dj_dataset *ds)
{
    dj_query q;
    dj_stats s;
    dj_error err;
    char *json;

    /* left_on: on the roster the day before, not on the day */
    q = query("2024-01-01", "2024-12-31", "2024-06-29");
    check(dj_dataset_stats(ds, &q, &s, &err) == DJ_OK);
    check(s.members.full == 3);       /* 5, 6, 7 */
    check(s.members.candidates == 0); /* 16 becomes a candidate on 2024-06-30 */
    check(s.members.activists == 4);  /* 8, 10, 11 and 16 */
    dj_stats_free(&s);

    /* as_of 2024-07-01: 7 has left, 17 joined, the headcount point of that day applies */
    q = query("2024-01-01", "2024-12-31", "2024-07-01");
    check(dj_dataset_stats(ds, &q, &s, &err) == DJ_OK);
    check(s.members.full == 1);
    check(s.members.applicants == 2); /* 17 (start joined_on) and 18 */
    check(s.members.staff_headcount == 30);
    check(s.members.staff_party_ratio == 1000); /* 3 / 30 */
    check(s.pipeline.eligible_candidates == 3); /* 10 is now eligible too */
    dj_stats_free(&s);

    /* before the first headcount point: null; and top limits the list */
    q = query("2023-01-01", "2023-12-31", "2023-12-31");
    q.top = 1;
    check(dj_dataset_stats(ds, &q, &s, &err) == DJ_OK);
    check(s.members.staff_headcount == DJ_NULL_INT && s.members.staff_party_ratio == DJ_NULL_INT);
    check(s.service.activities == 1 && s.service.n_top == 1 && s.service.top[0].id == 1);
    check(s.service.top[0].hours == 100 && s.service.top[0].activities == 1);
    check(s.meetings.total == 1);
    dj_stats_free(&s);

    /* a period inside the year: partial months and quarters */
    q = query("2024-02-01", "2024-04-15", NULL);
    json = run(ds, &q, &s, &err);
    check(json != NULL);
    check(s.as_of == D("2024-04-15"));
    check(s.service.n_by_month == 3 && s.service.by_month[0].month == 2 && s.service.by_month[2].month == 4);
    check(s.service.activities == 1 && s.service.hours == 300);
    check(s.meetings.total == 2);
    check(json && strstr(json, "\"missing\":{\"branch_assembly\":[],\"committee\":[\"2024-02\"],"
                               "\"group_meeting\":[\"2024-02\",\"2024-03\"],\"life_meeting\":[],"
                               "\"party_lesson\":[],\"theme_day\":[\"2024-02\",\"2024-03\"]}}}") != NULL);
    dj_free(json);
    dj_stats_free(&s);

    /* the leap day alone */
    q = query("2024-02-29", "2024-02-29", NULL);
    check(dj_dataset_stats(ds, &q, &s, &err) == DJ_OK);
    check(s.service.activities == 1 && s.service.beneficiaries == 50 && s.service.volunteers == 2);
    check(s.service.n_by_month == 1 && s.service.by_month[0].year == 2024 &&
          s.service.by_month[0].month == 2);
    check(s.meetings.n_missing == 6 && s.meetings.missing[1].n_periods == 0);
    dj_stats_free(&s);

    /* given rules replace the defaults; an empty map checks nothing */
    dj_rule rules[2] = {{"work_meeting", DJ_UNIT_QUARTER}, {"committee", DJ_UNIT_YEAR}};
    q = query("2023-01-01", "2024-12-31", NULL);
    q.rules_given = 1;
    q.rules = rules;
    q.n_rules = 2;
    json = run(ds, &q, &s, &err);
    check(json && strstr(json, "\"missing\":{\"committee\":[],\"work_meeting\":[\"2023-Q1\",\"2023-Q2\","
                               "\"2023-Q3\",\"2023-Q4\",\"2024-Q1\",\"2024-Q3\",\"2024-Q4\"]}}}") != NULL);
    dj_free(json);
    dj_stats_free(&s);
    q.n_rules = 0;
    json = run(ds, &q, &s, &err);
    check(json && strstr(json, "\"missing\":{}}}") != NULL);
    dj_free(json);
    dj_stats_free(&s);
    check(rules[0].kind[0] == 'w'); /* the query is not changed */

    /* defaults: to = the latest date (activity 6, 2025-01-01) */
    q = query(NULL, NULL, NULL);
    check(dj_dataset_stats(ds, &q, &s, &err) == DJ_OK);
    check(s.from == D("2025-01-01") && s.to == D("2025-01-01") && s.as_of == D("2025-01-01"));
    check(s.service.activities == 1 && s.service.n_top == 1);
    dj_stats_free(&s);
    dj_headcount_rec h[1] = {{D("2026-03-01"), 10}};
    check(dj_dataset_set_headcount(ds, h, 1, &err) == DJ_OK);
    check(dj_dataset_stats(ds, &q, &s, &err) == DJ_OK);
    check(s.from == D("2026-01-01") && s.to == D("2026-03-01"));
    check(s.service.n_by_month == 3);
    dj_stats_free(&s);

    /* from after to */
    q = query("2025-01-01", "2024-12-31", NULL);
    check(dj_dataset_stats(ds, &q, &s, &err) == DJ_E_QUERY);
    check_str(err.message, "query.from: 2025-01-01 is after to 2024-12-31");
    check(s.service.by_month == NULL && s.meetings.missing == NULL);
    dj_stats_free(&s);
    q = query("2026-03-02", NULL, NULL);
    check(dj_dataset_stats(ds, &q, &s, &err) == DJ_E_QUERY);
    check_str(err.message, "query.from: 2026-03-02 is after to 2026-03-01");
    q = query("2026-03-01", NULL, NULL);
    check(dj_dataset_stats(ds, &q, &s, &err) == DJ_OK);
    dj_stats_free(&s);

    /* staged rows are not counted */
    check(dj_dataset_activities_begin(ds, 1, 0, &err) == DJ_OK);
    dj_activity_rec a;
    memset(&a, 0, sizeof a);
    a.id = 100;
    a.date = D("2024-03-03");
    a.category = S;
    a.kind = "lecture";
    a.kind_len = 7;
    a.venue_kind = a.venue = "";
    check(dj_dataset_activity_add(ds, &a, 0, &err) == DJ_OK);
    q = query("2024-01-01", "2024-12-31", "2024-06-30");
    check(dj_dataset_stats(ds, &q, &s, &err) == DJ_OK);
    check(s.service.activities == 6);
    dj_stats_free(&s);
    dj_dataset_rollback(ds);
}

static void test_empty(void)
{
    dj_dataset *ds = dj_dataset_new();
    dj_query q = query(NULL, NULL, NULL);
    dj_stats s;
    dj_error err;
    check(dj_dataset_stats(ds, &q, &s, &err) == DJ_E_QUERY);
    check_str(err.message, "query.to: is required when the dataset holds no date");
    q = query("2024-01-01", NULL, NULL);
    check(dj_dataset_stats(ds, &q, &s, &err) == DJ_E_QUERY);
    check_str(err.message, "query.to: is required when the dataset holds no date");
    /* people without dates do not give a date either */
    P(ds, 1, 1, NULL, NULL, NULL, NULL, NULL, NULL, NULL);
    check(dj_dataset_stats(ds, &q, &s, &err) == DJ_E_QUERY);

    q = query(NULL, "2024-03-31", NULL);
    char *json = run(ds, &q, &s, &err);
    check_str(
        json,
        "{\"period\":{\"from\":\"2024-01-01\",\"to\":\"2024-03-31\",\"as_of\":\"2024-03-31\"},"
        "\"members\":{\"applicants\":0,\"activists\":0,\"candidates\":0,\"probationary\":0,\"full\":0,"
        "\"party_members\":0,\"staff_headcount\":null,\"staff_party_members\":0,\"staff_party_ratio\":null},"
        "\"pipeline\":{\"applied\":0,\"activists\":0,\"candidates\":0,\"admitted\":0,\"converted\":0,"
        "\"transferred_in\":0,\"left\":0,\"eligible_candidates\":0,\"due_for_conversion\":[],"
        "\"overdue_conversion\":[],\"hired\":0,\"hired_party_members\":0},"
        "\"service\":{\"activities\":0,\"hours\":0.0,\"fee_waived\":0.0,\"donation\":0.0,\"beneficiaries\":0,"
        "\"volunteer_hours\":0.0,\"volunteers\":0,\"participation_ratio\":null,\"by_kind\":{},"
        "\"by_venue_kind\":{},\"by_month\":["
        "{\"month\":\"2024-01\",\"activities\":0,\"hours\":0.0,\"beneficiaries\":0},"
        "{\"month\":\"2024-02\",\"activities\":0,\"hours\":0.0,\"beneficiaries\":0},"
        "{\"month\":\"2024-03\",\"activities\":0,\"hours\":0.0,\"beneficiaries\":0}],"
        "\"top_volunteers\":[],\"party_volunteer_hours\":0.0,\"party_volunteers\":0,\"by_project\":{}},"
        "\"meetings\":{\"total\":0,\"hours\":0.0,\"by_kind\":{},\"missing\":{"
        "\"branch_assembly\":[\"2024-Q1\"],\"committee\":[\"2024-01\",\"2024-02\",\"2024-03\"],"
        "\"group_meeting\":[\"2024-01\",\"2024-02\",\"2024-03\"],\"life_meeting\":[],"
        "\"party_lesson\":[\"2024-Q1\"],\"theme_day\":[\"2024-01\",\"2024-02\",\"2024-03\"]}}}");
    dj_free(json);
    dj_stats_free(&s);

    /* a headcount of 0 gives a null ratio; a headcount point alone is a date */
    dj_headcount_rec h = {D("2023-05-05"), 0};
    check(dj_dataset_set_headcount(ds, &h, 1, &err) == DJ_OK);
    q = query(NULL, NULL, NULL);
    check(dj_dataset_stats(ds, &q, &s, &err) == DJ_OK);
    check(s.to == D("2023-05-05") && s.from == D("2023-01-01"));
    check(s.members.staff_headcount == 0 && s.members.staff_party_ratio == DJ_NULL_INT);
    dj_stats_free(&s);
    dj_dataset_release(ds);
}

static void test_ratios_and_due(void)
{
    dj_dataset *ds = dj_dataset_new();
    /* 3 staff party members over 160: 0.01875 -> 0.0188 */
    P(ds, 1, 1, NULL, NULL, NULL, "2024-02-29", NULL, NULL, NULL);
    P(ds, 2, 1, NULL, NULL, NULL, "2020-01-01", "2021-01-01", NULL, NULL);
    P(ds, 3, 1, NULL, NULL, NULL, "2020-01-01", "2021-01-01", NULL, NULL);
    P(ds, 4, 0, NULL, NULL, NULL, "2199-12-31", NULL, NULL, NULL);
    dj_headcount_rec h = {D("2020-01-01"), 160};
    dj_error err;
    check(dj_dataset_set_headcount(ds, &h, 1, &err) == DJ_OK);
    dj_stats s;

    /* admitted 2024-02-29: due 2025-03-01 */
    dj_query q = query("2025-01-01", "2025-12-31", "2025-02-28");
    q.due_within = 1;
    char *json = run(ds, &q, &s, &err);
    check(s.members.staff_party_ratio == 188);
    check(json && strstr(json, "\"staff_party_ratio\":0.0188},") != NULL);
    check(s.pipeline.n_due == 1 && s.pipeline.due_for_conversion[0].due_on == D("2025-03-01"));
    check(s.pipeline.n_overdue == 0);
    dj_free(json);
    dj_stats_free(&s);
    q.due_within = 0;
    check(dj_dataset_stats(ds, &q, &s, &err) == DJ_OK);
    check(s.pipeline.n_due == 0 && s.pipeline.n_overdue == 0);
    dj_stats_free(&s);
    q.as_of = D("2025-03-01");
    check(dj_dataset_stats(ds, &q, &s, &err) == DJ_OK);
    check(s.pipeline.n_due == 0 && s.pipeline.n_overdue == 1 && s.pipeline.overdue_conversion[0].id == 1);
    dj_stats_free(&s);

    /* a due date past 2199 */
    q = query("2199-01-01", "2199-12-31", NULL);
    q.due_within = 366;
    json = run(ds, &q, &s, &err);
    check(json && strstr(json, "\"due_for_conversion\":[{\"id\":4,\"due_on\":\"2200-12-31\"}]") != NULL);
    dj_free(json);
    dj_stats_free(&s);
    q.due_within = -1; /* default 60 */
    check(dj_dataset_stats(ds, &q, &s, &err) == DJ_OK);
    check(s.pipeline.n_due == 0);
    dj_stats_free(&s);
    dj_dataset_release(ds);

    /* number text */
    char buf[32];
    dj_format_amount(1200, buf);
    check_str(buf, "12.0");
    dj_format_amount(25, buf);
    check_str(buf, "0.25");
    dj_format_amount(123450, buf);
    check_str(buf, "1234.5");
    dj_format_amount(0, buf);
    check_str(buf, "0.0");
    dj_format_amount(100000000000000LL, buf);
    check_str(buf, "1000000000000.0");
    dj_format_amount(7, buf);
    check_str(buf, "0.07");
    dj_format_ratio(188, buf);
    check_str(buf, "0.0188");
    dj_format_ratio(10000, buf);
    check_str(buf, "1.0");
    dj_format_ratio(6667, buf);
    check_str(buf, "0.6667");
    dj_format_ratio(5000, buf);
    check_str(buf, "0.5");
    dj_format_ratio(25000, buf);
    check_str(buf, "2.5");
}

/* ratio rounding through the engine: k of n party members took part */
static void test_participation_rounding(void)
{
    static const struct {
        int took, members;
        int64_t want;
    } cases[] = {{1, 3, 3333}, {2, 3, 6667}, {1, 8, 1250}, {3, 7, 4286}, {0, 2, 0}, {2, 2, 10000}};
    for (size_t c = 0; c < sizeof cases / sizeof cases[0]; c++) {
        dj_dataset *ds = dj_dataset_new();
        for (int i = 1; i <= cases[c].members; i++)
            P(ds, i, 0, NULL, NULL, NULL, "2024-01-01", NULL, NULL, NULL);
        int64_t parts[20];
        int k = 0;
        for (int i = 1; i <= cases[c].took; i++) {
            parts[k++] = i;
            parts[k++] = -1;
        }
        parts[k] = 0;
        A(ds, 1, "2024-02-01", S, "lecture", 100, 0, 0, 0, "", "", parts);
        dj_query q = query(NULL, NULL, NULL);
        dj_stats s;
        dj_error err;
        check(dj_dataset_stats(ds, &q, &s, &err) == DJ_OK);
        check(s.service.participation_ratio == cases[c].want);
        dj_stats_free(&s);
        dj_dataset_release(ds);
    }
}

/* eligible_candidates and the due lists against dj_date_add_year, day by day
 * around leap days */
static void test_year_edges(void)
{
    dj_dataset *ds = dj_dataset_new();
    int32_t first = D("2023-12-01"), last = D("2024-04-01");
    dj_error err;
    check(dj_dataset_people_begin(ds, 300, &err) == DJ_OK);
    for (int32_t d = first; d <= last; d++) {
        dj_person_rec p;
        memset(&p, 0, sizeof p);
        for (int k = 0; k < DJ_PERSON_DATES; k++)
            p.dates[k] = DJ_NO_DATE;
        p.id = 1 + 2 * (last - d); /* ids descend as dates ascend: the lists need sorting */
        p.dates[DJ_STAGE_ACTIVIST] = d;
        check(dj_dataset_person_add(ds, &p, 0, &err) == DJ_OK);
        p.id++;
        p.dates[DJ_STAGE_ACTIVIST] = DJ_NO_DATE;
        p.dates[DJ_STAGE_ADMITTED] = d;
        check(dj_dataset_person_add(ds, &p, 0, &err) == DJ_OK);
    }
    dj_dataset_commit(ds);
    int bad = 0;
    for (int32_t as_of = D("2024-11-25"); as_of <= D("2025-03-10"); as_of++) {
        for (int32_t within = 0; within <= 3; within++) {
            dj_query q = query("2024-01-01", "2025-12-31", NULL);
            q.as_of = as_of;
            q.due_within = within;
            dj_stats s;
            if (dj_dataset_stats(ds, &q, &s, &err) != DJ_OK) {
                bad++;
                continue;
            }
            int64_t eligible = 0, due = 0, over = 0;
            for (int32_t d = first; d <= last; d++) {
                int32_t y = dj_date_add_year(d);
                eligible += y <= as_of;
                over += y <= as_of;
                due += y > as_of && y <= as_of + within;
            }
            bad += s.pipeline.eligible_candidates != eligible;
            bad += (int64_t)s.pipeline.n_overdue != over || (int64_t)s.pipeline.n_due != due;
            for (size_t i = 0; i < s.pipeline.n_overdue; i++) {
                const dj_due_stat *e = &s.pipeline.overdue_conversion[i];
                bad += e->due_on != dj_date_add_year(last - (e->id - 2) / 2);
                if (i)
                    bad += e[-1].due_on > e->due_on || (e[-1].due_on == e->due_on && e[-1].id >= e->id);
            }
            for (size_t i = 0; i < s.pipeline.n_due; i++)
                bad += s.pipeline.due_for_conversion[i].due_on <= as_of;
            dj_stats_free(&s);
        }
    }
    check(bad == 0);
    dj_dataset_release(ds);
}

/* ------------------------------------------- the cache against the scan */

static uint64_t rng_state;

static uint32_t rnd(uint32_t n) /* 0 .. n-1 */
{
    rng_state = rng_state * 6364136223846793005ULL + 1442695040888963407ULL;
    return (uint32_t)(rng_state >> 33) % n;
}

static const char *const rnd_kinds[] = {"counseling", "cleanup",         "lecture", "committee",
                                        "theme_day",  "branch_assembly", "study",   "life_meeting"};
static const char *const rnd_vks[] = {"", "community", "school", "park"};
static const char *const rnd_venues[] = {"", "阳光", "一中", "A", "B", "C"};
static int rnd_many_venues;

/* people ids 1..n, random stage dates in 2015..2025 */
static void rnd_people(dj_dataset *ds, int32_t first, int32_t n)
{
    dj_error err;
    check(dj_dataset_people_begin(ds, (size_t)n, &err) == DJ_OK);
    for (int32_t i = 0; i < n; i++) {
        dj_person_rec p;
        memset(&p, 0, sizeof p);
        p.id = first + i;
        p.is_staff = (uint8_t)rnd(2);
        for (int k = 0; k < DJ_PERSON_DATES; k++)
            p.dates[k] = DJ_NO_DATE;
        int32_t d = D("2015-01-01") + (int32_t)rnd(3000);
        for (int k = DJ_STAGE_APPLIED; k <= DJ_STAGE_FULL; k++) {
            if (rnd(4) == 0)
                continue;
            if (rnd(3) == 0)
                break;
            p.dates[k] = d;
            d += (int32_t)rnd(500);
        }
        if (rnd(8) == 0)
            p.dates[DJ_JOINED] = D("2016-01-01") + (int32_t)rnd(3000);
        if (rnd(8) == 0) {
            p.dates[DJ_LEFT] = D("2026-01-01") - (int32_t)rnd(800);
            p.left_reason = DJ_LEFT_OTHER;
        }
        check(dj_dataset_person_add(ds, &p, (size_t)i, &err) == DJ_OK);
    }
    dj_dataset_commit(ds);
}

/* n activities with ids from *next_id, dates in [d0, d0 + span), over people
 * 1..np; commit (or rollback when rollback is set) */
static void rnd_acts(dj_dataset *ds, int32_t *next_id, size_t n, int32_t d0, uint32_t span, int32_t np,
                     int rollback)
{
    dj_error err;
    dj_participant_rec parts[6];
    check(dj_dataset_activities_begin(ds, n, 3 * n, &err) == DJ_OK);
    for (size_t i = 0; i < n; i++) {
        dj_activity_rec a;
        memset(&a, 0, sizeof a);
        a.id = (*next_id)++;
        a.date = d0 + (int32_t)rnd(span);
        const char *kind = rnd_kinds[rnd(8)];
        a.category = (uint8_t)(rnd(3) ? DJ_CAT_SERVICE : DJ_CAT_MEETING);
        a.kind = kind;
        a.kind_len = strlen(kind);
        a.venue_kind = rnd_vks[rnd(4)];
        a.venue_kind_len = strlen(a.venue_kind);
        char name[16];
        if (rnd_many_venues && rnd(4)) { /* hundreds of venues: few a day, kept as lists */
            snprintf(name, sizeof name, "v%u", (unsigned)rnd(700));
            a.venue = name;
        } else {
            a.venue = rnd_venues[rnd(6)];
        }
        a.venue_len = strlen(a.venue);
        a.hours = rnd(20) ? (int64_t)rnd(1000) : (int64_t)5000000000LL + rnd(9); /* some past the column */
        a.fee_waived = rnd(3) ? 0 : rnd(20) ? (int64_t)rnd(100000) : (int64_t)4294967295LL + rnd(3);
        a.donation = rnd(4) ? 0 : (int64_t)rnd(50000);
        a.beneficiaries = (int32_t)rnd(50);
        size_t k = np ? rnd(5) : 0;
        int32_t first = (int32_t)rnd((uint32_t)(np ? np : 1));
        for (size_t j = 0; j < k && j < (size_t)np; j++) {
            parts[j].person_id = 1 + (first + (int32_t)j) % np;
            /* hours that do not fit the packed cache entry, now and then */
            parts[j].hours = rnd(15)  ? (int64_t)rnd(1200)
                             : rnd(2) ? (int64_t)3000000000LL
                                      : (int64_t)600000000;
            parts[j].array_form = 0;
        }
        a.parts = parts;
        a.n_parts = k < (size_t)np ? k : (size_t)np;
        check(dj_dataset_activity_add(ds, &a, i, &err) == DJ_OK);
    }
    if (rollback)
        dj_dataset_rollback(ds);
    else
        dj_dataset_commit(ds);
}

/* statsJson with the cache (built if need be) and by the plain scan: equal */
static int same_as_scan(const dj_dataset *ds, const dj_query *q)
{
    dj_stats s;
    dj_error err;
    dj_stats_scan_only = 0;
    char *a = run(ds, q, &s, &err);
    dj_stats_free(&s);
    dj_stats_scan_only = 1;
    char *b = run(ds, q, &s, &err);
    dj_stats_free(&s);
    dj_stats_scan_only = 0;
    int same = a && b && strcmp(a, b) == 0;
    if (!same)
        fprintf(stderr, "cache and scan differ:\n  cache: %s\n  scan:  %s\n", a ? a : "(null)",
                b ? b : "(null)");
    dj_free(a);
    dj_free(b);
    return same;
}

static dj_query period(int32_t from, int32_t to)
{
    dj_query q;
    dj_query_init(&q);
    q.from = from;
    q.to = to;
    return q;
}

/* the periods that matter for the day sums: mid-month edges, one day, one
 * month, before and after every row, everything, and random ones */
static int periods_agree(const dj_dataset *ds, int n_random)
{
    static const char *const fixed[][2] = {
        {"2024-01-01", "2024-12-31"}, {"2024-01-15", "2024-03-10"}, {"2024-02-29", "2024-02-29"},
        {"2024-03-01", "2024-03-31"}, {"2024-03-02", "2024-03-30"}, {"2023-12-31", "2024-01-01"},
        {"1990-01-01", "1999-12-31"}, {"2030-01-01", "2031-06-30"}, {"1990-01-01", "2031-06-30"},
        {"2022-06-17", "2025-02-03"}, {"2023-07-31", "2023-08-01"}, {"2025-12-31", "2025-12-31"},
    };
    int bad = 0;
    for (size_t i = 0; i < sizeof fixed / sizeof fixed[0]; i++) {
        dj_query q = period(D(fixed[i][0]), D(fixed[i][1]));
        bad += !same_as_scan(ds, &q);
    }
    for (int i = 0; i < n_random; i++) {
        int32_t a = D("2021-11-01") + (int32_t)rnd(1700);
        int32_t b = a + (int32_t)(rnd(3) == 0 ? 0 : rnd(2) ? rnd(40) : rnd(900));
        dj_query q = period(a, b);
        q.as_of = rnd(2) ? DJ_NO_DATE : a + (int32_t)rnd(400);
        q.top = (int32_t)rnd(4) - 1;
        q.due_within = (int32_t)rnd(200) - 1;
        bad += !same_as_scan(ds, &q);
    }
    return bad == 0;
}

static void test_cache_vs_scan(void)
{
    for (uint64_t seed = 1; seed <= 12; seed++) {
        rng_state = seed;
        dj_dataset *ds = dj_dataset_new();
        int32_t np = seed == 3 ? 0 : (int32_t)(seed % 4 == 0 ? 5 : 40 + rnd(200));
        if (np)
            rnd_people(ds, 1, np);
        int32_t next = 1;
        rnd_many_venues = seed % 3 == 1;
        rnd_acts(ds, &next, 300 + rnd(700), D("2022-01-01"), 1400, np, 0);
        check(periods_agree(ds, 40));
        check(dj_cache_usable(ds->cache) && dj_cache_bytes(ds->cache) > 0);
        dj_dataset_release(ds);
    }
    rnd_many_venues = 0;
    /* a dataset of one day, and one without activities */
    rng_state = 99;
    dj_dataset *ds = dj_dataset_new();
    rnd_people(ds, 1, 30);
    check(periods_agree(ds, 5));
    int32_t next = 1;
    rnd_acts(ds, &next, 50, D("2024-05-17"), 1, 30, 0);
    check(periods_agree(ds, 5));
    dj_dataset_release(ds);
}

/* adds after a stats() call drop the cache; a rollback keeps it valid; a
 * new headcount changes only the headcount figures */
static void test_cache_changes(void)
{
    rng_state = 7;
    dj_dataset *ds = dj_dataset_new();
    rnd_people(ds, 1, 50);
    int32_t next = 1;
    rnd_acts(ds, &next, 400, D("2023-01-01"), 700, 50, 0);
    dj_query q = period(D("2023-03-15"), D("2024-10-20"));
    dj_stats s;
    dj_error err;
    char *first = run(ds, &q, &s, &err);
    dj_stats_free(&s);
    check(first != NULL && dj_cache_usable(ds->cache));
    size_t with_cache = dj_dataset_memory(ds);
    check(with_cache == dj_dataset_memory(ds) && with_cache > sizeof(dj_dataset));

    /* more activities, in and out of the period: the figures move with them */
    rnd_acts(ds, &next, 200, D("2023-06-01"), 300, 50, 0);
    check(ds->cache == NULL); /* dropped by the commit */
    check(dj_dataset_memory(ds) < with_cache + 200 * 40 + 600 * 12);
    char *second = run(ds, &q, &s, &err);
    dj_stats_free(&s);
    check(second != NULL && first != NULL && strcmp(first, second) != 0);
    check(periods_agree(ds, 20));

    /* a rolled-back add after stats(): the same figures, the cache kept */
    const dj_cache *kept = ds->cache;
    rnd_acts(ds, &next, 100, D("2023-03-20"), 200, 50, 1);
    check(ds->cache == kept && kept != NULL);
    char *third = run(ds, &q, &s, &err);
    dj_stats_free(&s);
    check(third != NULL && second != NULL && strcmp(second, third) == 0);
    check(periods_agree(ds, 10));

    /* people added after stats(): new volunteers can take part from now on */
    rnd_people(ds, 1000, 20);
    check(ds->cache == NULL);
    {
        dj_participant_rec pr = {1005, 700, 0};
        dj_activity_rec a;
        memset(&a, 0, sizeof a);
        a.id = next++;
        a.date = D("2024-01-05");
        a.category = DJ_CAT_SERVICE;
        a.kind = "cleanup";
        a.kind_len = 7;
        a.venue_kind = "park";
        a.venue_kind_len = 4;
        a.venue = "New";
        a.venue_len = 3;
        a.hours = 700;
        a.parts = &pr;
        a.n_parts = 1;
        check(dj_dataset_activities_begin(ds, 1, 1, &err) == DJ_OK);
        check(dj_dataset_activity_add(ds, &a, 0, &err) == DJ_OK);
        dj_dataset_commit(ds);
    }
    check(periods_agree(ds, 10));
    char *fourth = run(ds, &q, &s, &err);
    check(fourth != NULL && strstr(fourth, "\"park\":{\"venues\":") != NULL);
    int64_t vols = s.service.volunteers;
    dj_stats_free(&s);
    dj_stats_scan_only = 1;
    check(dj_dataset_stats(ds, &q, &s, &err) == DJ_OK && s.service.volunteers == vols);
    dj_stats_free(&s);
    dj_stats_scan_only = 0;

    /* a new headcount after stats() */
    dj_headcount_rec h = {D("2023-01-01"), 40};
    check(dj_dataset_set_headcount(ds, &h, 1, &err) == DJ_OK);
    check(dj_dataset_stats(ds, &q, &s, &err) == DJ_OK && s.members.staff_headcount == 40);
    dj_stats_free(&s);
    check(periods_agree(ds, 5));

    dj_free(first);
    dj_free(second);
    dj_free(third);
    dj_free(fourth);
    dj_dataset_release(ds);
}

/* stats() under failing allocations: DJ_E_NOMEM, no leak (ASan), then success */

static void test_chaos(int rebuild)
{
    dj_dataset *ds = branch();
    dj_query q = query("2023-01-01", "2024-12-31", "2024-06-30");
    dj_stats s;
    dj_error err;
    char *want = run(ds, &q, &s, &err);
    dj_stats_free(&s);
    dj_set_allocator(fail_malloc, fail_realloc, free);
    int bad = 0, done = 0;
    for (long k = 0; k < 400 && !done; k++) {
        fail_left = k;
        if (rebuild) { /* every attempt builds the cache again */
            dj_cache_free(ds->cache);
            ds->cache = NULL;
        }
        dj_status st = dj_dataset_stats(ds, &q, &s, &err);
        if (st == DJ_OK) {
            char *j = dj_stats_json(&s, NULL);
            if (j) {
                fail_left = -1;
                done = 1;
                bad += strcmp(j, want) != 0;
                dj_free(j);
            }
        } else {
            bad += st != DJ_E_NOMEM || s.service.by_month != NULL;
        }
        dj_stats_free(&s);
    }
    fail_left = -1;
    dj_set_allocator(NULL, NULL, NULL);
    check(done);
    check(bad == 0);
    dj_free(want);
    dj_dataset_release(ds);
}

int main(void)
{
    test_branch();
    test_empty();
    test_ratios_and_due();
    test_participation_rounding();
    test_year_edges();
    test_cache_vs_scan();
    test_cache_changes();
    test_chaos(0);
    test_chaos(1);
    return check_done("test_stats");
}
