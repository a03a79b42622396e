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

/* Fills q from the query array, key by key in the order given. */
dj_status dangjian_query(HashTable *query, dj_query *q, dj_error *err);

/* Builds the stats() array exactly as STATS.md "Result" lists it. */
void dangjian_stats_array(const dj_stats *s, zval *rv);

#endif
