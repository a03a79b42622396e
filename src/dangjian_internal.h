/*
 * dangjian_internal.h - what the binding's files share (dangjian.c,
 * dangjian_stats.c).
 */
#ifndef DANGJIAN_INTERNAL_H
#define DANGJIAN_INTERNAL_H

#include "php.h"

#include "dj.h"

/* Describes zv (NULL: the key is missing) as a dj_value; strings are
 * borrowed from the zval and stay valid for the call. */
void dangjian_value(zval *zv, dj_value *v);

/* dv = row[name] as a dj_value (missing when the key is absent). */
#define DANGJIAN_FIELD(ht, name, v) dangjian_value(zend_hash_str_find((ht), name, sizeof(name) - 1), (v))

/* The array behind a row zval (NULL when the row is not an array); *row
 * describes the row itself. */
HashTable *dangjian_row(zval *zv, dj_value *row);

/* A people row as the core's input. */
void dangjian_person_in(zval *zv, dj_person_in *in);

/* Scratch room for the participants of one activity row, grown as needed
 * and reused across rows. */
typedef struct {
    dj_participant_in *in;
    dj_participant_rec *rec;
    size_t cap;
} dangjian_parts;

void dangjian_parts_reserve(dangjian_parts *p, size_t n);
void dangjian_parts_free(dangjian_parts *p);

/* An activity row as the core's input; its participants go to parts. */
void dangjian_activity_in(zval *zv, dj_activity_in *in, dangjian_parts *parts);

/* Fills q from the query array, key by key in the order given. */
dj_status dangjian_query(HashTable *query, dj_query *q, dj_error *err);

/* Builds the stats() array exactly as STATS.md "Result" lists it. */
void dangjian_stats_array(const dj_stats *s, zval *rv);

#endif
