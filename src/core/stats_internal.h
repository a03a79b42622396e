/*
 * stats_internal.h - the per-day cache that stats() reads (stats_cache.c)
 * and the helpers the stats files share.
 *
 * The committed activities summed per day, so that a period reads only its
 * own days instead of every row:
 *   day[i]       the days that hold an activity, ascending (nd of them)
 *   kc           per day, one cell per kind present: count and sums
 *   vc           per day, one cell per venue-kind group with service rows
 *                (places grouped by their venue_kind string, "" excluded)
 *   pl           per day, the service places with a venue name (not "") and
 *                a venue kind: a list of place ids, or a bitmap of pl_words
 *                words when that is no longer (pl_bitmap[i])
 *   m            the service participations, day by day (rows of one day in
 *                row order): person | hours << pbits; hours that do not fit
 *                are the all-ones value and live in esc (position, hours)
 *   pc           v2: per day, one cell per project with service rows
 *   pm           v2: the service participations of rows with a project, day
 *                by day: project string << 32 | person
 * Offsets per day: kc_off, vc_off, pl_off, m_off, pc_off, pm_off (nd + 1
 * entries each). When the cache would pass its budget (about 3 bytes per
 * activity and 4 per participation, beside what the projects take) it is
 * kept empty with usable = 0 and stats scans.
 */
#ifndef DJ_STATS_INTERNAL_H
#define DJ_STATS_INTERNAL_H

#include "dataset_internal.h"

typedef struct {
    uint32_t kind, acts;
    int64_t hours, fee, don, benef;
} dj_kcell;

typedef struct {
    uint32_t group, acts;
    int64_t benef, hours;
} dj_vcell;

typedef dj_kcell dj_pcell; /* kind: the project's string */

struct dj_cache {
    int usable;
    size_t bytes;
    uint32_t nd;
    int32_t *day, *day_ym; /* day_ym: year * 12 + month - 1 */
    uint32_t *kc_off, *vc_off, *pl_off, *m_off, *pc_off, *pm_off;
    dj_kcell *kc;
    dj_vcell *vc;
    dj_pcell *pc;
    uint64_t *pm;
    uint32_t *pl;
    uint8_t *pl_bitmap;
    uint32_t npl, pl_words, ngroups;
    uint32_t *group_vk;    /* [ngroups]: the venue_kind string */
    uint32_t *place_group; /* [npl]: the group, or UINT32_MAX (venue_kind "") */
    uint32_t *m;
    uint32_t pbits;
    dj_big *esc;
    size_t nesc;
    /* capacities, for the rows a commit adds in place (stats_cache_add.c):
     * day_cap for every per-day array (the offsets hold one more) */
    size_t day_cap, kc_cap, vc_cap, pc_cap, pl_cap, m_cap, pm_cap, esc_cap, place_cap, group_cap;
};

/* The bytes the cache holds, from its capacities. */
size_t dj_cache_measure(const dj_cache *c);

/* The usable cache of ds, built on first use; NULL when stats must scan
 * (over budget, out of memory, or dj_stats_scan_only). */
const dj_cache *dj_cache_get(const dj_dataset *ds);

/* Makes room for need elements of size sz in *p (capacity *cap, doubling).
 * 0 when out of memory (*p kept). */
int dj_room(void **p, size_t *cap, size_t need, size_t sz);

/* Bit helpers (the compiler's builtins where there are some). */
static inline unsigned dj_ctz32(uint32_t x) /* x != 0 */
{
#if defined(__GNUC__)
    return (unsigned)__builtin_ctz(x);
#else
    unsigned n = 0;
    while (!(x & 1)) {
        x >>= 1;
        n++;
    }
    return n;
#endif
}

static inline unsigned dj_popcount32(uint32_t x)
{
#if defined(__GNUC__)
    return (unsigned)__builtin_popcount(x);
#else
    unsigned n = 0;
    for (; x; x &= x - 1)
        n++;
    return n;
#endif
}

/* Sorts n 64-bit keys (LSD radix, byte by byte, skipping bytes equal in
 * every key); tmp has room for n keys. */
void dj_sort_u64(uint64_t *a, size_t n, uint64_t *tmp);

/* ------------------------------------------------ the stages of stats() */

typedef struct {
    const char *s;
    size_t len;
    uint32_t id;
} dj_named;

/* Orders dj_named by their bytes (qsort). */
int dj_named_cmp(const void *a, const void *b);
/* Copies a kind of at most 32 bytes into a NUL-terminated buffer. */
void dj_copy_kind(char dst[33], const char *s, size_t len);

/* A person's span as a party member on the roster (one load per lookup). */
typedef struct {
    int32_t start, end;
} dj_span;

/* num / den rounded half away from zero to 4 decimals, in ten-thousandths;
 * num >= 0, den > 0. */
static inline int64_t dj_ratio(int64_t num, int64_t den)
{
    return (num * 20000 + den) / (2 * den);
}

typedef struct {
    int64_t acts, hours, fee, don, benef;
} dj_kacc;

typedef struct {
    int64_t acts, benef, hours;
} dj_pacc;

/* One stats() call: the resolved query, the flags and the accumulators. */
typedef struct {
    const dj_dataset *ds;
    const dj_query *q;
    dj_stats *out;
    int32_t from, to, as_of, due_within;
    int64_t top;
    int fy, fm, ty, tm;
    size_t n_months;
    uint32_t n_days;
    size_t np, na, nk, npl, ns;
    dj_rule *rules; /* sorted by kind, one per kind (the last given wins) */
    size_t n_rules;
    uint32_t *rule_row; /* [n_rules]: its row of `present`, 0 when no meeting kind has it */
    size_t n_rows;      /* rows of `present` (row 0: kinds without a rule) */
    const dj_cache *cache;
    uint8_t *kserv, *kmatch, *plmatch, *smatch; /* smatch: strings, bit DJ_F_* */
    int32_t *krow;                              /* kind -> row of present */
    uint16_t *mon;                              /* day of the period -> month */
    dj_kacc *kacc, *jacc;                       /* per kind, per project string */
    dj_pacc *pacc, *macc;                       /* scan: [place][category]; cache: [group]; [month][cat] */
    int64_t *gven;
    uint32_t *gbits;
    uint8_t *present;
    int64_t *vhours;
    uint32_t *vacts, *vlist;
    size_t n_vol;
    dj_span *span; /* per person: on the roster as a party member on [start, end) */
    uint8_t *pv;
    int64_t pv_hours, pv_count, took_part;
    uint64_t *jkeys; /* scan: project string << 32 | person, of the period's project participations */
    size_t n_jkeys, cap_jkeys;
    const uint64_t *jsrc; /* those pairs: jkeys, or the cache's own run */
} dj_sx;

/* The stages after the activities (stats_people.c, stats_service.c); each
 * returns 0 when out of memory. names has room for max(kinds, places,
 * strings) + 1 entries. */
int dj_sx_people(dj_sx *x);
int dj_sx_kinds(dj_sx *x, dj_named *names);
int dj_sx_venue_kinds(dj_sx *x, dj_named *names);
int dj_sx_months_top(dj_sx *x);
int dj_sx_projects(dj_sx *x, dj_named *names);
int dj_sx_missing(dj_sx *x);

#endif
