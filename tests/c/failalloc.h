/*
 * failalloc.h - the C tests' failing allocators, installed with dj_set_allocator().
 *
 * fail_malloc / fail_realloc (with free): fail_left allocations succeed, then
 * every one fails; -1 never fails.
 * t_malloc / t_realloc / t_free: the t_fail_at-th call (counted in t_calls)
 * fails, 0 never; t_live counts the blocks held, so a test can see a leak.
 */
#ifndef DJ_TEST_FAILALLOC_H
#define DJ_TEST_FAILALLOC_H

#include <stdlib.h>

static long fail_left = -1;

static inline void *fail_malloc(size_t n)
{
    if (fail_left == 0)
        return NULL;
    if (fail_left > 0)
        fail_left--;
    return malloc(n);
}

static inline void *fail_realloc(void *p, size_t n)
{
    if (fail_left == 0)
        return NULL;
    if (fail_left > 0)
        fail_left--;
    return realloc(p, n);
}

static long t_calls, t_fail_at, t_live;

static inline void *t_malloc(size_t n)
{
    if (t_fail_at && ++t_calls == t_fail_at)
        return NULL;
    void *p = malloc(n ? n : 1);
    if (p)
        t_live++;
    return p;
}

static inline void *t_realloc(void *p, size_t n)
{
    if (t_fail_at && ++t_calls == t_fail_at)
        return NULL;
    void *q = realloc(p, n ? n : 1);
    if (q && !p)
        t_live++;
    return q;
}

static inline void t_free(void *p)
{
    if (p)
        t_live--;
    free(p);
}

#endif
