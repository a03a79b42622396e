/*
 * make_seeds.c - writes the snapshot fuzz seeds (tests/fuzz/corpus/snapshot/)
 * from a few small datasets built through the core's own API.
 *
 *   cc -I src/core tests/fuzz/make_seeds.c src/core/?*.c $(pkg-config --cflags --libs jansson) \
 *       -o /tmp/make_seeds && /tmp/make_seeds tests/fuzz/corpus/snapshot
 */
#include "dj.h"
#include "dj_alloc.h"

#include <stdio.h>
#include <string.h>

static const struct {
    const char *name;
    const char *json;
} seeds[] = {
    {"empty.snap", "{\"format\":\"dangjian-dataset\",\"version\":2}"},
    {"people.snap",
     "{\"format\":\"dangjian-dataset\",\"version\":1,\"people\":["
     "{\"id\":1,\"is_staff\":true,\"applied_on\":\"2020-01-01\"},"
     "{\"id\":2,\"applied_on\":\"2019-01-01\",\"activist_on\":\"2019-06-01\",\"candidate_on\":\"2020-01-01\","
     "\"admitted_on\":\"2020-06-01\",\"full_on\":\"2021-06-01\",\"left_on\":\"2024-02-01\",\"left_reason\":"
     "\"other\"},"
     "{\"id\":2147483647,\"joined_on\":\"1900-01-01\",\"left_reason\":\"death\"},"
     "{\"id\":4,\"left_on\":\"2199-12-31\"}]}"},
    {"headcount.snap",
     "{\"format\":\"dangjian-dataset\",\"version\":1,\"headcount\":[{\"date\":\"2024-03-01\",\"count\":42},"
     "{\"date\":\"2024-01-01\",\"count\":0},{\"date\":\"2199-12-31\",\"count\":2147483647}]}"},
    {"small.snap",
     "{\"format\":\"dangjian-dataset\",\"version\":1,\"people\":[{\"id\":1},{\"id\":2},{\"id\":3}],"
     "\"activities\":["
     "{\"id\":10,\"date\":\"2024-01-05\",\"category\":\"service\",\"kind\":\"counseling\",\"hours\":2.5,"
     "\"fee_waived\":1.5,\"donation\":12.34,\"beneficiaries\":3,\"venue_kind\":\"community\","
     "\"venue\":\"\xe9\x98\xb3\xe5\x85\x89\xe7\xa4\xbe\xe5\x8c\xba\",\"participants\":[1,{\"id\":2,\"hours\":"
     "1.25}]},"
     "{\"id\":11,\"date\":\"2024-02-05\",\"category\":\"meeting\",\"kind\":\"committee\",\"hours\":1,"
     "\"participants\":[3,2,1]},"
     "{\"id\":12,\"date\":\"2024-03-05\",\"category\":\"service\",\"kind\":\"counseling\",\"hours\":"
     "1000000000,"
     "\"venue_kind\":\"community\",\"venue\":\"a\\u0000b\\\"c\"}],"
     "\"headcount\":[{\"date\":\"2024-01-01\",\"count\":40}]}"},
    {"v2.snap",
     "{\"format\":\"dangjian-dataset\",\"version\":2,\"people\":["
     "{\"id\":1,\"admitted_on\":\"2020-01-01\",\"hired_on\":\"2021-03-01\"},"
     "{\"id\":2,\"applied_on\":\"2023-01-01\",\"admitted_on\":\"2024-02-01\",\"joined_on\":\"2024-03-01\"}],"
     "\"activities\":["
     "{\"id\":1,\"date\":\"2024-03-05\",\"category\":\"service\",\"kind\":\"counseling\",\"hours\":2,"
     "\"venue_kind\":\"community\",\"venue\":\"A\",\"project\":\" \u6d2a\u707e\u63f4\u52a9\u3000\","
     "\"participants\":[1,2]},"
     "{\"id\":2,\"date\":\"2024-04-05\",\"category\":\"meeting\",\"kind\":\"committee\","
     "\"project\":\"Reading\",\"participants\":[1]}]}"},
};

int main(int argc, char **argv)
{
    if (argc != 2) {
        fprintf(stderr, "usage: make_seeds DIR\n");
        return 2;
    }
    for (size_t i = 0; i < sizeof seeds / sizeof seeds[0]; i++) {
        dj_dataset *ds = NULL;
        dj_error err;
        if (dj_json_load(seeds[i].json, strlen(seeds[i].json), &ds, &err) != DJ_OK) {
            fprintf(stderr, "%s: %s\n", seeds[i].name, err.message);
            return 1;
        }
        char path[4096];
        snprintf(path, sizeof path, "%s/%s", argv[1], seeds[i].name);
        if (dj_snapshot_save(ds, path, &err) != DJ_OK) {
            fprintf(stderr, "%s\n", err.message);
            return 1;
        }
        dj_dataset_release(ds);
        printf("wrote %s\n", path);
    }
    return 0;
}
