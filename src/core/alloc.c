/* alloc.c - the allocator indirection (see dj_alloc.h). */
#include "dj_alloc.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

static dj_malloc_fn dj_m = malloc;
static dj_realloc_fn dj_r = realloc;
static dj_free_fn dj_f = free;

void dj_set_allocator(dj_malloc_fn m, dj_realloc_fn r, dj_free_fn f)
{
    dj_m = m ? m : malloc;
    dj_r = r ? r : realloc;
    dj_f = f ? f : free;
}

void *dj_malloc(size_t n)
{
    return dj_m(n ? n : 1);
}

void *dj_realloc(void *p, size_t n)
{
    return dj_r(p, n ? n : 1);
}

void dj_free(void *p)
{
    if (p)
        dj_f(p);
}

void *dj_calloc(size_t n, size_t size)
{
    if (size && n > SIZE_MAX / size)
        return NULL;
    void *p = dj_malloc(n * size);
    if (p)
        memset(p, 0, n * size);
    return p;
}
