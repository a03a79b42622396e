/*
 * snapshot_internal.h - what the snapshot files share (snapshot.c: writing,
 * parsing a buffer and the value checks; snapshot_read.c: the file reader;
 * snap_crc.c: the CRC-32). The format: docs/snapshot.md.
 */
#ifndef DJ_SNAPSHOT_INTERNAL_H
#define DJ_SNAPSHOT_INTERNAL_H

#include "dataset_internal.h"

#include <string.h>

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

typedef struct {
    uint32_t t[8][256];
} crc_tables;

void snap_crc_init(crc_tables *c);
uint32_t snap_crc_slice8_tab(const crc_tables *c, uint32_t crc, const unsigned char *p, size_t n);
#ifdef SNAP_CLMUL
uint32_t snap_crc_clmul(uint32_t crc, const unsigned char *p, size_t n);
int snap_crc_have_clmul(void);
#endif
/* The zlib CRC-32 of n bytes. */
uint32_t snap_crc32(const unsigned char *p, size_t n);
/* Tests only: when set, the CRC never uses the carry-less multiply. */
extern int dj_snapshot_crc_portable;

/* ------------------------------------------------------ little-endian I/O */

#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
#define SNAP_LE 1
#endif

static inline void put_u32(unsigned char *p, uint32_t v)
{
    p[0] = (unsigned char)v;
    p[1] = (unsigned char)(v >> 8);
    p[2] = (unsigned char)(v >> 16);
    p[3] = (unsigned char)(v >> 24);
}

static inline void put_u64(unsigned char *p, uint64_t v)
{
    put_u32(p, (uint32_t)v);
    put_u32(p + 4, (uint32_t)(v >> 32));
}

static inline uint32_t get_u32(const unsigned char *p)
{
#ifdef SNAP_LE
    uint32_t v;
    memcpy(&v, p, 4); /* one load */
    return v;
#else
    return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
#endif
}

static inline uint64_t get_u64(const unsigned char *p)
{
#ifdef SNAP_LE
    uint64_t v;
    memcpy(&v, p, 8);
    return v;
#else
    return (uint64_t)get_u32(p) | (uint64_t)get_u32(p + 4) << 32;
#endif
}

static inline int64_t get_i64(const unsigned char *p)
{
    uint64_t u = get_u64(p);
    int64_t v;
    memcpy(&v, &u, 8);
    return v;
}

/* n 32-bit values (int32_t or uint32_t) to little-endian bytes; returns the
 * end. */
static inline unsigned char *put_col32(unsigned char *p, const void *src, size_t n)
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
static inline void get_col32(void *dst, const unsigned char *p, size_t n)
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

/* Errors: "snapshot <label>: <what>"; out of memory; "cannot <verb> <path>: <strerror>". */
dj_status snap_corrupt(dj_error *err, const char *label, const char *what);
dj_status snap_nomem(dj_error *err);
dj_status snap_io_error(dj_error *err, const char *verb, const char *path, int e);
/* A block of n elements of size sz (at least one), advised to huge pages when large. */
void *snap_block(size_t n, size_t sz);
/* The value stage (snapshot.c): checks every column of ds (filled from the
 * file) and the strings and side tables; *out = ds on success, else ds is
 * released. */
dj_status snap_values(dj_dataset *ds, const unsigned char *strings, uint32_t ns, size_t sbytes,
                      const uint32_t cnt[S_N], const unsigned char *const big[4], const char *label,
                      dj_dataset **out, dj_error *err);
/* The whole snapshot in a buffer (snapshot.c). */
dj_status snap_parse(const unsigned char *d, size_t len, const char *label, dj_dataset **out, dj_error *err);

#endif
