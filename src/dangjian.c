/*
 * dangjian.c - the PHP binding of the Dangjian statistics core.
 *
 * Thin by design: parse the arguments (arginfo + ZEND_PARSE_PARAMETERS),
 * turn PHP values into dj_value, call the core (src/core/dj.h), build PHP
 * values from its results, and map every failure status to an exception in
 * one place (dangjian_throw). No rule of STATS.md is checked here.
 *
 * The core allocates with its default allocator (malloc), not emalloc, so
 * that a dataset may outlive the request that built it: Dangjian\Cache
 * (src/cache.c) keeps datasets across requests. A kept dataset is shared and
 * read-only; an object that adds to a shared dataset copies it first
 * (copy-on-write, dangjian_this_writable). Scratch buffers of a single call
 * use emalloc.
 */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include "php.h"
#include "ext/standard/info.h"
#include "zend_exceptions.h"

#include <jansson.h>

#include "cache.h"
#include "dj.h"
#include "dj_alloc.h"
#include "dj_clone.h"
#include "dj_fields.h"
#include "dj_remove.h"
#include "dangjian_internal.h"
#include "messages.h"
#include "php_dangjian.h"
#include "dangjian_arginfo.h"

static zend_class_entry *dangjian_ce_dataset;
static zend_class_entry *dangjian_ce_cache;
static zend_class_entry *dangjian_ce_exception;
static zend_class_entry *dangjian_ce_invalid_record;
static zend_class_entry *dangjian_ce_invalid_json;
static zend_class_entry *dangjian_ce_corrupt_snapshot;

static zend_object_handlers dangjian_dataset_handlers;

/* ------------------------------------------------------------ the object */

typedef struct {
    dj_dataset *ds; /* owned (one reference); NULL only if creation ran out of memory */
    zend_object std;
} dangjian_dataset_obj;

static inline dangjian_dataset_obj *dangjian_dataset_from_obj(zend_object *obj)
{
    return (dangjian_dataset_obj *)((char *)obj - XtOffsetOf(dangjian_dataset_obj, std));
}

static zend_object *dangjian_dataset_create(zend_class_entry *ce)
{
    dangjian_dataset_obj *o = zend_object_alloc(sizeof(dangjian_dataset_obj), ce);

    zend_object_std_init(&o->std, ce);
    object_properties_init(&o->std, ce);
    o->std.handlers = &dangjian_dataset_handlers;
    o->ds = dj_dataset_new();
    return &o->std;
}

static void dangjian_dataset_free(zend_object *obj)
{
    dangjian_dataset_obj *o = dangjian_dataset_from_obj(obj);

    dj_dataset_release(o->ds);
    o->ds = NULL;
    zend_object_std_dtor(obj);
}

/* Two Dataset objects are never equal (issue 11, item 16): the standard
 * handler compares declared properties, and a Dataset has none, so any two
 * compared equal with ==. As PHP does for closures, distinct objects are
 * uncomparable (== false, != true, < and > false); the same object is equal
 * (zend_compare sees that before calling this). Anything else compares as
 * the standard handler says. */
static int dangjian_dataset_compare(zval *a, zval *b)
{
    if (Z_TYPE_P(a) == IS_OBJECT && Z_TYPE_P(b) == IS_OBJECT && Z_OBJ_P(a) != Z_OBJ_P(b))
        return ZEND_UNCOMPARABLE;
    return zend_std_compare_objects(a, b);
}

/* ------------------------------------------------------- status -> PHP */

/* The one mapping of a core failure to a PHP exception. Messages are the
 * core's text, unchanged, except for out of memory. */
static void dangjian_throw(dj_status st, const dj_error *err)
{
    switch (st) {
    case DJ_OK:
        break;
    case DJ_E_RECORD: {
        /* errors as data: path, row, field and rule beside the message */
        zend_object *ex = zend_throw_exception(dangjian_ce_invalid_record, err->message, 0);
        int has_row = err->row >= 0;
        zend_update_property_string(dangjian_ce_invalid_record, ex, "path", sizeof("path") - 1,
                                    has_row ? err->path : "");
        zend_update_property_long(dangjian_ce_invalid_record, ex, "row", sizeof("row") - 1,
                                  has_row ? (zend_long)err->row : -1);
        zend_update_property_string(dangjian_ce_invalid_record, ex, "field", sizeof("field") - 1,
                                    has_row ? dj_error_field(err) : "");
        zend_update_property_string(dangjian_ce_invalid_record, ex, "rule", sizeof("rule") - 1,
                                    has_row && err->rule ? err->rule : "");
        break;
    }
    case DJ_E_JSON:
        zend_throw_exception(dangjian_ce_invalid_json, err->message, 0);
        break;
    case DJ_E_SNAPSHOT:
        zend_throw_exception(dangjian_ce_corrupt_snapshot, err->message, 0);
        break;
    case DJ_E_IO:
        zend_throw_exception(dangjian_ce_exception, err->message, 0);
        break;
    case DJ_E_QUERY:
        zend_value_error("%s", err->message);
        break;
    case DJ_E_NOMEM:
    default:
        zend_throw_exception(dangjian_ce_exception, DJ_MSG_NOMEM, 0);
        break;
    }
}

/* The dataset of $this, or NULL with an exception thrown. */
static dj_dataset *dangjian_this_dataset(zval *this_zv)
{
    dangjian_dataset_obj *o = dangjian_dataset_from_obj(Z_OBJ_P(this_zv));

    if (!o->ds)
        dangjian_throw(DJ_E_NOMEM, NULL);
    return o->ds;
}

/* The dataset of $this ready to be written: a shared one (kept by
 * Dangjian\Cache) is first replaced by a private copy, so what is kept never
 * changes. NULL with an exception thrown when out of memory. */
static dj_dataset *dangjian_this_writable(zval *this_zv)
{
    dangjian_dataset_obj *o = dangjian_dataset_from_obj(Z_OBJ_P(this_zv));
    dj_dataset *copy = NULL;
    dj_error err;
    dj_status st;

    if (!o->ds) {
        dangjian_throw(DJ_E_NOMEM, NULL);
        return NULL;
    }
    if (!dj_dataset_is_shared(o->ds))
        return o->ds;
    st = dj_dataset_clone(o->ds, &copy, &err);
    if (st != DJ_OK) {
        dangjian_throw(st, &err);
        return NULL;
    }
    dj_dataset_release(o->ds);
    o->ds = copy;
    return copy;
}

/* Wraps ds (a reference the caller hands over) in a new Dataset object. */
static void dangjian_dataset_wrap(zval *rv, dj_dataset *ds)
{
    dangjian_dataset_obj *o;

    object_init_ex(rv, dangjian_ce_dataset);
    o = dangjian_dataset_from_obj(Z_OBJ_P(rv));
    dj_dataset_release(o->ds);
    o->ds = ds;
}

/* ----------------------------------------------------------- Dataset API */

PHP_METHOD(Dangjian_Dataset, __construct)
{
    ZEND_PARSE_PARAMETERS_NONE();
}

/* Before a kept (shared) dataset is copied for an add, the rows' value rules
 * are checked (issue 11, item 17): a call that would fail on a bad value
 * fails before the copy, and the object keeps sharing the kept dataset.
 * Returns 0 with the exception thrown. Nothing to do for a private dataset
 * (its add checks each row once). */
static int dangjian_precheck(zval *this_zv, HashTable *rows, int people)
{
    dangjian_dataset_obj *o = dangjian_dataset_from_obj(Z_OBJ_P(this_zv));
    dangjian_parts parts = {NULL, NULL, 0};
    dj_error err;
    dj_status st = DJ_OK;
    size_t index = 0;
    zval *zv;

    if (!o->ds || !dj_dataset_is_shared(o->ds))
        return 1;
    ZEND_HASH_FOREACH_VAL(rows, zv)
    {
        if (people) {
            dj_person_in in;
            dj_person_rec rec;

            dangjian_person_in(zv, &in);
            st = dj_person_parse(&in, index, &rec, &err);
        } else {
            dj_activity_in in;
            dj_activity_rec rec;

            dangjian_activity_in(zv, &in, &parts);
            st = dj_activity_parse(&in, index, &rec, parts.rec, &err);
        }
        if (st != DJ_OK)
            break;
        index++;
    }
    ZEND_HASH_FOREACH_END();
    dangjian_parts_free(&parts);
    if (st != DJ_OK) {
        dangjian_throw(st, &err);
        return 0;
    }
    return 1;
}

PHP_METHOD(Dangjian_Dataset, addPeople)
{
    HashTable *rows;
    dj_dataset *ds;
    dj_error err;
    dj_status st;
    size_t index = 0;
    zval *zv;

    ZEND_PARSE_PARAMETERS_START(1, 1)
    Z_PARAM_ARRAY_HT(rows)
    ZEND_PARSE_PARAMETERS_END();

    if (!dangjian_precheck(ZEND_THIS, rows, 1))
        RETURN_THROWS();
    if (zend_hash_num_elements(rows) == 0)
        RETURN_LONG(0);
    if (!(ds = dangjian_this_writable(ZEND_THIS)))
        RETURN_THROWS();
    st = dj_dataset_people_begin(ds, zend_hash_num_elements(rows), &err);
    if (st != DJ_OK) {
        dangjian_throw(st, &err);
        RETURN_THROWS();
    }
    ZEND_HASH_FOREACH_VAL(rows, zv)
    {
        dj_person_in in;
        dj_person_rec rec;

        dangjian_person_in(zv, &in);
        st = dj_person_parse(&in, index, &rec, &err);
        if (st == DJ_OK)
            st = dj_dataset_person_add(ds, &rec, index, &err);
        if (st != DJ_OK)
            break;
        index++;
    }
    ZEND_HASH_FOREACH_END();
    if (st != DJ_OK) {
        dj_dataset_rollback(ds);
        dangjian_throw(st, &err);
        RETURN_THROWS();
    }
    dj_dataset_commit(ds);
    RETURN_LONG((zend_long)index);
}

PHP_METHOD(Dangjian_Dataset, addActivities)
{
    HashTable *rows;
    dj_dataset *ds;
    dj_error err;
    dj_status st;
    size_t index = 0;
    zval *zv;
    dangjian_parts parts = {NULL, NULL, 0};

    ZEND_PARSE_PARAMETERS_START(1, 1)
    Z_PARAM_ARRAY_HT(rows)
    ZEND_PARSE_PARAMETERS_END();

    if (!dangjian_precheck(ZEND_THIS, rows, 0))
        RETURN_THROWS();
    if (zend_hash_num_elements(rows) == 0)
        RETURN_LONG(0);
    if (!(ds = dangjian_this_writable(ZEND_THIS)))
        RETURN_THROWS();
    /* expected_parts 0: counting them would cost a second walk of the rows. */
    st = dj_dataset_activities_begin(ds, zend_hash_num_elements(rows), 0, &err);
    if (st != DJ_OK) {
        dangjian_throw(st, &err);
        RETURN_THROWS();
    }
    ZEND_HASH_FOREACH_VAL(rows, zv)
    {
        dj_activity_in in;
        dj_activity_rec rec;

        dangjian_activity_in(zv, &in, &parts);
        st = dj_activity_parse(&in, index, &rec, parts.rec, &err);
        if (st == DJ_OK) {
            for (size_t j = 0; j < in.n_parts; j++)
                parts.rec[j].array_form = in.parts[j].entry.type == DJ_V_ARRAY;
            st = dj_dataset_activity_add(ds, &rec, index, &err);
        }
        if (st != DJ_OK)
            break;
        index++;
    }
    ZEND_HASH_FOREACH_END();
    dangjian_parts_free(&parts);
    if (st != DJ_OK) {
        dj_dataset_rollback(ds);
        dangjian_throw(st, &err);
        RETURN_THROWS();
    }
    dj_dataset_commit(ds);
    RETURN_LONG((zend_long)index);
}

PHP_METHOD(Dangjian_Dataset, setHeadcount)
{
    HashTable *points;
    dj_dataset *ds;
    dj_error err;
    dj_status st = DJ_OK;
    dj_headcount_rec *recs;
    size_t index = 0;
    zval *zv;

    ZEND_PARSE_PARAMETERS_START(1, 1)
    Z_PARAM_ARRAY_HT(points)
    ZEND_PARSE_PARAMETERS_END();

    recs = safe_emalloc(zend_hash_num_elements(points) + 1, sizeof *recs, 0);
    ZEND_HASH_FOREACH_VAL(points, zv)
    {
        dj_headcount_in in;
        HashTable *ht;

        memset(&in, 0, sizeof in);
        ht = dangjian_row(zv, &in.row);
        if (ht) {
            DANGJIAN_FIELD(ht, "date", &in.date);
            DANGJIAN_FIELD(ht, "count", &in.count);
        }
        st = dj_headcount_parse(&in, index, &recs[index], &err);
        if (st != DJ_OK)
            break;
        index++;
    }
    ZEND_HASH_FOREACH_END();
    /* the points are checked before a kept dataset is copied (item 17) */
    if (st == DJ_OK && !(ds = dangjian_this_writable(ZEND_THIS))) {
        efree(recs);
        RETURN_THROWS();
    }
    if (st == DJ_OK)
        st = dj_dataset_set_headcount(ds, recs, index, &err);
    efree(recs);
    if (st != DJ_OK) {
        dangjian_throw(st, &err);
        RETURN_THROWS();
    }
}

/* removeActivities()/removePeople(): the ids (ints or canonical digit
 * strings) are all checked first ("<what>[i]: <v> is not an id ..." or
 * "<what>[i]: is required", i the position in the array), then removed all
 * or nothing by the core ("<what>[i]: no id 7", "<what>[i]: duplicate id 7").
 * A kept (shared) dataset is copied first, like the adds. */
static void dangjian_remove(INTERNAL_FUNCTION_PARAMETERS, int people)
{
    HashTable *ids;
    dj_dataset *ds;
    dj_error err;
    dj_status st = DJ_OK;
    int32_t *v;
    size_t index = 0;
    zval *zv;

    ZEND_PARSE_PARAMETERS_START(1, 1)
    Z_PARAM_ARRAY_HT(ids)
    ZEND_PARSE_PARAMETERS_END();

    v = safe_emalloc(zend_hash_num_elements(ids) + 1, sizeof *v, 0);
    ZEND_HASH_FOREACH_VAL(ids, zv)
    {
        dj_value in;
        dj_why w;
        int r;

        dangjian_value(zv, &in);
        r = dj_parse_id(&in, &v[index], &w);
        if (r != 1) {
            char path[48];

            snprintf(path, sizeof path, "%s[%zu]", people ? "people" : "activities", index);
            st = dj_error_record(&err, r == DJ_ABSENT ? "required" : "id", index, path, "%s",
                                 r == DJ_ABSENT ? "is required" : w.why);
            break;
        }
        index++;
    }
    ZEND_HASH_FOREACH_END();
    if (st == DJ_OK && index == 0) { /* nothing to remove: no copy of a kept dataset */
        efree(v);
        RETURN_LONG(0);
    }
    if (st == DJ_OK) {
        dangjian_dataset_obj *o = dangjian_dataset_from_obj(Z_OBJ_P(ZEND_THIS));
        /* a kept dataset: every id found first, then the copy (item 17) */
        if (o->ds && dj_dataset_is_shared(o->ds))
            st = dj_dataset_remove_check(o->ds, v, index, people, &err);
    }
    if (st == DJ_OK) {
        if (!(ds = dangjian_this_writable(ZEND_THIS))) {
            efree(v);
            RETURN_THROWS();
        }
        st = people ? dj_dataset_remove_people(ds, v, index, &err)
                    : dj_dataset_remove_activities(ds, v, index, &err);
    }
    efree(v);
    if (st != DJ_OK) {
        dangjian_throw(st, &err);
        RETURN_THROWS();
    }
    RETURN_LONG((zend_long)index);
}

PHP_METHOD(Dangjian_Dataset, removeActivities)
{
    dangjian_remove(INTERNAL_FUNCTION_PARAM_PASSTHRU, 0);
}

PHP_METHOD(Dangjian_Dataset, removePeople)
{
    dangjian_remove(INTERNAL_FUNCTION_PARAM_PASSTHRU, 1);
}

PHP_METHOD(Dangjian_Dataset, counts)
{
    dj_dataset *ds;

    ZEND_PARSE_PARAMETERS_NONE();
    if (!(ds = dangjian_this_dataset(ZEND_THIS)))
        RETURN_THROWS();
    array_init_size(return_value, 3);
    add_assoc_long(return_value, "people", (zend_long)dj_dataset_people_count(ds));
    add_assoc_long(return_value, "activities", (zend_long)dj_dataset_activities_count(ds));
    add_assoc_long(return_value, "participations", (zend_long)dj_dataset_participations_count(ds));
}

/* --------------------------------------------------------------- stats */

/* Runs the query; on failure throws and returns 0 (s is then empty). */
static int dangjian_stats(zval *this_zv, HashTable *query, dj_stats *s)
{
    dj_dataset *ds;
    dj_query q;
    dj_error err;
    dj_status st;

    memset(s, 0, sizeof *s);
    if (!(ds = dangjian_this_dataset(this_zv)))
        return 0;
    dj_query_init(&q);
    st = dangjian_query(query, &q, &err);
    if (st == DJ_OK)
        st = dj_dataset_stats(ds, &q, s, &err);
    dj_query_free(&q);
    if (st != DJ_OK) {
        dangjian_throw(st, &err);
        return 0;
    }
    return 1;
}

PHP_METHOD(Dangjian_Dataset, stats)
{
    HashTable *query = NULL;
    dj_stats s;

    ZEND_PARSE_PARAMETERS_START(0, 1)
    Z_PARAM_OPTIONAL
    Z_PARAM_ARRAY_HT(query)
    ZEND_PARSE_PARAMETERS_END();

    if (!dangjian_stats(ZEND_THIS, query ? query : (HashTable *)&zend_empty_array, &s))
        RETURN_THROWS();
    dangjian_stats_array(&s, return_value);
    dj_stats_free(&s);
}

PHP_METHOD(Dangjian_Dataset, statsJson)
{
    HashTable *query = NULL;
    dj_stats s;
    char *text;
    size_t len = 0;

    ZEND_PARSE_PARAMETERS_START(0, 1)
    Z_PARAM_OPTIONAL
    Z_PARAM_ARRAY_HT(query)
    ZEND_PARSE_PARAMETERS_END();

    if (!dangjian_stats(ZEND_THIS, query ? query : (HashTable *)&zend_empty_array, &s))
        RETURN_THROWS();
    text = dj_stats_json(&s, &len);
    dj_stats_free(&s);
    if (!text) {
        dangjian_throw(DJ_E_NOMEM, NULL);
        RETURN_THROWS();
    }
    RETVAL_STRINGL(text, len);
    dj_free(text);
}

/* ---------------------------------------------------- JSON and snapshot */

/* toJson's sinks: the length, then the bytes into a zend_string of it. */
static int dangjian_json_count(void *ctx, const char *p, size_t n)
{
    (void)p;
    *(size_t *)ctx += n;
    return 1;
}

typedef struct {
    zend_string *s;
    size_t n;
} dangjian_json_out;

static int dangjian_json_copy(void *ctx, const char *p, size_t n)
{
    dangjian_json_out *o = ctx;

    if (n > ZSTR_LEN(o->s) - o->n)
        return 0; /* the dataset changed between the passes: cannot happen */
    memcpy(ZSTR_VAL(o->s) + o->n, p, n);
    o->n += n;
    return 1;
}

PHP_METHOD(Dangjian_Dataset, toJson)
{
    dj_dataset *ds;
    size_t len = 0;

    ZEND_PARSE_PARAMETERS_NONE();
    if (!(ds = dangjian_this_dataset(ZEND_THIS)))
        RETURN_THROWS();
    /* Twice through the printer: first its length, then the text straight
     * into the zend_string, so it is held once and within memory_limit (issue
     * 11, item 17); never a whole copy in the core's malloc'd memory. */
    if (dj_json_dump_to(ds, dangjian_json_count, &len) != DJ_OK) {
        dangjian_throw(DJ_E_NOMEM, NULL);
        RETURN_THROWS();
    }
    dangjian_json_out out = {zend_string_alloc(len, 0), 0};
    if (dj_json_dump_to(ds, dangjian_json_copy, &out) != DJ_OK || out.n != len) {
        zend_string_efree(out.s);
        dangjian_throw(DJ_E_NOMEM, NULL);
        RETURN_THROWS();
    }
    ZSTR_VAL(out.s)[len] = '\0';
    RETURN_NEW_STR(out.s);
}

PHP_METHOD(Dangjian_Dataset, fromJson)
{
    zend_string *json;
    dj_dataset *ds = NULL;
    dj_error err;
    dj_status st;

    ZEND_PARSE_PARAMETERS_START(1, 1)
    Z_PARAM_STR(json)
    ZEND_PARSE_PARAMETERS_END();

    st = dj_json_load(ZSTR_VAL(json), ZSTR_LEN(json), &ds, &err);
    if (st != DJ_OK) {
        dangjian_throw(st, &err);
        RETURN_THROWS();
    }
    dangjian_dataset_wrap(return_value, ds);
}

/* open_basedir (issue 11, item 13): the path and its folder (save writes a
 * temporary file beside the path) must both lie within it; otherwise a
 * Dangjian\Exception "cannot <verb> <path>: not within open_basedir" and
 * nothing is read or written. 1 when allowed. */
static int dangjian_path_allowed(const char *path, const char *verb)
{
    char dir[MAXPATHLEN];
    size_t len;

    if (!PG(open_basedir) || !*PG(open_basedir))
        return 1;
    len = strlen(path);
    if (len >= sizeof dir)
        len = sizeof dir - 1;
    memcpy(dir, path, len);
    dir[len] = '\0';
    len = zend_dirname(dir, len);
    if (php_check_open_basedir_ex(path, 0) == 0 && php_check_open_basedir_ex(dir, 0) == 0)
        return 1;
    zend_throw_exception_ex(dangjian_ce_exception, 0, DJ_MSG_OPEN_BASEDIR, verb, path);
    return 0;
}

PHP_METHOD(Dangjian_Dataset, save)
{
    zend_string *path;
    dj_dataset *ds;
    dj_error err;
    dj_status st;

    ZEND_PARSE_PARAMETERS_START(1, 1)
    Z_PARAM_PATH_STR(path)
    ZEND_PARSE_PARAMETERS_END();

    if (!dangjian_path_allowed(ZSTR_VAL(path), "write"))
        RETURN_THROWS();
    if (!(ds = dangjian_this_dataset(ZEND_THIS)))
        RETURN_THROWS();
    st = dj_snapshot_save(ds, ZSTR_VAL(path), &err);
    if (st != DJ_OK) {
        dangjian_throw(st, &err);
        RETURN_THROWS();
    }
}

PHP_METHOD(Dangjian_Dataset, load)
{
    zend_string *path;
    dj_dataset *ds = NULL;
    dj_error err;
    dj_status st;

    ZEND_PARSE_PARAMETERS_START(1, 1)
    Z_PARAM_PATH_STR(path)
    ZEND_PARSE_PARAMETERS_END();

    if (!dangjian_path_allowed(ZSTR_VAL(path), "read"))
        RETURN_THROWS();
    st = dj_snapshot_load(ZSTR_VAL(path), &ds, &err);
    if (st != DJ_OK) {
        dangjian_throw(st, &err);
        RETURN_THROWS();
    }
    dangjian_dataset_wrap(return_value, ds);
}

/* ---------------------------------------------------------------- Cache */

/* dangjian.cache_size, bytes (PHP_INI_SYSTEM). One value per process. */
static zend_long dangjian_cache_size_ini;

static ZEND_INI_MH(dangjian_on_cache_size)
{
    zend_long v = zend_ini_parse_quantity_warn(new_value, entry->name);

    if (v < 0) {
        php_error_docref(NULL, E_WARNING, DJ_MSG_CACHE_SIZE_NEGATIVE);
        return FAILURE;
    }
    dangjian_cache_size_ini = v;
#ifndef ZTS
    dangjian_cache_set_capacity((size_t)v);
#endif
    return SUCCESS;
}

PHP_INI_BEGIN()
PHP_INI_ENTRY("dangjian.cache_size", "256M", PHP_INI_SYSTEM, dangjian_on_cache_size)
PHP_INI_END()

/* Checks a cache key (argument 1): 1 to DANGJIAN_CACHE_KEY_MAX bytes. */
static int dangjian_cache_key_ok(const zend_string *key)
{
    if (ZSTR_LEN(key) == 0 || ZSTR_LEN(key) > DANGJIAN_CACHE_KEY_MAX) {
        zend_argument_value_error(1, DJ_MSG_CACHE_KEY);
        return 0;
    }
    return 1;
}

PHP_METHOD(Dangjian_Cache, __construct)
{
    ZEND_PARSE_PARAMETERS_NONE();
}

PHP_METHOD(Dangjian_Cache, put)
{
    zend_string *key;
    zval *dz;
    dangjian_dataset_obj *o;

    ZEND_PARSE_PARAMETERS_START(2, 2)
    Z_PARAM_STR(key)
    Z_PARAM_OBJECT_OF_CLASS(dz, dangjian_ce_dataset)
    ZEND_PARSE_PARAMETERS_END();

    if (!dangjian_cache_key_ok(key))
        RETURN_THROWS();
#ifdef ZTS
    zend_throw_exception(dangjian_ce_exception, DJ_MSG_CACHE_ZTS, 0);
    RETURN_THROWS();
#else
    o = dangjian_dataset_from_obj(Z_OBJ_P(dz));
    if (!o->ds) {
        dangjian_throw(DJ_E_NOMEM, NULL);
        RETURN_THROWS();
    }
    switch (dangjian_cache_put(ZSTR_VAL(key), ZSTR_LEN(key), o->ds)) {
    case 1:
        RETURN_TRUE;
    case 0:
        RETURN_FALSE;
    default:
        dangjian_throw(DJ_E_NOMEM, NULL);
        RETURN_THROWS();
    }
#endif
}

PHP_METHOD(Dangjian_Cache, get)
{
    zend_string *key;

    ZEND_PARSE_PARAMETERS_START(1, 1)
    Z_PARAM_STR(key)
    ZEND_PARSE_PARAMETERS_END();

    if (!dangjian_cache_key_ok(key))
        RETURN_THROWS();
#ifdef ZTS
    RETURN_NULL();
#else
    dj_dataset *ds = dangjian_cache_get(ZSTR_VAL(key), ZSTR_LEN(key));
    if (!ds)
        RETURN_NULL();
    dangjian_dataset_wrap(return_value, ds);
#endif
}

PHP_METHOD(Dangjian_Cache, delete)
{
    zend_string *key;

    ZEND_PARSE_PARAMETERS_START(1, 1)
    Z_PARAM_STR(key)
    ZEND_PARSE_PARAMETERS_END();

    if (!dangjian_cache_key_ok(key))
        RETURN_THROWS();
#ifdef ZTS
    RETURN_FALSE;
#else
    RETURN_BOOL(dangjian_cache_delete(ZSTR_VAL(key), ZSTR_LEN(key)));
#endif
}

PHP_METHOD(Dangjian_Cache, clear)
{
    ZEND_PARSE_PARAMETERS_NONE();
#ifdef ZTS
    RETURN_LONG(0);
#else
    RETURN_LONG((zend_long)dangjian_cache_clear());
#endif
}

PHP_METHOD(Dangjian_Cache, enabled)
{
    ZEND_PARSE_PARAMETERS_NONE();
#ifdef ZTS
    RETURN_FALSE;
#else
    RETURN_BOOL(dangjian_cache_size_ini > 0);
#endif
}

static void dangjian_cache_entry_add(const char *key, size_t len, size_t bytes, void *arg)
{
    add_assoc_long_ex((zval *)arg, key, len, (zend_long)bytes);
}

PHP_METHOD(Dangjian_Cache, info)
{
    dangjian_cache_stats st;
    zval entries;

    ZEND_PARSE_PARAMETERS_NONE();
    memset(&st, 0, sizeof st);
#ifndef ZTS
    dangjian_cache_stats_get(&st);
#endif
    array_init_size(return_value, 7);
#ifdef ZTS
    add_assoc_bool(return_value, "persistent", 0); /* put() throws in a thread-safe build */
#else
    add_assoc_bool(return_value, "persistent", 1);
#endif
    add_assoc_long(return_value, "capacity", (zend_long)dangjian_cache_size_ini);
    add_assoc_long(return_value, "used", (zend_long)st.used);
    array_init(&entries);
#ifndef ZTS
    dangjian_cache_each(dangjian_cache_entry_add, &entries);
#endif
    add_assoc_zval(return_value, "entries", &entries);
    add_assoc_long(return_value, "hits", (zend_long)st.hits);
    add_assoc_long(return_value, "misses", (zend_long)st.misses);
    add_assoc_long(return_value, "evictions", (zend_long)st.evictions);
}

/* ------------------------------------------------------- InvalidRecord */

static void dangjian_record_prop(INTERNAL_FUNCTION_PARAMETERS, const char *name, size_t len)
{
    zval rv, *p;

    ZEND_PARSE_PARAMETERS_NONE();
    p = zend_read_property(dangjian_ce_invalid_record, Z_OBJ_P(ZEND_THIS), name, len, 1, &rv);
    RETURN_COPY_DEREF(p);
}

PHP_METHOD(Dangjian_InvalidRecord, getPath)
{
    dangjian_record_prop(INTERNAL_FUNCTION_PARAM_PASSTHRU, "path", sizeof("path") - 1);
}

PHP_METHOD(Dangjian_InvalidRecord, getRow)
{
    dangjian_record_prop(INTERNAL_FUNCTION_PARAM_PASSTHRU, "row", sizeof("row") - 1);
}

PHP_METHOD(Dangjian_InvalidRecord, getField)
{
    dangjian_record_prop(INTERNAL_FUNCTION_PARAM_PASSTHRU, "field", sizeof("field") - 1);
}

PHP_METHOD(Dangjian_InvalidRecord, getRule)
{
    dangjian_record_prop(INTERNAL_FUNCTION_PARAM_PASSTHRU, "rule", sizeof("rule") - 1);
}

/* ---------------------------------------------------------------- module */

PHP_MINIT_FUNCTION(dangjian)
{
    REGISTER_INI_ENTRIES();
    register_dangjian_symbols(module_number);

    dangjian_ce_dataset = register_class_Dangjian_Dataset();
    dangjian_ce_dataset->create_object = dangjian_dataset_create;
    memcpy(&dangjian_dataset_handlers, &std_object_handlers, sizeof dangjian_dataset_handlers);
    dangjian_dataset_handlers.offset = XtOffsetOf(dangjian_dataset_obj, std);
    dangjian_dataset_handlers.free_obj = dangjian_dataset_free;
    dangjian_dataset_handlers.clone_obj = NULL;
    dangjian_dataset_handlers.compare = dangjian_dataset_compare;

    dangjian_ce_cache = register_class_Dangjian_Cache();

    dangjian_ce_exception = register_class_Dangjian_Exception(zend_ce_exception);
    dangjian_ce_invalid_record = register_class_Dangjian_InvalidRecord(dangjian_ce_exception);
    dangjian_ce_invalid_json = register_class_Dangjian_InvalidJson(dangjian_ce_exception);
    dangjian_ce_corrupt_snapshot = register_class_Dangjian_CorruptSnapshot(dangjian_ce_exception);
    return SUCCESS;
}

/* Frees every kept dataset: the worker is going away. */
PHP_MSHUTDOWN_FUNCTION(dangjian)
{
#ifndef ZTS
    dangjian_cache_clear();
#endif
    UNREGISTER_INI_ENTRIES();
    return SUCCESS;
}

PHP_MINFO_FUNCTION(dangjian)
{
    php_info_print_table_start();
    php_info_print_table_row(2, DJ_MSG_INFO_SUPPORT, "enabled");
    php_info_print_table_row(2, DJ_MSG_INFO_VERSION, PHP_DANGJIAN_VERSION);
    php_info_print_table_row(2, DJ_MSG_INFO_JANSSON, JANSSON_VERSION);
#ifdef ZTS
    php_info_print_table_row(2, DJ_MSG_INFO_CACHE, DJ_MSG_CACHE_ZTS);
#else
    {
        dangjian_cache_stats st;
        char buf[128];

        dangjian_cache_stats_get(&st);
        snprintf(buf, sizeof buf, "%zu of %zu bytes, %zu datasets", st.used, st.capacity, st.entries);
        php_info_print_table_row(2, DJ_MSG_INFO_CACHE, buf);
    }
#endif
    php_info_print_table_end();
    DISPLAY_INI_ENTRIES();
}

/* clang-format off */
zend_module_entry dangjian_module_entry = {
    STANDARD_MODULE_HEADER,
    "dangjian",
    NULL, /* functions: none, only classes */
    PHP_MINIT(dangjian),
    PHP_MSHUTDOWN(dangjian),
    NULL,
    NULL,
    PHP_MINFO(dangjian),
    PHP_DANGJIAN_VERSION,
    STANDARD_MODULE_PROPERTIES,
};
/* clang-format on */

#ifdef COMPILE_DL_DANGJIAN
#ifdef ZTS
ZEND_TSRMLS_CACHE_DEFINE()
#endif
ZEND_GET_MODULE(dangjian)
#endif
