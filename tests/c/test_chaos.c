/*
 * test_chaos.c - every allocation of every scenario fails in turn.
 *
 * jansson's test_chaos idea: a counting allocator fails the N-th allocation,
 * for N = 1, 2, ... until a run of the scenario completes without a failure.
 * After each run:
 *   - every call returned DJ_OK or DJ_E_NOMEM (NULL for the functions that
 *     return a pointer), never another error nor a crash;
 *   - a dataset a failed call was given is exactly as before the call (its
 *     counts, dj_stats_json() and dj_json_dump() are unchanged);
 *   - what a call that succeeded returned equals the reference computed with
 *     no failure at all;
 *   - allocations == frees (nothing leaked on any failure path).
 *
 * The allocator is installed for the core (dj_set_allocator) and, in this
 * separate program only, for jansson (json_set_alloc_funcs), so that jansson's
 * own allocations fail too. Each (scenario, N) run is one check.
 */
#define _POSIX_C_SOURCE 200809L
#include "dj.h"
#include "dj_alloc.h"

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "check.h"

/* ------------------------------------------------------- the allocator */

static long chaos_calls;         /* allocation attempts since chaos_arm() */
static long chaos_fail_at;       /* fail this attempt (1-based); 0: never */
static int chaos_failed;         /* an allocation was failed since chaos_arm() */
static int chaos_failed_jansson; /* ... and it was one of jansson's */
static long chaos_live;          /* successful allocations minus frees */

static void chaos_arm(long n)
{
    chaos_calls = 0;
    chaos_fail_at = n;
    chaos_failed = 0;
    chaos_failed_jansson = 0;
}

static void chaos_disarm(void)
{
    chaos_fail_at = 0;
}

static int chaos_should_fail(void)
{
    if (!chaos_fail_at)
        return 0; /* disarmed: not counted */
    chaos_calls++;
    if (chaos_fail_at && chaos_calls == chaos_fail_at) {
        chaos_failed = 1;
        return 1;
    }
    return 0;
}

static void *chaos_malloc(size_t n)
{
    if (chaos_should_fail())
        return NULL;
    void *p = malloc(n ? n : 1);
    if (p)
        chaos_live++;
    return p;
}

static void *chaos_realloc(void *p, size_t n)
{
    if (!p)
        return chaos_malloc(n);
    if (chaos_should_fail())
        return NULL;
    return realloc(p, n ? n : 1);
}

static void chaos_free(void *p)
{
    if (p) {
        chaos_live--;
        free(p);
    }
}

/* jansson's allocations: the same, marked as jansson's when failed. */
static void *chaos_json_malloc(size_t n)
{
    void *p = chaos_malloc(n);
    if (!p && chaos_failed)
        chaos_failed_jansson = 1;
    return p;
}

#include "chaos_data.h"

/* ------------------------------------------------------ state compare */

/* The query used to describe a dataset: explicit dates, so that it works on
 * an empty dataset too. Built with the allocator disarmed. */
static dj_status query_fill(dj_query *q, int with_rules, dj_error *err)
{
    dj_value v;
    dj_status st;
    dj_query_init(q);
    v = v_str("2023-01-01");
    if ((st = dj_query_set(q, "from", 4, &v, err)) != DJ_OK)
        return st;
    v = v_str("2024-12-31");
    if ((st = dj_query_set(q, "to", 2, &v, err)) != DJ_OK)
        return st;
    v = v_str("2024-04-30");
    if ((st = dj_query_set(q, "as_of", 5, &v, err)) != DJ_OK)
        return st;
    v = v_int(3);
    if ((st = dj_query_set(q, "top", 3, &v, err)) != DJ_OK)
        return st;
    v = v_str("400");
    if ((st = dj_query_set(q, "due_within", 10, &v, err)) != DJ_OK)
        return st;
    if (with_rules) {
        v = v_array();
        if ((st = dj_query_set(q, "meeting_rules", 13, &v, err)) != DJ_OK)
            return st;
        v = v_str("month");
        if ((st = dj_query_rule(q, "committee", 9, 0, 0, &v, err)) != DJ_OK)
            return st;
        v = v_str("quarter");
        if ((st = dj_query_rule(q, "party_lesson", 12, 0, 0, &v, err)) != DJ_OK)
            return st;
        v = v_str("year");
        if ((st = dj_query_rule(q, "life_meeting", 12, 0, 0, &v, err)) != DJ_OK)
            return st;
    }
    return DJ_OK;
}

/* v2: the query with a filter (every list allocates), as query_fill. */
static dj_status query_fill_filter(dj_query *q, dj_error *err)
{
    static const char *const keys[] = {"kinds", "venue_kinds", "venues", "projects"};
    static const char *const vals[][2] = {
        {"counseling", "cleanup"},
        {"community", "park"},
        {"\xe9\x98\xb3\xe5\x85\x89\xe7\xa4\xbe\xe5\x8c\xba", "Central Park"},
        {"flood relief", "other"}};
    dj_value v;
    dj_status st = query_fill(q, 0, err);
    if (st != DJ_OK)
        return st;
    v = v_array();
    if ((st = dj_query_set(q, "filter", 6, &v, err)) != DJ_OK)
        return st;
    for (int k = 0; k < 4; k++) {
        int field;
        v = v_array();
        if ((st = dj_query_filter_key(q, keys[k], strlen(keys[k]), 0, 0, &v, 2, 1, &field, err)) != DJ_OK)
            return st;
        for (int i = 0; i < 2; i++) {
            v = v_str(vals[k][i]);
            if ((st = dj_query_filter_value(q, field, &v, err)) != DJ_OK)
                return st;
        }
    }
    return DJ_OK;
}

/* Everything observable of a dataset, as one malloc'd string (plain malloc,
 * outside the counted allocator), computed with the allocator disarmed. */
static char *state_of(const dj_dataset *ds)
{
    long saved = chaos_fail_at;
    dj_query q;
    dj_stats s;
    dj_error err;
    char *json = NULL, *dump = NULL, *out;
    size_t len = 0, dlen = 0;

    chaos_disarm();
    if (!ds) {
        chaos_fail_at = saved;
        return strdup("(null dataset)");
    }
    memset(&s, 0, sizeof s);
    if (query_fill(&q, 1, &err) == DJ_OK && dj_dataset_stats(ds, &q, &s, &err) == DJ_OK)
        json = dj_stats_json(&s, &len);
    dj_stats_free(&s);
    dj_query_free(&q);
    dump = dj_json_dump(ds, &dlen);
    out = malloc(200 + len + dlen);
    sprintf(out, "people=%zu activities=%zu participations=%zu headcount=%zu\nstats=%s\ndump=%s",
            dj_dataset_people_count(ds), dj_dataset_activities_count(ds), dj_dataset_participations_count(ds),
            dj_dataset_headcount_count(ds), json ? json : "(failed)", dump ? dump : "(failed)");
    dj_free(json);
    dj_free(dump);
    chaos_fail_at = saved;
    return out;
}

/* ----------------------------------------------------------- scenarios */

/* One run of a scenario with the allocator armed. Returns 1 when every
 * assertion held; prints what went wrong otherwise. */
typedef int (*scenario_fn)(long n);

static const char *scenario_name;
static long scenario_n;

static long scenario_reports; /* messages printed for this scenario */

static int bad(const char *what, dj_status st, const dj_error *err)
{
    if (++scenario_reports > 5)
        return 0;
    fprintf(stderr, "chaos %s, failing allocation %ld: %s (status %d: %s)\n", scenario_name, scenario_n, what,
            (int)st, err ? err->message : "");
    return 0;
}

static int same_state(const dj_dataset *ds, const char *want, const char *what)
{
    char *got = state_of(ds);
    int ok = strcmp(got, want) == 0;
    if (!ok && ++scenario_reports <= 5)
        fprintf(stderr, "chaos %s, failing allocation %ld: %s\n  got:  %.400s\n  want: %.400s\n",
                scenario_name, scenario_n, what, got, want);
    free(got);
    return ok;
}

/* Reference results, computed once with no failure. */
static dj_dataset *ref_ds;      /* the dataset of the "build" scenario */
static char *ref_state;         /* state_of(ref_ds) */
static char *ref_json_state;    /* state_of(dataset loaded from json_text) */
static char *ref_stats_rules;   /* statsJson with meeting_rules */
static char *ref_stats_default; /* statsJson with the default query */
static char *ref_stats_filter;  /* statsJson with a filter (v2) */
static char *ref_dump;          /* dj_json_dump(ref_ds) */
static unsigned char *ref_snap; /* dj_snapshot_dump(ref_ds) */
static size_t ref_snap_len;
static char snap_path[256];

/* Adds the rows in steps; a step that fails with NOMEM must leave the
 * dataset as it was, then the run ends (later steps depend on earlier). */
static int scenario_build(long n)
{
    dj_error err;
    dj_status st;
    dj_dataset *ds;
    char *before;
    int ok = 1;

    chaos_arm(n);
    ds = dj_dataset_new();
    if (!ds)
        return chaos_failed ? 1
                            : bad("dj_dataset_new returned NULL without a failed allocation", DJ_OK, NULL);

#define STEP(call, expect_record)                                                                            \
    do {                                                                                                     \
        before = state_of(ds);                                                                               \
        st = (call);                                                                                         \
        if (st == DJ_E_NOMEM || (expect_record && st == DJ_E_RECORD)) {                                      \
            if (!same_state(ds, before, #call " failed but changed the dataset"))                            \
                ok = 0;                                                                                      \
            if (st == DJ_E_NOMEM && !chaos_failed)                                                           \
                ok = bad(#call " returned DJ_E_NOMEM without a failed allocation", st, &err);                \
            if (st == DJ_E_NOMEM) {                                                                          \
                free(before);                                                                                \
                goto done;                                                                                   \
            }                                                                                                \
        } else if (st != DJ_OK || expect_record) {                                                           \
            ok = bad(#call " returned an unexpected status", st, &err);                                      \
            free(before);                                                                                    \
            goto done;                                                                                       \
        }                                                                                                    \
        free(before);                                                                                        \
    } while (0)

    STEP(dj_dataset_add_people_in(ds, people, 3, &err), 0);
    STEP(dj_dataset_add_people_in(ds, people + 3, N_PEOPLE - 3, &err), 0);
    STEP(dj_dataset_add_activities_in(ds, acts, N_ACTS, &err), 0);
    STEP(dj_dataset_add_activities_in(ds, bad_acts, 2, &err), 1);
    STEP(dj_dataset_set_headcount_in(ds, points, N_POINTS, &err), 0);
    /* A rejected headcount keeps the earlier points. */
    {
        dj_headcount_in dup[2] = {points[0], points[0]};
        STEP(dj_dataset_set_headcount_in(ds, dup, 2, &err), 1);
    }
    /* Every step succeeded (even if an allocation failed and was recovered). */
    if (!same_state(ds, ref_state, "the dataset differs from the reference"))
        ok = 0;
#undef STEP
done:
    dj_dataset_release(ds);
    return ok;
}

/* The same rows through the record API: parse (not under test here), then
 * begin/add/commit with a low expectation so that add must grow, and
 * rollback on a failure, which must restore the dataset exactly. */
static int rec_batch(dj_dataset *ds, int which, const void *recs, size_t n, size_t expected, dj_error *err)
{
    dj_status st;
    size_t i;
    if (which == 0) {
        const dj_person_rec *r = recs;
        st = dj_dataset_people_begin(ds, expected, err);
        if (st != DJ_OK)
            return st;
        for (i = 0; i < n && st == DJ_OK; i++)
            st = dj_dataset_person_add(ds, &r[i], i, err);
    } else {
        const dj_activity_rec *r = recs;
        st = dj_dataset_activities_begin(ds, expected, expected, err);
        if (st != DJ_OK)
            return st;
        for (i = 0; i < n && st == DJ_OK; i++)
            st = dj_dataset_activity_add(ds, &r[i], i, err);
    }
    if (st == DJ_OK)
        dj_dataset_commit(ds);
    else
        dj_dataset_rollback(ds);
    return st;
}

static int scenario_build_rec(long n)
{
    dj_error err;
    dj_status st;
    dj_dataset *ds;
    dj_person_rec prec[N_PEOPLE];
    dj_activity_rec arec[N_ACTS], bad_rec[2];
    dj_participant_rec pbuf[N_ACTS][3], bad_pbuf[2][1];
    dj_headcount_rec hrec[N_POINTS], dup[2];
    char *before;
    size_t i;
    int ok = 1;

    chaos_disarm();
    for (i = 0; i < N_PEOPLE; i++)
        if (dj_person_parse(&people[i], i, &prec[i], &err) != DJ_OK)
            return bad("dj_person_parse of a good row failed", DJ_E_RECORD, &err);
    for (i = 0; i < N_ACTS; i++)
        if (dj_activity_parse(&acts[i], i, &arec[i], pbuf[i], &err) != DJ_OK)
            return bad("dj_activity_parse of a good row failed", DJ_E_RECORD, &err);
    for (i = 0; i < 2; i++)
        if (dj_activity_parse(&bad_acts[i], i, &bad_rec[i], bad_pbuf[i], &err) != DJ_OK)
            return bad("dj_activity_parse of a parseable row failed", DJ_E_RECORD, &err);
    for (i = 0; i < N_POINTS; i++)
        if (dj_headcount_parse(&points[i], i, &hrec[i], &err) != DJ_OK)
            return bad("dj_headcount_parse of a good row failed", DJ_E_RECORD, &err);
    dup[0] = hrec[0];
    dup[1] = hrec[0];

    chaos_arm(n);
    ds = dj_dataset_new();
    if (!ds)
        return chaos_failed ? 1
                            : bad("dj_dataset_new returned NULL without a failed allocation", DJ_OK, NULL);

#define REC_STEP(call, expect_record)                                                                        \
    do {                                                                                                     \
        before = state_of(ds);                                                                               \
        st = (call);                                                                                         \
        if (st == DJ_E_NOMEM || (expect_record && st == DJ_E_RECORD)) {                                      \
            if (!same_state(ds, before, #call " failed but changed the dataset"))                            \
                ok = 0;                                                                                      \
            if (st == DJ_E_NOMEM && !chaos_failed)                                                           \
                ok = bad(#call " returned DJ_E_NOMEM without a failed allocation", st, &err);                \
            if (st == DJ_E_NOMEM) {                                                                          \
                free(before);                                                                                \
                goto done;                                                                                   \
            }                                                                                                \
        } else if (st != DJ_OK || expect_record) {                                                           \
            ok = bad(#call " returned an unexpected status", st, &err);                                      \
            free(before);                                                                                    \
            goto done;                                                                                       \
        }                                                                                                    \
        free(before);                                                                                        \
    } while (0)

    REC_STEP(rec_batch(ds, 0, prec, 3, 1, &err), 0);
    REC_STEP(rec_batch(ds, 0, prec + 3, N_PEOPLE - 3, 0, &err), 0);
    REC_STEP(rec_batch(ds, 1, arec, N_ACTS, 1, &err), 0);
    REC_STEP(rec_batch(ds, 1, bad_rec, 2, 2, &err), 1);
    REC_STEP(dj_dataset_set_headcount(ds, hrec, N_POINTS, &err), 0);
    REC_STEP(dj_dataset_set_headcount(ds, dup, 2, &err), 1);
#undef REC_STEP
    if (!same_state(ds, ref_state, "the dataset built with records differs from the reference"))
        ok = 0;
done:
    dj_dataset_release(ds);
    return ok;
}

static int scenario_stats(long n)
{
    dj_error err;
    dj_status st;
    dj_query q;
    dj_stats s;
    char *json;
    size_t len;
    int ok = 1, i;

    chaos_arm(n);
    for (i = 0; i < 3 && ok; i++) {
        const char *want = i == 2 ? ref_stats_filter : i ? ref_stats_default : ref_stats_rules;
        dj_query_init(&q);
        memset(&s, 0, sizeof s);
        if (i != 1) {
            st = i ? query_fill_filter(&q, &err) : query_fill(&q, 1, &err);
            if (st != DJ_OK) {
                if (st != DJ_E_NOMEM || !chaos_failed)
                    ok = bad("a query setter failed", st, &err);
                dj_query_free(&q);
                break;
            }
        }
        st = dj_dataset_stats(ref_ds, &q, &s, &err);
        if (st == DJ_OK) {
            json = dj_stats_json(&s, &len);
            if (json) {
                if (strcmp(json, want) != 0 || len != strlen(want))
                    ok = bad("dj_stats_json differs from the reference", st, &err);
                dj_free(json);
            } else if (!chaos_failed) {
                ok = bad("dj_stats_json returned NULL without a failed allocation", st, &err);
            }
        } else if (st != DJ_E_NOMEM || !chaos_failed) {
            ok = bad("dj_dataset_stats returned an unexpected status", st, &err);
        }
        dj_stats_free(&s);
        dj_query_free(&q);
        if (chaos_failed)
            break; /* this n has been used up */
    }
    if (!same_state(ref_ds, ref_state, "stats changed the dataset"))
        ok = 0;
    return ok;
}

static int scenario_json_dump(long n)
{
    size_t len = 0;
    char *s;
    int ok = 1;
    chaos_arm(n);
    s = dj_json_dump(ref_ds, &len);
    if (s) {
        if (strcmp(s, ref_dump) != 0 || len != strlen(ref_dump))
            ok = bad("dj_json_dump differs from the reference", DJ_OK, NULL);
        dj_free(s);
    } else if (!chaos_failed) {
        ok = bad("dj_json_dump returned NULL without a failed allocation", DJ_OK, NULL);
    }
    return ok;
}

static int scenario_json_load(long n)
{
    dj_error err;
    dj_dataset *ds = (dj_dataset *)&err; /* must be set to NULL on failure */
    dj_status st;
    int ok = 1;
    chaos_arm(n);
    st = dj_json_load(json_text, sizeof json_text - 1, &ds, &err);
    if (st == DJ_OK) {
        if (!same_state(ds, ref_json_state, "the loaded dataset differs from the reference"))
            ok = 0;
        dj_dataset_release(ds);
    } else {
        /* jansson's lexer reports some of its failed allocations as syntax
         * errors ("string or '}' expected"): a known limit of jansson that
         * the core cannot see through. Its out-of-memory error proper
         * (json_error_out_of_memory, no position) must become DJ_E_NOMEM. */
        int jansson_syntax =
            st == DJ_E_JSON && chaos_failed_jansson && strncmp(err.message, "line -1,", 8) != 0;
        if (!(st == DJ_E_NOMEM && chaos_failed) && !jansson_syntax)
            ok = bad("dj_json_load returned an unexpected status", st, &err);
        if (ds != NULL)
            ok = bad("dj_json_load failed but did not set *out to NULL", st, &err);
    }
    return ok;
}

static int scenario_snapshot(long n)
{
    dj_error err;
    dj_dataset *ds = (dj_dataset *)&err;
    dj_status st;
    size_t len = 0;
    unsigned char *bytes;
    int ok = 1;

    chaos_arm(n);
    bytes = dj_snapshot_dump(ref_ds, &len);
    if (bytes) {
        if (len != ref_snap_len || memcmp(bytes, ref_snap, len) != 0)
            ok = bad("dj_snapshot_dump differs from the reference", DJ_OK, NULL);
        dj_free(bytes);
    } else if (!chaos_failed) {
        ok = bad("dj_snapshot_dump returned NULL without a failed allocation", DJ_OK, NULL);
    }
    if (chaos_failed)
        return ok;

    st = dj_snapshot_load_mem(ref_snap, ref_snap_len, &ds, &err);
    if (st == DJ_OK) {
        if (!same_state(ds, ref_state, "the dataset loaded from memory differs from the saved one"))
            ok = 0;
        dj_dataset_release(ds);
    } else {
        if (st != DJ_E_NOMEM || !chaos_failed)
            ok = bad("dj_snapshot_load_mem returned an unexpected status", st, &err);
        if (ds != NULL)
            ok = bad("dj_snapshot_load_mem failed but did not set *out to NULL", st, &err);
    }
    return ok;
}

/* save over an existing file (which a failure must leave whole), then load. */
static int scenario_save_load(long n)
{
    dj_error err;
    dj_dataset *ds = (dj_dataset *)&err, *empty;
    dj_status st;
    int ok = 1;

    chaos_disarm();
    empty = dj_dataset_new();
    st = dj_snapshot_save(empty, snap_path, &err);
    if (st != DJ_OK) {
        dj_dataset_release(empty);
        return bad("dj_snapshot_save of an empty dataset failed with no failed allocation", st, &err);
    }

    chaos_arm(n);
    st = dj_snapshot_save(ref_ds, snap_path, &err);
    if (st == DJ_OK) {
        st = dj_snapshot_load(snap_path, &ds, &err);
        if (st == DJ_OK) {
            if (!same_state(ds, ref_state, "the dataset loaded from the file differs from the saved one"))
                ok = 0;
            dj_dataset_release(ds);
        } else {
            if (st != DJ_E_NOMEM || !chaos_failed)
                ok = bad("dj_snapshot_load returned an unexpected status", st, &err);
            if (ds != NULL)
                ok = bad("dj_snapshot_load failed but did not set *out to NULL", st, &err);
        }
    } else if (st == DJ_E_NOMEM && chaos_failed) {
        /* The path must still hold the earlier (empty) dataset. */
        char *want = state_of(empty);
        chaos_disarm();
        ds = NULL;
        st = dj_snapshot_load(snap_path, &ds, &err);
        if (st != DJ_OK)
            ok = bad("after a failed save, the earlier file no longer loads", st, &err);
        else if (!same_state(ds, want, "a failed save changed the file"))
            ok = 0;
        dj_dataset_release(ds);
        free(want);
    } else {
        ok = bad("dj_snapshot_save returned an unexpected status", st, &err);
    }
    dj_dataset_release(empty);
    return ok;
}

/* Issue 11, item 14: the shrink at commit (dj_trim) after an add that
 * reserved far more than it used. Each of its reallocs fails in turn; the
 * dataset must stay usable: adding the next rows within the recorded
 * capacity must not write past a column that did shrink (ASan sees it). */
static dj_activity_rec trim_activity(int32_t id, dj_participant_rec *part)
{
    dj_activity_rec a;
    memset(&a, 0, sizeof a);
    a.id = id;
    a.date = 19800 + id % 50;
    a.category = DJ_CAT_SERVICE;
    a.kind = "visit";
    a.kind_len = 5;
    a.venue_kind = "";
    a.venue = "";
    a.hours = 100 + id;
    part->person_id = 1 + id % 3;
    part->hours = 50;
    part->array_form = 0;
    a.parts = part;
    a.n_parts = 1;
    return a;
}

static int trim_add(dj_dataset *ds, int32_t first, int32_t n, size_t reserve, dj_error *err)
{
    if (dj_dataset_activities_begin(ds, reserve, reserve, err) != DJ_OK)
        return 0;
    for (int32_t id = first; id < first + n; id++) {
        dj_participant_rec part;
        dj_activity_rec a = trim_activity(id, &part);
        if (dj_dataset_activity_add(ds, &a, (size_t)(id - first), err) != DJ_OK) {
            dj_dataset_rollback(ds);
            return 0;
        }
    }
    dj_dataset_commit(ds);
    return 1;
}

static char *trim_reference;

static int scenario_trim(long n)
{
    dj_error err;
    int ok = 1;
    dj_dataset *ds = dj_dataset_new();
    if (!ds || dj_dataset_add_people_in(ds, people, 3, &err) != DJ_OK)
        return bad("setting up the trim scenario failed", DJ_E_NOMEM, NULL);
    if (dj_dataset_activities_begin(ds, 5000, 5000, &err) != DJ_OK)
        ok = bad("begin failed", DJ_E_NOMEM, &err);
    for (int32_t id = 1; ok && id <= 10; id++) {
        dj_participant_rec part;
        dj_activity_rec a = trim_activity(id, &part);
        if (dj_dataset_activity_add(ds, &a, (size_t)(id - 1), &err) != DJ_OK)
            ok = bad("add failed", DJ_E_NOMEM, &err);
    }
    chaos_arm(n);
    dj_dataset_commit(ds); /* never fails; its shrinking reallocs may */
    long used = chaos_calls;
    chaos_disarm();
    chaos_calls = used;
    /* within the capacity recorded: no growth, straight into the columns */
    if (ok && !trim_add(ds, 11, 200, 200, &err))
        ok = bad("adding after a failed shrink failed", DJ_E_NOMEM, &err);
    if (ok && !trim_reference)
        trim_reference = state_of(ds);
    else if (ok && !same_state(ds, trim_reference, "the dataset after a failed shrink differs"))
        ok = 0;
    dj_dataset_release(ds);
    return ok;
}

static void references(void)
{
    dj_error err;
    dj_query q;
    dj_stats s;
    dj_dataset *ds = NULL;
    size_t len;
    dj_status st;

    chaos_disarm();
    ref_ds = dj_dataset_new();
    check(ref_ds != NULL);
    check(dj_dataset_add_people_in(ref_ds, people, 3, &err) == DJ_OK);
    check(dj_dataset_add_people_in(ref_ds, people + 3, N_PEOPLE - 3, &err) == DJ_OK);
    st = dj_dataset_add_activities_in(ref_ds, acts, N_ACTS, &err);
    if (st != DJ_OK)
        fprintf(stderr, "reference activities: %s\n", err.message);
    check(st == DJ_OK);
    st = dj_dataset_add_activities_in(ref_ds, bad_acts, 2, &err);
    check(st == DJ_E_RECORD);
    check(dj_dataset_set_headcount_in(ref_ds, points, N_POINTS, &err) == DJ_OK);
    check(dj_dataset_people_count(ref_ds) == N_PEOPLE);
    check(dj_dataset_activities_count(ref_ds) == N_ACTS);
    check(dj_dataset_participations_count(ref_ds) == 6);
    check(dj_dataset_headcount_count(ref_ds) == N_POINTS);
    ref_state = state_of(ref_ds);

    memset(&s, 0, sizeof s);
    check(query_fill(&q, 1, &err) == DJ_OK);
    check(dj_dataset_stats(ref_ds, &q, &s, &err) == DJ_OK);
    ref_stats_rules = dj_stats_json(&s, &len);
    check(ref_stats_rules != NULL);
    dj_stats_free(&s);
    dj_query_free(&q);

    dj_query_init(&q);
    memset(&s, 0, sizeof s);
    check(dj_dataset_stats(ref_ds, &q, &s, &err) == DJ_OK);
    ref_stats_default = dj_stats_json(&s, &len);
    check(ref_stats_default != NULL);
    dj_stats_free(&s);
    dj_query_free(&q);

    memset(&s, 0, sizeof s);
    check(query_fill_filter(&q, &err) == DJ_OK);
    check(dj_dataset_stats(ref_ds, &q, &s, &err) == DJ_OK);
    ref_stats_filter = dj_stats_json(&s, &len);
    check(ref_stats_filter != NULL && strstr(ref_stats_filter, "\"by_project\":{\"flood relief\"") != NULL);
    check(ref_stats_filter && strcmp(ref_stats_filter, ref_stats_rules) != 0);
    dj_stats_free(&s);
    dj_query_free(&q);

    ref_dump = dj_json_dump(ref_ds, &len);
    check(ref_dump != NULL);
    ref_snap = dj_snapshot_dump(ref_ds, &ref_snap_len);
    check(ref_snap != NULL);

    st = dj_json_load(json_text, sizeof json_text - 1, &ds, &err);
    if (st != DJ_OK)
        fprintf(stderr, "reference json: %s\n", err.message);
    check(st == DJ_OK);
    ref_json_state = state_of(ds);
    check(ds && dj_dataset_people_count(ds) == 3 && dj_dataset_activities_count(ds) == 2);
    dj_dataset_release(ds);
}

static void run(const char *name, scenario_fn fn)
{
    long n, runs = 0, bad_runs = 0, live0;
    const long cap = 200000;

    scenario_name = name;
    scenario_reports = 0;
    for (n = 1; n <= cap; n++) {
        int ok;
        scenario_n = n;
        live0 = chaos_live;
        ok = fn(n);
        chaos_disarm();
        if (chaos_live != live0) {
            if (++scenario_reports <= 5)
                fprintf(stderr, "chaos %s, failing allocation %ld: %ld allocations not freed\n", name, n,
                        chaos_live - live0);
            ok = 0;
        }
        runs++;
        /* One check per run, printed by the reports above. */
        if (ok) {
            check_passed++;
        } else {
            bad_runs++;
            check_failed++;
        }
        if (!chaos_failed)
            break; /* completed with no failure: every allocation has failed once */
    }
    if (scenario_reports > 5)
        fprintf(stderr, "chaos %s: %ld more reports not shown\n", name, scenario_reports - 5);
    if (n > cap)
        check(!"a scenario that never completes");
    printf("chaos %s: %ld runs (%ld allocations failed in turn), %ld bad\n", name, runs, runs - 1, bad_runs);
}

int main(void)
{
    char dir[] = "/tmp/dj-chaos-XXXXXX";
    long live0;

    dj_set_allocator(chaos_malloc, chaos_realloc, chaos_free);
    json_set_alloc_funcs(chaos_json_malloc, chaos_free);
    data_init();
    if (!mkdtemp(dir)) {
        perror("mkdtemp");
        return 1;
    }
    snprintf(snap_path, sizeof snap_path, "%s/chaos.djsnap", dir);

    live0 = chaos_live;
    references();

    run("build", scenario_build);
    run("build_rec", scenario_build_rec);
    run("stats", scenario_stats);
    run("json_dump", scenario_json_dump);
    run("json_load", scenario_json_load);
    run("snapshot", scenario_snapshot);
    run("save_load", scenario_save_load);
    {
        /* the reference of "trim": the same steps with nothing failing */
        chaos_arm(-1);
        scenario_trim(-1);
        chaos_disarm();
        run("trim", scenario_trim);
        free(trim_reference);
    }

    dj_dataset_release(ref_ds);
    dj_free(ref_stats_rules);
    dj_free(ref_stats_default);
    dj_free(ref_stats_filter);
    dj_free(ref_dump);
    dj_free(ref_snap);
    free(ref_state);
    free(ref_json_state);
    check(chaos_live == live0);
    unlink(snap_path);
    {
        /* atomic save leaves no temporary file behind */
        char cmd[300];
        snprintf(cmd, sizeof cmd, "rmdir %s 2>/dev/null", dir);
        check(system(cmd) == 0);
    }
    return check_done("test_chaos");
}
