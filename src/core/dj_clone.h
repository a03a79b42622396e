/*
 * dj_clone.h - copying a dataset (src/core/clone.c).
 *
 * The kept datasets of the extension's cache are shared and read-only
 * (refcount > 1). A writer that wants to change one copies it first
 * (copy-on-write): dj_dataset_clone gives a private, writable copy.
 */
#ifndef DJ_CLONE_H
#define DJ_CLONE_H

#include "dj.h"

/* Returns 1 when ds is shared (refcount > 1) and so read-only, else 0. */
int dj_dataset_is_shared(const dj_dataset *ds);

/* Copies a committed dataset (no add transaction open): the copy has the
 * same rows, strings, headcount points and id indexes, at the same column
 * capacities, refcount 1 (the caller's: dj_dataset_release), and no stats
 * cache (the first stats() on it builds one). src is not changed.
 * Fails with DJ_E_NOMEM (nothing allocated is left behind) or DJ_E_RECORD
 * when src has an open transaction; *out is then NULL. */
dj_status dj_dataset_clone(const dj_dataset *src, dj_dataset **out, dj_error *err);

#endif
