/*
 * record.c - the value rules of one row (people, activities, headcount),
 * docs/ENGINE.md section 2.
 *
 * The parsers check every value of a row in field order, then the checks
 * that relate values within the row (people: stage order, then left_on
 * against the start). The checks that need other rows (duplicate ids,
 * unknown or duplicate participants, duplicate headcount dates) are the
 * dataset's (dj_dataset_*_add, dj_dataset_set_headcount).
 */
#include "dj.h"
#include "dj_fields.h"
#include "dj_utf8.h"

#include <stdio.h>
#include <string.h>

/* "<path>: <why>" as an InvalidRecord of row `row` breaking `rule`. */
static dj_status fail(dj_error *err, const char *rule, size_t row, const char *path, const char *why)
{
    return dj_error_record(err, rule, row, path, "%s", why);
}

/* "<v> <rest>" at path. */
static dj_status fail_value(dj_error *err, const char *rule, size_t row, const char *path, const dj_value *v,
                            const char *rest)
{
    char d[64];
    dj_value_describe(v, d, sizeof d);
    return dj_error_record(err, rule, row, path, "%s %s", d, rest);
}

/* A required value's failure: "is required" when absent, else the rule's text. */
static dj_status fail_req(dj_error *err, int r, const char *rule, size_t row, const char *path,
                          const char *why)
{
    return r == DJ_ABSENT ? fail(err, "required", row, path, "is required") : fail(err, rule, row, path, why);
}

/* ------------------------------------------------------------------ people */

/* left_reason: null, missing or '' is none (a database column's empty
 * default); otherwise exactly one of the four words. Returns 1 and sets
 * *out, or 0. */
static int parse_left_reason(const dj_value *v, uint8_t *out)
{
    static const char *const names[] = {"transfer", "death", "cancelled", "other"};
    static const uint8_t codes[] = {DJ_LEFT_TRANSFER, DJ_LEFT_DEATH, DJ_LEFT_CANCELLED, DJ_LEFT_OTHER};
    if (v->type == DJ_V_MISSING || v->type == DJ_V_NULL || (v->type == DJ_V_STRING && v->u.s.len == 0)) {
        *out = DJ_LEFT_NONE;
        return 1;
    }
    if (v->type != DJ_V_STRING)
        return 0;
    for (size_t k = 0; k < 4; k++) {
        if (v->u.s.len == strlen(names[k]) && memcmp(v->u.s.p, names[k], v->u.s.len) == 0) {
            *out = codes[k];
            return 1;
        }
    }
    return 0;
}

/* Checks one people row: its value rules, then the stage order and left_on
 * against the start. On success fills *out (dates DJ_NO_DATE when absent)
 * and returns DJ_OK; on failure returns DJ_E_RECORD with
 * "people[index].<field>: <text>" in err, and *out is unspecified. */
dj_status dj_person_parse(const dj_person_in *in, size_t index, dj_person_rec *out, dj_error *err)
{
    char path[96];
    dj_why w;
    int r;

    if (in->row.type != DJ_V_ARRAY) {
        snprintf(path, sizeof path, "people[%zu]", index);
        return fail_value(err, "row", index, path, &in->row, "is not a row");
    }
    memset(out, 0, sizeof *out);

    r = dj_parse_id(&in->id, &out->id, &w);
    if (r != 1) {
        snprintf(path, sizeof path, "people[%zu].id", index);
        return fail_req(err, r, "id", index, path, w.why);
    }
    if (!dj_parse_bool(&in->is_staff, &out->is_staff, &w)) {
        snprintf(path, sizeof path, "people[%zu].is_staff", index);
        return fail(err, "boolean", index, path, w.why);
    }
    /* the seven roster dates, then hired_on (checked before left_reason) */
    for (int k = 0; k < DJ_PERSON_DATES; k++) {
        r = dj_parse_date(&in->dates[k], &out->dates[k], &w);
        if (r == DJ_ABSENT) {
            out->dates[k] = DJ_NO_DATE;
        } else if (!r) {
            snprintf(path, sizeof path, "people[%zu].%s", index, dj_person_date_name(k));
            return fail(err, "date", index, path, w.why);
        }
    }
    if (!parse_left_reason(&in->left_reason, &out->left_reason)) {
        snprintf(path, sizeof path, "people[%zu].left_reason", index);
        return fail_value(err, "left_reason", index, path, &in->left_reason,
                          "is not a leaving reason (transfer, death, cancelled or other)");
    }
    return dj_person_check(out, index, err);
}

/* The checks that relate a person's values (dj.h). */
dj_status dj_person_check(const dj_person_rec *out, size_t index, dj_error *err)
{
    char path[96];

    /* stage order: each present stage date against the previous present one */
    int prev = -1;
    for (int k = DJ_STAGE_APPLIED; k <= DJ_STAGE_FULL; k++) {
        if (out->dates[k] == DJ_NO_DATE)
            continue;
        if (prev >= 0 && out->dates[k] < out->dates[prev]) {
            char a[11], b[11];
            dj_date_format(out->dates[k], a);
            dj_date_format(out->dates[prev], b);
            snprintf(path, sizeof path, "people[%zu].%s", index, dj_person_date_name(k));
            return dj_error_record(err, "stage_order", index, path, "%s is before %s %s", a,
                                   dj_person_date_name(prev), b);
        }
        prev = k;
    }

    /* left_on against the start: joined_on if set, else the earliest stage date */
    if (out->dates[DJ_LEFT] != DJ_NO_DATE) {
        int32_t start = out->dates[DJ_JOINED];
        if (start == DJ_NO_DATE) {
            for (int k = DJ_STAGE_APPLIED; k <= DJ_STAGE_FULL; k++)
                if (out->dates[k] != DJ_NO_DATE && (start == DJ_NO_DATE || out->dates[k] < start))
                    start = out->dates[k];
        }
        if (start != DJ_NO_DATE && out->dates[DJ_LEFT] < start) {
            char a[11], b[11];
            dj_date_format(out->dates[DJ_LEFT], a);
            dj_date_format(start, b);
            snprintf(path, sizeof path, "people[%zu].left_on", index);
            return dj_error_record(err, "left_before_start", index, path, "%s is before the start %s", a, b);
        }
    }
    return DJ_OK;
}

/* -------------------------------------------------------------- activities */

/* An amount field with default 0; on failure writes the error for
 * "activities[index].<field>". */
static dj_status activity_amount(const dj_value *v, size_t index, const char *field, int64_t *out,
                                 dj_error *err)
{
    dj_why w;
    int r = dj_parse_amount(v, out, &w);
    if (r == DJ_ABSENT) {
        *out = 0;
    } else if (!r) {
        char path[96];
        snprintf(path, sizeof path, "activities[%zu].%s", index, field);
        return fail(err, "amount", index, path, w.why);
    }
    return DJ_OK;
}

/* A name (venue, v2 project): null or missing is none; else a string of
 * valid UTF-8 of at most 200 bytes (before trimming), then trimmed ("" with
 * length 0 when blank). */
static dj_status activity_name(const dj_value *vn, size_t index, const char *field, const char **out,
                               size_t *out_len, dj_error *err)
{
    if (vn->type == DJ_V_MISSING || vn->type == DJ_V_NULL) {
        *out = "";
        *out_len = 0;
        return DJ_OK;
    }
    if (vn->type != DJ_V_STRING || vn->u.s.len > 200 || !dj_utf8_valid(vn->u.s.p, vn->u.s.len)) {
        char path[96], rest[80];
        snprintf(path, sizeof path, "activities[%zu].%s", index, field);
        snprintf(rest, sizeof rest, "is not a %s name (UTF-8 text of at most 200 bytes)", field);
        return fail_value(err, field, index, path, vn, rest);
    }
    const char *p = vn->u.s.p;
    size_t len = vn->u.s.len;
    dj_trim_name(&p, &len);
    *out = len ? p : "";
    *out_len = len;
    return DJ_OK;
}

/* Checks one activity row's values in field order, then each participant's
 * id and hours. On success fills *out and returns DJ_OK: out->kind,
 * out->venue_kind and out->venue point into the input strings (venue
 * trimmed; "" with length 0 when absent), out->parts is parts_buf, which the
 * caller provides with room for in->n_parts entries (array_form set from
 * each entry's type). On failure returns
 * DJ_E_RECORD with "activities[index]...: <text>" in err; *out and parts_buf
 * are then unspecified. Unknown and duplicate participants are not checked
 * here (dj_dataset_activity_add does). */
dj_status dj_activity_parse(const dj_activity_in *in, size_t index, dj_activity_rec *out,
                            dj_participant_rec *parts_buf, dj_error *err)
{
    char path[128];
    dj_why w;
    int r;
    dj_status st;

    if (in->row.type != DJ_V_ARRAY) {
        snprintf(path, sizeof path, "activities[%zu]", index);
        return fail_value(err, "row", index, path, &in->row, "is not a row");
    }
    memset(out, 0, sizeof *out);

    r = dj_parse_id(&in->id, &out->id, &w);
    if (r != 1) {
        snprintf(path, sizeof path, "activities[%zu].id", index);
        return fail_req(err, r, "id", index, path, w.why);
    }
    r = dj_parse_date(&in->date, &out->date, &w);
    if (r != 1) {
        snprintf(path, sizeof path, "activities[%zu].date", index);
        return fail_req(err, r, "date", index, path, w.why);
    }

    const dj_value *c = &in->category;
    if (c->type == DJ_V_STRING && c->u.s.len == 7 && memcmp(c->u.s.p, "service", 7) == 0)
        out->category = DJ_CAT_SERVICE;
    else if (c->type == DJ_V_STRING && c->u.s.len == 7 && memcmp(c->u.s.p, "meeting", 7) == 0)
        out->category = DJ_CAT_MEETING;
    else {
        /* the path is printed only for a refusal (a valid row costs no snprintf) */
        snprintf(path, sizeof path, "activities[%zu].category", index);
        if (c->type == DJ_V_MISSING || c->type == DJ_V_NULL)
            return fail(err, "required", index, path, "is required");
        return fail_value(err, "category", index, path, c, "is not a category (service or meeting)");
    }

    r = dj_parse_slug(&in->kind, 0, &w);
    if (r != 1) {
        snprintf(path, sizeof path, "activities[%zu].kind", index);
        return fail_req(err, r, "slug", index, path, w.why);
    }
    out->kind = in->kind.u.s.p;
    out->kind_len = in->kind.u.s.len;

    if ((st = activity_amount(&in->hours, index, "hours", &out->hours, err)) != DJ_OK)
        return st;
    if ((st = activity_amount(&in->fee_waived, index, "fee_waived", &out->fee_waived, err)) != DJ_OK)
        return st;
    if ((st = activity_amount(&in->donation, index, "donation", &out->donation, err)) != DJ_OK)
        return st;

    r = dj_parse_count(&in->beneficiaries, &out->beneficiaries, &w);
    if (r == DJ_ABSENT) {
        out->beneficiaries = 0;
    } else if (!r) {
        snprintf(path, sizeof path, "activities[%zu].beneficiaries", index);
        return fail(err, "count", index, path, w.why);
    }

    r = dj_parse_slug(&in->venue_kind, 1, &w);
    if (r == DJ_ABSENT) {
        out->venue_kind = "";
        out->venue_kind_len = 0;
    } else if (!r) {
        snprintf(path, sizeof path, "activities[%zu].venue_kind", index);
        return fail(err, "slug", index, path, w.why);
    } else {
        out->venue_kind = in->venue_kind.u.s.len ? in->venue_kind.u.s.p : "";
        out->venue_kind_len = in->venue_kind.u.s.len;
    }

    if ((st = activity_name(&in->venue, index, "venue", &out->venue, &out->venue_len, err)) != DJ_OK)
        return st;
    if ((st = activity_name(&in->project, index, "project", &out->project, &out->project_len, err)) != DJ_OK)
        return st;

    const dj_value *pv = &in->participants;
    out->parts = parts_buf;
    out->n_parts = 0;
    if (pv->type == DJ_V_MISSING || pv->type == DJ_V_NULL)
        return DJ_OK;
    if (pv->type != DJ_V_ARRAY) {
        snprintf(path, sizeof path, "activities[%zu].participants", index);
        return fail_value(err, "participants", index, path, pv, "is not a list of participants");
    }
    for (size_t j = 0; j < in->n_parts; j++) {
        const dj_participant_in *pi = &in->parts[j];
        dj_participant_rec *pr = &parts_buf[j];
        pr->array_form = pi->entry.type == DJ_V_ARRAY;
        if (pr->array_form) {
            r = dj_parse_id(&pi->id, &pr->person_id, &w);
            if (r != 1) {
                snprintf(path, sizeof path, "activities[%zu].participants[%zu].id", index, j);
                return fail_req(err, r, "id", index, path, w.why);
            }
            r = dj_parse_amount(&pi->hours, &pr->hours, &w);
            if (r == DJ_ABSENT) {
                pr->hours = out->hours;
            } else if (!r) {
                snprintf(path, sizeof path, "activities[%zu].participants[%zu].hours", index, j);
                return fail(err, "amount", index, path, w.why);
            }
        } else {
            /* a bare id: null is a bad id here, not an absent one */
            if (dj_parse_id(&pi->entry, &pr->person_id, &w) != 1) {
                snprintf(path, sizeof path, "activities[%zu].participants[%zu]", index, j);
                return fail_value(err, "id", index, path, &pi->entry,
                                  "is not an id (an integer from 1 to 2147483647)");
            }
            pr->hours = out->hours;
        }
    }
    out->n_parts = in->n_parts;
    return DJ_OK;
}

/* --------------------------------------------------------------- headcount */

/* Checks one headcount point: the row, then date and count (both required).
 * On success fills *out and returns DJ_OK; on failure DJ_E_RECORD with
 * "headcount[index]...: <text>". Duplicate dates are the dataset's. */
dj_status dj_headcount_parse(const dj_headcount_in *in, size_t index, dj_headcount_rec *out, dj_error *err)
{
    char path[96];
    dj_why w;
    int r;

    if (in->row.type != DJ_V_ARRAY) {
        snprintf(path, sizeof path, "headcount[%zu]", index);
        return fail_value(err, "row", index, path, &in->row, "is not a row");
    }
    r = dj_parse_date(&in->date, &out->date, &w);
    if (r != 1) {
        snprintf(path, sizeof path, "headcount[%zu].date", index);
        return fail_req(err, r, "date", index, path, w.why);
    }
    r = dj_parse_count(&in->count, &out->count, &w);
    if (r != 1) {
        snprintf(path, sizeof path, "headcount[%zu].count", index);
        return fail_req(err, r, "count", index, path, w.why);
    }
    return DJ_OK;
}
