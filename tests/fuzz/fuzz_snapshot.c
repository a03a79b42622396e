/*
 * fuzz_snapshot.c - libFuzzer target for the snapshot loader
 * (dj_snapshot_load_mem) and writer (dj_snapshot_dump).
 *
 * Any input must load or fail cleanly (no out-of-bounds read, no crash, no
 * leak, no huge allocation, *out NULL on failure, DJ_E_SNAPSHOT or
 * DJ_E_NOMEM with a "snapshot (memory): " message). A dataset that loads must
 * dump to a snapshot that loads back to the same dataset (same toJson text).
 *
 * The CRC stops almost every mutation at "checksum mismatch", so each input
 * runs twice: as given (the header checks), then, when it starts with the
 * magic, with its payload length and CRC rewritten to match (the section and
 * value checks).
 *
 * Build and run (from the repository root):
 *   clang -g -O1 -fsanitize=fuzzer,address,undefined -I src/core tests/fuzz/fuzz_snapshot.c \
 *       src/core/?*.c $(pkg-config --cflags --libs jansson) -o /tmp/fuzz_snapshot
 *   /tmp/fuzz_snapshot -max_total_time=60 -rss_limit_mb=512 /tmp/corpus_snap tests/fuzz/corpus/snapshot
 * Replay a corpus without libFuzzer:
 *   cc -DDJ_FUZZ_STANDALONE -g -fsanitize=address,undefined -I src/core tests/fuzz/fuzz_snapshot.c \
 *       src/core/?*.c $(pkg-config --cflags --libs jansson) -o /tmp/replay_snapshot
 *   /tmp/replay_snapshot tests/fuzz/corpus/snapshot/?*
 */
#include "dj.h"
#include "dj_alloc.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void fail(const char *what, const char *detail)
{
    fprintf(stderr, "fuzz_snapshot: %s%s%s\n", what, detail ? ": " : "", detail ? detail : "");
    abort();
}

static uint32_t crc32_bitwise(const unsigned char *p, size_t n)
{
    uint32_t c = 0xFFFFFFFFu;
    for (size_t i = 0; i < n; i++) {
        c ^= p[i];
        for (int k = 0; k < 8; k++)
            c = (c & 1) ? (c >> 1) ^ 0xEDB88320u : c >> 1;
    }
    return ~c;
}

static void wr32(unsigned char *p, uint32_t v)
{
    for (int k = 0; k < 4; k++)
        p[k] = (unsigned char)(v >> (8 * k));
}

/* Checks one buffer: must load or fail cleanly; what loads round-trips. */
static void run(const unsigned char *d, size_t n)
{
    dj_dataset *ds = (dj_dataset *)1;
    dj_error err;
    dj_status st = dj_snapshot_load_mem(d, n, &ds, &err);
    if (st != DJ_OK) {
        if (ds != NULL)
            fail("failure left *out set", NULL);
        if (st == DJ_E_SNAPSHOT && strncmp(err.message, "snapshot (memory): ", 19) != 0)
            fail("bad message", err.message);
        if (st != DJ_E_SNAPSHOT && st != DJ_E_NOMEM)
            fail("unexpected status", err.message);
        return;
    }
    size_t n1 = 0, n2 = 0, sn = 0;
    char *t1 = dj_json_dump(ds, &n1);
    unsigned char *snap = dj_snapshot_dump(ds, &sn);
    if (!t1 || !snap)
        fail("dump failed", NULL);
    dj_dataset *back = NULL;
    if (dj_snapshot_load_mem(snap, sn, &back, &err) != DJ_OK)
        fail("dumped snapshot does not load", err.message);
    char *t2 = dj_json_dump(back, &n2);
    if (!t2 || n1 != n2 || memcmp(t1, t2, n1) != 0)
        fail("snapshot round trip differs", NULL);
    dj_free(t1);
    dj_free(t2);
    dj_free(snap);
    dj_dataset_release(back);
    dj_dataset_release(ds);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    /* As given: the header checks. */
    run(data, size);
    /* Resealed: the same bytes with a matching length and CRC, so the
     * section and value checks are reached. */
    if (size >= 32 && memcmp(data, "DJSNAP\r\n", 8) == 0) {
        unsigned char *c = malloc(size);
        if (!c)
            return 0;
        memcpy(c, data, size);
        wr32(c + 16, (uint32_t)(size - 32));
        wr32(c + 20, (uint32_t)((uint64_t)(size - 32) >> 32));
        wr32(c + 12, crc32_bitwise(c + 32, size - 32));
        run(c, size);
        free(c);
    }
    return 0;
}

#include "standalone.h"
