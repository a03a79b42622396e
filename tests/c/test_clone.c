/*
 * test_clone.c - dj_dataset_clone (src/core/clone.c) and dj_dataset_is_shared.
 *
 * A copy has the same rows, figures and JSON as its original, at the same
 * memory; the two are independent afterwards (adding to the copy, or to the
 * original, leaves the other as it was); the copy indexes work (duplicate ids
 * are still found, out-of-order activity ids keep their hash); every failed
 * allocation of the copy reports DJ_E_NOMEM and leaks nothing.
 */
#include "dj.h"
#include "dj_alloc.h"
#include "dj_clone.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "failalloc.h"

/* ------------------------------------------------------------- datasets */

static dj_value v_int(int64_t i)
{
    dj_value v;
    memset(&v, 0, sizeof v);
    v.type = DJ_V_INT;
    v.u.i = i;
    return v;
}

static dj_value v_str(const char *s)
{
    dj_value v;
    memset(&v, 0, sizeof v);
    v.type = DJ_V_STRING;
    v.u.s.p = s;
    v.u.s.len = strlen(s);
    return v;
}

static dj_value v_arr(void)
{
    dj_value v;
    memset(&v, 0, sizeof v);
    v.type = DJ_V_ARRAY;
    return v;
}

static const char *kinds[] = {"counseling", "lecture", "cleanup", "committee", "theme_day"};
static const char *venues[] = {"阳光社区", "第一中学", "", "幸福社区"};
static const char *dates[] = {"2023-11-02", "2024-01-15", "2024-03-01",
                              "2024-05-20", "2024-08-08", "2024-12-31"};

/* Adds people 1..np and activities (ids from first, step; every third one
 * with a big amount above the packed columns' escape) to ds. */
static dj_status t_fill(dj_dataset *ds, int first_person, int np, int first_act, int na, int step)
{
    dj_error err;
    dj_person_in *p = calloc((size_t)np, sizeof *p);
    dj_activity_in *a = calloc((size_t)na, sizeof *a);
    dj_participant_in *parts = calloc((size_t)na * 2, sizeof *parts);
    char(*hours)[32] = calloc((size_t)na, sizeof *hours);
    dj_status st;

    for (int i = 0; i < np; i++) {
        p[i].row = v_arr();
        p[i].id = v_int(first_person + i);
        p[i].is_staff = v_int(i % 2);
        p[i].dates[DJ_STAGE_APPLIED] = v_str(dates[i % 3]);
        if (i % 4 == 0)
            p[i].dates[DJ_STAGE_ADMITTED] = v_str("2024-04-02");
    }
    st = dj_dataset_add_people_in(ds, p, (size_t)np, &err);
    for (int i = 0; st == DJ_OK && i < na; i++) {
        a[i].row = v_arr();
        a[i].id = v_int(first_act + (int64_t)i * step);
        a[i].date = v_str(dates[i % 6]);
        a[i].category = v_str(i % 5 >= 3 ? "meeting" : "service");
        a[i].kind = v_str(kinds[i % 5]);
        snprintf(hours[i], sizeof hours[i], i % 3 == 0 ? "50000000.%d" : "1.%d", i % 10);
        a[i].hours = v_str(hours[i]);
        a[i].beneficiaries = v_int(i);
        a[i].venue_kind = v_str(i % 2 ? "community" : "school");
        a[i].venue = v_str(venues[i % 4]);
        a[i].participants = v_arr();
        parts[2 * i].entry = v_int(first_person + i % np);
        parts[2 * i].id = parts[2 * i].entry;
        parts[2 * i + 1].entry = v_int(first_person + (i + 1) % np);
        parts[2 * i + 1].id = parts[2 * i + 1].entry;
        a[i].parts = &parts[2 * i];
        a[i].n_parts = np > 1 ? 2 : 1;
    }
    if (st == DJ_OK)
        st = dj_dataset_add_activities_in(ds, a, (size_t)na, &err);
    free(p);
    free(a);
    free(parts);
    free(hours);
    if (st != DJ_OK && getenv("T_VERBOSE"))
        fprintf(stderr, "t_fill: %s\n", err.message);
    return st;
}

static char *t_stats(const dj_dataset *ds)
{
    dj_query q;
    dj_stats s;
    dj_error err;
    size_t len;
    char *out = NULL;

    dj_query_init(&q);
    q.from = dj_date_from_ymd(2023, 1, 1);
    q.to = dj_date_from_ymd(2024, 12, 31);
    if (dj_dataset_stats(ds, &q, &s, &err) == DJ_OK)
        out = dj_stats_json(&s, &len);
    dj_stats_free(&s);
    dj_query_free(&q);
    return out;
}

static int t_same(const dj_dataset *a, const dj_dataset *b)
{
    size_t la, lb;
    char *ja = dj_json_dump(a, &la), *jb = dj_json_dump(b, &lb);
    char *sa = t_stats(a), *sb = t_stats(b);
    int same = ja && jb && sa && sb && la == lb && memcmp(ja, jb, la) == 0 && strcmp(sa, sb) == 0;
    dj_free(ja);
    dj_free(jb);
    dj_free(sa);
    dj_free(sb);
    return same;
}

int main(void)
{
    dj_error err;
    dj_dataset *orig, *copy = NULL, *ref;
    dj_headcount_rec hc[2] = {{dj_date_from_ymd(2024, 1, 1), 40}, {dj_date_from_ymd(2024, 6, 1), 42}};

    dj_set_allocator(t_malloc, t_realloc, t_free);

    /* an empty dataset copies */
    orig = dj_dataset_new();
    check(dj_dataset_clone(orig, &copy, &err) == DJ_OK && copy);
    check(copy && t_same(orig, copy));
    check(copy && dj_dataset_memory(copy) == dj_dataset_memory(orig));
    dj_dataset_release(copy);
    dj_dataset_release(orig);

    /* a full one: ascending ids (no activity hash) and, in another, out of order ids (a hash) */
    for (int step = 1; step >= -1; step -= 2) {
        orig = dj_dataset_new();
        check(t_fill(orig, 1, 30, step > 0 ? 1 : 500, 200, step) == DJ_OK);
        check(dj_dataset_set_headcount(orig, hc, 2, &err) == DJ_OK);
        char *before = t_stats(orig); /* builds orig's stats cache: not copied */
        copy = NULL;
        check(dj_dataset_clone(orig, &copy, &err) == DJ_OK);
        check(t_same(orig, copy));
        check(dj_dataset_people_count(copy) == 30 && dj_dataset_activities_count(copy) == 200);
        check(dj_dataset_participations_count(copy) == 400 && dj_dataset_headcount_count(copy) == 2);

        /* shared: read-only in the core; is_shared says so */
        check(!dj_dataset_is_shared(orig));
        dj_dataset_retain(orig);
        check(dj_dataset_is_shared(orig));
        check(dj_dataset_people_begin(orig, 1, &err) == DJ_E_RECORD);
        dj_dataset_release(orig);
        check(!dj_dataset_is_shared(orig));

        /* independent: add to the copy, the original is unchanged */
        check(t_fill(copy, 31, 5, 1000, 10, 1) == DJ_OK);
        check(dj_dataset_people_count(orig) == 30 && dj_dataset_activities_count(orig) == 200);
        char *after = t_stats(orig);
        check(before && after && strcmp(before, after) == 0);
        /* the copy equals a dataset built with the same rows from scratch */
        ref = dj_dataset_new();
        check(t_fill(ref, 1, 30, step > 0 ? 1 : 500, 200, step) == DJ_OK);
        check(dj_dataset_set_headcount(ref, hc, 2, &err) == DJ_OK);
        check(t_fill(ref, 31, 5, 1000, 10, 1) == DJ_OK);
        check(t_same(ref, copy));
        /* the copy's indexes: a duplicate person and a duplicate activity id are found */
        check(t_fill(copy, 3, 1, 2000, 0, 1) == DJ_E_RECORD);
        check(t_fill(copy, 100, 1, step > 0 ? 5 : 499, 1, 1) == DJ_E_RECORD); /* person 100 is added */
        check(t_fill(ref, 100, 1, 1, 0, 1) == DJ_OK);
        check(t_same(ref, copy));
        /* and the original takes new rows independently of the copy */
        check(t_fill(orig, 31, 2, 3000, 3, 1) == DJ_OK);
        check(dj_dataset_activities_count(copy) == 210 && dj_dataset_activities_count(orig) == 203);
        dj_free(before);
        dj_free(after);
        dj_dataset_release(ref);
        dj_dataset_release(copy);
        dj_dataset_release(orig);
    }

    /* an open transaction refuses */
    orig = dj_dataset_new();
    check(dj_dataset_people_begin(orig, 1, &err) == DJ_OK);
    copy = (dj_dataset *)1;
    check(dj_dataset_clone(orig, &copy, &err) == DJ_E_RECORD && copy == NULL);
    dj_dataset_rollback(orig);
    dj_dataset_release(orig);

    /* every allocation of the copy fails in turn: NOMEM, *out NULL, nothing leaked */
    orig = dj_dataset_new();
    check(t_fill(orig, 1, 10, 1, 30, 1) == DJ_OK);
    check(dj_dataset_set_headcount(orig, hc, 2, &err) == DJ_OK);
    check(t_same(orig, orig)); /* builds orig's stats cache before counting */
    long live = t_live, n;
    for (n = 1;; n++) {
        t_calls = 0;
        t_fail_at = n;
        copy = (dj_dataset *)1;
        dj_status st = dj_dataset_clone(orig, &copy, &err);
        t_fail_at = 0;
        if (st == DJ_OK) {
            check(t_same(orig, copy));
            dj_dataset_release(copy);
            break;
        }
        check(st == DJ_E_NOMEM && copy == NULL && strcmp(err.message, "out of memory") == 0);
        check(t_live == live);
    }
    check(n > 20);
    check(t_live == live);
    dj_dataset_release(orig);
    check(t_live == 0);
    return check_done("test_clone");
}
