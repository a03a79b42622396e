/*
 * follow.c - a write, then the next fresh stats(), at 1M activities (issue 11,
 * item 33): the per-day cache follows the write in place (now) against the
 * cache dropped and rebuilt from every row (before).
 *
 * Builds N activities (default 1,000,000; 2 participants each, 5 kinds, 40
 * venues, 3 projects, dates over 3 years) and 20,000 people through the C
 * API, runs stats() once (the cache is built), then R rounds (default 20) of:
 * one activity added (a commit, dated today or a past day), then stats() of
 * the current year. Prints the median and the worst of commit + stats, for
 * the cache that follows and for the cache dropped at each commit (what the
 * engine did before), and checks that both give the same text.
 *
 *   make .work/c/plain/libdjcore.a && cc -O2 -I src/core bench/follow.c .work/c/plain/libdjcore.a \
 *       $(pkg-config --libs jansson) -lm -o .work/follow && .work/follow [N] [R]
 */
#define _POSIX_C_SOURCE 200809L
#include "stats_internal.h"

#include "dj_alloc.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static double now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

/* CPU time of the process: steadier than the wall clock on a shared machine. */
static double cpu_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
    return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

static int32_t next_id = 1;

static void add_rows(dj_dataset *ds, size_t n, size_t np, int32_t day0, int32_t span, unsigned *seed)
{
    static const char *const kinds[] = {"visit", "lecture", "counseling", "cleanup", "committee"};
    static const char *const projects[] = {"", "flood", "reading"};
    dj_error err;
    char venue[8];
    if (dj_dataset_activities_begin(ds, n, 2 * n, &err) != DJ_OK)
        exit(1);
    for (size_t i = 0; i < n; i++) {
        unsigned r = *seed = *seed * 1103515245u + 12345u;
        dj_participant_rec parts[2] = {{(int32_t)(1 + r % np), 150, 0},
                                       {(int32_t)(1 + (r / 7 + 1) % np), 100, 0}};
        if (parts[0].person_id == parts[1].person_id)
            parts[1].person_id = (int32_t)(1 + (parts[1].person_id % np));
        dj_activity_rec a;
        memset(&a, 0, sizeof a);
        a.id = next_id++;
        a.date = day0 + (int32_t)((r >> 8) % (unsigned)span);
        a.category = r % 5 == 4 ? DJ_CAT_MEETING : DJ_CAT_SERVICE;
        a.kind = kinds[r % 5];
        a.kind_len = strlen(a.kind);
        a.venue_kind = "hall";
        a.venue_kind_len = 4;
        snprintf(venue, sizeof venue, "v%u", (r >> 4) % 40);
        a.venue = venue;
        a.venue_len = strlen(venue);
        a.project = projects[(r >> 12) % 3];
        a.project_len = strlen(a.project);
        a.hours = 150;
        a.parts = parts;
        a.n_parts = 2;
        if (dj_dataset_activity_add(ds, &a, i, &err) != DJ_OK) {
            fprintf(stderr, "%s\n", err.message);
            exit(1);
        }
    }
    dj_dataset_commit(ds);
}

static char *year_stats(const dj_dataset *ds, int32_t from, int32_t to)
{
    dj_query q;
    dj_stats s;
    dj_error err;
    dj_query_init(&q);
    q.from = from;
    q.to = to;
    if (dj_dataset_stats(ds, &q, &s, &err) != DJ_OK)
        exit(1);
    char *j = dj_stats_json(&s, NULL);
    dj_stats_free(&s);
    return j;
}

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return x < y ? -1 : x > y;
}

int main(int argc, char **argv)
{
    size_t n = argc > 1 ? (size_t)atol(argv[1]) : 1000000, rounds = argc > 2 ? (size_t)atol(argv[2]) : 20;
    size_t np = 20000;
    const int32_t day0 = 19358, span = 3 * 365, from = 19723, to = 19723 + 364; /* 2023..2025, 2024 */
    unsigned seed = 1;
    dj_dataset *ds = dj_dataset_new();
    dj_error err;
    if (dj_dataset_people_begin(ds, np, &err) != DJ_OK)
        return 1;
    for (size_t i = 0; i < np; i++) {
        dj_person_rec p;
        memset(&p, 0, sizeof p);
        p.id = (int32_t)(i + 1);
        for (int k = 0; k < DJ_PERSON_DATES; k++)
            p.dates[k] = DJ_NO_DATE;
        p.dates[DJ_STAGE_ADMITTED] = day0 - (int32_t)(i % 900);
        dj_dataset_person_add(ds, &p, i, &err);
    }
    dj_dataset_commit(ds);
    add_rows(ds, n, np, day0, span, &seed);
    double t0 = now_ms();
    free(year_stats(ds, from, to));
    printf("follow: %zu activities, first stats() (builds the cache) %.1f ms\n", n, now_ms() - t0);
    t0 = now_ms();
    free(year_stats(ds, from, to));
    printf("follow: stats() again, no write (the cache as it is) %.1f ms\n", now_ms() - t0);
    {
        /* a filtered query (one project, one venue kind) scans the rows */
        dj_query q;
        dj_stats st;
        dj_value v = {DJ_V_ARRAY, {0}};
        int field;
        dj_query_init(&q);
        q.from = from;
        q.to = to;
        dj_query_set(&q, "filter", 6, &v, &err);
        dj_query_filter_key(&q, "projects", 8, 0, 0, &v, 1, 1, &field, &err);
        dj_value name = {DJ_V_STRING, {0}};
        name.u.s.p = "flood";
        name.u.s.len = 5;
        dj_query_filter_value(&q, field, &name, &err);
        dj_query_filter_key(&q, "venue_kinds", 11, 0, 0, &v, 1, 1, &field, &err);
        name.u.s.p = "hall";
        name.u.s.len = 4;
        dj_query_filter_value(&q, field, &name, &err);
        t0 = now_ms();
        if (dj_dataset_stats(ds, &q, &st, &err) != DJ_OK)
            return 1;
        printf("follow: a filtered stats() (one project, one venue kind: a scan) %.1f ms\n", now_ms() - t0);
        dj_stats_free(&st);
        dj_query_free(&q);
    }

    double *tf = calloc(rounds, sizeof *tf), *td = calloc(rounds, sizeof *td);
    double *cf = calloc(rounds, sizeof *cf), *cd = calloc(rounds, sizeof *cd);
    int same = 1;
    for (size_t r = 0; r < rounds; r++) {
        /* now: the cache follows the write */
        double a = now_ms(), ca = cpu_ms();
        add_rows(ds, 1, np, r % 2 ? to - 3 : from + 40, 3, &seed); /* today, or a past day */
        char *j1 = year_stats(ds, from, to);
        tf[r] = now_ms() - a;
        cf[r] = cpu_ms() - ca;
        /* before: the write dropped the cache, stats rebuilt it from every row */
        dj_cache_free(ds->cache);
        ds->cache = NULL;
        double b = now_ms(), cb = cpu_ms();
        char *j2 = year_stats(ds, from, to);
        td[r] = now_ms() - b;
        cd[r] = cpu_ms() - cb;
        same &= strcmp(j1, j2) == 0;
        free(j1);
        free(j2);
    }
    qsort(tf, rounds, sizeof *tf, cmp_double);
    qsort(td, rounds, sizeof *td, cmp_double);
    qsort(cf, rounds, sizeof *cf, cmp_double);
    qsort(cd, rounds, sizeof *cd, cmp_double);
    printf("follow: write + next stats(), cache follows the write: median %.2f ms, worst %.2f ms\n",
           tf[rounds / 2], tf[rounds - 1]);
    printf("follow: write + next stats(), cache rebuilt (before):  median %.2f ms, worst %.2f ms\n",
           td[rounds / 2], td[rounds - 1]);
    printf("follow: the same in CPU time: follows %.2f ms median, rebuilt %.2f ms median\n", cf[rounds / 2],
           cd[rounds / 2]);
    printf("follow: same figures both ways: %s\n", same ? "yes" : "NO");
    free(tf);
    free(td);
    free(cf);
    free(cd);
    dj_dataset_release(ds);
    return same ? 0 : 1;
}
