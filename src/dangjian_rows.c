/*
 * dangjian_rows.c - PHP values and rows into the core's dj_value inputs
 * (people and activity rows, participants). Strings are borrowed from the
 * zvals and stay valid for the call.
 */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include "php.h"

#include "dj.h"
#include "dj_fields.h"
#include "dangjian_internal.h"

/* ------------------------------------------------------ PHP -> dj_value */

/* Describes zv (NULL: the key is missing) as a dj_value. Strings are
 * borrowed from the zval and stay valid for the call. */
void dangjian_value(zval *zv, dj_value *v)
{
    memset(v, 0, sizeof *v);
    if (!zv) {
        v->type = DJ_V_MISSING;
        return;
    }
    ZVAL_DEREF(zv);
    switch (Z_TYPE_P(zv)) {
    case IS_UNDEF:
        v->type = DJ_V_MISSING;
        break;
    case IS_NULL:
        v->type = DJ_V_NULL;
        break;
    case IS_FALSE:
        v->type = DJ_V_BOOL;
        v->u.b = 0;
        break;
    case IS_TRUE:
        v->type = DJ_V_BOOL;
        v->u.b = 1;
        break;
    case IS_LONG:
        v->type = DJ_V_INT;
        v->u.i = (int64_t)Z_LVAL_P(zv);
        break;
    case IS_DOUBLE:
        v->type = DJ_V_FLOAT;
        v->u.d = Z_DVAL_P(zv);
        break;
    case IS_STRING:
        v->type = DJ_V_STRING;
        v->u.s.p = Z_STRVAL_P(zv);
        v->u.s.len = Z_STRLEN_P(zv);
        break;
    case IS_ARRAY:
        v->type = DJ_V_ARRAY;
        break;
    default:
        v->type = DJ_V_OTHER;
        break;
    }
}

/* The array behind a row zval, or NULL when the row is not an array. */
HashTable *dangjian_row(zval *zv, dj_value *row)
{
    dangjian_value(zv, row);
    ZVAL_DEREF(zv);
    return Z_TYPE_P(zv) == IS_ARRAY ? Z_ARRVAL_P(zv) : NULL;
}

void dangjian_person_in(zval *zv, dj_person_in *in)
{
    HashTable *ht;

    memset(in, 0, sizeof *in);
    ht = dangjian_row(zv, &in->row);
    if (!ht)
        return;
    DANGJIAN_FIELD(ht, "id", &in->id);
    DANGJIAN_FIELD(ht, "is_staff", &in->is_staff);
    for (int i = 0; i < DJ_PERSON_DATES; i++) {
        const char *name = dj_person_date_name(i);
        dangjian_value(zend_hash_str_find(ht, name, strlen(name)), &in->dates[i]);
    }
    DANGJIAN_FIELD(ht, "left_reason", &in->left_reason);
}

void dangjian_parts_reserve(dangjian_parts *p, size_t n)
{
    if (n <= p->cap)
        return;
    size_t cap = p->cap ? p->cap : 16;
    while (cap < n)
        cap *= 2;
    p->in = safe_erealloc(p->in, cap, sizeof *p->in, 0);
    p->rec = safe_erealloc(p->rec, cap, sizeof *p->rec, 0);
    p->cap = cap;
}

void dangjian_parts_free(dangjian_parts *p)
{
    if (p->in)
        efree(p->in);
    if (p->rec)
        efree(p->rec);
    p->in = NULL;
    p->rec = NULL;
    p->cap = 0;
}

void dangjian_activity_in(zval *zv, dj_activity_in *in, dangjian_parts *parts)
{
    HashTable *ht;
    zval *pz;

    memset(in, 0, sizeof *in);
    ht = dangjian_row(zv, &in->row);
    if (!ht)
        return;
    DANGJIAN_FIELD(ht, "id", &in->id);
    DANGJIAN_FIELD(ht, "date", &in->date);
    DANGJIAN_FIELD(ht, "category", &in->category);
    DANGJIAN_FIELD(ht, "kind", &in->kind);
    DANGJIAN_FIELD(ht, "hours", &in->hours);
    DANGJIAN_FIELD(ht, "fee_waived", &in->fee_waived);
    DANGJIAN_FIELD(ht, "donation", &in->donation);
    DANGJIAN_FIELD(ht, "beneficiaries", &in->beneficiaries);
    DANGJIAN_FIELD(ht, "venue_kind", &in->venue_kind);
    DANGJIAN_FIELD(ht, "venue", &in->venue);
    DANGJIAN_FIELD(ht, "project", &in->project);

    pz = zend_hash_str_find(ht, "participants", sizeof("participants") - 1);
    dangjian_value(pz, &in->participants);
    if (in->participants.type != DJ_V_ARRAY)
        return;
    ZVAL_DEREF(pz);
    HashTable *list = Z_ARRVAL_P(pz);
    size_t n = zend_hash_num_elements(list), j = 0;
    zval *ez;

    dangjian_parts_reserve(parts, n);
    ZEND_HASH_FOREACH_VAL(list, ez)
    {
        dj_participant_in *p = &parts->in[j++];
        HashTable *eht = dangjian_row(ez, &p->entry);

        memset(&p->id, 0, sizeof p->id);
        memset(&p->hours, 0, sizeof p->hours);
        if (eht) {
            DANGJIAN_FIELD(eht, "id", &p->id);
            DANGJIAN_FIELD(eht, "hours", &p->hours);
        } else {
            p->id = p->entry; /* a bare id */
        }
    }
    ZEND_HASH_FOREACH_END();
    in->parts = parts->in;
    in->n_parts = j;
}
