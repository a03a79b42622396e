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

/* The strings section: the count, then each (length, bytes) in order. */
static unsigned char *put_strings(unsigned char *p, const dj_dataset *ds, const uint32_t *order, uint32_t ns)
{
    put_u32(p, ns);
    p += 4;
    for (uint32_t i = 0; i < ns; i++) {
        size_t sl;
        const char *s = dj_str_at(&ds->str, order[i], &sl);
        put_u32(p, (uint32_t)sl);
        if (sl)
            memcpy(p + 4, s, sl);
        p += 4 + sl;
    }
    return p;
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

    p = put_strings(p, ds, sorder, ns);

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
    put_u32(out + 12, snap_crc32(out + SNAP_HEADER, payload));
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

dj_status snap_io_error(dj_error *err, const char *verb, const char *path, int e)
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
        st = snap_io_error(err, "write", path, errno);
        goto done;
    }
    if (!write_all(fd, bytes, len) || fsync(fd) != 0) {
        e = errno;
        close(fd);
        unlink(tmp);
        st = snap_io_error(err, "write", path, e);
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
    dj_free(bytes);
    dj_free(tmp);
    dj_free(dir);
    return st;
}
