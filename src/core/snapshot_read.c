/*
 * snapshot_read.c - dj_snapshot_load: the snapshot file read once, in file
 * order (docs/snapshot.md "Loading"); anything unusual falls back to
 * snap_parse (snapshot.c) on the whole file in one buffer.
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
        r->crc = snap_crc_clmul(r->crc, p, whole);
        p += whole;
        n -= whole;
    }
#endif
    r->crc = snap_crc_slice8_tab(&r->tab, r->crc, p, n);
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

/* A side table of big amounts into a new snap_block as it is in the file
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

/* The columns of people, headcount, kinds, places and activities, each
 * count bounded by the payload left before its blocks are allocated and read
 * into. RD_OK, RD_SLOW (anything unexpected) or RD_NOMEM. */
static int rd_columns(snap_reader *r, dj_dataset *ds, uint32_t cnt[S_N])
{
    if (!rd_count(r, PERSON_BYTES, &cnt[S_PEOPLE]))
        return RD_SLOW;
    size_t n = cnt[S_PEOPLE];
    ds->p_id = snap_block(n, 4);
    ds->p_staff = snap_block(n, 1);
    ds->p_reason = snap_block(n, 1);
    int ok = ds->p_id && ds->p_staff && ds->p_reason;
    for (int k = 0; k < DJ_PERSON_DATES; k++)
        ok &= (ds->p_date[k] = snap_block(n, 4)) != NULL;
    ds->np_cap = n ? n : 1;
    if (!ok) {
        return RD_NOMEM;
    }
    if (!rd_take(r, ds->p_id, 4 * n) || !rd_take(r, ds->p_staff, n) || !rd_take(r, ds->p_reason, n))
        return RD_SLOW;
    for (int k = 0; k < DJ_PERSON_DATES; k++)
        if (!rd_take(r, ds->p_date[k], 4 * n))
            return RD_SLOW;

    if (!rd_count(r, HEADCOUNT_BYTES, &cnt[S_HEADCOUNT]))
        return RD_SLOW;
    n = cnt[S_HEADCOUNT];
    ds->h_date = snap_block(n, 4);
    ds->h_count = snap_block(n, 4);
    if (!ds->h_date || !ds->h_count) {
        return RD_NOMEM;
    }
    if (!rd_take(r, ds->h_date, 4 * n) || !rd_take(r, ds->h_count, 4 * n))
        return RD_SLOW;

    if (!rd_count(r, KIND_BYTES, &cnt[S_KINDS]))
        return RD_SLOW;
    n = cnt[S_KINDS];
    dj_pairtab *t = &ds->kinds;
    t->a = snap_block(n, 4);
    t->b = snap_block(n, 4);
    t->cap = (uint32_t)(n ? n : 1);
    if (!t->a || !t->b) {
        return RD_NOMEM;
    }
    /* the u8 categories into the start of a, then widened in place
     * from the end (a[k] covers bytes 4k.., past byte k) */
    if (!rd_take(r, t->a, n) || !rd_take(r, t->b, 4 * n))
        return RD_SLOW;
    for (size_t k = n; k-- > 0;)
        t->a[k] = ((const unsigned char *)t->a)[k];

    if (!rd_count(r, PLACE_BYTES, &cnt[S_PLACES]))
        return RD_SLOW;
    n = cnt[S_PLACES];
    t = &ds->places;
    t->a = snap_block(n, 4);
    t->b = snap_block(n, 4);
    t->cap = (uint32_t)(n ? n : 1);
    if (!t->a || !t->b) {
        return RD_NOMEM;
    }
    if (!rd_take(r, t->a, 4 * n) || !rd_take(r, t->b, 4 * n))
        return RD_SLOW;

    if (!rd_count(r, ACTIVITY_BYTES, &cnt[S_ACTS]))
        return RD_SLOW;
    n = cnt[S_ACTS];
    uint32_t *col[9];
    col[0] = (uint32_t *)(void *)(ds->a_id = snap_block(n, 4));
    col[1] = (uint32_t *)(void *)(ds->a_date = snap_block(n, 4));
    col[2] = ds->a_kind = snap_block(n, 4);
    col[3] = ds->a_place = snap_block(n, 4);
    col[4] = ds->a_proj = snap_block(n, 4);
    col[5] = ds->a_hours = snap_block(n, 4);
    col[6] = ds->a_fee = snap_block(n, 4);
    col[7] = ds->a_don = snap_block(n, 4);
    col[8] = (uint32_t *)(void *)(ds->a_benef = snap_block(n, 4));
    dj_free(ds->a_start);
    ds->a_start = snap_block(n ? (size_t)n + 1 : 2, 4);
    ds->na_cap = n ? n : 1;
    ok = ds->a_start != NULL;
    for (int k = 0; k < 9; k++)
        ok &= col[k] != NULL;
    if (!ok) {
        return RD_NOMEM;
    }
    ds->a_start[0] = 0;
    for (int k = 0; k < 9; k++)
        if (!rd_take(r, col[k], 4 * n))
            return RD_SLOW;
    if (!rd_take(r, ds->a_start + 1, 4 * n))
        return RD_SLOW;
    return RD_OK;
}

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
    snap_crc_init(&r->tab);
#ifdef SNAP_CLMUL
    r->clmul = !dj_snapshot_crc_portable && snap_crc_have_clmul();
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
    if ((res = rd_columns(r, ds, cnt)) != RD_OK)
        goto done;
    res = RD_SLOW;
    /* (rd_big gives NULL when out of memory too: the slow path decides) */
    for (int k = 0; k < 3; k++)
        if (!(big[k] = rd_big(r, &cnt[S_BIG_HOURS + k])))
            goto done;
    {
        if (!rd_count(r, PART_BYTES, &cnt[S_PARTS]))
            goto done;
        size_t m = cnt[S_PARTS];
        ds->m_person = snap_block(m, 4);
        ds->m_hours = snap_block(m, 4);
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
 * straight into its snap_block, each byte once); anything unexpected there, and
 * any other file, is read whole into one buffer for snap_parse. */
dj_status dj_snapshot_load(const char *path, dj_dataset **out, dj_error *err)
{
    *out = NULL;
    /* O_NONBLOCK: opening a FIFO must not wait for a writer (it is refused
     * below); it changes nothing for a regular file */
    int fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK);
    if (fd < 0)
        return snap_io_error(err, "read", path, errno);
    struct stat sb;
    size_t cap = 4096;
    if (fstat(fd, &sb) != 0) {
        int e = errno;
        close(fd);
        return snap_io_error(err, "read", path, e);
    }
    if (!S_ISREG(sb.st_mode)) {
        /* only a regular file is read (issue 11, item 13): /dev/zero or a
         * FIFO would never end, a device could block */
        close(fd);
        if (S_ISDIR(sb.st_mode))
            return snap_io_error(err, "read", path, EISDIR);
        return dj_error_set(err, DJ_E_IO, "cannot read %s: not a regular file", path);
    }
    if (sb.st_size > 0 && (uint64_t)sb.st_size < SIZE_MAX - 1) {
        dj_status st = DJ_OK;
        int res = snap_read_fast(fd, (uint64_t)sb.st_size, path, out, &st, err);
        if (res == RD_OK) {
            close(fd);
            return st;
        }
        if (res == RD_NOMEM) {
            close(fd);
            return snap_nomem(err);
        }
        if (lseek(fd, 0, SEEK_SET) != 0) {
            int e = errno;
            close(fd);
            return snap_io_error(err, "read", path, e);
        }
        if (fstat(fd, &sb) == 0 && sb.st_size > 0 && (uint64_t)sb.st_size < SIZE_MAX - 1)
            cap = (size_t)sb.st_size + 1; /* +1: see EOF without growing */
    }
    unsigned char *buf = dj_malloc(cap);
    if (!buf) {
        close(fd);
        return snap_nomem(err);
    }
    size_t len = 0;
    for (;;) {
        if (len == cap) {
            if (cap > SIZE_MAX / 2) {
                dj_free(buf);
                close(fd);
                return snap_nomem(err);
            }
            unsigned char *nb = dj_realloc(buf, cap * 2);
            if (!nb) {
                dj_free(buf);
                close(fd);
                return snap_nomem(err);
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
            return snap_io_error(err, "read", path, e);
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
