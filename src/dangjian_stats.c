/*
 * dangjian_stats.c - the stats() query array into a dj_query, and a dj_stats
 * into the stats() PHP array (STATS.md "Result", in its key order).
 */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include "php.h"

#include "dj.h"
#include "dangjian_internal.h"
#include "messages.h"

/* The entries of query.filter (a map), each a list of values: the core
 * checks keys and values, this only walks the arrays in their order. */
static dj_status dangjian_filter(HashTable *map, dj_query *q, dj_error *err)
{
    zend_ulong h;
    zend_string *key;
    zval *zv;
    dj_status st = DJ_OK;

    ZEND_HASH_FOREACH_KEY_VAL(map, h, key, zv)
    {
        dj_value v;
        size_t n = 0;
        int is_list = 0, field = -1;

        dangjian_value(zv, &v);
        if (v.type == DJ_V_ARRAY) {
            HashTable *list;

            ZVAL_DEREF(zv);
            list = Z_ARRVAL_P(zv);
            n = zend_hash_num_elements(list);
            is_list = zend_array_is_list(list);
        }
        if (key)
            st = dj_query_filter_key(q, ZSTR_VAL(key), ZSTR_LEN(key), 0, 0, &v, n, is_list, &field, err);
        else
            st = dj_query_filter_key(q, NULL, 0, 1, (int64_t)(zend_long)h, &v, n, is_list, &field, err);
        if (st != DJ_OK)
            break;
        if (field >= 0) {
            zval *ez;

            ZEND_HASH_FOREACH_VAL(Z_ARRVAL_P(zv), ez)
            {
                dj_value ev;

                dangjian_value(ez, &ev);
                st = dj_query_filter_value(q, field, &ev, err);
                if (st != DJ_OK)
                    break;
            }
            ZEND_HASH_FOREACH_END();
            if (st != DJ_OK)
                break;
        }
    }
    ZEND_HASH_FOREACH_END();
    return st;
}

/* Fills q from the query array, key by key in the order given. */
dj_status dangjian_query(HashTable *query, dj_query *q, dj_error *err)
{
    zend_ulong h;
    zend_string *key;
    zval *zv;
    dj_status st = DJ_OK;

    ZEND_HASH_FOREACH_KEY_VAL(query, h, key, zv)
    {
        dj_value v;

        if (!key) {
            st = dj_error_set(err, DJ_E_QUERY, DJ_MSG_QUERY_INT_KEY, (long long)(zend_long)h);
            break;
        }
        dangjian_value(zv, &v);
        st = dj_query_set(q, ZSTR_VAL(key), ZSTR_LEN(key), &v, err);
        if (st != DJ_OK)
            break;
        if (v.type == DJ_V_ARRAY && zend_string_equals_literal(key, "filter")) {
            ZVAL_DEREF(zv);
            st = dangjian_filter(Z_ARRVAL_P(zv), q, err);
            if (st != DJ_OK)
                break;
        }
        if (v.type == DJ_V_ARRAY && zend_string_equals_literal(key, "meeting_rules")) {
            zend_ulong rh;
            zend_string *rkey;
            zval *rz;

            ZVAL_DEREF(zv);
            ZEND_HASH_FOREACH_KEY_VAL(Z_ARRVAL_P(zv), rh, rkey, rz)
            {
                dj_value rv;

                dangjian_value(rz, &rv);
                if (rkey)
                    st = dj_query_rule(q, ZSTR_VAL(rkey), ZSTR_LEN(rkey), 0, 0, &rv, err);
                else
                    st = dj_query_rule(q, NULL, 0, 1, (int64_t)(zend_long)rh, &rv, err);
                if (st != DJ_OK)
                    break;
            }
            ZEND_HASH_FOREACH_END();
            if (st != DJ_OK)
                break;
        }
    }
    ZEND_HASH_FOREACH_END();
    return st;
}

static void dangjian_add_date(zval *arr, const char *key, int32_t day)
{
    char buf[11];

    dj_date_format(day, buf);
    add_assoc_stringl_ex(arr, key, strlen(key), buf, 10);
}

static void dangjian_add_amount(zval *arr, const char *key, int64_t hundredths)
{
    add_assoc_double_ex(arr, key, strlen(key), (double)hundredths / 100.0);
}

static void dangjian_add_ratio(zval *arr, const char *key, int64_t ten_thousandths)
{
    if (ten_thousandths == DJ_NULL_INT)
        add_assoc_null_ex(arr, key, strlen(key));
    else
        add_assoc_double_ex(arr, key, strlen(key), (double)ten_thousandths / 10000.0);
}

static void dangjian_add_int(zval *arr, const char *key, int64_t n)
{
    add_assoc_long_ex(arr, key, strlen(key), (zend_long)n);
}

/* Adds arr[key] = a new array and returns it. */
static zval *dangjian_add_array(zval *arr, const char *key)
{
    zval sub;

    array_init(&sub);
    return zend_symtable_str_update(Z_ARRVAL_P(arr), key, strlen(key), &sub);
}

static void dangjian_add_due(zval *arr, const char *key, const dj_due_stat *d, size_t n)
{
    zval *list = dangjian_add_array(arr, key);

    for (size_t i = 0; i < n; i++) {
        zval e;

        array_init_size(&e, 2);
        dangjian_add_int(&e, "id", d[i].id);
        dangjian_add_date(&e, "due_on", d[i].due_on);
        add_next_index_zval(list, &e);
    }
}

static void dangjian_period_text(const dj_period *p, uint8_t unit, char *buf, size_t cap)
{
    if (unit == DJ_UNIT_MONTH)
        snprintf(buf, cap, "%04d-%02d", p->year, p->n);
    else if (unit == DJ_UNIT_QUARTER)
        snprintf(buf, cap, "%04d-Q%d", p->year, p->n);
    else
        snprintf(buf, cap, "%04d", p->year);
}

/* Builds the stats() array exactly as STATS.md "Result" lists it. */
void dangjian_stats_array(const dj_stats *s, zval *rv)
{
    zval *blk, *map, *list;
    char buf[32];

    array_init_size(rv, 5);

    blk = dangjian_add_array(rv, "period");
    dangjian_add_date(blk, "from", s->from);
    dangjian_add_date(blk, "to", s->to);
    dangjian_add_date(blk, "as_of", s->as_of);

    blk = dangjian_add_array(rv, "members");
    dangjian_add_int(blk, "applicants", s->members.applicants);
    dangjian_add_int(blk, "activists", s->members.activists);
    dangjian_add_int(blk, "candidates", s->members.candidates);
    dangjian_add_int(blk, "probationary", s->members.probationary);
    dangjian_add_int(blk, "full", s->members.full);
    dangjian_add_int(blk, "party_members", s->members.party_members);
    if (s->members.staff_headcount == DJ_NULL_INT)
        add_assoc_null(blk, "staff_headcount");
    else
        dangjian_add_int(blk, "staff_headcount", s->members.staff_headcount);
    dangjian_add_int(blk, "staff_party_members", s->members.staff_party_members);
    dangjian_add_ratio(blk, "staff_party_ratio", s->members.staff_party_ratio);

    blk = dangjian_add_array(rv, "pipeline");
    dangjian_add_int(blk, "applied", s->pipeline.applied);
    dangjian_add_int(blk, "activists", s->pipeline.activists);
    dangjian_add_int(blk, "candidates", s->pipeline.candidates);
    dangjian_add_int(blk, "admitted", s->pipeline.admitted);
    dangjian_add_int(blk, "converted", s->pipeline.converted);
    dangjian_add_int(blk, "transferred_in", s->pipeline.transferred_in);
    dangjian_add_int(blk, "left", s->pipeline.left);
    dangjian_add_int(blk, "eligible_candidates", s->pipeline.eligible_candidates);
    dangjian_add_due(blk, "due_for_conversion", s->pipeline.due_for_conversion, s->pipeline.n_due);
    dangjian_add_due(blk, "overdue_conversion", s->pipeline.overdue_conversion, s->pipeline.n_overdue);
    dangjian_add_int(blk, "hired", s->pipeline.hired);
    dangjian_add_int(blk, "hired_party_members", s->pipeline.hired_party_members);

    blk = dangjian_add_array(rv, "service");
    dangjian_add_int(blk, "activities", s->service.activities);
    dangjian_add_amount(blk, "hours", s->service.hours);
    dangjian_add_amount(blk, "fee_waived", s->service.fee_waived);
    dangjian_add_amount(blk, "donation", s->service.donation);
    dangjian_add_int(blk, "beneficiaries", s->service.beneficiaries);
    dangjian_add_amount(blk, "volunteer_hours", s->service.volunteer_hours);
    dangjian_add_int(blk, "volunteers", s->service.volunteers);
    dangjian_add_ratio(blk, "participation_ratio", s->service.participation_ratio);
    map = dangjian_add_array(blk, "by_kind");
    for (size_t i = 0; i < s->service.n_by_kind; i++) {
        const dj_kind_stat *k = &s->service.by_kind[i];
        zval *e = dangjian_add_array(map, k->kind);

        dangjian_add_int(e, "activities", k->activities);
        dangjian_add_amount(e, "hours", k->hours);
        dangjian_add_amount(e, "fee_waived", k->fee_waived);
        dangjian_add_amount(e, "donation", k->donation);
        dangjian_add_int(e, "beneficiaries", k->beneficiaries);
    }
    map = dangjian_add_array(blk, "by_venue_kind");
    for (size_t i = 0; i < s->service.n_by_venue; i++) {
        const dj_venue_stat *v = &s->service.by_venue_kind[i];
        zval *e = dangjian_add_array(map, v->venue_kind);

        dangjian_add_int(e, "venues", v->venues);
        dangjian_add_int(e, "activities", v->activities);
        dangjian_add_int(e, "beneficiaries", v->beneficiaries);
        dangjian_add_amount(e, "hours", v->hours);
    }
    list = dangjian_add_array(blk, "by_month");
    for (size_t i = 0; i < s->service.n_by_month; i++) {
        const dj_month_stat *m = &s->service.by_month[i];
        zval e;

        array_init_size(&e, 4);
        snprintf(buf, sizeof buf, "%04d-%02d", m->year, m->month);
        add_assoc_string(&e, "month", buf);
        dangjian_add_int(&e, "activities", m->activities);
        dangjian_add_amount(&e, "hours", m->hours);
        dangjian_add_int(&e, "beneficiaries", m->beneficiaries);
        add_next_index_zval(list, &e);
    }
    list = dangjian_add_array(blk, "top_volunteers");
    for (size_t i = 0; i < s->service.n_top; i++) {
        const dj_top_stat *t = &s->service.top[i];
        zval e;

        array_init_size(&e, 3);
        dangjian_add_int(&e, "id", t->id);
        dangjian_add_amount(&e, "hours", t->hours);
        dangjian_add_int(&e, "activities", t->activities);
        add_next_index_zval(list, &e);
    }
    dangjian_add_amount(blk, "party_volunteer_hours", s->service.party_volunteer_hours);
    dangjian_add_int(blk, "party_volunteers", s->service.party_volunteers);
    map = dangjian_add_array(blk, "by_project");
    for (size_t i = 0; i < s->service.n_by_project; i++) {
        const dj_project_stat *p = &s->service.by_project[i];
        zval e;

        array_init_size(&e, 6);
        dangjian_add_int(&e, "activities", p->activities);
        dangjian_add_amount(&e, "hours", p->hours);
        dangjian_add_amount(&e, "fee_waived", p->fee_waived);
        dangjian_add_amount(&e, "donation", p->donation);
        dangjian_add_int(&e, "beneficiaries", p->beneficiaries);
        dangjian_add_int(&e, "volunteers", p->volunteers);
        zend_symtable_str_update(Z_ARRVAL_P(map), p->project, p->project_len, &e);
    }

    blk = dangjian_add_array(rv, "meetings");
    dangjian_add_int(blk, "total", s->meetings.total);
    dangjian_add_amount(blk, "hours", s->meetings.hours);
    map = dangjian_add_array(blk, "by_kind");
    for (size_t i = 0; i < s->meetings.n_by_kind; i++)
        dangjian_add_int(map, s->meetings.by_kind[i].kind, s->meetings.by_kind[i].count);
    map = dangjian_add_array(blk, "missing");
    for (size_t i = 0; i < s->meetings.n_missing; i++) {
        const dj_missing_stat *m = &s->meetings.missing[i];

        list = dangjian_add_array(map, m->kind);
        for (size_t j = 0; j < m->n_periods; j++) {
            dangjian_period_text(&m->periods[j], m->unit, buf, sizeof buf);
            add_next_index_string(list, buf);
        }
    }
}

