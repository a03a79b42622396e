/*
 * snapshot_write.c - dj_snapshot_dump and dj_snapshot_save: the snapshot
 * bytes in canonical order (docs/snapshot.md), written atomically.
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

/* ---------------------------------------------------------------- writing */

/* Where the bytes go: one buffer (dj_snapshot_dump), or a file through a
 * staging buffer with the CRC carried over each piece (dj_snapshot_save:
 * the columns are written from the dataset itself, never gathered into one
 * copy of the whole snapshot; issue 11, item 17). */
#define OUT_STAGE ((size_t)256 << 10)

typedef struct {
    unsigned char *mem; /* memory: the whole snapshot (header first) */
    size_t pos;
    int fd; /* file: fd >= 0, buf of OUT_STAGE bytes */
    unsigned char *buf;
    size_t blen;
    uint32_t crc; /* the CRC register over the payload written so far */
    int clmul, failed, err_no;
    crc_tables *tab;
} snap_out;

static void out_crc(snap_out *o, const unsigned char *p, size_t n)
{
#ifdef SNAP_CLMUL
    if (o->clmul && n >= 64) {
        size_t whole = n & ~(size_t)15;
        o->crc = snap_crc_clmul(o->crc, p, whole);
        p += whole;
        n -= whole;
    }
#endif
    o->crc = snap_crc_slice8_tab(o->tab, o->crc, p, n);
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

static void out_flush(snap_out *o)
{
    if (o->failed || !o->blen)
        return;
    out_crc(o, o->buf, o->blen);
    if (!write_all(o->fd, o->buf, o->blen)) {
        o->failed = 1;
        o->err_no = errno;
    }
    o->blen = 0;
}

static void out_put(snap_out *o, const void *src, size_t n)
{
    const unsigned char *p = src;
    if (o->failed || n == 0)
        return;
    if (o->mem) {
        memcpy(o->mem + o->pos, p, n);
        o->pos += n;
        return;
    }
    if (n >= OUT_STAGE / 2) { /* a large column: straight from the dataset */
        out_flush(o);
        if (o->failed)
            return;
        out_crc(o, p, n);
        if (!write_all(o->fd, p, n)) {
            o->failed = 1;
            o->err_no = errno;
        }
        return;
    }
    if (OUT_STAGE - o->blen < n)
        out_flush(o);
    memcpy(o->buf + o->blen, p, n);
    o->blen += n;
}

static void out_u32(snap_out *o, uint32_t v)
{
    unsigned char b[4];
    put_u32(b, v);
    out_put(o, b, 4);
}

/* n 32-bit values, little-endian. */
static void out_col32(snap_out *o, const void *src, size_t n)
{
#ifdef SNAP_LE
    out_put(o, src, 4 * n);
#else
    const uint32_t *s = src;
    for (size_t i = 0; i < n; i++)
        out_u32(o, s[i]);
#endif
}

/* n values map[col[i]] (a canonical index), through a small buffer. */
static void out_mapped(snap_out *o, const uint32_t *col, const uint32_t *map, size_t n)
{
    uint32_t tmp[1024];
    for (size_t i = 0; i < n;) {
        size_t k = n - i < 1024 ? n - i : 1024;
        for (size_t j = 0; j < k; j++)
            tmp[j] = map[col[i + j]];
        out_col32(o, tmp, k);
        i += k;
    }
}

/* The entries of a side table below `rows` (a transaction's staged rows are
 * not written). */
static size_t big_count(const dj_bigtab *t, size_t rows)
{
    size_t c = t->n;
    while (c && t->v[c - 1].row >= rows)
        c--;
    return c;
}

static void out_big(snap_out *o, const dj_bigtab *t, size_t c)
{
    out_u32(o, (uint32_t)c);
    for (size_t e = 0; e < c; e++)
        out_u32(o, t->v[e].row);
    for (size_t e = 0; e < c; e++) {
        unsigned char b[8];
        put_u64(b, (uint64_t)t->v[e].value);
        out_put(o, b, 8);
    }
}

/* The canonical order of the tables, whatever the dataset's own (a
 * rolled-back add leaves unused entries): kinds and places in the order
 * activities first use them, strings in the order of first use by activity
 * (kind, venue kind, venue, project); the twin writes the same bytes. */
typedef struct {
    uint32_t *kmap, *pmap, *smap;       /* dataset index -> canonical */
    uint32_t *korder, *porder, *sorder; /* canonical -> dataset index */
    uint32_t nk, npl, ns;
    size_t sbytes, cb[4];
    size_t payload;
} snap_canon;

static void canon_free(snap_canon *c)
{
    dj_free(c->kmap);
    dj_free(c->pmap);
    dj_free(c->smap);
    dj_free(c->korder);
    dj_free(c->porder);
    dj_free(c->sorder);
}

static void canon_see(snap_canon *c, const dj_dataset *ds, uint32_t s)
{
    if (c->smap[s] != UINT32_MAX)
        return;
    c->smap[s] = c->ns;
    c->sorder[c->ns++] = s;
    c->sbytes += ds->str.off[s + 1] - ds->str.off[s];
}

/* Fills c; 0 when out of memory or a count does not fit the format's u32. */
static int canon_build(snap_canon *c, const dj_dataset *ds)
{
    size_t np = ds->np, na = ds->na, nh = ds->nh, m = ds->nm;
    size_t nks = ds->kinds.n, npls = ds->places.n, nss = ds->str.n;
    memset(c, 0, sizeof *c);
    if (np > UINT32_MAX || na > UINT32_MAX || nh > UINT32_MAX || m > UINT32_MAX)
        return 0;
    c->kmap = dj_malloc((nks ? nks : 1) * sizeof *c->kmap);
    c->pmap = dj_malloc((npls ? npls : 1) * sizeof *c->pmap);
    c->smap = dj_malloc(nss * sizeof *c->smap);
    c->korder = dj_malloc((nks ? nks : 1) * sizeof *c->korder);
    c->porder = dj_malloc((npls ? npls : 1) * sizeof *c->porder);
    c->sorder = dj_malloc(nss * sizeof *c->sorder);
    if (!c->kmap || !c->pmap || !c->smap || !c->korder || !c->porder || !c->sorder)
        return 0;
    memset(c->kmap, 0xFF, nks * sizeof *c->kmap);
    memset(c->pmap, 0xFF, npls * sizeof *c->pmap);
    memset(c->smap, 0xFF, nss * sizeof *c->smap);
    c->smap[0] = 0;
    c->sorder[0] = 0;
    c->ns = 1;
    for (size_t i = 0; i < na; i++) {
        uint32_t k = ds->a_kind[i], pl = ds->a_place[i];
        if (c->kmap[k] == UINT32_MAX) {
            c->kmap[k] = c->nk;
            c->korder[c->nk++] = k;
            canon_see(c, ds, ds->kinds.b[k]);
        }
        if (c->pmap[pl] == UINT32_MAX) {
            c->pmap[pl] = c->npl;
            c->porder[c->npl++] = pl;
            canon_see(c, ds, ds->places.a[pl]);
            canon_see(c, ds, ds->places.b[pl]);
        }
        canon_see(c, ds, ds->a_proj[i]);
    }
    c->cb[0] = big_count(&ds->big_hours, na);
    c->cb[1] = big_count(&ds->big_fee, na);
    c->cb[2] = big_count(&ds->big_don, na);
    c->cb[3] = big_count(&ds->big_mhours, m);
    c->payload = 4 + 4 * (size_t)c->ns + c->sbytes + 4 + np * PERSON_BYTES + 4 + nh * HEADCOUNT_BYTES + 4 +
                 c->nk * KIND_BYTES + 4 + c->npl * PLACE_BYTES + 4 + na * ACTIVITY_BYTES + 4 * 4 +
                 BIG_BYTES * (c->cb[0] + c->cb[1] + c->cb[2] + c->cb[3]) + 4 + m * PART_BYTES;
    return 1;
}

/* Strings, people, headcount, kinds and places. */
static void emit_tables(snap_out *o, const dj_dataset *ds, const snap_canon *c)
{
    size_t np = ds->np, nh = ds->nh;
    out_u32(o, c->ns);
    for (uint32_t i = 0; i < c->ns; i++) {
        size_t sl;
        const char *s = dj_str_at(&ds->str, c->sorder[i], &sl);
        out_u32(o, (uint32_t)sl);
        out_put(o, s, sl);
    }
    out_u32(o, (uint32_t)np);
    out_col32(o, ds->p_id, np);
    out_put(o, ds->p_staff, np);
    out_put(o, ds->p_reason, np);
    for (int k = 0; k < DJ_PERSON_DATES; k++)
        out_col32(o, ds->p_date[k], np);
    out_u32(o, (uint32_t)nh);
    out_col32(o, ds->h_date, nh);
    out_col32(o, ds->h_count, nh);
    out_u32(o, c->nk);
    for (uint32_t k = 0; k < c->nk; k++) {
        unsigned char cat = (unsigned char)ds->kinds.a[c->korder[k]];
        out_put(o, &cat, 1);
    }
    for (uint32_t k = 0; k < c->nk; k++)
        out_u32(o, c->smap[ds->kinds.b[c->korder[k]]]);
    out_u32(o, c->npl);
    for (uint32_t k = 0; k < c->npl; k++)
        out_u32(o, c->smap[ds->places.a[c->porder[k]]]);
    for (uint32_t k = 0; k < c->npl; k++)
        out_u32(o, c->smap[ds->places.b[c->porder[k]]]);
}

/* The whole payload, section by section (docs/snapshot.md). */
static void emit_payload(snap_out *o, const dj_dataset *ds, const snap_canon *c)
{
    size_t na = ds->na, m = ds->nm;
    emit_tables(o, ds, c);
    out_u32(o, (uint32_t)na);
    out_col32(o, ds->a_id, na);
    out_col32(o, ds->a_date, na);
    out_mapped(o, ds->a_kind, c->kmap, na);
    out_mapped(o, ds->a_place, c->pmap, na);
    out_mapped(o, ds->a_proj, c->smap, na);
    out_col32(o, ds->a_hours, na);
    out_col32(o, ds->a_fee, na);
    out_col32(o, ds->a_don, na);
    out_col32(o, ds->a_benef, na);
    out_col32(o, ds->a_start + 1, na);
    out_big(o, &ds->big_hours, c->cb[0]);
    out_big(o, &ds->big_fee, c->cb[1]);
    out_big(o, &ds->big_don, c->cb[2]);
    out_u32(o, (uint32_t)m);
    out_col32(o, ds->m_person, m);
    out_col32(o, ds->m_hours, m);
    out_big(o, &ds->big_mhours, c->cb[3]);
}

static void put_header(unsigned char h[SNAP_HEADER], uint32_t crc, size_t payload)
{
    memcpy(h, snap_magic, 8);
    put_u32(h + 8, SNAP_VERSION);
    put_u32(h + 12, crc);
    put_u64(h + 16, payload);
    put_u64(h + 24, 0);
}

/* The snapshot bytes in memory: see dj.h. Returns a buffer owned by the
 * caller (dj_free) with its length in *len, or NULL when out of memory (or
 * when a count does not fit the format's u32). */
unsigned char *dj_snapshot_dump(const dj_dataset *ds, size_t *len)
{
    snap_canon c;
    snap_out o;
    unsigned char *out = NULL;
    memset(&o, 0, sizeof o);
    if (canon_build(&c, ds) && (out = dj_malloc(SNAP_HEADER + c.payload)) != NULL) {
        o.mem = out;
        o.pos = SNAP_HEADER;
        o.fd = -1;
        emit_payload(&o, ds, &c);
        put_header(out, snap_crc32(out + SNAP_HEADER, c.payload), c.payload);
        if (len)
            *len = SNAP_HEADER + c.payload;
    }
    canon_free(&c);
    return out;
}

/* The snapshot into fd (at its start): a zero header, the payload streamed
 * with its CRC, then the header in place. 0 with errno set on failure. */
static int snap_write_fd(int fd, const dj_dataset *ds, const snap_canon *c, int *err_no)
{
    snap_out o;
    unsigned char head[SNAP_HEADER] = {0};
    memset(&o, 0, sizeof o);
    o.fd = fd;
    o.buf = dj_malloc(OUT_STAGE);
    o.tab = dj_malloc(sizeof *o.tab);
    if (!o.buf || !o.tab) {
        dj_free(o.buf);
        dj_free(o.tab);
        *err_no = ENOMEM;
        return 0;
    }
    snap_crc_init(o.tab);
#ifdef SNAP_CLMUL
    o.clmul = !dj_snapshot_crc_portable && snap_crc_have_clmul();
#endif
    o.crc = 0xFFFFFFFFu;
    if (!write_all(fd, head, SNAP_HEADER)) {
        o.failed = 1;
        o.err_no = errno;
    }
    emit_payload(&o, ds, c);
    out_flush(&o);
    if (!o.failed) {
        put_header(head, o.crc ^ 0xFFFFFFFFu, c->payload);
        if (pwrite(fd, head, SNAP_HEADER, 0) != SNAP_HEADER) {
            o.failed = 1;
            o.err_no = errno ? errno : EIO;
        }
    }
    dj_free(o.buf);
    dj_free(o.tab);
    *err_no = o.err_no;
    return !o.failed;
}

dj_status snap_io_error(dj_error *err, const char *verb, const char *path, int e)
{
    return dj_error_set(err, DJ_E_IO, "cannot %s %s: %s", verb, path, strerror(e));
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
    snap_canon c;
    if (!canon_build(&c, ds)) {
        canon_free(&c);
        return dj_error_set(err, DJ_E_NOMEM, "out of memory");
    }
    size_t plen = strlen(path);
    char *tmp = dj_malloc(plen + 64);
    char *dir = dj_malloc(plen + 2);
    if (!tmp || !dir) {
        canon_free(&c);
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
        st = snap_io_error(err, "write", path, errno);
        goto done;
    }
    int wrote = snap_write_fd(fd, ds, &c, &e);
    if (wrote && fsync(fd) != 0) {
        wrote = 0;
        e = errno;
    }
    if (!wrote) {
        close(fd);
        unlink(tmp);
        st = e == ENOMEM ? dj_error_set(err, DJ_E_NOMEM, "out of memory")
                         : snap_io_error(err, "write", path, e);
        goto done;
    }
    if (close(fd) != 0) {
        e = errno;
        unlink(tmp);
        st = snap_io_error(err, "write", path, e);
        goto done;
    }
    if (rename(tmp, path) != 0) {
        e = errno;
        unlink(tmp);
        st = snap_io_error(err, "write", path, e);
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
        st = snap_io_error(err, "write", path, errno);
        goto done;
    }
    /* Some file systems cannot fsync a folder (EINVAL): the rename stands. */
    if (fsync(dfd) != 0 && errno != EINVAL && errno != ENOTSUP) {
        e = errno;
        close(dfd);
        st = snap_io_error(err, "write", path, e);
        goto done;
    }
    close(dfd);
done:
    canon_free(&c);
    dj_free(tmp);
    dj_free(dir);
    return st;
}
