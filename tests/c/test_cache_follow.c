/*
 * test_cache_follow.c - the per-day cache follows the writes (issue 11, item
 * 33): after each small commit the cache is kept, updated in place, and
 * stats() from it equals stats() by a scan of every row, for random rows on
 * new and existing days (before, inside and after the cached ones), new
 * kinds, places, venue kinds and projects, big participant hours and people
 * added between the commits. A large commit, or a person past the packed
 * index width, drops the cache instead (and the figures stay right).
 */
#include "stats_internal.h"
#include "dj_alloc.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"

static dj_error err;
static unsigned long long rng = 88172645463325252ULL;

static unsigned rnd(unsigned n)
{
    rng ^= rng << 13;
    rng ^= rng >> 7;
    rng ^= rng << 17;
    return (unsigned)(rng % n);
}

static int32_t next_person = 1, next_activity = 1;

static void add_people(dj_dataset *ds, int n)
{
    check(dj_dataset_people_begin(ds, (size_t)n, &err) == DJ_OK);
    for (int i = 0; i < n; i++) {
        dj_person_rec p;
        memset(&p, 0, sizeof p);
        p.id = next_person++;
        for (int k = 0; k < DJ_PERSON_DATES; k++)
            p.dates[k] = DJ_NO_DATE;
        if (rnd(2))
            p.dates[DJ_STAGE_ADMITTED] = 19000 + (int32_t)rnd(900);
        else
            p.dates[DJ_STAGE_APPLIED] = 19000 + (int32_t)rnd(900);
        check(dj_dataset_person_add(ds, &p, (size_t)i, &err) == DJ_OK);
    }
    dj_dataset_commit(ds);
}

static void add_activities(dj_dataset *ds, int n, int32_t day_lo, int32_t day_span)
{
    static const char *const kinds[] = {"visit", "lecture", "committee", "new_kind"};
    static const char *const vks[] = {"", "hall", "school", "park"};
    static const char *const venues[] = {"", "A", "B", "C", "D"};
    static const char *const projects[] = {"", "", "flood", "reading"};
    size_t np = dj_dataset_people_count(ds);
    check(dj_dataset_activities_begin(ds, (size_t)n, (size_t)n * 4, &err) == DJ_OK);
    for (int i = 0; i < n; i++) {
        dj_participant_rec parts[4];
        dj_activity_rec a;
        memset(&a, 0, sizeof a);
        a.id = next_activity++;
        a.date = day_lo + (int32_t)rnd((unsigned)day_span);
        unsigned k = rnd(4);
        a.category = k == 2 ? DJ_CAT_MEETING : DJ_CAT_SERVICE;
        a.kind = kinds[k];
        a.kind_len = strlen(a.kind);
        a.venue_kind = vks[rnd(4)];
        a.venue_kind_len = strlen(a.venue_kind);
        a.venue = venues[rnd(5)];
        a.venue_len = strlen(a.venue);
        a.project = projects[rnd(4)];
        a.project_len = strlen(a.project);
        a.hours = rnd(1000);
        a.beneficiaries = (int32_t)rnd(9);
        size_t n_parts = rnd(4), used = 0;
        for (size_t j = 0; j < n_parts && np; j++) {
            int32_t id = 1 + (int32_t)rnd((unsigned)np);
            int dup = 0;
            for (size_t x = 0; x < used; x++)
                dup |= parts[x].person_id == id;
            if (dup)
                continue;
            parts[used].person_id = id;
            parts[used].hours = rnd(20) == 0 ? 5000000000LL : rnd(500); /* some escape the packing */
            parts[used++].array_form = 0;
        }
        a.parts = parts;
        a.n_parts = used;
        check(dj_dataset_activity_add(ds, &a, (size_t)i, &err) == DJ_OK);
    }
    dj_dataset_commit(ds);
}

static char *stats_text(const dj_dataset *ds, int32_t from, int32_t to)
{
    dj_query q;
    dj_stats s;
    dj_query_init(&q);
    q.from = from;
    q.to = to;
    if (dj_dataset_stats(ds, &q, &s, &err) != DJ_OK)
        return NULL;
    char *j = dj_stats_json(&s, NULL);
    dj_stats_free(&s);
    return j;
}

/* Every period of the list: from the cache and by a scan, the same. */
static int same_both_ways(const dj_dataset *ds)
{
    static const int32_t periods[][2] = {{18900, 20100}, {19300, 19400}, {19000, 19000}, {19850, 19990}};
    int ok = 1;
    for (size_t i = 0; i < sizeof periods / sizeof periods[0]; i++) {
        dj_stats_scan_only = 0;
        char *a = stats_text(ds, periods[i][0], periods[i][1]);
        dj_stats_scan_only = 1;
        char *b = stats_text(ds, periods[i][0], periods[i][1]);
        dj_stats_scan_only = 0;
        if (!a || !b || strcmp(a, b) != 0) {
            if (ok)
                fprintf(stderr, "period %d: cache and scan differ\n  cache: %.300s\n  scan:  %.300s\n",
                        (int)i, a ? a : "(null)", b ? b : "(null)");
            ok = 0;
        }
        dj_free(a);
        dj_free(b);
    }
    return ok;
}

static void test_follow(void)
{
    dj_dataset *ds = dj_dataset_new();
    add_people(ds, 40);
    add_activities(ds, 400, 19200, 300);
    check(same_both_ways(ds)); /* builds the cache */
    check(ds->cache != NULL && dj_cache_usable(ds->cache));
    int kept = 0, rounds = 300;
    for (int round = 0; round < rounds; round++) {
        int what = (int)rnd(10);
        if (what == 0)
            add_people(ds, 1 + (int)rnd(3)); /* within the packed width: kept */
        else if (what < 4)
            add_activities(ds, 1 + (int)rnd(5), 19100, 500); /* days before, inside and after */
        else
            add_activities(ds, 1 + (int)rnd(3), 19480 + round, 3); /* today's rows */
        kept += ds->cache != NULL;
        if (!same_both_ways(ds)) {
            check(!"cache and scan differ after a commit");
            break;
        }
    }
    /* the cache followed (almost) every commit; new places may widen a
     * bitmap and drop it once */
    check(kept >= rounds - 10);
    fprintf(stderr, "cache kept after %d of %d commits\n", kept, rounds);

    /* a large commit drops the cache; the next stats() builds it again */
    add_activities(ds, 2000, 19000, 900);
    check(ds->cache == NULL);
    check(same_both_ways(ds));
    check(ds->cache != NULL);

    /* a person past the packed index width drops it too */
    size_t width = (size_t)1 << ds->cache->pbits;
    add_people(ds, (int)(width - dj_dataset_people_count(ds)) + 1);
    check(ds->cache == NULL);
    add_activities(ds, 3, 19500, 10);
    check(same_both_ways(ds));
    dj_dataset_release(ds);
}

int main(void)
{
    test_follow();
    return check_done("test_cache_follow");
}
