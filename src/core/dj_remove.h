/*
 * dj_remove.h - removing committed rows from a dataset (src/core/remove.c).
 *
 * The other half of a write: an edit of a record is its removal and the add
 * of its new version, a delete its removal. Rows are removed by compacting
 * the packed columns in place (O(rows)), so the dataset afterwards holds
 * exactly what a dataset built without the removed rows holds (same rows in
 * the same order, same figures, same dj_json_dump()).
 */
#ifndef DJ_REMOVE_H
#define DJ_REMOVE_H

#include "dj.h"

/* Removes the activities whose ids are ids[0, n) (with their participations),
 * all or nothing. Fails, leaving the dataset unchanged, with DJ_E_RECORD
 * "the dataset is shared and read-only" (refcount > 1), "another add is in
 * progress on this dataset", "activities[i]: no id X" (no committed activity
 * has ids[i]) or "activities[i]: duplicate id X" (ids[i] is also an earlier
 * entry), i the first such position; or DJ_E_NOMEM. n == 0 is a no-op.
 * The stats cache is dropped. Nothing is returned to own. */
dj_status dj_dataset_remove_activities(dj_dataset *ds, const int32_t *ids, size_t n, dj_error *err);

/* Removes the people whose ids are ids[0, n), and every participation of
 * theirs (their activities stay, without them), all or nothing. Failure as
 * for remove_activities with "people[i]: no id X" / "people[i]: duplicate id X". */
dj_status dj_dataset_remove_people(dj_dataset *ds, const int32_t *ids, size_t n, dj_error *err);

/* The checks of a removal without the removal: each id found, none twice
 * (the same errors as the removal gives). Reads only, so it runs on a shared
 * dataset before the binding copies it (issue 11, item 17). people: 1 for
 * people ids, 0 for activity ids. */
dj_status dj_dataset_remove_check(const dj_dataset *ds, const int32_t *ids, size_t n, int people,
                                  dj_error *err);

#endif
