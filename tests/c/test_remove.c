/*
 * test_remove.c - dj_dataset_remove_activities / dj_dataset_remove_people
 * (src/core/remove.c).
 *
 * Random datasets (ids in and out of order, large amounts in the side
 * tables, participations of every kind) lose random activities and people in
 * random steps; after each step the dataset's dj_json_dump() and figures
 * (default and explicit periods) equal those of the dataset built from the
 * JSON without the removed rows. Errors (unknown id, repeated id, shared
 * dataset) change nothing and say which entry; a removed activity can be
 * added again; every failed allocation of a removal reports DJ_E_NOMEM,
 * leaves the dataset unchanged and leaks nothing.
 */
#include "dj.h"
#include "dj_alloc.h"
#include "dj_remove.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "failalloc.h"

/* ------------------------------------------------------- random datasets */

static unsigned long rng;

static unsigned rnd(unsigned n)
{
    rng = rng * 6364136223846793005UL + 1442695040888963407UL;
    return (unsigned)((rng >> 33) % n);
}

#define MAXP 40
#define MAXA 120

typedef struct {
    int np, na;
    int pid[MAXP], pdate[MAXP], pleft[MAXP];
    int aid[MAXA], adate[MAXA], acat[MAXA], abig[MAXA];
    int npart[MAXA], part[MAXA][8], pbig[MAXA][8];
    char pgone[MAXP], agone[MAXA];
} gen;

static void gen_make(gen *g)
{
    memset(g, 0, sizeof *g);
    g->np = 1 + (int)rnd(MAXP);
    g->na = (int)rnd(MAXA);
    int shuffled = rnd(3) == 0;
    for (int i = 0; i < g->np; i++) {
        g->pid[i] = shuffled ? (int)(1000 - 7 * i) : 10 + 3 * i;
        g->pdate[i] = 1 + (int)rnd(28);
        g->pleft[i] = rnd(6) == 0;
    }
    for (int i = 0; i < g->na; i++) {
        g->aid[i] = shuffled && rnd(2) ? 5000 - i : 100 + 2 * i;
        g->adate[i] = 1 + (int)rnd(28);
        g->acat[i] = (int)rnd(2);
        g->abig[i] = rnd(5) == 0;
        g->npart[i] = (int)rnd(g->np < 8 ? (unsigned)g->np + 1 : 9);
        int start = (int)rnd((unsigned)g->np);
        for (int j = 0; j < g->npart[i]; j++) {
            g->part[i][j] = (start + j) % g->np;
            g->pbig[i][j] = rnd(6) == 0;
        }
    }
}

/* The dataset's JSON without the gone rows (and their participations). */
static char *gen_json(const gen *g)
{
    size_t cap = 1 << 20, len = 0;
    char *b = malloc(cap);
#define OUT(...) (len += (size_t)snprintf(b + len, cap - len, __VA_ARGS__))
    OUT("{\"format\":\"dangjian-dataset\",\"version\":1,\"people\":[");
    int first = 1;
    for (int i = 0; i < g->np; i++) {
        if (g->pgone[i])
            continue;
        OUT("%s{\"id\":%d,\"joined_on\":\"2023-%02d-%02d\"%s}", first ? "" : ",", g->pid[i], 1 + i % 12,
            g->pdate[i], g->pleft[i] ? ",\"left_on\":\"2024-06-30\",\"left_reason\":\"other\"" : "");
        first = 0;
    }
    OUT("],\"activities\":[");
    first = 1;
    for (int i = 0; i < g->na; i++) {
        if (g->agone[i])
            continue;
        if (g->acat[i])
            OUT("%s{\"id\":%d,\"date\":\"2024-%02d-%02d\",\"category\":\"service\",\"kind\":\"tutoring\","
                "\"hours\":%s,\"donation\":%s,\"venue_kind\":\"school\",\"venue\":\"S%d\",\"participants\":[",
                first ? "" : ",", g->aid[i], 1 + i % 12, g->adate[i], g->abig[i] ? "500000.5" : "2.25",
                g->abig[i] ? "600000" : "3", i % 3);
        else
            OUT("%s{\"id\":%d,\"date\":\"2024-%02d-%02d\",\"category\":\"meeting\",\"kind\":\"group_"
                "meeting\","
                "\"fee_waived\":%s,\"participants\":[",
                first ? "" : ",", g->aid[i], 1 + i % 12, g->adate[i], g->abig[i] ? "700000" : "1");
        first = 0;
        int pf = 1;
        for (int j = 0; j < g->npart[i]; j++) {
            int p = g->part[i][j];
            if (g->pgone[p])
                continue;
            if (g->pbig[i][j])
                OUT("%s{\"id\":%d,\"hours\":450000}", pf ? "" : ",", g->pid[p]);
            else
                OUT("%s%d", pf ? "" : ",", g->pid[p]);
            pf = 0;
        }
        OUT("]}");
    }
    OUT("],\"headcount\":[{\"date\":\"2023-01-01\",\"count\":5}]}");
#undef OUT
    return b;
}

static dj_dataset *gen_load(const gen *g)
{
    char *text = gen_json(g);
    dj_dataset *ds = NULL;
    dj_error err;
    dj_status st = dj_json_load(text, strlen(text), &ds, &err);
    if (st != DJ_OK)
        fprintf(stderr, "load: %s\n", err.message);
    free(text);
    return ds;
}

/* ---------------------------------------------------------- describing */

/* JSON dump + figures (default query, then 2023-01-01..2024-12-31). */
static char *describe(const dj_dataset *ds)
{
    size_t l1 = 0, l2 = 0, l3 = 0;
    char *dump = dj_json_dump(ds, &l1);
    char *s1 = NULL, *s2 = NULL;
    dj_query q;
    dj_stats s;
    dj_error err;
    dj_query_init(&q);
    if (dj_dataset_stats(ds, &q, &s, &err) == DJ_OK)
        s1 = dj_stats_json(&s, &l2);
    dj_stats_free(&s);
    dj_value v;
    memset(&v, 0, sizeof v);
    v.type = DJ_V_STRING;
    v.u.s.p = "2023-01-01";
    v.u.s.len = 10;
    dj_query_set(&q, "from", 4, &v, &err);
    v.u.s.p = "2024-12-31";
    dj_query_set(&q, "to", 2, &v, &err);
    if (dj_dataset_stats(ds, &q, &s, &err) == DJ_OK)
        s2 = dj_stats_json(&s, &l3);
    dj_stats_free(&s);
    char *all = malloc(l1 + l2 + l3 + 16);
    snprintf(all, l1 + l2 + l3 + 16, "%s\n%s\n%s", dump ? dump : "-", s1 ? s1 : "(no stats)",
             s2 ? s2 : "(no stats)");
    dj_free(dump);
    dj_free(s1);
    dj_free(s2);
    return all;
}

static int same_as_rebuild(const dj_dataset *ds, const gen *g)
{
    dj_dataset *ref = gen_load(g);
    char *a = describe(ds), *b = describe(ref);
    int ok = strcmp(a, b) == 0;
    if (!ok)
        fprintf(stderr, "got:\n%.600s\nwant:\n%.600s\n", a, b);
    free(a);
    free(b);
    dj_dataset_release(ref);
    return ok;
}

/* ------------------------------------------------------------- scenarios */

static void test_random(void)
{
    for (unsigned long seed = 1; seed <= 300; seed++) {
        rng = seed;
        gen g;
        gen_make(&g);
        dj_dataset *ds = gen_load(&g);
        check(ds != NULL);
        if (!ds)
            continue;
        for (int step = 0; step < 4; step++) {
            int32_t ids[MAXA];
            size_t n = 0;
            dj_error err;
            dj_status st;
            if (rnd(2)) {
                for (int i = 0; i < g.na; i++)
                    if (!g.agone[i] && rnd(4) == 0) {
                        g.agone[i] = 1;
                        ids[n++] = g.aid[i];
                    }
                st = dj_dataset_remove_activities(ds, ids, n, &err);
            } else {
                for (int i = 0; i < g.np; i++)
                    if (!g.pgone[i] && rnd(5) == 0) {
                        g.pgone[i] = 1;
                        ids[n++] = g.pid[i];
                    }
                st = dj_dataset_remove_people(ds, ids, n, &err);
            }
            check(st == DJ_OK);
            /* the id indexes: every row still there is found, every gone one is not
             * (probed with a second, unknown id: the error names entry 1 or entry 0) */
            int idx_ok = 1;
            for (int i = 0; i < g.na; i++) {
                int32_t probe[2] = {g.aid[i], INT32_MAX};
                idx_ok &= dj_dataset_remove_activities(ds, probe, 2, &err) == DJ_E_RECORD &&
                          strncmp(err.message, g.agone[i] ? "activities[0]" : "activities[1]", 13) == 0;
            }
            for (int i = 0; i < g.np; i++) {
                int32_t probe[2] = {g.pid[i], INT32_MAX};
                idx_ok &= dj_dataset_remove_people(ds, probe, 2, &err) == DJ_E_RECORD &&
                          strncmp(err.message, g.pgone[i] ? "people[0]" : "people[1]", 9) == 0;
            }
            check(idx_ok);
            if (!same_as_rebuild(ds, &g)) {
                check(0);
                fprintf(stderr, "seed %lu step %d\n", seed, step);
                break;
            }
        }
        dj_dataset_release(ds);
    }
}

static void test_errors(void)
{
    rng = 7;
    gen g;
    gen_make(&g);
    g.na = 3;
    g.np = 3;
    for (int i = 0; i < 3; i++) {
        g.aid[i] = 10 + i;
        g.pid[i] = 1 + i;
        g.npart[i] = 2;
        g.part[i][0] = i;
        g.part[i][1] = (i + 1) % 3;
    }
    dj_dataset *ds = gen_load(&g);
    char *before = describe(ds);
    dj_error err;
    int32_t ids[] = {11, 7};
    check(dj_dataset_remove_activities(ds, ids, 2, &err) == DJ_E_RECORD);
    check_str(err.message, "activities[1]: no id 7");
    int32_t dup[] = {12, 10, 12};
    check(dj_dataset_remove_activities(ds, dup, 3, &err) == DJ_E_RECORD);
    check_str(err.message, "activities[2]: duplicate id 12");
    int32_t pids[] = {3, 9};
    check(dj_dataset_remove_people(ds, pids, 2, &err) == DJ_E_RECORD);
    check_str(err.message, "people[1]: no id 9");
    int32_t pdup[] = {2, 2};
    check(dj_dataset_remove_people(ds, pdup, 2, &err) == DJ_E_RECORD);
    check_str(err.message, "people[1]: duplicate id 2");
    dj_dataset_retain(ds);
    check(dj_dataset_remove_activities(ds, ids, 1, &err) == DJ_E_RECORD);
    check_str(err.message, "the dataset is shared and read-only");
    check(dj_dataset_remove_people(ds, pids, 1, &err) == DJ_E_RECORD);
    check_str(err.message, "the dataset is shared and read-only");
    dj_dataset_release(ds);
    check(dj_dataset_remove_activities(ds, ids, 0, &err) == DJ_OK);
    char *after = describe(ds);
    check_str(after, before);
    free(after);
    free(before);

    /* an activity id that was removed can be added again, then not twice */
    dj_activity_rec rec;
    dj_participant_rec parts[8];
    dj_dataset_activity_get(ds, 1, &rec, parts);
    char kind[64], vk[64], venue[64];
    memcpy(kind, rec.kind, rec.kind_len);
    memcpy(vk, rec.venue_kind, rec.venue_kind_len);
    memcpy(venue, rec.venue, rec.venue_len);
    rec.kind = kind;
    rec.venue_kind = vk;
    rec.venue = venue;
    dj_dataset *full = gen_load(&g);
    int32_t one[] = {11};
    check(dj_dataset_remove_activities(ds, one, 1, &err) == DJ_OK);
    check(dj_dataset_activities_count(ds) == 2);
    check(dj_dataset_activities_begin(ds, 1, rec.n_parts, &err) == DJ_OK);
    check(dj_dataset_activity_add(ds, &rec, 0, &err) == DJ_OK);
    dj_dataset_commit(ds);
    check(dj_dataset_activities_begin(ds, 1, rec.n_parts, &err) == DJ_OK);
    check(dj_dataset_activity_add(ds, &rec, 0, &err) == DJ_E_RECORD);
    check_str(err.message, "activities[0].id: duplicate id 11");
    dj_dataset_rollback(ds);
    dj_query q;
    dj_stats s1, s2;
    size_t l;
    dj_query_init(&q);
    check(dj_dataset_stats(ds, &q, &s1, &err) == DJ_OK);
    check(dj_dataset_stats(full, &q, &s2, &err) == DJ_OK);
    char *j1 = dj_stats_json(&s1, &l), *j2 = dj_stats_json(&s2, &l);
    check_str(j1, j2);
    dj_free(j1);
    dj_free(j2);
    dj_stats_free(&s1);
    dj_stats_free(&s2);
    dj_dataset_release(full);
    dj_dataset_release(ds);
}

/* Every allocation of a removal fails in turn. */
static void test_chaos(void)
{
    for (int kind = 0; kind < 4; kind++) {
        rng = 99 + (unsigned long)kind;
        gen g;
        gen_make(&g);
        while (g.na < 10 || g.np < 4) {
            gen_make(&g);
        }
        for (long n = 1;; n++) {
            dj_dataset *ds = gen_load(&g);
            char *before = describe(ds);
            long live0 = t_live;
            int32_t ids[3];
            dj_error err;
            dj_status st;
            t_calls = 0;
            t_fail_at = n;
            if (kind < 2) {
                ids[0] = g.aid[kind ? 0 : g.na - 1];
                ids[1] = g.aid[3];
                st = dj_dataset_remove_activities(ds, ids, 2, &err);
            } else {
                ids[0] = g.pid[kind == 2 ? 0 : g.np - 1];
                ids[1] = g.pid[2];
                st = dj_dataset_remove_people(ds, ids, 2, &err);
            }
            int failed = t_calls >= n;
            t_fail_at = 0;
            check(st == (failed ? DJ_E_NOMEM : DJ_OK));
            if (failed) {
                char *after = describe(ds);
                check_str(after, before);
                free(after);
                check(t_live == live0);
            }
            free(before);
            dj_dataset_release(ds);
            if (!failed)
                break;
        }
    }
    check(t_live == 0);
}

int main(void)
{
    dj_set_allocator(t_malloc, t_realloc, t_free);
    test_random();
    test_errors();
    test_chaos();
    return check_done("test_remove");
}
