/*
 * dj_alloc.h - the one allocator indirection of the core.
 *
 * Every allocation of the core goes through dj_malloc/dj_realloc/dj_free.
 * By default they are malloc/realloc/free. A program (the PHP binding, the
 * chaos test) may install its own functions with dj_set_allocator() before it
 * creates any object; the three must be installed together.
 */
#ifndef DJ_ALLOC_H
#define DJ_ALLOC_H

#include <stddef.h>

typedef void *(*dj_malloc_fn)(size_t);
typedef void *(*dj_realloc_fn)(void *, size_t);
typedef void (*dj_free_fn)(void *);

void dj_set_allocator(dj_malloc_fn m, dj_realloc_fn r, dj_free_fn f);

void *dj_malloc(size_t n); /* NULL on failure (n == 0 allowed) */
void *dj_realloc(void *p, size_t n);
void dj_free(void *p);                  /* NULL is fine */
void *dj_calloc(size_t n, size_t size); /* NULL on failure or overflow */

#endif
