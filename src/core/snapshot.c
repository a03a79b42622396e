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

#include "dataset_internal.h"
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

#if defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__))
#define SNAP_CLMUL 1
#include <cpuid.h>
#include <immintrin.h>
#endif

#define SNAP_HEADER 32
#define SNAP_VERSION 3
#define SNAP_MAX_AMOUNT INT64_C(100000000000) /* 1e9 in hundredths */
#define SNAP_MAX_STRING 200

static const unsigned char snap_magic[8] = {0x44, 0x4A, 0x53, 0x4E, 0x41, 0x50, 0x0D, 0x0A};

/* Bytes per row of each section's columns. */
#define PERSON_BYTES (4 + 1 + 1 + 4 * DJ_PERSON_DATES)
#define HEADCOUNT_BYTES (4 + 4)
#define KIND_BYTES (1 + 4)
#define PLACE_BYTES (4 + 4)
#define ACTIVITY_BYTES (4 * 10)
#define BIG_BYTES (4 + 8)
#define PART_BYTES (4 + 4)

/* ------------------------------------------------------------------ CRC-32 */
/* The zlib / PHP crc32() CRC: reflected polynomial 0xEDB88320, initial value
 * and final xor 0xFFFFFFFF. On x86-64 with PCLMULQDQ (checked at run time)
 * whole 16-byte blocks are folded with carry-less multiplies (the method of
 * Intel's "Fast CRC Computation for Generic Polynomials Using PCLMULQDQ",
 * with zlib/Chromium's constants for this polynomial), many GB/s; the rest,
 * and every other machine, by slicing by 8 (eight 256-entry tables built on
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

/* The CRC register (not inverted) carried over n bytes by slicing by 8 with
 * the tables c. */
static uint32_t crc_slice8_tab(const crc_tables *c, uint32_t crc, const unsigned char *p, size_t n)
{
    while (n >= 8) {
        uint32_t lo =
            crc ^ ((uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24);
        crc = c->t[7][lo & 0xFF] ^ c->t[6][(lo >> 8) & 0xFF] ^ c->t[5][(lo >> 16) & 0xFF] ^
              c->t[4][lo >> 24] ^ c->t[3][p[4]] ^ c->t[2][p[5]] ^ c->t[1][p[6]] ^ c->t[0][p[7]];
        p += 8;
        n -= 8;
    }
    while (n--)
        crc = (crc >> 8) ^ c->t[0][(crc ^ *p++) & 0xFF];
    return crc;
}

/* The same with tables built for this one run. */
static uint32_t crc_slice8(uint32_t crc, const unsigned char *p, size_t n)
{
    crc_tables c;
    crc_init(&c);
    return crc_slice8_tab(&c, crc, p, n);
}

#ifdef SNAP_CLMUL
/* The CRC register carried over n bytes, n >= 64 and a multiple of 16. */
__attribute__((target("pclmul,sse4.1"))) static uint32_t crc_clmul(uint32_t crc, const unsigned char *buf,
                                                                   size_t len)
{
    const __m128i k1k2 = _mm_set_epi64x(0x01c6e41596, 0x0154442bd4);
    const __m128i k3k4 = _mm_set_epi64x(0x00ccaa009e, 0x01751997d0);
    const __m128i k5k0 = _mm_set_epi64x(0, 0x0163cd6124);
    const __m128i poly = _mm_set_epi64x(0x01f7011641, 0x01db710641);
    __m128i x0, x1, x2, x3, x4, x5, x6, x7, x8, y5, y6, y7, y8;

    x1 = _mm_loadu_si128((const __m128i *)(const void *)(buf + 0x00));
    x2 = _mm_loadu_si128((const __m128i *)(const void *)(buf + 0x10));
    x3 = _mm_loadu_si128((const __m128i *)(const void *)(buf + 0x20));
    x4 = _mm_loadu_si128((const __m128i *)(const void *)(buf + 0x30));
    x1 = _mm_xor_si128(x1, _mm_cvtsi32_si128((int)crc));
    x0 = k1k2;
    buf += 64;
    len -= 64;
    while (len >= 64) { /* four lanes of 128 bits, each folded 512 bits on */
        x5 = _mm_clmulepi64_si128(x1, x0, 0x00);
        x6 = _mm_clmulepi64_si128(x2, x0, 0x00);
        x7 = _mm_clmulepi64_si128(x3, x0, 0x00);
        x8 = _mm_clmulepi64_si128(x4, x0, 0x00);
        x1 = _mm_clmulepi64_si128(x1, x0, 0x11);
        x2 = _mm_clmulepi64_si128(x2, x0, 0x11);
        x3 = _mm_clmulepi64_si128(x3, x0, 0x11);
        x4 = _mm_clmulepi64_si128(x4, x0, 0x11);
        y5 = _mm_loadu_si128((const __m128i *)(const void *)(buf + 0x00));
        y6 = _mm_loadu_si128((const __m128i *)(const void *)(buf + 0x10));
        y7 = _mm_loadu_si128((const __m128i *)(const void *)(buf + 0x20));
        y8 = _mm_loadu_si128((const __m128i *)(const void *)(buf + 0x30));
        x1 = _mm_xor_si128(_mm_xor_si128(x1, x5), y5);
        x2 = _mm_xor_si128(_mm_xor_si128(x2, x6), y6);
        x3 = _mm_xor_si128(_mm_xor_si128(x3, x7), y7);
        x4 = _mm_xor_si128(_mm_xor_si128(x4, x8), y8);
        buf += 64;
        len -= 64;
    }
    /* the four lanes into one */
    x0 = k3k4;
    x5 = _mm_clmulepi64_si128(x1, x0, 0x00);
    x1 = _mm_clmulepi64_si128(x1, x0, 0x11);
    x1 = _mm_xor_si128(_mm_xor_si128(x1, x2), x5);
    x5 = _mm_clmulepi64_si128(x1, x0, 0x00);
    x1 = _mm_clmulepi64_si128(x1, x0, 0x11);
    x1 = _mm_xor_si128(_mm_xor_si128(x1, x3), x5);
    x5 = _mm_clmulepi64_si128(x1, x0, 0x00);
    x1 = _mm_clmulepi64_si128(x1, x0, 0x11);
    x1 = _mm_xor_si128(_mm_xor_si128(x1, x4), x5);
    while (len >= 16) {
        x2 = _mm_loadu_si128((const __m128i *)(const void *)buf);
        x5 = _mm_clmulepi64_si128(x1, x0, 0x00);
        x1 = _mm_clmulepi64_si128(x1, x0, 0x11);
        x1 = _mm_xor_si128(_mm_xor_si128(x1, x2), x5);
        buf += 16;
        len -= 16;
    }
    /* 128 bits to 64, then Barrett's reduction to 32 */
    x2 = _mm_clmulepi64_si128(x1, x0, 0x10);
    x3 = _mm_setr_epi32(~0, 0, ~0, 0);
    x1 = _mm_srli_si128(x1, 8);
    x1 = _mm_xor_si128(x1, x2);
    x0 = k5k0;
    x2 = _mm_srli_si128(x1, 4);
    x1 = _mm_and_si128(x1, x3);
    x1 = _mm_clmulepi64_si128(x1, x0, 0x00);
    x1 = _mm_xor_si128(x1, x2);
    x0 = poly;
    x2 = _mm_and_si128(x1, x3);
    x2 = _mm_clmulepi64_si128(x2, x0, 0x10);
    x2 = _mm_and_si128(x2, x3);
    x2 = _mm_clmulepi64_si128(x2, x0, 0x00);
    x1 = _mm_xor_si128(x1, x2);
    return (uint32_t)_mm_extract_epi32(x1, 1);
}

static int crc_have_clmul(void)
{
    unsigned a, b, c, d;
    if (!__get_cpuid(1, &a, &b, &c, &d))
        return 0;
    return (c & (1u << 1)) && (c & (1u << 19)); /* PCLMULQDQ, SSE4.1 */
}
#endif

/* Tests only: when set, crc32_of() never uses the carry-less multiply. */
int dj_snapshot_crc_portable;

static uint32_t crc32_of(const unsigned char *p, size_t n)
{
    uint32_t crc = 0xFFFFFFFFu;
#ifdef SNAP_CLMUL
    if (n >= 64 && !dj_snapshot_crc_portable && crc_have_clmul()) {
        size_t chunk = n & ~(size_t)15;
        crc = crc_clmul(crc, p, chunk);
        p += chunk;
        n -= chunk;
    }
#endif
    return crc_slice8(crc, p, n) ^ 0xFFFFFFFFu;
}

/* ------------------------------------------------------ little-endian I/O */

#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
#define SNAP_LE 1
#endif

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
#ifdef SNAP_LE
    uint32_t v;
    memcpy(&v, p, 4); /* one load */
    return v;
#else
    return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
#endif
}

static uint64_t get_u64(const unsigned char *p)
{
#ifdef SNAP_LE
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

/* n 32-bit values (int32_t or uint32_t) to little-endian bytes; returns the
 * end. */
static unsigned char *put_col32(unsigned char *p, const void *src, size_t n)
{
#ifdef SNAP_LE
    if (n)
        memcpy(p, src, 4 * n);
#else
    const uint32_t *s = src;
    for (size_t i = 0; i < n; i++)
        put_u32(p + 4 * i, s[i]);
#endif
    return p + 4 * n;
}

/* n little-endian 32-bit values into dst (int32_t or uint32_t). */
static void get_col32(void *dst, const unsigned char *p, size_t n)
{
#ifdef SNAP_LE
    if (n)
        memcpy(dst, p, 4 * n);
#else
    uint32_t *d = dst;
    for (size_t i = 0; i < n; i++)
        d[i] = get_u32(p + 4 * i);
#endif
}

/* ---------------------------------------------------------------- writing */

/* The entries of a side table below `rows` (a transaction's staged rows are
 * not written). */
static size_t big_count(const dj_bigtab *t, size_t rows)
{
    size_t c = t->n;
    while (c && t->v[c - 1].row >= rows)
        c--;
    return c;
}

static unsigned char *put_big(unsigned char *p, const dj_bigtab *t, size_t c)
{
    put_u32(p, (uint32_t)c);
    p += 4;
    for (size_t e = 0; e < c; e++) {
        put_u32(p + 4 * e, t->v[e].row);
        put_u64(p + 4 * c + 8 * e, (uint64_t)t->v[e].value);
    }
    return p + BIG_BYTES * c;
}

/* The snapshot bytes in memory: see dj.h. Returns a buffer owned by the
 * caller (dj_free) with its length in *len, or NULL when out of memory (or
 * when a count does not fit the format's u32).
 *
 * The tables are written in their canonical order, whatever the dataset's
 * own (a rolled-back add leaves unused entries): kinds and places in the
 * order activities first use them, strings in the order of first use by
 * activity (kind, venue kind, venue); the twin writes the same bytes. */
unsigned char *dj_snapshot_dump(const dj_dataset *ds, size_t *len)
{
    size_t np = ds->np, na = ds->na, nh = ds->nh, m = ds->nm;
    if (np > UINT32_MAX || na > UINT32_MAX || nh > UINT32_MAX || m > UINT32_MAX)
        return NULL;
    const uint32_t NONE = UINT32_MAX;
    size_t nks = ds->kinds.n, npls = ds->places.n, nss = ds->str.n;
    unsigned char *out = NULL;
    uint32_t *kmap = dj_malloc((nks ? nks : 1) * sizeof *kmap);     /* kind pair -> canonical */
    uint32_t *pmap = dj_malloc((npls ? npls : 1) * sizeof *pmap);   /* place pair -> canonical */
    uint32_t *smap = dj_malloc(nss * sizeof *smap);                 /* string -> canonical */
    uint32_t *korder = dj_malloc((nks ? nks : 1) * sizeof *korder); /* canonical -> pair */
    uint32_t *porder = dj_malloc((npls ? npls : 1) * sizeof *porder);
    uint32_t *sorder = dj_malloc(nss * sizeof *sorder);
    if (!kmap || !pmap || !smap || !korder || !porder || !sorder)
        goto done;
    for (size_t k = 0; k < nks; k++)
        kmap[k] = NONE;
    for (size_t k = 0; k < npls; k++)
        pmap[k] = NONE;
    for (size_t k = 0; k < nss; k++)
        smap[k] = NONE;
    uint32_t nk = 0, npl = 0, ns = 1;
    size_t sbytes = 0;
    smap[0] = 0;
    sorder[0] = 0;
#define SNAP_SEE(s)                                                                                          \
    do {                                                                                                     \
        uint32_t s_ = (s);                                                                                   \
        if (smap[s_] == NONE) {                                                                              \
            smap[s_] = ns;                                                                                   \
            sorder[ns++] = s_;                                                                               \
            sbytes += ds->str.off[s_ + 1] - ds->str.off[s_];                                                 \
        }                                                                                                    \
    } while (0)
    for (size_t i = 0; i < na; i++) {
        uint32_t k = ds->a_kind[i], pl = ds->a_place[i];
        if (kmap[k] == NONE) {
            kmap[k] = nk;
            korder[nk++] = k;
            SNAP_SEE(ds->kinds.b[k]);
        }
        if (pmap[pl] == NONE) {
            pmap[pl] = npl;
            porder[npl++] = pl;
            SNAP_SEE(ds->places.a[pl]);
            SNAP_SEE(ds->places.b[pl]);
        }
        SNAP_SEE(ds->a_proj[i]);
    }
#undef SNAP_SEE

    size_t cb[3] = {big_count(&ds->big_hours, na), big_count(&ds->big_fee, na), big_count(&ds->big_don, na)};
    size_t cm = big_count(&ds->big_mhours, m);
    size_t payload = 4 + 4 * (size_t)ns + sbytes + 4 + np * PERSON_BYTES + 4 + nh * HEADCOUNT_BYTES + 4 +
                     nk * KIND_BYTES + 4 + npl * PLACE_BYTES + 4 + na * ACTIVITY_BYTES +
                     (4 + BIG_BYTES * cb[0]) + (4 + BIG_BYTES * cb[1]) + (4 + BIG_BYTES * cb[2]) + 4 +
                     m * PART_BYTES + 4 + BIG_BYTES * cm;
    out = dj_malloc(SNAP_HEADER + payload);
    if (!out)
        goto done;
    unsigned char *p = out + SNAP_HEADER;

    /* strings */
    put_u32(p, ns);
    p += 4;
    for (uint32_t i = 0; i < ns; i++) {
        size_t sl;
        const char *s = dj_str_at(&ds->str, sorder[i], &sl);
        put_u32(p, (uint32_t)sl);
        if (sl)
            memcpy(p + 4, s, sl);
        p += 4 + sl;
    }

    /* people */
    put_u32(p, (uint32_t)np);
    p = put_col32(p + 4, ds->p_id, np);
    if (np) {
        memcpy(p, ds->p_staff, np);
        memcpy(p + np, ds->p_reason, np);
    }
    p += 2 * np;
    for (int k = 0; k < DJ_PERSON_DATES; k++)
        p = put_col32(p, ds->p_date[k], np);

    /* headcount */
    put_u32(p, (uint32_t)nh);
    p = put_col32(p + 4, ds->h_date, nh);
    p = put_col32(p, ds->h_count, nh);

    /* kinds, places */
    put_u32(p, nk);
    p += 4;
    for (uint32_t k = 0; k < nk; k++) {
        p[k] = (unsigned char)ds->kinds.a[korder[k]];
        put_u32(p + nk + 4 * (size_t)k, smap[ds->kinds.b[korder[k]]]);
    }
    p += (size_t)nk * KIND_BYTES;
    put_u32(p, npl);
    p += 4;
    for (uint32_t k = 0; k < npl; k++) {
        put_u32(p + 4 * (size_t)k, smap[ds->places.a[porder[k]]]);
        put_u32(p + 4 * ((size_t)npl + k), smap[ds->places.b[porder[k]]]);
    }
    p += (size_t)npl * PLACE_BYTES;

    /* activities */
    put_u32(p, (uint32_t)na);
    p = put_col32(p + 4, ds->a_id, na);
    p = put_col32(p, ds->a_date, na);
    for (size_t i = 0; i < na; i++)
        put_u32(p + 4 * i, kmap[ds->a_kind[i]]);
    p += 4 * na;
    for (size_t i = 0; i < na; i++)
        put_u32(p + 4 * i, pmap[ds->a_place[i]]);
    p += 4 * na;
    for (size_t i = 0; i < na; i++)
        put_u32(p + 4 * i, smap[ds->a_proj[i]]);
    p += 4 * na;
    p = put_col32(p, ds->a_hours, na);
    p = put_col32(p, ds->a_fee, na);
    p = put_col32(p, ds->a_don, na);
    p = put_col32(p, ds->a_benef, na);
    p = put_col32(p, ds->a_start + 1, na);
    p = put_big(p, &ds->big_hours, cb[0]);
    p = put_big(p, &ds->big_fee, cb[1]);
    p = put_big(p, &ds->big_don, cb[2]);

    /* participations */
    put_u32(p, (uint32_t)m);
    p = put_col32(p + 4, ds->m_person, m);
    p = put_col32(p, ds->m_hours, m);
    p = put_big(p, &ds->big_mhours, cm);

    memcpy(out, snap_magic, 8);
    put_u32(out + 8, SNAP_VERSION);
    put_u32(out + 12, crc32_of(out + SNAP_HEADER, payload));
    put_u64(out + 16, payload);
    put_u64(out + 24, 0);
    if (len)
        *len = SNAP_HEADER + payload;

done:
    dj_free(kmap);
    dj_free(pmap);
    dj_free(smap);
    dj_free(korder);
    dj_free(porder);
    dj_free(sorder);
    return out;
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

static dj_status nomem(dj_error *err)
{
    return dj_error_set(err, DJ_E_NOMEM, "out of memory");
}

static int date_ok(int32_t d)
{
    return d >= DJ_DATE_MIN && d <= DJ_DATE_MAX;
}

/* What a string may be, worked out once per string. */
#define SF_SLUG 1    /* a slug: a kind or venue kind */
#define SF_TRIMMED 2 /* no trimmable character at either end: a venue */

enum {
    S_PEOPLE,
    S_HEADCOUNT,
    S_KINDS,
    S_PLACES,
    S_ACTS,
    S_BIG_HOURS,
    S_BIG_FEE,
    S_BIG_DON,
    S_PARTS,
    S_BIG_PART,
    S_N
};

/* Row sizes of the sections after the strings, in file order. */
static const size_t section_unit[S_N] = {PERSON_BYTES,   HEADCOUNT_BYTES, KIND_BYTES, PLACE_BYTES,
                                         ACTIVITY_BYTES, BIG_BYTES,       BIG_BYTES,  BIG_BYTES,
                                         PART_BYTES,     BIG_BYTES};

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

/* A block of n elements of size sz (at least one element), or NULL. A large
 * block is advised to be backed by huge pages where the system offers them
 * on request (Linux's transparent huge pages in "madvise" mode): its first
 * touch then costs one page fault per 2 MiB instead of one per 4 KiB, which
 * is most of the time of filling fresh memory. Only the whole pages inside
 * the block are advised; the advice changes nothing else and may fail. */
static void *block(size_t n, size_t sz)
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
    t->v = block(c, sizeof *t->v);
    if (!t->v)
        return nomem(err);
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
        return corrupt(err, label, what);
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
    ds->p_id = block(n, 4);
    ds->p_staff = block(n, 1);
    ds->p_reason = block(n, 1);
    int ok = ds->p_id && ds->p_staff && ds->p_reason;
    for (int k = 0; k < DJ_PERSON_DATES; k++)
        ok &= (ds->p_date[k] = block(n, 4)) != NULL;
    ds->np_cap = n ? n : 1;
    n = cnt[S_HEADCOUNT];
    ds->h_date = block(n, 4);
    ds->h_count = block(n, 4);
    ok &= ds->h_date && ds->h_count;
    dj_pairtab *t = &ds->kinds;
    n = cnt[S_KINDS];
    t->a = block(n, 4);
    t->b = block(n, 4);
    ok &= t->a && t->b;
    t->cap = (uint32_t)(n ? n : 1);
    t = &ds->places;
    n = cnt[S_PLACES];
    t->a = block(n, 4);
    t->b = block(n, 4);
    ok &= t->a && t->b;
    t->cap = (uint32_t)(n ? n : 1);
    n = cnt[S_ACTS];
    ds->a_id = block(n, 4);
    ds->a_date = block(n, 4);
    ds->a_kind = block(n, 4);
    ds->a_place = block(n, 4);
    ds->a_proj = block(n, 4);
    ds->a_hours = block(n, 4);
    ds->a_fee = block(n, 4);
    ds->a_don = block(n, 4);
    ds->a_benef = block(n, 4);
    dj_free(ds->a_start);
    /* na_cap is at least 1 and a_start always holds na_cap + 1 entries. */
    ds->a_start = block(n ? (size_t)n + 1 : 2, 4);
    ok &= ds->a_id && ds->a_date && ds->a_kind && ds->a_place && ds->a_proj && ds->a_hours && ds->a_fee &&
          ds->a_don && ds->a_benef && ds->a_start;
    if (ds->a_start)
        ds->a_start[0] = 0;
    ds->na_cap = n ? n : 1;
    n = cnt[S_PARTS];
    ds->m_person = block(n, 4);
    ds->m_hours = block(n, 4);
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

static dj_status snap_values(dj_dataset *ds, const unsigned char *strings, uint32_t ns, size_t sbytes,
                             const uint32_t cnt[S_N], const unsigned char *const big[4], const char *label,
                             dj_dataset **out, dj_error *err);

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
    size_t pos = SNAP_HEADER, sec[S_N];
    uint32_t cnt[S_N], ns;
    if (len - pos < 4)
        return corrupt(err, label, "truncated");
    ns = get_u32(d + pos);
    pos += 4;
    size_t strings = pos, sbytes = 0;
    for (uint32_t i = 0; i < ns; i++) {
        if (len - pos < 4)
            return corrupt(err, label, "truncated");
        uint32_t sl = get_u32(d + pos);
        pos += 4;
        if (sl > len - pos)
            return corrupt(err, label, "truncated");
        pos += sl;
        sbytes += sl;
    }
    for (int s = 0; s < S_N; s++) {
        sec[s] = pos + 4;
        if (!take_section(d, len, &pos, section_unit[s], &cnt[s]))
            return corrupt(err, label, "truncated");
    }
    if (pos != len)
        return corrupt(err, label, "damaged (trailing bytes)");
    if (ns == 0)
        return corrupt(err, label, "damaged (no strings)");
    if (sbytes > UINT32_MAX) /* the string table's offsets are 32-bit, as when adding */
        return corrupt(err, label, "damaged (strings over 4 GiB)");

    /* Every allocation below is at most a small multiple of its section's
     * bytes: ns <= len / 4, and each count fitted its section. */
    dj_dataset *ds = dj_dataset_new();
    if (!ds || !snap_alloc(ds, cnt)) {
        dj_dataset_release(ds);
        return nomem(err);
    }
    snap_fill_mem(ds, d, sec, cnt);
    const unsigned char *big[4] = {d + sec[S_BIG_HOURS] - 4, d + sec[S_BIG_FEE] - 4, d + sec[S_BIG_DON] - 4,
                                   d + sec[S_BIG_PART] - 4};
    return snap_values(ds, d + strings, ns, sbytes, cnt, big, label, out, err);
}

/* The value stage (docs/snapshot.md "Loading", after the bounds): ds holds
 * every column of the sections after the strings, filled from the file
 * (snap_alloc, then snap_fill_mem or the file reader); strings are the ns
 * strings' bytes (u32 length, bytes each; sbytes in all), big the four side
 * tables (count, rows, values). Checks every value in the documented order
 * and builds the hashes. On success *out = ds; on failure ds is released. */
static dj_status snap_values(dj_dataset *ds, const unsigned char *strings, uint32_t ns, size_t sbytes,
                             const uint32_t cnt[S_N], const unsigned char *const big[4], const char *label,
                             dj_dataset **out, dj_error *err)
{
    dj_status st = DJ_OK;
    size_t pos;
    uint8_t *sflag = dj_malloc(ns);
    uint32_t *stamp = NULL;
    if (!sflag)
        goto oom;

    /* Strings: checked, then copied into the string table. */
    {
        dj_strtab *t = &ds->str;
        dj_free(t->bytes);
        dj_free(t->off);
        t->bytes = block(sbytes < 64 ? 64 : sbytes, 1);
        t->off = block((size_t)ns + 1, sizeof *t->off);
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
                st = corrupt(err, label, "damaged (string 0 is not empty)");
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
            sflag[i] = (uint8_t)((dj_slug_ok(cs, sl) ? SF_SLUG : 0) |
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

    int32_t max_date = DJ_NO_DATE;

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

    /* Activities: the columns copied, checked in bulk, and only when
     * something is wrong walked row by row for the first bad value. */
    size_t na = cnt[S_ACTS], m = cnt[S_PARTS];
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
                   (unsigned)(kind[i] >= nk) | (unsigned)(place[i] >= npl) | (unsigned)(proj[i] >= ns ? 1 : !(sflag[proj[i]] & SF_TRIMMED)) |
                   (unsigned)(ben[i] < 0) |
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
            st = corrupt(err, label, "damaged (participations)");
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
                    st = corrupt(err, label, what);
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
                        st = corrupt(err, label, what);
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

    ds->max_date = ds->max_date_all = max_date;
    dj_free(sflag);
    dj_free(stamp);
    *out = ds;
    return DJ_OK;

oom:
    st = nomem(err);
fail:
    dj_free(sflag);
    dj_free(stamp);
    dj_dataset_release(ds);
    return st;
}

/* The same on bytes in memory: see dj.h. Messages name the path
 * "(memory)". *out is a new dataset (the caller's) on success, else NULL. */
dj_status dj_snapshot_load_mem(const unsigned char *data, size_t len, dj_dataset **out, dj_error *err)
{
    return snap_parse(data, len, "(memory)", out, err);
}

/* ------------------------------------------------------ the file reader */
/* dj_snapshot_load reads the file once, in file order, with read(): the
 * columns of the big sections straight into their final blocks, everything
 * else (the header, counts, strings, the kinds' categories, the side tables
 * of big amounts) through a small staging buffer, and the CRC carried over
 * each piece as it arrives, while it is still in the cache. Every byte is
 * read exactly once into private memory and only then used: the counts are
 * bounded by the bytes the header promised (itself checked against the file's
 * size) before anything is allocated, and the values are checked only after
 * the CRC of those same private bytes. When anything at all is not as a good
 * snapshot has it (a count running past the end, a short read, a size that
 * changed, trailing bytes, a bad CRC, a non-zero reserved field, no strings),
 * or the file is not a regular one, or the machine is not little-endian, the
 * reader gives up and the whole file is read again into one buffer for
 * snap_parse, which names the error exactly as docs/snapshot.md says. */

#define RD_STAGE ((size_t)64 << 10)  /* the staging buffer */
#define RD_PIECE ((size_t)256 << 10) /* one read() into a column: CRC'd while in L2 */

typedef struct {
    int fd;
    unsigned char *buf; /* RD_STAGE bytes; buf[beg..end) staged, not yet taken */
    size_t beg, end;
    uint64_t left; /* payload bytes not yet read from the file */
    uint32_t crc;  /* the CRC register over every payload byte read so far */
    int clmul;
    crc_tables tab;
} snap_reader;

static void rd_crc(snap_reader *r, const unsigned char *p, size_t n)
{
#ifdef SNAP_CLMUL
    if (r->clmul && n >= 64) {
        size_t whole = n & ~(size_t)15;
        r->crc = crc_clmul(r->crc, p, whole);
        p += whole;
        n -= whole;
    }
#endif
    r->crc = crc_slice8_tab(&r->tab, r->crc, p, n);
}

/* Reads exactly n payload bytes (n <= left) into p, the CRC carried over
 * them. Returns 0 on a short read or an error. */
static int rd_raw(snap_reader *r, unsigned char *p, size_t n)
{
    while (n) {
        ssize_t got = read(r->fd, p, n > RD_PIECE ? RD_PIECE : n);
        if (got < 0 && errno == EINTR)
            continue;
        if (got <= 0)
            return 0;
        rd_crc(r, p, (size_t)got);
        p += got;
        n -= (size_t)got;
        r->left -= (uint64_t)got;
    }
    return 1;
}

/* The payload bytes not yet taken. */
static uint64_t rd_avail(const snap_reader *r)
{
    return (uint64_t)(r->end - r->beg) + r->left;
}

/* At least n (<= RD_STAGE) bytes staged at buf + beg; 0 when the payload
 * ends first or a read fails. */
static int rd_need(snap_reader *r, size_t n)
{
    size_t have = r->end - r->beg;
    if (have >= n)
        return 1;
    if ((uint64_t)n > rd_avail(r))
        return 0;
    memmove(r->buf, r->buf + r->beg, have);
    r->beg = 0;
    r->end = have;
    size_t want = RD_STAGE - have;
    if ((uint64_t)want > r->left)
        want = (size_t)r->left;
    if (!rd_raw(r, r->buf + have, want))
        return 0;
    r->end += want;
    return 1;
}

/* A u32 from the payload into *v; 0 as rd_need. */
static int rd_u32(snap_reader *r, uint32_t *v)
{
    if (!rd_need(r, 4))
        return 0;
    *v = get_u32(r->buf + r->beg);
    r->beg += 4;
    return 1;
}

/* The next n payload bytes into dst: the staged ones copied, the rest read
 * straight into dst. 0 when the payload ends first or a read fails. */
static int rd_take(snap_reader *r, void *dst, size_t n)
{
    if ((uint64_t)n > rd_avail(r))
        return 0;
    size_t have = r->end - r->beg;
    if (have > n)
        have = n;
    if (have)
        memcpy(dst, r->buf + r->beg, have);
    r->beg += have;
    return rd_raw(r, (unsigned char *)dst + have, n - have);
}

/* A count whose count * unit bytes remain in the payload, into *count. */
static int rd_count(snap_reader *r, size_t unit, uint32_t *count)
{
    return rd_u32(r, count) && (uint64_t)*count <= rd_avail(r) / unit;
}

/* A side table of big amounts into a new block as it is in the file
 * (count, rows, values), for read_big; NULL on anything unexpected. */
static unsigned char *rd_big(snap_reader *r, uint32_t *count)
{
    if (!rd_count(r, BIG_BYTES, count))
        return NULL;
    size_t bytes = 4 + (size_t)*count * BIG_BYTES;
    unsigned char *b = dj_malloc(bytes);
    if (!b)
        return NULL;
    put_u32(b, *count);
    if (!rd_take(r, b + 4, bytes - 4)) {
        dj_free(b);
        return NULL;
    }
    return b;
}

enum { RD_OK, RD_SLOW, RD_NOMEM };

/* The fast path of dj_snapshot_load on an open regular file of `size` bytes:
 * RD_OK with *out set or an error from the value stage in *st (the file was a
 * whole, well-formed snapshot), RD_SLOW when the file must be read again by
 * the slow path, RD_NOMEM when out of memory. */
static int snap_read_fast(int fd, uint64_t size, const char *path, dj_dataset **out, dj_status *st,
                          dj_error *err)
{
#ifndef SNAP_LE
    (void)fd, (void)size, (void)path, (void)out, (void)st, (void)err;
    return RD_SLOW;
#else
    if (size < SNAP_HEADER)
        return RD_SLOW;
    snap_reader *r = dj_malloc(sizeof *r);
    unsigned char *stage = dj_malloc(RD_STAGE), *sraw = NULL, *big[4] = {NULL, NULL, NULL, NULL};
    dj_dataset *ds = NULL;
    int res = RD_NOMEM;
    if (!r || !stage)
        goto done;
    memset(r, 0, sizeof *r);
    r->fd = fd;
    r->buf = stage;
    r->left = SNAP_HEADER; /* the header first, outside the CRC */
    res = RD_SLOW;
    unsigned char head[SNAP_HEADER];
    if (!rd_raw(r, head, SNAP_HEADER) || memcmp(head, snap_magic, 8) != 0 ||
        get_u32(head + 8) != SNAP_VERSION || get_u64(head + 16) != size - SNAP_HEADER ||
        get_u64(head + 24) != 0)
        goto done;
    r->left = size - SNAP_HEADER;
    r->crc = 0xFFFFFFFFu;
    crc_init(&r->tab);
#ifdef SNAP_CLMUL
    r->clmul = !dj_snapshot_crc_portable && crc_have_clmul();
#endif

    /* Strings: gathered as they are in the file (length, bytes). */
    uint32_t ns, cnt[S_N];
    size_t sbytes = 0, slen = 0, scap = 4096;
    if (!rd_u32(r, &ns) || ns == 0 || (uint64_t)ns > rd_avail(r) / 4)
        goto done;
    res = RD_NOMEM;
    if (!(sraw = dj_malloc(scap)))
        goto done;
    res = RD_SLOW;
    for (uint32_t i = 0; i < ns; i++) {
        uint32_t sl;
        if (!rd_u32(r, &sl) || sl > SNAP_MAX_STRING || !rd_need(r, sl))
            goto done; /* a long string: the slow path names it */
        if (scap - slen < 4 + (size_t)sl) {
            unsigned char *nb = dj_realloc(sraw, scap * 2);
            if (!nb) {
                res = RD_NOMEM;
                goto done;
            }
            sraw = nb;
            scap *= 2;
        }
        put_u32(sraw + slen, sl);
        memcpy(sraw + slen + 4, r->buf + r->beg, sl);
        r->beg += sl;
        slen += 4 + (size_t)sl;
        sbytes += sl;
    }

    /* Each section's count, read as it comes and bounded by the payload
     * bytes left, before its blocks are allocated and read into. */
    if (!(ds = dj_dataset_new())) {
        res = RD_NOMEM;
        goto done;
    }
    /* People, headcount, kinds, places, activities. */
    {
        if (!rd_count(r, PERSON_BYTES, &cnt[S_PEOPLE]))
            goto done;
        size_t n = cnt[S_PEOPLE];
        ds->p_id = block(n, 4);
        ds->p_staff = block(n, 1);
        ds->p_reason = block(n, 1);
        int ok = ds->p_id && ds->p_staff && ds->p_reason;
        for (int k = 0; k < DJ_PERSON_DATES; k++)
            ok &= (ds->p_date[k] = block(n, 4)) != NULL;
        ds->np_cap = n ? n : 1;
        if (!ok) {
            res = RD_NOMEM;
            goto done;
        }
        if (!rd_take(r, ds->p_id, 4 * n) || !rd_take(r, ds->p_staff, n) || !rd_take(r, ds->p_reason, n))
            goto done;
        for (int k = 0; k < DJ_PERSON_DATES; k++)
            if (!rd_take(r, ds->p_date[k], 4 * n))
                goto done;

        if (!rd_count(r, HEADCOUNT_BYTES, &cnt[S_HEADCOUNT]))
            goto done;
        n = cnt[S_HEADCOUNT];
        ds->h_date = block(n, 4);
        ds->h_count = block(n, 4);
        if (!ds->h_date || !ds->h_count) {
            res = RD_NOMEM;
            goto done;
        }
        if (!rd_take(r, ds->h_date, 4 * n) || !rd_take(r, ds->h_count, 4 * n))
            goto done;

        if (!rd_count(r, KIND_BYTES, &cnt[S_KINDS]))
            goto done;
        n = cnt[S_KINDS];
        dj_pairtab *t = &ds->kinds;
        t->a = block(n, 4);
        t->b = block(n, 4);
        t->cap = (uint32_t)(n ? n : 1);
        if (!t->a || !t->b) {
            res = RD_NOMEM;
            goto done;
        }
        /* the u8 categories into the start of a, then widened in place
         * from the end (a[k] covers bytes 4k.., past byte k) */
        if (!rd_take(r, t->a, n) || !rd_take(r, t->b, 4 * n))
            goto done;
        for (size_t k = n; k-- > 0;)
            t->a[k] = ((const unsigned char *)t->a)[k];

        if (!rd_count(r, PLACE_BYTES, &cnt[S_PLACES]))
            goto done;
        n = cnt[S_PLACES];
        t = &ds->places;
        t->a = block(n, 4);
        t->b = block(n, 4);
        t->cap = (uint32_t)(n ? n : 1);
        if (!t->a || !t->b) {
            res = RD_NOMEM;
            goto done;
        }
        if (!rd_take(r, t->a, 4 * n) || !rd_take(r, t->b, 4 * n))
            goto done;

        if (!rd_count(r, ACTIVITY_BYTES, &cnt[S_ACTS]))
            goto done;
        n = cnt[S_ACTS];
        uint32_t *col[9];
        col[0] = (uint32_t *)(void *)(ds->a_id = block(n, 4));
        col[1] = (uint32_t *)(void *)(ds->a_date = block(n, 4));
        col[2] = ds->a_kind = block(n, 4);
        col[3] = ds->a_place = block(n, 4);
        col[4] = ds->a_proj = block(n, 4);
        col[5] = ds->a_hours = block(n, 4);
        col[6] = ds->a_fee = block(n, 4);
        col[7] = ds->a_don = block(n, 4);
        col[8] = (uint32_t *)(void *)(ds->a_benef = block(n, 4));
        dj_free(ds->a_start);
        ds->a_start = block(n ? (size_t)n + 1 : 2, 4);
        ds->na_cap = n ? n : 1;
        ok = ds->a_start != NULL;
        for (int k = 0; k < 9; k++)
            ok &= col[k] != NULL;
        if (!ok) {
            res = RD_NOMEM;
            goto done;
        }
        ds->a_start[0] = 0;
        for (int k = 0; k < 9; k++)
            if (!rd_take(r, col[k], 4 * n))
                goto done;
        if (!rd_take(r, ds->a_start + 1, 4 * n))
            goto done;
    }
    /* (rd_big gives NULL when out of memory too: the slow path decides) */
    for (int k = 0; k < 3; k++)
        if (!(big[k] = rd_big(r, &cnt[S_BIG_HOURS + k])))
            goto done;
    {
        if (!rd_count(r, PART_BYTES, &cnt[S_PARTS]))
            goto done;
        size_t m = cnt[S_PARTS];
        ds->m_person = block(m, 4);
        ds->m_hours = block(m, 4);
        ds->nm_cap = m ? m : 1;
        if (!ds->m_person || !ds->m_hours) {
            res = RD_NOMEM;
            goto done;
        }
        if (!rd_take(r, ds->m_person, 4 * m) || !rd_take(r, ds->m_hours, 4 * m))
            goto done;
    }
    if (!(big[3] = rd_big(r, &cnt[S_BIG_PART])))
        goto done;

    /* The whole payload read and no more; the CRC of what was read. */
    unsigned char extra;
    ssize_t got;
    do
        got = read(fd, &extra, 1);
    while (got < 0 && errno == EINTR);
    if (r->beg != r->end || r->left != 0 || got != 0 || (r->crc ^ 0xFFFFFFFFu) != get_u32(head + 12) ||
        sbytes > UINT32_MAX)
        goto done;

    {
        const unsigned char *bigc[4] = {big[0], big[1], big[2], big[3]};
        *st = snap_values(ds, sraw, ns, sbytes, cnt, bigc, path, out, err);
    }
    ds = NULL; /* snap_values's now */
    res = RD_OK;
done:
    dj_dataset_release(ds);
    for (int k = 0; k < 4; k++)
        dj_free(big[k]);
    dj_free(sraw);
    dj_free(stage);
    dj_free(r);
    return res;
#endif
}

/* Reads a snapshot file: see dj.h. DJ_E_IO "cannot read <path>: <strerror>"
 * when it cannot be opened or read, DJ_E_SNAPSHOT "snapshot <path>: ..." when
 * it is not a good snapshot, DJ_E_NOMEM; *out as in dj_json_load.
 *
 * The file is read into private memory, never mapped: the parser reads some
 * values twice (sizes, then contents), and a mapping would show it a file
 * rewritten in place between the two reads, or fault (SIGBUS) on one
 * truncated under it. A regular file is read by snap_read_fast (each column
 * straight into its block, each byte once); anything unexpected there, and
 * any other file, is read whole into one buffer for snap_parse. */
dj_status dj_snapshot_load(const char *path, dj_dataset **out, dj_error *err)
{
    *out = NULL;
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return io_error(err, "read", path, errno);
    struct stat sb;
    size_t cap = 4096;
    if (fstat(fd, &sb) == 0 && S_ISREG(sb.st_mode) && sb.st_size > 0 && (uint64_t)sb.st_size < SIZE_MAX - 1) {
        dj_status st = DJ_OK;
        int res = snap_read_fast(fd, (uint64_t)sb.st_size, path, out, &st, err);
        if (res == RD_OK) {
            close(fd);
            return st;
        }
        if (res == RD_NOMEM) {
            close(fd);
            return nomem(err);
        }
        if (lseek(fd, 0, SEEK_SET) != 0) {
            int e = errno;
            close(fd);
            return io_error(err, "read", path, e);
        }
        if (fstat(fd, &sb) == 0 && sb.st_size > 0 && (uint64_t)sb.st_size < SIZE_MAX - 1)
            cap = (size_t)sb.st_size + 1; /* +1: see EOF without growing */
    }
    unsigned char *buf = dj_malloc(cap);
    if (!buf) {
        close(fd);
        return nomem(err);
    }
    size_t len = 0;
    for (;;) {
        if (len == cap) {
            if (cap > SIZE_MAX / 2) {
                dj_free(buf);
                close(fd);
                return nomem(err);
            }
            unsigned char *nb = dj_realloc(buf, cap * 2);
            if (!nb) {
                dj_free(buf);
                close(fd);
                return nomem(err);
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
