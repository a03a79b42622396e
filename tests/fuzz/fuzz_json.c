/*
 * fuzz_json.c - libFuzzer target for fromJson / toJson (dj_json_load,
 * dj_json_dump).
 *
 * Any input must load or fail cleanly (no crash, no leak, *out NULL on
 * failure, a known status). The streaming reader must agree with jansson: its
 * pass 1 gives json_loadb(JSON_ALLOW_NUL)'s verdict and error ("line L, column
 * C: <text>") exactly, and dj_json_load gives what the reader through a
 * jansson tree (dj_json_load_tree) gives: the same status and message, or a
 * dataset with the same toJson(). A dataset that loads must round-trip: its
 * toJson() loads again and prints the very same bytes, and its snapshot loads
 * back to the same dataset.
 *
 * Build and run (from the repository root):
 *   clang -g -O1 -fsanitize=fuzzer,address,undefined -I src/core tests/fuzz/fuzz_json.c \
 *       src/core/?*.c $(pkg-config --cflags --libs jansson) -o /tmp/fuzz_json
 *   /tmp/fuzz_json -max_total_time=60 /tmp/corpus_json tests/fuzz/corpus/json
 * Replay a corpus without libFuzzer:
 *   cc -DDJ_FUZZ_STANDALONE -g -fsanitize=address,undefined -I src/core tests/fuzz/fuzz_json.c \
 *       src/core/?*.c $(pkg-config --cflags --libs jansson) -o /tmp/replay_json
 *   /tmp/replay_json tests/fuzz/corpus/json/?*
 */
#include "dj.h"
#include "dj_alloc.h"
#include "json_internal.h"

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void fail(const char *what, const char *detail)
{
    fprintf(stderr, "fuzz_json: %s%s%s\n", what, detail ? ": " : "", detail ? detail : "");
    abort();
}

/* The streaming reader against jansson's verdict and the tree reader. */
static void against_jansson(const char *text, size_t size)
{
    json_error_t je;
    json_t *root = json_loadb(text, size, JSON_ALLOW_NUL, &je);
    char want[DJ_ERROR_TEXT + 64];
    if (!root)
        snprintf(want, sizeof want, "line %d, column %d: %s", je.line, je.column, je.text);
    json_decref(root);
    dj_json_top top;
    dj_error err;
    dj_status st = dj_json_validate(text, size, &top, &err);
    if ((st == DJ_OK) != (root != NULL))
        fail("the reader's verdict is not jansson's", root ? err.message : want);
    if (st != DJ_OK && strcmp(err.message, want) != 0)
        fail("the reader's error is not jansson's", err.message);

    dj_dataset *a = NULL, *b = NULL;
    dj_error ea, eb;
    dj_status sa = dj_json_load(text, size, &a, &ea);
    dj_status sb = dj_json_load_tree(text, size, &b, &eb);
    if (sa != sb)
        fail("dj_json_load and dj_json_load_tree differ in status", sa != DJ_OK ? ea.message : eb.message);
    if (sa != DJ_OK && strcmp(ea.message, eb.message) != 0)
        fail("dj_json_load and dj_json_load_tree differ in message", ea.message);
    if (sa == DJ_OK) {
        size_t la, lb;
        char *da = dj_json_dump(a, &la), *db = dj_json_dump(b, &lb);
        if (!da || !db || la != lb || memcmp(da, db, la) != 0)
            fail("dj_json_load and dj_json_load_tree give different datasets", NULL);
        dj_free(da);
        dj_free(db);
    }
    dj_dataset_release(a);
    dj_dataset_release(b);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    against_jansson((const char *)data, size);
    dj_dataset *ds = (dj_dataset *)1;
    dj_error err;
    dj_status st = dj_json_load((const char *)data, size, &ds, &err);
    if (st != DJ_OK) {
        if (ds != NULL)
            fail("failure left *out set", NULL);
        if (st != DJ_E_JSON && st != DJ_E_RECORD && st != DJ_E_NOMEM)
            fail("unexpected status", err.message);
        if (strlen(err.message) == 0)
            fail("empty message", NULL);
        return 0;
    }
    size_t n1 = 0, n2 = 0;
    char *t1 = dj_json_dump(ds, &n1);
    if (!t1)
        fail("dump failed", NULL);
    dj_dataset *back = NULL;
    if (dj_json_load(t1, n1, &back, &err) != DJ_OK)
        fail("toJson output does not load", err.message);
    char *t2 = dj_json_dump(back, &n2);
    if (!t2 || n1 != n2 || memcmp(t1, t2, n1) != 0)
        fail("toJson round trip differs", NULL);

    size_t sn = 0;
    unsigned char *snap = dj_snapshot_dump(ds, &sn);
    if (!snap)
        fail("snapshot dump failed", NULL);
    dj_dataset *again = NULL;
    if (dj_snapshot_load_mem(snap, sn, &again, &err) != DJ_OK)
        fail("snapshot does not load", err.message);
    size_t n3 = 0;
    char *t3 = dj_json_dump(again, &n3);
    if (!t3 || n3 != n1 || memcmp(t1, t3, n1) != 0)
        fail("snapshot round trip differs", NULL);

    /* stats from the per-day cache and by a scan of the rows agree */
    dj_query q;
    dj_query_init(&q);
    dj_stats s1, s2;
    extern int dj_stats_scan_only;
    dj_status a = dj_dataset_stats(ds, &q, &s1, &err);
    dj_stats_scan_only = 1;
    dj_status b = dj_dataset_stats(ds, &q, &s2, &err);
    dj_stats_scan_only = 0;
    if (a != b)
        fail("stats: the cache and the scan disagree on the status", NULL);
    if (a == DJ_OK) {
        char *j1 = dj_stats_json(&s1, NULL), *j2 = dj_stats_json(&s2, NULL);
        if (!j1 || !j2 || strcmp(j1, j2) != 0)
            fail("stats: the cache and the scan differ", NULL);
        dj_free(j1);
        dj_free(j2);
    }
    dj_stats_free(&s1);
    dj_stats_free(&s2);

    dj_free(t1);
    dj_free(t2);
    dj_free(t3);
    dj_free(snap);
    dj_dataset_release(again);
    dj_dataset_release(back);
    dj_dataset_release(ds);
    return 0;
}

#include "standalone.h"
