/*
 * snapshot.c - the binary snapshot file (docs/snapshot.md, format version 1):
 * dj_snapshot_dump/save write it, dj_snapshot_load/load_mem read it back.
 *
 * The loader trusts nothing: every count is checked against the bytes that
 * remain before anything is read or allocated (so no allocation exceeds a small
 * multiple of the input's size), every value is range-checked here, and the
 * dataset is rebuilt through the typed record API (dj_dataset_person_add &
 * co.), which re-checks the relational rules. No allocation per row.
 *
 * Messages (docs/ENGINE.md §5): "snapshot <path>: truncated" | "not a dangjian
 * snapshot" | "version N is not supported" | "checksum mismatch" |
 * "damaged (<detail>)"; load_mem names the path "(memory)". The details, in the
 * order they are checked after the CRC:
 *   reserved                 the header's reserved u64 is not 0
 *   trailing bytes           bytes after the last section (or beyond the
 *                            header's payload length)
 *   no strings | string 0 is not empty | string N is too long | string N is
 *   not UTF-8
 *   people[i].<field>        id, is_staff, left_reason, a date out of range, a
 *                            stage date before the previous one, left_on
 *                            before the start
 *   headcount[i].<field>     date (out of range, or not after the previous
 *                            point), count
 *   activities[i].<field>    id, date, category, kind, venue_kind, venue,
 *                            hours, fee_waived, donation, beneficiaries,
 *                            n_participants (more than the participations
 *                            left), participants[j].id, participants[j].hours
 *   participations           the n_participants do not add up to m
 *   <the InvalidRecord message>  a relational rule (duplicate id, unknown or
 *                            duplicate participant), from the dataset
 */
#define _POSIX_C_SOURCE 200809L /* fsync, O_CLOEXEC */

#include "dj.h"
#include "dj_alloc.h"
#include "dj_utf8.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <unistd.h>

#define SNAP_HEADER 32
#define SNAP_VERSION 1
#define SNAP_MAX_AMOUNT INT64_C(100000000000) /* 1e9 in hundredths */
#define SNAP_MAX_STRING 200

static const unsigned char snap_magic[8] = {0x44, 0x4A, 0x53, 0x4E, 0x41, 0x50, 0x0D, 0x0A};

/* Bytes per row of each section's columns. */
#define PERSON_BYTES (4 + 1 + 1 + 4 * DJ_PERSON_DATES)
#define HEADCOUNT_BYTES (4 + 4)
#define ACTIVITY_BYTES (4 + 4 + 1 + 4 * 3 + 8 * 3 + 4 + 4)
#define PART_BYTES (4 + 8)

/* ------------------------------------------------------------------ CRC-32 */
/* The zlib / PHP crc32() CRC: reflected polynomial 0xEDB88320, initial value
 * and final xor 0xFFFFFFFF. Slicing by 8 (eight 256-entry tables, built on
 * the caller's stack for each run: 2048 entries, a few microseconds). */

typedef struct {
    uint32_t t[8][256];
} crc_tables;

static void crc_init(crc_tables *c)
{
    for (uint32_t n = 0; n < 256; n++) {
        uint32_t v = n;
        for (int k = 0; k < 8; k++)
            v = (v & 1) ? (v >> 1) ^ 0xEDB88320u : v >> 1;
        c->t[0][n] = v;
    }
    for (uint32_t n = 0; n < 256; n++)
        for (int s = 1; s < 8; s++)
            c->t[s][n] = (c->t[s - 1][n] >> 8) ^ c->t[0][c->t[s - 1][n] & 0xFF];
}

static uint32_t crc32_of(const unsigned char *p, size_t n)
{
    crc_tables c;
    crc_init(&c);
    uint32_t crc = 0xFFFFFFFFu;
    while (n >= 8) {
        uint32_t lo =
            crc ^ ((uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24);
        crc = c.t[7][lo & 0xFF] ^ c.t[6][(lo >> 8) & 0xFF] ^ c.t[5][(lo >> 16) & 0xFF] ^ c.t[4][lo >> 24] ^
              c.t[3][p[4]] ^ c.t[2][p[5]] ^ c.t[1][p[6]] ^ c.t[0][p[7]];
        p += 8;
        n -= 8;
    }
    while (n--)
        crc = (crc >> 8) ^ c.t[0][(crc ^ *p++) & 0xFF];
    return crc ^ 0xFFFFFFFFu;
}

/* ------------------------------------------------------ little-endian I/O */

static void put_u8(unsigned char *p, uint8_t v)
{
    p[0] = v;
}

static void put_u32(unsigned char *p, uint32_t v)
{
    p[0] = (unsigned char)v;
    p[1] = (unsigned char)(v >> 8);
    p[2] = (unsigned char)(v >> 16);
    p[3] = (unsigned char)(v >> 24);
}

static void put_u64(unsigned char *p, uint64_t v)
{
    put_u32(p, (uint32_t)v);
    put_u32(p + 4, (uint32_t)(v >> 32));
}

static uint32_t get_u32(const unsigned char *p)
{
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
    uint32_t v;
    memcpy(&v, p, 4); /* one load */
    return v;
#else
    return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
#endif
}

static int32_t get_i32(const unsigned char *p)
{
    uint32_t u = get_u32(p);
    int32_t v;
    memcpy(&v, &u, 4); /* two's complement, without an implementation-defined cast */
    return v;
}

static uint64_t get_u64(const unsigned char *p)
{
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
    uint64_t v;
    memcpy(&v, p, 8);
    return v;
#else
    return (uint64_t)get_u32(p) | (uint64_t)get_u32(p + 4) << 32;
#endif
}

static int64_t get_i64(const unsigned char *p)
{
    uint64_t u = get_u64(p);
    int64_t v;
    memcpy(&v, &u, 8);
    return v;
}

/* ------------------------------------------------------ the string table */

typedef struct {
    const char *p;
    uint32_t len;
} snap_str;

typedef struct {
    snap_str *strs; /* by index; 0 is "" */
    size_t n, cap;
    uint32_t *slots; /* open addressing: index + 1, 0 = empty */
    size_t nslots;   /* a power of two */
    size_t bytes;    /* sum of the lengths */
} snap_intern;

static uint32_t str_hash(const char *p, size_t n)
{
    uint32_t h = 2166136261u;
    for (size_t i = 0; i < n; i++)
        h = (h ^ (unsigned char)p[i]) * 16777619u;
    return h;
}

static int intern_grow_slots(snap_intern *t)
{
    size_t ns = t->nslots ? t->nslots * 2 : 1024;
    uint32_t *s = dj_calloc(ns, sizeof *s);
    if (!s)
        return 0;
    for (size_t i = 0; i < t->n; i++) {
        size_t h = str_hash(t->strs[i].p, t->strs[i].len) & (ns - 1);
        while (s[h])
            h = (h + 1) & (ns - 1);
        s[h] = (uint32_t)(i + 1);
    }
    dj_free(t->slots);
    t->slots = s;
    t->nslots = ns;
    return 1;
}

/* Index of the string (added when new), or -1 when out of memory. */
static int64_t intern(snap_intern *t, const char *p, size_t n)
{
    if (n == 0)
        return 0;
    if ((t->n + 1) * 2 > t->nslots && !intern_grow_slots(t))
        return -1;
    size_t h = str_hash(p, n) & (t->nslots - 1);
    while (t->slots[h]) {
        const snap_str *s = &t->strs[t->slots[h] - 1];
        if (s->len == n && memcmp(s->p, p, n) == 0)
            return t->slots[h] - 1;
        h = (h + 1) & (t->nslots - 1);
    }
    if (t->n == t->cap) {
        size_t cap = t->cap * 2;
        snap_str *ns = dj_realloc(t->strs, cap * sizeof *ns);
        if (!ns)
            return -1;
        t->strs = ns;
        t->cap = cap;
    }
    if (t->n >= UINT32_MAX)
        return -1;
    t->strs[t->n].p = p;
    t->strs[t->n].len = (uint32_t)n;
    t->slots[h] = (uint32_t)(t->n + 1);
    t->bytes += n;
    return (int64_t)t->n++;
}

/* ---------------------------------------------------------------- writing */

/* The snapshot bytes in memory: see dj.h. Returns a buffer owned by the
 * caller (dj_free) with its length in *len, or NULL when out of memory (or
 * when a count does not fit the format's u32). */
unsigned char *dj_snapshot_dump(const dj_dataset *ds, size_t *len)
{
    size_t np = dj_dataset_people_count(ds);
    size_t na = dj_dataset_activities_count(ds);
    size_t nh = dj_dataset_headcount_count(ds);
    size_t m = dj_dataset_participations_count(ds);
    if (np > UINT32_MAX || na > UINT32_MAX || nh > UINT32_MAX || m > UINT32_MAX || na > SIZE_MAX / 12)
        return NULL;

    unsigned char *out = NULL;
    uint32_t *sidx = NULL; /* kind, venue_kind, venue of each activity */
    dj_participant_rec *parts = NULL;
    size_t parts_cap = 0;
    snap_intern t = {NULL, 0, 16, NULL, 0, 0};
    t.strs = dj_malloc(t.cap * sizeof *t.strs);
    sidx = dj_malloc((na ? na : 1) * 3 * sizeof *sidx);
    if (!t.strs || !sidx)
        goto fail;
    t.strs[0].p = "";
    t.strs[0].len = 0;
    t.n = 1;

    /* Pass 1: the string table. */
    for (size_t i = 0; i < na; i++) {
        size_t k = dj_dataset_activity_parts(ds, i);
        if (k > parts_cap) {
            size_t cap = parts_cap ? parts_cap : 16;
            while (cap < k)
                cap *= 2;
            dj_participant_rec *q = dj_realloc(parts, cap * sizeof *q);
            if (!q)
                goto fail;
            parts = q;
            parts_cap = cap;
        }
        dj_activity_rec r;
        dj_dataset_activity_get(ds, i, &r, parts);
        int64_t a = intern(&t, r.kind, r.kind_len);
        int64_t b = intern(&t, r.venue_kind, r.venue_kind_len);
        int64_t c = intern(&t, r.venue, r.venue_len);
        if (a < 0 || b < 0 || c < 0)
            goto fail;
        sidx[3 * i] = (uint32_t)a;
        sidx[3 * i + 1] = (uint32_t)b;
        sidx[3 * i + 2] = (uint32_t)c;
    }

    size_t payload = 4 + 4 * t.n + t.bytes + 4 + np * PERSON_BYTES + 4 + nh * HEADCOUNT_BYTES + 4 +
                     na * ACTIVITY_BYTES + 4 + m * PART_BYTES;
    out = dj_malloc(SNAP_HEADER + payload);
    if (!out)
        goto fail;
    unsigned char *p = out + SNAP_HEADER;

    put_u32(p, (uint32_t)t.n);
    p += 4;
    for (size_t i = 0; i < t.n; i++) {
        put_u32(p, t.strs[i].len);
        if (t.strs[i].len)
            memcpy(p + 4, t.strs[i].p, t.strs[i].len);
        p += 4 + t.strs[i].len;
    }

    put_u32(p, (uint32_t)np);
    p += 4;
    {
        unsigned char *c_id = p, *c_staff = c_id + 4 * np, *c_left = c_staff + np, *c_dates = c_left + np;
        for (size_t i = 0; i < np; i++) {
            dj_person_rec r;
            dj_dataset_person_get(ds, i, &r);
            put_u32(c_id + 4 * i, (uint32_t)r.id);
            put_u8(c_staff + i, r.is_staff);
            put_u8(c_left + i, r.left_reason);
            for (int k = 0; k < DJ_PERSON_DATES; k++)
                put_u32(c_dates + 4 * (np * (size_t)k + i), (uint32_t)r.dates[k]);
        }
        p += np * PERSON_BYTES;
    }

    put_u32(p, (uint32_t)nh);
    p += 4;
    for (size_t i = 0; i < nh; i++) {
        dj_headcount_rec r;
        dj_dataset_headcount_get(ds, i, &r);
        put_u32(p + 4 * i, (uint32_t)r.date);
        put_u32(p + 4 * (nh + i), (uint32_t)r.count);
    }
    p += nh * HEADCOUNT_BYTES;

    put_u32(p, (uint32_t)na);
    p += 4;
    {
        unsigned char *c_id = p, *c_date = c_id + 4 * na, *c_cat = c_date + 4 * na, *c_kind = c_cat + na;
        unsigned char *c_vk = c_kind + 4 * na, *c_venue = c_vk + 4 * na, *c_hours = c_venue + 4 * na;
        unsigned char *c_fee = c_hours + 8 * na, *c_don = c_fee + 8 * na, *c_ben = c_don + 8 * na;
        unsigned char *c_np = c_ben + 4 * na;
        unsigned char *q = p + na * ACTIVITY_BYTES; /* the participations section */
        put_u32(q, (uint32_t)m);
        unsigned char *c_pid = q + 4, *c_phours = c_pid + 4 * m;
        size_t j = 0;
        for (size_t i = 0; i < na; i++) {
            dj_activity_rec r;
            dj_dataset_activity_get(ds, i, &r, parts);
            put_u32(c_id + 4 * i, (uint32_t)r.id);
            put_u32(c_date + 4 * i, (uint32_t)r.date);
            put_u8(c_cat + i, r.category);
            put_u32(c_kind + 4 * i, sidx[3 * i]);
            put_u32(c_vk + 4 * i, sidx[3 * i + 1]);
            put_u32(c_venue + 4 * i, sidx[3 * i + 2]);
            put_u64(c_hours + 8 * i, (uint64_t)r.hours);
            put_u64(c_fee + 8 * i, (uint64_t)r.fee_waived);
            put_u64(c_don + 8 * i, (uint64_t)r.donation);
            put_u32(c_ben + 4 * i, (uint32_t)r.beneficiaries);
            put_u32(c_np + 4 * i, (uint32_t)r.n_parts);
            for (size_t k = 0; k < r.n_parts && j < m; k++, j++) {
                put_u32(c_pid + 4 * j, (uint32_t)r.parts[k].person_id);
                put_u64(c_phours + 8 * j, (uint64_t)r.parts[k].hours);
            }
        }
        p = q + 4 + m * PART_BYTES;
    }

    memcpy(out, snap_magic, 8);
    put_u32(out + 8, SNAP_VERSION);
    put_u32(out + 12, crc32_of(out + SNAP_HEADER, payload));
    put_u64(out + 16, payload);
    put_u64(out + 24, 0);
    dj_free(t.strs);
    dj_free(t.slots);
    dj_free(sidx);
    dj_free(parts);
    if (len)
        *len = SNAP_HEADER + payload;
    return out;

fail:
    dj_free(out);
    dj_free(t.strs);
    dj_free(t.slots);
    dj_free(sidx);
    dj_free(parts);
    return NULL;
}

static dj_status io_error(dj_error *err, const char *verb, const char *path, int e)
{
    return dj_error_set(err, DJ_E_IO, "cannot %s %s: %s", verb, path, strerror(e));
}

static int write_all(int fd, const unsigned char *p, size_t n)
{
    while (n) {
        ssize_t w = write(fd, p, n > (1u << 30) ? (1u << 30) : n);
        if (w < 0) {
            if (errno == EINTR)
                continue;
            return 0;
        }
        p += w;
        n -= (size_t)w;
    }
    return 1;
}

/* Writes the snapshot atomically: see dj.h. The temporary file is
 * "<path>.tmp.<pid>.<n>" (created exclusively, mode 0666 less the umask);
 * it is written, fsynced, renamed over path, then the folder is fsynced. On
 * any failure the temporary file is removed and DJ_E_IO "cannot write <path>:
 * <strerror>" (or DJ_E_NOMEM) is returned; path is then untouched (unless
 * only the final folder fsync failed, after the rename). */
dj_status dj_snapshot_save(const dj_dataset *ds, const char *path, dj_error *err)
{
    static unsigned counter;
    size_t len = 0;
    unsigned char *bytes = dj_snapshot_dump(ds, &len);
    if (!bytes)
        return dj_error_set(err, DJ_E_NOMEM, "out of memory");
    size_t plen = strlen(path);
    char *tmp = dj_malloc(plen + 64);
    char *dir = dj_malloc(plen + 2);
    if (!tmp || !dir) {
        dj_free(bytes);
        dj_free(tmp);
        dj_free(dir);
        return dj_error_set(err, DJ_E_NOMEM, "out of memory");
    }

    int fd = -1, e = 0;
    for (int attempt = 0; attempt < 100; attempt++) {
        snprintf(tmp, plen + 64, "%s.tmp.%ld.%u", path, (long)getpid(), counter++);
        fd = open(tmp, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666);
        if (fd >= 0 || errno != EEXIST)
            break;
    }
    dj_status st = DJ_OK;
    if (fd < 0) {
        st = io_error(err, "write", path, errno);
        goto done;
    }
    if (!write_all(fd, bytes, len) || fsync(fd) != 0) {
        e = errno;
        close(fd);
        unlink(tmp);
        st = io_error(err, "write", path, e);
        goto done;
    }
    if (close(fd) != 0) {
        e = errno;
        unlink(tmp);
        st = io_error(err, "write", path, e);
        goto done;
    }
    if (rename(tmp, path) != 0) {
        e = errno;
        unlink(tmp);
        st = io_error(err, "write", path, e);
        goto done;
    }
    /* The folder: everything before the last '/', "/" for a file at the root,
     * "." for a bare name. */
    const char *slash = strrchr(path, '/');
    if (!slash) {
        strcpy(dir, ".");
    } else if (slash == path) {
        strcpy(dir, "/");
    } else {
        memcpy(dir, path, (size_t)(slash - path));
        dir[slash - path] = '\0';
    }
    int dfd = open(dir, O_RDONLY | O_CLOEXEC);
    if (dfd < 0) {
        st = io_error(err, "write", path, errno);
        goto done;
    }
    /* Some file systems cannot fsync a folder (EINVAL): the rename stands. */
    if (fsync(dfd) != 0 && errno != EINVAL && errno != ENOTSUP) {
        e = errno;
        close(dfd);
        st = io_error(err, "write", path, e);
        goto done;
    }
    close(dfd);
done:
    dj_free(bytes);
    dj_free(tmp);
    dj_free(dir);
    return st;
}

/* ---------------------------------------------------------------- reading */

static dj_status corrupt(dj_error *err, const char *label, const char *what)
{
    return dj_error_set(err, DJ_E_SNAPSHOT, "snapshot %s: %s", label, what);
}

static dj_status damaged(dj_error *err, const char *label, const char *fmt, size_t i, const char *field)
{
    char what[160];
    snprintf(what, sizeof what, fmt, i, field);
    return dj_error_set(err, DJ_E_SNAPSHOT, "snapshot %s: damaged (%s)", label, what);
}

static int date_ok(int32_t d)
{
    return d >= DJ_DATE_MIN && d <= DJ_DATE_MAX;
}

static int amount_ok(int64_t a)
{
    return a >= 0 && a <= SNAP_MAX_AMOUNT;
}

static int slug_ok(const char *p, size_t n)
{
    if (n < 1 || n > 32)
        return 0;
    for (size_t i = 0; i < n; i++) {
        char c = p[i];
        if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_'))
            return 0;
    }
    return 1;
}

static int trim_char_at_start(const unsigned char *p, size_t n)
{
    if (n == 0)
        return 0;
    if (p[0] == ' ' || (p[0] >= '\t' && p[0] <= '\r'))
        return 1;
    return n >= 3 && p[0] == 0xE3 && p[1] == 0x80 && p[2] == 0x80;
}

static int trim_char_at_end(const unsigned char *p, size_t n)
{
    if (n == 0)
        return 0;
    unsigned char c = p[n - 1];
    if (c == ' ' || (c >= '\t' && c <= '\r'))
        return 1;
    return n >= 3 && p[n - 3] == 0xE3 && p[n - 2] == 0x80 && p[n - 1] == 0x80;
}

/* What a string may be, worked out once per string. */
#define SF_SLUG 1    /* a slug: a kind or venue kind */
#define SF_TRIMMED 2 /* no trimmable character at either end: a venue */

/* Where each section starts, found by the bounds pass. */
typedef struct {
    size_t strings, people, headcount, activities, parts; /* offsets of the counts */
    uint32_t ns, np, nh, na, m;
} snap_layout;

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

static dj_status snap_parse(const unsigned char *d, size_t len, const char *label, dj_dataset **out,
                            dj_error *err)
{
    *out = NULL;
    if (len < SNAP_HEADER)
        return corrupt(err, label, "truncated");
    if (memcmp(d, snap_magic, 8) != 0)
        return corrupt(err, label, "not a dangjian snapshot");
    uint32_t version = get_u32(d + 8);
    if (version != SNAP_VERSION) {
        char what[64];
        snprintf(what, sizeof what, "version %u is not supported", (unsigned)version);
        return corrupt(err, label, what);
    }
    uint64_t payload = get_u64(d + 16);
    if (payload > len - SNAP_HEADER)
        return corrupt(err, label, "truncated");
    if (payload < len - SNAP_HEADER)
        return corrupt(err, label, "damaged (trailing bytes)");
    if (crc32_of(d + SNAP_HEADER, len - SNAP_HEADER) != get_u32(d + 12))
        return corrupt(err, label, "checksum mismatch");
    if (get_u64(d + 24) != 0)
        return corrupt(err, label, "damaged (reserved)");

    /* Bounds of every section. */
    snap_layout L;
    size_t pos = SNAP_HEADER;
    L.strings = pos;
    if (len - pos < 4)
        return corrupt(err, label, "truncated");
    L.ns = get_u32(d + pos);
    pos += 4;
    for (uint32_t i = 0; i < L.ns; i++) {
        if (len - pos < 4)
            return corrupt(err, label, "truncated");
        uint32_t sl = get_u32(d + pos);
        pos += 4;
        if (sl > len - pos)
            return corrupt(err, label, "truncated");
        pos += sl;
    }
    L.people = pos;
    if (!take_section(d, len, &pos, PERSON_BYTES, &L.np))
        return corrupt(err, label, "truncated");
    L.headcount = pos;
    if (!take_section(d, len, &pos, HEADCOUNT_BYTES, &L.nh))
        return corrupt(err, label, "truncated");
    L.activities = pos;
    if (!take_section(d, len, &pos, ACTIVITY_BYTES, &L.na))
        return corrupt(err, label, "truncated");
    L.parts = pos;
    if (!take_section(d, len, &pos, PART_BYTES, &L.m))
        return corrupt(err, label, "truncated");
    if (pos != len)
        return corrupt(err, label, "damaged (trailing bytes)");

    /* Strings: each length prefix was read above, so ns <= len / 4 and this
     * allocation is at most twice the input. */
    if (L.ns == 0)
        return corrupt(err, label, "damaged (no strings)");
    size_t *soff = dj_malloc((size_t)L.ns * sizeof *soff); /* offset of each string's bytes */
    uint8_t *sflag = dj_malloc(L.ns);                      /* SF_* of each string */
    dj_headcount_rec *pts = NULL;
    dj_participant_rec *parts = NULL;
    dj_dataset *ds = NULL;
    dj_status st = DJ_OK;
    if (!soff || !sflag) {
        st = dj_error_set(err, DJ_E_NOMEM, "out of memory");
        goto fail;
    }
    pos = L.strings + 4;
    for (uint32_t i = 0; i < L.ns; i++) {
        uint32_t sl = get_u32(d + pos);
        soff[i] = pos + 4;
        if (i == 0 && sl != 0) {
            st = corrupt(err, label, "damaged (string 0 is not empty)");
            goto fail;
        }
        if (sl > SNAP_MAX_STRING) {
            st = damaged(err, label, "string %zu is too long%s", i, "");
            goto fail;
        }
        if (!dj_utf8_valid((const char *)d + pos + 4, sl)) {
            st = damaged(err, label, "string %zu is not UTF-8%s", i, "");
            goto fail;
        }
        const unsigned char *sp = d + pos + 4;
        sflag[i] = (uint8_t)((slug_ok((const char *)sp, sl) ? SF_SLUG : 0) |
                             (trim_char_at_start(sp, sl) || trim_char_at_end(sp, sl) ? 0 : SF_TRIMMED));
        pos += 4 + (size_t)sl;
    }
#define SLEN(i) get_u32(d + soff[i] - 4)
#define SPTR(i) ((const char *)d + soff[i])

    ds = dj_dataset_new();
    if (!ds) {
        st = dj_error_set(err, DJ_E_NOMEM, "out of memory");
        goto fail;
    }

    /* People. */
    {
        static const char *const date_names[DJ_PERSON_DATES] = {
            "applied_on", "activist_on", "candidate_on", "admitted_on", "full_on", "joined_on", "left_on"};
        size_t n = L.np;
        const unsigned char *c_id = d + L.people + 4, *c_staff = c_id + 4 * n, *c_left = c_staff + n;
        const unsigned char *c_dates = c_left + n;
        st = dj_dataset_people_begin(ds, n, err);
        if (st != DJ_OK)
            goto fail;
        for (size_t i = 0; i < n; i++) {
            dj_person_rec r;
            r.id = get_i32(c_id + 4 * i);
            r.is_staff = c_staff[i];
            r.left_reason = c_left[i];
            if (r.id < 1) {
                st = damaged(err, label, "people[%zu].%s", i, "id");
                break;
            }
            if (r.is_staff > 1) {
                st = damaged(err, label, "people[%zu].%s", i, "is_staff");
                break;
            }
            if (r.left_reason > DJ_LEFT_OTHER) {
                st = damaged(err, label, "people[%zu].%s", i, "left_reason");
                break;
            }
            int bad = -1;
            int32_t prev = DJ_NO_DATE, start = DJ_NO_DATE;
            for (int k = 0; k < DJ_PERSON_DATES && bad < 0; k++) {
                int32_t v = get_i32(c_dates + 4 * (n * (size_t)k + i));
                r.dates[k] = v;
                if (v != DJ_NO_DATE && !date_ok(v))
                    bad = k;
                else if (k <= DJ_STAGE_FULL && v != DJ_NO_DATE) {
                    if (prev != DJ_NO_DATE && v < prev)
                        bad = k;
                    if (prev == DJ_NO_DATE || v > prev)
                        prev = v;
                    if (start == DJ_NO_DATE)
                        start = v; /* the earliest stage date (they are in order) */
                }
            }
            if (bad < 0 && r.dates[DJ_JOINED] != DJ_NO_DATE)
                start = r.dates[DJ_JOINED];
            if (bad < 0 && r.dates[DJ_LEFT] != DJ_NO_DATE && start != DJ_NO_DATE && r.dates[DJ_LEFT] < start)
                bad = DJ_LEFT;
            if (bad >= 0) {
                st = damaged(err, label, "people[%zu].%s", i, date_names[bad]);
                break;
            }
            st = dj_dataset_person_add(ds, &r, i, err);
            if (st != DJ_OK)
                break;
        }
        if (st == DJ_E_RECORD) {
            char why[DJ_ERROR_TEXT];
            snprintf(why, sizeof why, "%s", err ? err->message : "");
            st = dj_error_set(err, DJ_E_SNAPSHOT, "snapshot %s: damaged (%s)", label, why);
        }
        if (st != DJ_OK) {
            dj_dataset_rollback(ds);
            goto fail;
        }
        dj_dataset_commit(ds);
    }

    /* Headcount: nh <= len / 8, so the allocation is at most twice the input. */
    if (L.nh) {
        size_t n = L.nh;
        const unsigned char *c_date = d + L.headcount + 4, *c_count = c_date + 4 * n;
        pts = dj_malloc(n * sizeof *pts);
        if (!pts) {
            st = dj_error_set(err, DJ_E_NOMEM, "out of memory");
            goto fail;
        }
        for (size_t i = 0; i < n; i++) {
            pts[i].date = get_i32(c_date + 4 * i);
            pts[i].count = get_i32(c_count + 4 * i);
            if (!date_ok(pts[i].date) || (i && pts[i].date <= pts[i - 1].date)) {
                st = damaged(err, label, "headcount[%zu].%s", i, "date");
                goto fail;
            }
            if (pts[i].count < 0) {
                st = damaged(err, label, "headcount[%zu].%s", i, "count");
                goto fail;
            }
        }
        st = dj_dataset_set_headcount(ds, pts, n, err);
        if (st == DJ_E_RECORD) {
            char why[DJ_ERROR_TEXT];
            snprintf(why, sizeof why, "%s", err ? err->message : "");
            st = dj_error_set(err, DJ_E_SNAPSHOT, "snapshot %s: damaged (%s)", label, why);
        }
        if (st != DJ_OK)
            goto fail;
    }

    /* Activities and their participations. */
    {
        size_t n = L.na, m = L.m;
        const unsigned char *c_id = d + L.activities + 4, *c_date = c_id + 4 * n, *c_cat = c_date + 4 * n;
        const unsigned char *c_kind = c_cat + n, *c_vk = c_kind + 4 * n, *c_venue = c_vk + 4 * n;
        const unsigned char *c_hours = c_venue + 4 * n, *c_fee = c_hours + 8 * n, *c_don = c_fee + 8 * n;
        const unsigned char *c_ben = c_don + 8 * n, *c_np = c_ben + 4 * n;
        const unsigned char *c_pid = d + L.parts + 4, *c_phours = c_pid + 4 * m;
        size_t parts_cap = 0, used = 0;
        st = dj_dataset_activities_begin(ds, n, m, err);
        if (st != DJ_OK)
            goto fail;
        for (size_t i = 0; i < n; i++) {
            dj_activity_rec r;
            const char *bad = NULL;
            uint32_t ki = get_u32(c_kind + 4 * i), vki = get_u32(c_vk + 4 * i), vi = get_u32(c_venue + 4 * i);
            uint32_t k = get_u32(c_np + 4 * i);
            r.id = get_i32(c_id + 4 * i);
            r.date = get_i32(c_date + 4 * i);
            r.category = c_cat[i];
            r.hours = get_i64(c_hours + 8 * i);
            r.fee_waived = get_i64(c_fee + 8 * i);
            r.donation = get_i64(c_don + 8 * i);
            r.beneficiaries = get_i32(c_ben + 4 * i);
            if (r.id < 1)
                bad = "id";
            else if (!date_ok(r.date))
                bad = "date";
            else if (r.category != DJ_CAT_SERVICE && r.category != DJ_CAT_MEETING)
                bad = "category";
            else if (ki >= L.ns || !(sflag[ki] & SF_SLUG))
                bad = "kind";
            else if (vki >= L.ns || !(SLEN(vki) == 0 || (sflag[vki] & SF_SLUG)))
                bad = "venue_kind"; /* a slug or "" */
            else if (vi >= L.ns || !(sflag[vi] & SF_TRIMMED))
                bad = "venue";
            else if (!amount_ok(r.hours))
                bad = "hours";
            else if (!amount_ok(r.fee_waived))
                bad = "fee_waived";
            else if (!amount_ok(r.donation))
                bad = "donation";
            else if (r.beneficiaries < 0)
                bad = "beneficiaries";
            else if (k > m - used)
                bad = "n_participants";
            if (bad) {
                st = damaged(err, label, "activities[%zu].%s", i, bad);
                break;
            }
            r.kind = SPTR(ki);
            r.kind_len = SLEN(ki);
            r.venue_kind = SPTR(vki);
            r.venue_kind_len = SLEN(vki);
            r.venue = SPTR(vi);
            r.venue_len = SLEN(vi);
            if (k > parts_cap) {
                size_t cap = parts_cap ? parts_cap : 16;
                while (cap < k)
                    cap *= 2;
                dj_participant_rec *q = dj_realloc(parts, cap * sizeof *q);
                if (!q) {
                    st = dj_error_set(err, DJ_E_NOMEM, "out of memory");
                    break;
                }
                parts = q;
                parts_cap = cap;
            }
            for (size_t j = 0; j < k; j++) {
                parts[j].person_id = get_i32(c_pid + 4 * (used + j));
                parts[j].hours = get_i64(c_phours + 8 * (used + j));
                parts[j].array_form = 1; /* toJson's form: paths end in ".id" */
                if (parts[j].person_id < 1 || !amount_ok(parts[j].hours)) {
                    char what[160];
                    snprintf(what, sizeof what, "activities[%zu].participants[%zu].%s", i, j,
                             parts[j].person_id < 1 ? "id" : "hours");
                    st = dj_error_set(err, DJ_E_SNAPSHOT, "snapshot %s: damaged (%s)", label, what);
                    break;
                }
            }
            if (st != DJ_OK)
                break;
            used += k;
            r.parts = parts;
            r.n_parts = k;
            st = dj_dataset_activity_add(ds, &r, i, err);
            if (st != DJ_OK)
                break;
        }
        if (st == DJ_OK && used != m)
            st = corrupt(err, label, "damaged (participations)");
        if (st == DJ_E_RECORD) {
            char why[DJ_ERROR_TEXT];
            snprintf(why, sizeof why, "%s", err ? err->message : "");
            st = dj_error_set(err, DJ_E_SNAPSHOT, "snapshot %s: damaged (%s)", label, why);
        }
        if (st != DJ_OK) {
            dj_dataset_rollback(ds);
            goto fail;
        }
        dj_dataset_commit(ds);
    }
#undef SLEN
#undef SPTR

    dj_free(soff);
    dj_free(sflag);
    dj_free(pts);
    dj_free(parts);
    *out = ds;
    return DJ_OK;

fail:
    dj_free(soff);
    dj_free(sflag);
    dj_free(pts);
    dj_free(parts);
    dj_dataset_release(ds);
    return st;
}

/* The same on bytes in memory: see dj.h. Messages name the path
 * "(memory)". *out is a new dataset (the caller's) on success, else NULL. */
dj_status dj_snapshot_load_mem(const unsigned char *data, size_t len, dj_dataset **out, dj_error *err)
{
    return snap_parse(data, len, "(memory)", out, err);
}

/* Reads a snapshot file: see dj.h. DJ_E_IO "cannot read <path>: <strerror>"
 * when it cannot be opened or read, DJ_E_SNAPSHOT "snapshot <path>: ..." when
 * it is not a good snapshot, DJ_E_NOMEM; *out as in dj_json_load. */
dj_status dj_snapshot_load(const char *path, dj_dataset **out, dj_error *err)
{
    *out = NULL;
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return io_error(err, "read", path, errno);
    struct stat sb;
    size_t cap = 4096;
    if (fstat(fd, &sb) == 0 && S_ISREG(sb.st_mode) && sb.st_size > 0 && (uint64_t)sb.st_size < SIZE_MAX - 1)
        cap = (size_t)sb.st_size + 1; /* +1: see EOF without growing */
    unsigned char *buf = dj_malloc(cap);
    if (!buf) {
        close(fd);
        return dj_error_set(err, DJ_E_NOMEM, "out of memory");
    }
    size_t len = 0;
    for (;;) {
        if (len == cap) {
            if (cap > SIZE_MAX / 2) {
                dj_free(buf);
                close(fd);
                return dj_error_set(err, DJ_E_NOMEM, "out of memory");
            }
            unsigned char *nb = dj_realloc(buf, cap * 2);
            if (!nb) {
                dj_free(buf);
                close(fd);
                return dj_error_set(err, DJ_E_NOMEM, "out of memory");
            }
            buf = nb;
            cap *= 2;
        }
        ssize_t r = read(fd, buf + len, cap - len > (1u << 30) ? (1u << 30) : cap - len);
        if (r < 0) {
            if (errno == EINTR)
                continue;
            int e = errno;
            dj_free(buf);
            close(fd);
            return io_error(err, "read", path, e);
        }
        if (r == 0)
            break;
        len += (size_t)r;
    }
    close(fd);
    dj_status st = snap_parse(buf, len, path, out, err);
    dj_free(buf);
    return st;
}
