/*
 * snapshot.c - the binary snapshot file (docs/snapshot.md, format version 2):
 * dj_snapshot_dump/save write it, dj_snapshot_load/load_mem read it back.
 *
 * Version 2's payload is the dataset's own packed columns (dataset_internal.h)
 * in their in-memory widths, with the interned string and (kind, place) pair
 * tables and the side tables of big amounts: loading a file reads each
 * column straight into its own block with the CRC carried over the pieces
 * as they arrive (see "the file reader"), then bulk checks over whole
 * columns, and the id and string hashes built once. No per-row API call, no
 * allocation per row.
 *
 * The loader trusts nothing: every count is checked against the bytes that
 * remain before anything is read or allocated (so no allocation exceeds a small
 * multiple of the input's size), and every value is checked so that a file
 * with a valid checksum can never give a dataset that breaks the invariants
 * of the add path (ids unique, participants known and unique per activity,
 * amounts and dates in range, stage order, table indexes in range, strings
 * and pairs unique). The fast checks only say "bad somewhere"; a second,
 * row-by-row pass then finds the first bad row for the message.
 *
 * Messages (docs/ENGINE.md §5): "snapshot <path>: truncated" | "not a dangjian
 * snapshot" | "version N is not supported" | "checksum mismatch" |
 * "damaged (<detail>)"; load_mem names the path "(memory)". The details, in
 * the order they are checked after the CRC, are listed in docs/snapshot.md.
 */
#define _DEFAULT_SOURCE         /* MADV_HUGEPAGE */
#define _POSIX_C_SOURCE 200809L /* fsync, O_CLOEXEC */

#include "snapshot_internal.h"

#include "dj.h"
#include "dj_alloc.h"
#include "dj_fields.h"
#include "dj_utf8.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <unistd.h>

/* ---------------------------------------------------------------- reading */

dj_status snap_corrupt(dj_error *err, const char *label, const char *what)
{
    return dj_error_set(err, DJ_E_SNAPSHOT, "snapshot %s: %s", label, what);
}

static dj_status damaged(dj_error *err, const char *label, const char *fmt, size_t i, const char *field)
{
    char what[160];
    snprintf(what, sizeof what, fmt, i, field);
    return dj_error_set(err, DJ_E_SNAPSHOT, "snapshot %s: damaged (%s)", label, what);
}

dj_status snap_nomem(dj_error *err)
{
    return dj_error_set(err, DJ_E_NOMEM, "out of memory");
}

static int date_ok(int32_t d)
{
    return d >= DJ_DATE_MIN && d <= DJ_DATE_MAX;
}

/* Reads a u32 count at *pos and checks that count * unit bytes remain;
 * returns 0 ("truncated") when they do not. */
static int take_section(const unsigned char *d, size_t len, size_t *pos, size_t unit, uint32_t *count)
{
    if (len - *pos < 4)
        return 0;
    *count = get_u32(d + *pos);
    *pos += 4;
    if ((uint64_t)*count > (uint64_t)(len - *pos) / unit)
        return 0;
    *pos += (size_t)*count * unit;
    return 1;
}

/* A snap_block of n elements of size sz (at least one element), or NULL. A large
 * snap_block is advised to be backed by huge pages where the system offers them
 * on request (Linux's transparent huge pages in "madvise" mode): its first
 * touch then costs one page fault per 2 MiB instead of one per 4 KiB, which
 * is most of the time of filling fresh memory. Only the whole pages inside
 * the snap_block are advised; the advice changes nothing else and may fail. */
void *snap_block(size_t n, size_t sz)
{
    void *p = dj_malloc((n ? n : 1) * sz);
#ifdef MADV_HUGEPAGE
    size_t bytes = n * sz, huge = (size_t)2 << 20;
    if (p && bytes >= 2 * huge) {
        uintptr_t a = ((uintptr_t)p + huge - 1) & ~(uintptr_t)(huge - 1);
        uintptr_t b = ((uintptr_t)p + bytes) & ~(uintptr_t)(huge - 1);
        if (b > a)
            (void)madvise((void *)a, (size_t)(b - a), MADV_HUGEPAGE);
    }
#endif
#ifdef MADV_POPULATE_WRITE
    size_t page = 4096, pbytes = n * sz;
    if (p && pbytes >= 16 * page) {
        uintptr_t a = ((uintptr_t)p + page - 1) & ~(uintptr_t)(page - 1);
        uintptr_t b = ((uintptr_t)p + pbytes) & ~(uintptr_t)(page - 1);
        if (b > a)
            (void)madvise((void *)a, (size_t)(b - a), MADV_POPULATE_WRITE);
    }
#endif
    return p;
}

/* Reads a side table of big amounts (at d: count, rows, values) for the
 * amount column col of n rows into *t. The rules: rows strictly ascending,
 * below n, each marking its row's escape; values from the escape to the
 * maximum; as many entries as escapes in the column. Returns DJ_OK, a
 * "damaged (<name>[e].row|value|.count)" or DJ_E_NOMEM. */
static dj_status read_big(const unsigned char *d, const uint32_t *col, size_t n, dj_bigtab *t,
                          const char *name, const char *label, dj_error *err)
{
    size_t c = get_u32(d);
    const unsigned char *rows = d + 4, *vals = rows + 4 * c;
    size_t esc = 0;
    for (size_t i = 0; i < n; i++)
        esc += col[i] == DJ_AMOUNT_ESC;
    t->v = snap_block(c, sizeof *t->v);
    if (!t->v)
        return snap_nomem(err);
    t->cap = c;
    t->n = 0;
    for (size_t e = 0; e < c; e++) {
        uint32_t row = get_u32(rows + 4 * e);
        int64_t v = get_i64(vals + 8 * e);
        const char *bad = NULL;
        if (row >= n || (e && row <= t->v[e - 1].row) || col[row] != DJ_AMOUNT_ESC)
            bad = "row";
        else if (v < (int64_t)DJ_AMOUNT_ESC || v > SNAP_MAX_AMOUNT)
            bad = "value";
        if (bad) {
            char what[96];
            snprintf(what, sizeof what, "%s[%zu].%s", name, e, bad);
            return dj_error_set(err, DJ_E_SNAPSHOT, "snapshot %s: damaged (%s)", label, what);
        }
        t->v[e].row = row;
        t->v[e].value = v;
        t->n = e + 1;
    }
    if (esc != c) {
        char what[64];
        snprintf(what, sizeof what, "damaged (%s.count)", name);
        return snap_corrupt(err, label, what);
    }
    return DJ_OK;
}

/* The first activity whose participations end after participation j. */
static size_t activity_of(const uint32_t *start, size_t na, size_t j)
{
    size_t lo = 0, hi = na;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (start[mid + 1] <= j)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

/* The column blocks of every section after the strings, sized by cnt, into
 * a new dataset (caps set; nothing filled). Returns 0 when out of memory (the
 * blocks allocated so far stay in ds, for dj_dataset_release). */
static int snap_alloc(dj_dataset *ds, const uint32_t cnt[S_N])
{
    size_t n = cnt[S_PEOPLE];
    ds->p_id = snap_block(n, 4);
    ds->p_staff = snap_block(n, 1);
    ds->p_reason = snap_block(n, 1);
    int ok = ds->p_id && ds->p_staff && ds->p_reason;
    for (int k = 0; k < DJ_PERSON_DATES; k++)
        ok &= (ds->p_date[k] = snap_block(n, 4)) != NULL;
    ds->np_cap = n ? n : 1;
    n = cnt[S_HEADCOUNT];
    ds->h_date = snap_block(n, 4);
    ds->h_count = snap_block(n, 4);
    ok &= ds->h_date && ds->h_count;
    dj_pairtab *t = &ds->kinds;
    n = cnt[S_KINDS];
    t->a = snap_block(n, 4);
    t->b = snap_block(n, 4);
    ok &= t->a && t->b;
    t->cap = (uint32_t)(n ? n : 1);
    t = &ds->places;
    n = cnt[S_PLACES];
    t->a = snap_block(n, 4);
    t->b = snap_block(n, 4);
    ok &= t->a && t->b;
    t->cap = (uint32_t)(n ? n : 1);
    n = cnt[S_ACTS];
    ds->a_id = snap_block(n, 4);
    ds->a_date = snap_block(n, 4);
    ds->a_kind = snap_block(n, 4);
    ds->a_place = snap_block(n, 4);
    ds->a_proj = snap_block(n, 4);
    ds->a_hours = snap_block(n, 4);
    ds->a_fee = snap_block(n, 4);
    ds->a_don = snap_block(n, 4);
    ds->a_benef = snap_block(n, 4);
    dj_free(ds->a_start);
    /* na_cap is at least 1 and a_start always holds na_cap + 1 entries. */
    ds->a_start = snap_block(n ? (size_t)n + 1 : 2, 4);
    ok &= ds->a_id && ds->a_date && ds->a_kind && ds->a_place && ds->a_proj && ds->a_hours && ds->a_fee &&
          ds->a_don && ds->a_benef && ds->a_start;
    if (ds->a_start)
        ds->a_start[0] = 0;
    ds->na_cap = n ? n : 1;
    n = cnt[S_PARTS];
    ds->m_person = snap_block(n, 4);
    ds->m_hours = snap_block(n, 4);
    ok &= ds->m_person && ds->m_hours;
    ds->nm_cap = n ? n : 1;
    return ok;
}

/* Copies the columns of the sections after the strings (each at d + sec[s],
 * cnt[s] rows) into the blocks of snap_alloc. */
static void snap_fill_mem(dj_dataset *ds, const unsigned char *d, const size_t sec[S_N],
                          const uint32_t cnt[S_N])
{
    size_t n = cnt[S_PEOPLE];
    const unsigned char *c = d + sec[S_PEOPLE];
    get_col32(ds->p_id, c, n);
    if (n) {
        memcpy(ds->p_staff, c + 4 * n, n);
        memcpy(ds->p_reason, c + 5 * n, n);
    }
    for (int k = 0; k < DJ_PERSON_DATES; k++)
        get_col32(ds->p_date[k], c + 6 * n + 4 * n * (size_t)k, n);
    n = cnt[S_HEADCOUNT];
    c = d + sec[S_HEADCOUNT];
    get_col32(ds->h_date, c, n);
    get_col32(ds->h_count, c + 4 * n, n);
    n = cnt[S_KINDS];
    c = d + sec[S_KINDS];
    for (size_t k = 0; k < n; k++) {
        ds->kinds.a[k] = c[k];
        ds->kinds.b[k] = get_u32(c + n + 4 * k);
    }
    n = cnt[S_PLACES];
    c = d + sec[S_PLACES];
    get_col32(ds->places.a, c, n);
    get_col32(ds->places.b, c + 4 * n, n);
    n = cnt[S_ACTS];
    c = d + sec[S_ACTS];
    get_col32(ds->a_id, c, n);
    get_col32(ds->a_date, c + 4 * n, n);
    get_col32(ds->a_kind, c + 8 * n, n);
    get_col32(ds->a_place, c + 12 * n, n);
    get_col32(ds->a_proj, c + 16 * n, n);
    get_col32(ds->a_hours, c + 20 * n, n);
    get_col32(ds->a_fee, c + 24 * n, n);
    get_col32(ds->a_don, c + 28 * n, n);
    get_col32(ds->a_benef, c + 32 * n, n);
    get_col32(ds->a_start + 1, c + 36 * n, n);
    n = cnt[S_PARTS];
    c = d + sec[S_PARTS];
    get_col32(ds->m_person, c, n);
    get_col32(ds->m_hours, c + 4 * n, n);
}

dj_status snap_parse(const unsigned char *d, size_t len, const char *label, dj_dataset **out, dj_error *err)
{
    *out = NULL;
    if (len < SNAP_HEADER)
        return snap_corrupt(err, label, "truncated");
    if (memcmp(d, snap_magic, 8) != 0)
        return snap_corrupt(err, label, "not a dangjian snapshot");
    uint32_t version = get_u32(d + 8);
    if (version != SNAP_VERSION) {
        char what[64];
        snprintf(what, sizeof what, "version %u is not supported", (unsigned)version);
        return snap_corrupt(err, label, what);
    }
    uint64_t payload = get_u64(d + 16);
    if (payload > len - SNAP_HEADER)
        return snap_corrupt(err, label, "truncated");
    if (payload < len - SNAP_HEADER)
        return snap_corrupt(err, label, "damaged (trailing bytes)");
    if (snap_crc32(d + SNAP_HEADER, len - SNAP_HEADER) != get_u32(d + 12))
        return snap_corrupt(err, label, "checksum mismatch");
    if (get_u64(d + 24) != 0)
        return snap_corrupt(err, label, "damaged (reserved)");

    /* Bounds of every section. */
    size_t pos = SNAP_HEADER, sec[S_N];
    uint32_t cnt[S_N], ns;
    if (len - pos < 4)
        return snap_corrupt(err, label, "truncated");
    ns = get_u32(d + pos);
    pos += 4;
    size_t strings = pos, sbytes = 0;
    for (uint32_t i = 0; i < ns; i++) {
        if (len - pos < 4)
            return snap_corrupt(err, label, "truncated");
        uint32_t sl = get_u32(d + pos);
        pos += 4;
        if (sl > len - pos)
            return snap_corrupt(err, label, "truncated");
        pos += sl;
        sbytes += sl;
    }
    for (int s = 0; s < S_N; s++) {
        sec[s] = pos + 4;
        if (!take_section(d, len, &pos, section_unit[s], &cnt[s]))
            return snap_corrupt(err, label, "truncated");
    }
    if (pos != len)
        return snap_corrupt(err, label, "damaged (trailing bytes)");
    if (ns == 0)
        return snap_corrupt(err, label, "damaged (no strings)");
    if (sbytes > UINT32_MAX) /* the string table's offsets are 32-bit, as when adding */
        return snap_corrupt(err, label, "damaged (strings over 4 GiB)");

    /* Every allocation below is at most a small multiple of its section's
     * bytes: ns <= len / 4, and each count fitted its section. */
    dj_dataset *ds = dj_dataset_new();
    if (!ds || !snap_alloc(ds, cnt)) {
        dj_dataset_release(ds);
        return snap_nomem(err);
    }
    snap_fill_mem(ds, d, sec, cnt);
    const unsigned char *big[4] = {d + sec[S_BIG_HOURS] - 4, d + sec[S_BIG_FEE] - 4, d + sec[S_BIG_DON] - 4,
                                   d + sec[S_BIG_PART] - 4};
    return snap_values(ds, d + strings, ns, sbytes, cnt, big, label, out, err);
}

/* The value stage's shared state: each stage checks its columns, in the
 * order of docs/snapshot.md, and names the first bad row. */
typedef struct {
    dj_dataset *ds;
    dj_error *err;
    const char *label;
    const uint32_t *cnt;
    uint8_t *sflag; /* per string: SF_SLUG, SF_TRIMMED */
    uint32_t ns;
    int32_t max_date;
    const unsigned char *strings;
    size_t sbytes;
    const unsigned char *const *big;
} snap_ctx;

/* Strings: checked, then copied into the string table. */
static dj_status snap_v_strings(snap_ctx *c)
{
    dj_dataset *ds = c->ds;
    dj_error *err = c->err;
    const char *label = c->label;
    const uint32_t *cnt = c->cnt;
    const uint8_t *sflag = c->sflag;
    const uint32_t ns = c->ns;
    dj_status st = DJ_OK;
    const unsigned char *strings = c->strings;
    size_t sbytes = c->sbytes, pos;
    uint8_t *flags = c->sflag;
    (void)cnt, (void)sflag, (void)ns, (void)label;
    /* Strings: checked, then copied into the string table. */
    {
        dj_strtab *t = &ds->str;
        dj_free(t->bytes);
        dj_free(t->off);
        t->bytes = snap_block(sbytes < 64 ? 64 : sbytes, 1);
        t->off = snap_block((size_t)ns + 1, sizeof *t->off);
        t->n = 0;
        t->bcap = sbytes < 64 ? 64 : sbytes;
        t->ncap = ns;
        t->blen = 0;
        if (!t->bytes || !t->off)
            goto oom;
        t->off[0] = 0;
        pos = 0;
        for (uint32_t i = 0; i < ns; i++) {
            uint32_t sl = get_u32(strings + pos);
            const unsigned char *sp = strings + pos + 4;
            if (i == 0 && sl != 0) {
                st = snap_corrupt(err, label, "damaged (string 0 is not empty)");
                goto fail;
            }
            if (sl > SNAP_MAX_STRING) {
                st = damaged(err, label, "string %zu is too long%s", i, "");
                goto fail;
            }
            if (!dj_utf8_valid((const char *)sp, sl)) {
                st = damaged(err, label, "string %zu is not UTF-8%s", i, "");
                goto fail;
            }
            const char *cs = (const char *)sp;
            flags[i] = (uint8_t)((dj_slug_ok(cs, sl) ? SF_SLUG : 0) |
                                 (dj_trim_at_start(cs, sl) || dj_trim_at_end(cs, sl) ? 0 : SF_TRIMMED));
            if (sl)
                memcpy(t->bytes + t->blen, sp, sl);
            t->blen += sl;
            t->off[i + 1] = (uint32_t)t->blen;
            pos += 4 + (size_t)sl;
        }
        t->n = ns;
        long dup = dj_dataset_index_strings(ds);
        if (dup == -2)
            goto oom;
        if (dup >= 0) {
            st = damaged(err, label, "string %zu is a duplicate%s", (size_t)dup, "");
            goto fail;
        }
    }
    return DJ_OK;
oom:
    st = snap_nomem(err);
fail:
    return st;
}

/* People: ids, flags, dates in range and order, left_on against the start; then unique ids. */
static dj_status snap_v_people(snap_ctx *c)
{
    dj_dataset *ds = c->ds;
    dj_error *err = c->err;
    const char *label = c->label;
    const uint32_t *cnt = c->cnt;
    const uint8_t *sflag = c->sflag;
    const uint32_t ns = c->ns;
    dj_status st = DJ_OK;
    int32_t max_date = c->max_date;
    (void)cnt, (void)sflag, (void)ns, (void)label;
    /* People. */
    {
        size_t n = cnt[S_PEOPLE];
        for (size_t i = 0; i < n; i++) {
            const char *bad = NULL;
            if (ds->p_id[i] < 1)
                bad = "id";
            else if (ds->p_staff[i] > 1)
                bad = "is_staff";
            else if (ds->p_reason[i] > DJ_LEFT_OTHER)
                bad = "left_reason";
            int32_t prev = DJ_NO_DATE, start = DJ_NO_DATE;
            for (int k = 0; k < DJ_PERSON_DATES && !bad; k++) {
                int32_t v = ds->p_date[k][i];
                if (v == DJ_NO_DATE)
                    continue;
                if (!date_ok(v))
                    bad = dj_person_date_name(k);
                else if (k <= DJ_STAGE_FULL) {
                    if (prev != DJ_NO_DATE && v < prev)
                        bad = dj_person_date_name(k);
                    prev = v;
                    if (start == DJ_NO_DATE)
                        start = v; /* the earliest stage date (they are in order) */
                }
                if (v > max_date && k < DJ_ROSTER_DATES) /* hired_on is not a roster date */
                    max_date = v;
            }
            if (!bad) {
                int32_t joined = ds->p_date[DJ_JOINED][i], left = ds->p_date[DJ_LEFT][i];
                if (joined != DJ_NO_DATE)
                    start = joined;
                if (left != DJ_NO_DATE && start != DJ_NO_DATE && left < start)
                    bad = "left_on";
            }
            if (bad) {
                st = damaged(err, label, "people[%zu].%s", i, bad);
                goto fail;
            }
        }
        ds->np = ds->np_all = n;
        long dup = dj_dataset_index_people(ds);
        if (dup == -2)
            goto oom;
        if (dup >= 0) {
            char what[96];
            snprintf(what, sizeof what, "people[%ld].id: duplicate id %ld", dup, (long)ds->p_id[dup]);
            st = dj_error_set(err, DJ_E_SNAPSHOT, "snapshot %s: damaged (%s)", label, what);
            goto fail;
        }
    }
    c->max_date = max_date;
    return DJ_OK;
oom:
    st = snap_nomem(err);
fail:
    return st;
}

/* Headcount: strictly increasing dates, so sorted and unique. */
static dj_status snap_v_headcount(snap_ctx *c)
{
    dj_dataset *ds = c->ds;
    dj_error *err = c->err;
    const char *label = c->label;
    const uint32_t *cnt = c->cnt;
    const uint8_t *sflag = c->sflag;
    const uint32_t ns = c->ns;
    dj_status st = DJ_OK;
    (void)cnt, (void)sflag, (void)ns, (void)label;
    /* Headcount: strictly increasing dates, so sorted and unique. */
    {
        size_t n = cnt[S_HEADCOUNT];
        for (size_t i = 0; i < n; i++) {
            if (!date_ok(ds->h_date[i]) || (i && ds->h_date[i] <= ds->h_date[i - 1])) {
                st = damaged(err, label, "headcount[%zu].%s", i, "date");
                goto fail;
            }
            if (ds->h_count[i] < 0) {
                st = damaged(err, label, "headcount[%zu].%s", i, "count");
                goto fail;
            }
        }
        ds->nh = n;
    }
    return DJ_OK;
fail:
    return st;
}

/* Kinds and places: in range, slugs and trimmed names; each pair once. */
static dj_status snap_v_pairs(snap_ctx *c)
{
    dj_dataset *ds = c->ds;
    dj_error *err = c->err;
    const char *label = c->label;
    const uint32_t *cnt = c->cnt;
    const uint8_t *sflag = c->sflag;
    const uint32_t ns = c->ns;
    dj_status st = DJ_OK;
    (void)cnt, (void)sflag, (void)ns, (void)label;
    /* Kinds: (category, kind slug); places: (venue kind slug or "",
     * trimmed venue). Each pair once. */
    {
        size_t n = cnt[S_KINDS];
        dj_pairtab *t = &ds->kinds;
        for (size_t k = 0; k < n; k++) {
            uint32_t s = t->b[k];
            if (t->a[k] != DJ_CAT_SERVICE && t->a[k] != DJ_CAT_MEETING) {
                st = damaged(err, label, "kinds[%zu].%s", k, "category");
                goto fail;
            }
            if (s >= ns || !(sflag[s] & SF_SLUG)) {
                st = damaged(err, label, "kinds[%zu].%s", k, "kind");
                goto fail;
            }
        }
        t->n = (uint32_t)n;
        long dup = dj_dataset_index_pairs(t);
        if (dup == -2)
            goto oom;
        if (dup >= 0) {
            st = damaged(err, label, "kinds[%zu] is a duplicate%s", (size_t)dup, "");
            goto fail;
        }
    }
    {
        size_t n = cnt[S_PLACES];
        dj_pairtab *t = &ds->places;
        for (size_t k = 0; k < n; k++) {
            uint32_t vk = t->a[k], v = t->b[k];
            if (vk >= ns || !(vk == 0 || (sflag[vk] & SF_SLUG))) {
                st = damaged(err, label, "places[%zu].%s", k, "venue_kind");
                goto fail;
            }
            if (v >= ns || !(sflag[v] & SF_TRIMMED)) {
                st = damaged(err, label, "places[%zu].%s", k, "venue");
                goto fail;
            }
        }
        t->n = (uint32_t)n;
        long dup = dj_dataset_index_pairs(t);
        if (dup == -2)
            goto oom;
        if (dup >= 0) {
            st = damaged(err, label, "places[%zu] is a duplicate%s", (size_t)dup, "");
            goto fail;
        }
    }
    return DJ_OK;
oom:
    st = snap_nomem(err);
fail:
    return st;
}

/* Activities: the columns checked in bulk, walked row by row only for the first bad value; the big amounts.
 */
static dj_status snap_v_activities(snap_ctx *c)
{
    dj_dataset *ds = c->ds;
    dj_error *err = c->err;
    const char *label = c->label;
    const uint32_t *cnt = c->cnt;
    const uint8_t *sflag = c->sflag;
    const uint32_t ns = c->ns;
    dj_status st = DJ_OK;
    const unsigned char *const *big = c->big;
    size_t na = cnt[S_ACTS], m = cnt[S_PARTS];
    int32_t max_date = c->max_date;
    (void)na;
    (void)cnt, (void)sflag, (void)ns, (void)label;
    /* Activities: the columns copied, checked in bulk, and only when
     * something is wrong walked row by row for the first bad value. */
    {
        size_t n = na;

        const int32_t *id = ds->a_id, *date = ds->a_date, *ben = ds->a_benef;
        const uint32_t *kind = ds->a_kind, *place = ds->a_place, *proj = ds->a_proj, *start = ds->a_start;
        const uint32_t nk = ds->kinds.n, npl = ds->places.n, mm = (uint32_t)m;
        unsigned bad = 0;
        int32_t dmax = DJ_NO_DATE;
        for (size_t i = 0; i < n; i++) {
            /* (unsigned)(v - MIN) > MAX - MIN: one compare for the range */
            bad |= (unsigned)(id[i] < 1) |
                   (unsigned)((uint32_t)date[i] - (uint32_t)DJ_DATE_MIN >
                              (uint32_t)(DJ_DATE_MAX - DJ_DATE_MIN)) |
                   (unsigned)(kind[i] >= nk) | (unsigned)(place[i] >= npl) |
                   (unsigned)(proj[i] >= ns ? 1 : !(sflag[proj[i]] & SF_TRIMMED)) | (unsigned)(ben[i] < 0) |
                   (unsigned)(start[i + 1] < start[i]) | (unsigned)(start[i + 1] > mm);
            dmax = date[i] > dmax ? date[i] : dmax;
        }
        if (bad) {
            for (size_t i = 0; i < n; i++) {
                const char *what = NULL;
                if (id[i] < 1)
                    what = "id";
                else if (!date_ok(date[i]))
                    what = "date";
                else if (kind[i] >= nk)
                    what = "kind";
                else if (place[i] >= npl)
                    what = "place";
                else if (proj[i] >= ns || !(sflag[proj[i]] & SF_TRIMMED))
                    what = "project";
                else if (ben[i] < 0)
                    what = "beneficiaries";
                else if (start[i + 1] < start[i] || start[i + 1] > mm)
                    what = "end";
                if (what) {
                    st = damaged(err, label, "activities[%zu].%s", i, what);
                    goto fail;
                }
            }
        }
        if (start[n] != mm) {
            st = snap_corrupt(err, label, "damaged (participations)");
            goto fail;
        }
        if (dmax > max_date)
            max_date = dmax;
        ds->na = ds->na_all = n;
        long dup = dj_dataset_index_activities(ds);
        if (dup == -2)
            goto oom;
        if (dup >= 0) {
            char what[96];
            snprintf(what, sizeof what, "activities[%ld].id: duplicate id %ld", dup, (long)id[dup]);
            st = dj_error_set(err, DJ_E_SNAPSHOT, "snapshot %s: damaged (%s)", label, what);
            goto fail;
        }
        if ((st = read_big(big[0], ds->a_hours, n, &ds->big_hours, "big_hours", label, err)) != DJ_OK ||
            (st = read_big(big[1], ds->a_fee, n, &ds->big_fee, "big_fee_waived", label, err)) != DJ_OK ||
            (st = read_big(big[2], ds->a_don, n, &ds->big_don, "big_donation", label, err)) != DJ_OK)
            goto fail;
    }
    c->max_date = max_date;
    return DJ_OK;
oom:
    st = snap_nomem(err);
fail:
    return st;
}

/* Participations: person rows in range, then unique within each activity; the big participant hours. */
static dj_status snap_v_parts(snap_ctx *c)
{
    dj_dataset *ds = c->ds;
    dj_error *err = c->err;
    const char *label = c->label;
    const uint32_t *cnt = c->cnt;
    const uint8_t *sflag = c->sflag;
    const uint32_t ns = c->ns;
    dj_status st = DJ_OK;
    const unsigned char *const *big = c->big;
    size_t na = cnt[S_ACTS], m = cnt[S_PARTS];
    uint32_t *stamp = NULL;
    (void)cnt, (void)sflag, (void)ns, (void)label;
    /* Participations: person rows in range, then unique within each
     * activity (a stamp per person: the activity's number + 1). */
    {
        size_t np = ds->np;
        const uint32_t *person = ds->m_person, *start = ds->a_start;
        unsigned bad = 0;
        const uint32_t np32 = (uint32_t)np;
        for (size_t j = 0; j < m; j++)
            bad |= (unsigned)(person[j] >= np32);
        if (bad) {
            for (size_t j = 0; j < m; j++)
                if (person[j] >= np) {
                    size_t i = activity_of(start, na, j);
                    char what[128];
                    snprintf(what, sizeof what, "damaged (activities[%zu].participants[%zu].person)", i,
                             j - start[i]);
                    st = snap_corrupt(err, label, what);
                    goto fail;
                }
        }
        /* One flat pass, no branch per activity: first[] marks each
         * participation that starts an activity; cur is the start of the
         * current one; stamp[p] is the last participation of p, + 1. A
         * repeat inside one activity is seen as stamp[p] > cur. */
        uint64_t *first = dj_calloc(m / 64 + 2, sizeof *first);
        stamp = dj_calloc(np ? np : 1, sizeof *stamp);
        if (!first || !stamp) {
            dj_free(first);
            goto oom;
        }
        for (size_t i = 0; i < na; i++)
            first[start[i] >> 6] |= (uint64_t)1 << (start[i] & 63); /* start[i] <= m: the spare word */
        unsigned dup = 0;
        uint32_t cur = 0;
        for (uint32_t j = 0; j < (uint32_t)m; j++) {
            cur = (first[j >> 6] >> (j & 63)) & 1 ? j : cur;
            uint32_t p = person[j];
            dup |= stamp[p] > cur;
            stamp[p] = j + 1;
        }
        dj_free(first);
        if (dup) { /* the first activity with a repeat, for the message */
            memset(stamp, 0, (np ? np : 1) * sizeof *stamp);
            for (size_t i = 0; i < na; i++) {
                uint32_t s0 = start[i], s1 = start[i + 1], mark = (uint32_t)i + 1;
                for (uint32_t j = s0; j < s1; j++) {
                    uint32_t p = person[j];
                    if (stamp[p] == mark) {
                        char what[160];
                        snprintf(what, sizeof what,
                                 "damaged (activities[%zu].participants[%zu].id: duplicate participant %ld)",
                                 i, (size_t)(j - s0), (long)ds->p_id[p]);
                        st = snap_corrupt(err, label, what);
                        goto fail;
                    }
                    stamp[p] = mark;
                }
            }
        }
        if ((st = read_big(big[3], ds->m_hours, m, &ds->big_mhours, "big_participant_hours", label, err)) !=
            DJ_OK)
            goto fail;
        ds->nm = ds->nm_all = m;
    }
    dj_free(stamp);
    return DJ_OK;
oom:
    st = snap_nomem(err);
fail:
    dj_free(stamp);
    return st;
}

/* The value stage (docs/snapshot.md "Loading", after the bounds): ds holds
 * every column of the sections after the strings, filled from the file
 * (snap_alloc, then snap_fill_mem or the file reader); strings are the ns
 * strings' bytes (u32 length, bytes each; sbytes in all), big the four side
 * tables (count, rows, values). Checks every value in the documented order
 * and builds the hashes. On success *out = ds; on failure ds is released. */
dj_status snap_values(dj_dataset *ds, const unsigned char *strings, uint32_t ns, size_t sbytes,
                      const uint32_t cnt[S_N], const unsigned char *const big[4], const char *label,
                      dj_dataset **out, dj_error *err)
{
    snap_ctx c = {ds, err, label, cnt, dj_malloc(ns), ns, DJ_NO_DATE, strings, sbytes, big};
    dj_status st = c.sflag ? DJ_OK : snap_nomem(err);
    if (st == DJ_OK)
        st = snap_v_strings(&c);
    if (st == DJ_OK)
        st = snap_v_people(&c);
    if (st == DJ_OK)
        st = snap_v_headcount(&c);
    if (st == DJ_OK)
        st = snap_v_pairs(&c);
    if (st == DJ_OK)
        st = snap_v_activities(&c);
    if (st == DJ_OK)
        st = snap_v_parts(&c);
    dj_free(c.sflag);
    if (st != DJ_OK) {
        dj_dataset_release(ds);
        return st;
    }
    ds->max_date = ds->max_date_all = c.max_date;
    *out = ds;
    return DJ_OK;
}

/* The same on bytes in memory: see dj.h. Messages name the path
 * "(memory)". *out is a new dataset (the caller's) on success, else NULL. */
dj_status dj_snapshot_load_mem(const unsigned char *data, size_t len, dj_dataset **out, dj_error *err)
{
    return snap_parse(data, len, "(memory)", out, err);
}
