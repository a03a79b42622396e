/*
 * dataset_rows.c - the dataset's headcount points, the adds from dj_value
 * rows (parse + begin/add/commit), read access and the memory count.
 */
#include "dataset_internal.h"

#include "dj_alloc.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static dj_status dj_nomem(dj_error *err)
{
    return dj_error_set(err, DJ_E_NOMEM, "out of memory");
}

/* ------------------------------------------------------------ headcount */

typedef struct {
    int32_t date, count;
    size_t pos;
} dj_hpoint;

static int dj_hpoint_cmp(const void *a, const void *b)
{
    const dj_hpoint *x = a, *y = b;
    if (x->date != y->date)
        return x->date < y->date ? -1 : 1;
    return x->pos < y->pos ? -1 : x->pos > y->pos;
}

/* Replaces the headcount points with pts (any order). Two points on one date
 * fail with DJ_E_RECORD "headcount[i].date: duplicate date YYYY-MM-DD", i the
 * later position; a shared dataset fails with DJ_E_RECORD; DJ_E_NOMEM. On
 * failure the old points stay. */
dj_status dj_dataset_set_headcount(dj_dataset *ds, const dj_headcount_rec *pts, size_t n, dj_error *err)
{
    if (ds->refcount > 1)
        return dj_error_set(err, DJ_E_RECORD, "the dataset is shared and read-only");
    if (n > SIZE_MAX / sizeof(dj_hpoint))
        return dj_nomem(err);
    dj_hpoint *tmp = dj_malloc((n ? n : 1) * sizeof *tmp);
    int32_t *dates = dj_malloc((n ? n : 1) * sizeof *dates);
    int32_t *counts = dj_malloc((n ? n : 1) * sizeof *counts);
    if (!tmp || !dates || !counts) {
        dj_free(tmp);
        dj_free(dates);
        dj_free(counts);
        return dj_nomem(err);
    }
    for (size_t i = 0; i < n; i++) {
        tmp[i].date = pts[i].date;
        tmp[i].count = pts[i].count;
        tmp[i].pos = i;
    }
    qsort(tmp, n, sizeof *tmp, dj_hpoint_cmp);
    size_t bad = SIZE_MAX;
    for (size_t i = 1; i < n; i++)
        if (tmp[i].date == tmp[i - 1].date && (i < 2 || tmp[i - 2].date != tmp[i].date) && tmp[i].pos < bad)
            bad = tmp[i].pos;
    if (bad != SIZE_MAX) {
        char d[11];
        dj_date_format(pts[bad].date, d);
        dj_free(tmp);
        dj_free(dates);
        dj_free(counts);
        char path[64];
        snprintf(path, sizeof path, "headcount[%zu].date", bad);
        return dj_error_record(err, "duplicate_date", bad, path, "duplicate date %s", d);
    }
    for (size_t i = 0; i < n; i++) {
        dates[i] = tmp[i].date;
        counts[i] = tmp[i].count;
    }
    dj_free(tmp);
    dj_free(ds->h_date);
    dj_free(ds->h_count);
    ds->h_date = dates;
    ds->h_count = counts;
    ds->nh = n;
    return DJ_OK;
}

/* --------------------------------------------------- from dj_value rows */

/* Parses and adds people rows, all or nothing. On failure returns the
 * parser's or add's status (DJ_E_RECORD with the row's message, DJ_E_NOMEM)
 * and the dataset is unchanged. */
dj_status dj_dataset_add_people_in(dj_dataset *ds, const dj_person_in *rows, size_t n, dj_error *err)
{
    dj_status st = dj_dataset_people_begin(ds, n, err);
    if (st != DJ_OK)
        return st;
    for (size_t i = 0; i < n; i++) {
        dj_person_rec rec;
        st = dj_person_parse(&rows[i], i, &rec, err);
        if (st == DJ_OK)
            st = dj_dataset_person_add(ds, &rec, i, err);
        if (st != DJ_OK) {
            dj_dataset_rollback(ds);
            return st;
        }
    }
    dj_dataset_commit(ds);
    return DJ_OK;
}

/* Parses and adds activity rows, all or nothing; participants' array form is
 * taken from each entry's type. Failure as for add_people_in. */
dj_status dj_dataset_add_activities_in(dj_dataset *ds, const dj_activity_in *rows, size_t n, dj_error *err)
{
    size_t parts = 0, most = 1;
    for (size_t i = 0; i < n; i++) {
        size_t k = rows[i].participants.type == DJ_V_ARRAY ? rows[i].n_parts : 0;
        parts += k;
        if (k > most)
            most = k;
    }
    dj_participant_rec *buf = dj_calloc(most, sizeof *buf);
    if (!buf)
        return dj_nomem(err);
    dj_status st = dj_dataset_activities_begin(ds, n, parts, err);
    if (st != DJ_OK) {
        dj_free(buf);
        return st;
    }
    for (size_t i = 0; i < n; i++) {
        dj_activity_rec rec;
        st = dj_activity_parse(&rows[i], i, &rec, buf, err);
        if (st == DJ_OK) {
            for (size_t j = 0; j < rec.n_parts && j < rows[i].n_parts; j++)
                buf[j].array_form = rows[i].parts[j].entry.type == DJ_V_ARRAY;
            st = dj_dataset_activity_add(ds, &rec, i, err);
        }
        if (st != DJ_OK) {
            dj_dataset_rollback(ds);
            dj_free(buf);
            return st;
        }
    }
    dj_dataset_commit(ds);
    dj_free(buf);
    return DJ_OK;
}

/* Parses the points and replaces the headcount, all or nothing. */
dj_status dj_dataset_set_headcount_in(dj_dataset *ds, const dj_headcount_in *rows, size_t n, dj_error *err)
{
    if (ds->refcount > 1)
        return dj_error_set(err, DJ_E_RECORD, "the dataset is shared and read-only");
    if (n > SIZE_MAX / sizeof(dj_headcount_rec))
        return dj_nomem(err);
    dj_headcount_rec *recs = dj_malloc((n ? n : 1) * sizeof *recs);
    if (!recs)
        return dj_nomem(err);
    for (size_t i = 0; i < n; i++) {
        dj_status st = dj_headcount_parse(&rows[i], i, &recs[i], err);
        if (st != DJ_OK) {
            dj_free(recs);
            return st;
        }
    }
    dj_status st = dj_dataset_set_headcount(ds, recs, n, err);
    dj_free(recs);
    return st;
}

/* ------------------------------------------------------------ read access */

size_t dj_dataset_people_count(const dj_dataset *ds)
{
    return ds->np;
}

size_t dj_dataset_activities_count(const dj_dataset *ds)
{
    return ds->na;
}

size_t dj_dataset_participations_count(const dj_dataset *ds)
{
    return ds->nm;
}

size_t dj_dataset_headcount_count(const dj_dataset *ds)
{
    return ds->nh;
}

/* Copies committed person i (i < people_count) into *out. */
void dj_dataset_person_get(const dj_dataset *ds, size_t i, dj_person_rec *out)
{
    out->id = ds->p_id[i];
    out->is_staff = ds->p_staff[i];
    out->left_reason = ds->p_reason[i];
    for (int k = 0; k < DJ_PERSON_DATES; k++)
        out->dates[k] = ds->p_date[k][i];
}

/* The number of participants of committed activity i. */
size_t dj_dataset_activity_parts(const dj_dataset *ds, size_t i)
{
    return ds->a_start[i + 1] - ds->a_start[i];
}

/* Copies committed activity i into *out; its participants go to parts_buf
 * (room for dj_dataset_activity_parts(ds, i)), strings point into the
 * dataset (valid until the next add). */
void dj_dataset_activity_get(const dj_dataset *ds, size_t i, dj_activity_rec *out,
                             dj_participant_rec *parts_buf)
{
    uint32_t k = ds->a_kind[i], pl = ds->a_place[i];
    out->id = ds->a_id[i];
    out->date = ds->a_date[i];
    out->category = (uint8_t)ds->kinds.a[k];
    out->kind = dj_str_at(&ds->str, ds->kinds.b[k], &out->kind_len);
    out->venue_kind = dj_str_at(&ds->str, ds->places.a[pl], &out->venue_kind_len);
    out->venue = dj_str_at(&ds->str, ds->places.b[pl], &out->venue_len);
    out->project = dj_str_at(&ds->str, ds->a_proj[i], &out->project_len);
    out->hours = dj_amount_at(ds->a_hours, &ds->big_hours, i);
    out->fee_waived = dj_amount_at(ds->a_fee, &ds->big_fee, i);
    out->donation = dj_amount_at(ds->a_don, &ds->big_don, i);
    out->beneficiaries = ds->a_benef[i];
    size_t m0 = ds->a_start[i], n = ds->a_start[i + 1] - m0;
    for (size_t j = 0; j < n; j++) {
        parts_buf[j].person_id = ds->p_id[ds->m_person[m0 + j]];
        parts_buf[j].hours = dj_amount_at(ds->m_hours, &ds->big_mhours, m0 + j);
        parts_buf[j].array_form = 1;
    }
    out->parts = parts_buf;
    out->n_parts = n;
}

/* Headcount point i, in date order. */
void dj_dataset_headcount_get(const dj_dataset *ds, size_t i, dj_headcount_rec *out)
{
    out->date = ds->h_date[i];
    out->count = ds->h_count[i];
}

/* Bytes held: every column at its allocated capacity, the side tables, the
 * hashes, the string and pair tables, the headcount and the struct. */
size_t dj_dataset_memory(const dj_dataset *ds)
{
    size_t b = sizeof *ds;
    b += ds->np_cap * (4 + 1 + 1 + 4 * DJ_PERSON_DATES);
    b += dj_hash_held(&ds->p_hash);
    b += ds->na_cap * (4 * 9) + (ds->na_cap + 1) * 4;
    b += (ds->big_hours.cap + ds->big_fee.cap + ds->big_don.cap + ds->big_mhours.cap) * sizeof(dj_big);
    b += dj_hash_held(&ds->a_hash);
    b += ds->nm_cap * 8;
    b += ds->stamp_n * 4;
    b += ds->str.bcap + ((size_t)ds->str.ncap + 1) * 4 + dj_hash_held(&ds->str.h);
    b += (size_t)ds->kinds.cap * 8 + dj_hash_held(&ds->kinds.h);
    b += (size_t)ds->places.cap * 8 + dj_hash_held(&ds->places.h);
    b += ds->nh * 8;
    b += dj_cache_bytes(ds->cache);
    return b;
}

/* ------------------------------------------- indexes of adopted columns */
/* For the snapshot loader (snapshot.c), which fills the columns of a new
 * dataset directly and then has the indexes built here, with the same hash
 * functions and table sizes the add path uses. */

