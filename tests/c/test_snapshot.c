/*
 * test_snapshot.c - the binary snapshot: dump/save, load/load_mem, and every
 * check of the loader (docs/snapshot.md).
 */
#define _POSIX_C_SOURCE 200809L
#include "check.h"
#include "failalloc.h"
#include "dj.h"
#include "dj_alloc.h"

#include <dirent.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static char msg[DJ_ERROR_TEXT * 2];

/* A bit-at-a-time CRC-32 (zlib), independent of the one under test. */
static uint32_t ref_crc(const unsigned char *p, size_t n)
{
    uint32_t c = 0xFFFFFFFFu;
    for (size_t i = 0; i < n; i++) {
        c ^= p[i];
        for (int k = 0; k < 8; k++)
            c = (c & 1) ? (c >> 1) ^ 0xEDB88320u : c >> 1;
    }
    return ~c;
}

static uint32_t rd32(const unsigned char *p)
{
    return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

static void wr32(unsigned char *p, uint32_t v)
{
    p[0] = (unsigned char)v;
    p[1] = (unsigned char)(v >> 8);
    p[2] = (unsigned char)(v >> 16);
    p[3] = (unsigned char)(v >> 24);
}

static void wr64(unsigned char *p, uint64_t v)
{
    wr32(p, (uint32_t)v);
    wr32(p + 4, (uint32_t)(v >> 32));
}

/* Rewrites the header's payload length and CRC to match the bytes. */
static void reseal(unsigned char *d, size_t len)
{
    wr64(d + 16, len - 32);
    wr32(d + 12, ref_crc(d + 32, len - 32));
}

static dj_dataset *from_json(const char *text)
{
    dj_dataset *ds = NULL;
    dj_error err;
    if (dj_json_load(text, strlen(text), &ds, &err) != DJ_OK)
        fprintf(stderr, "from_json: %s\n", err.message);
    return ds;
}

static const char *const sample =
    "{\"format\":\"dangjian-dataset\",\"version\":1,\"people\":["
    "{\"id\":1,\"is_staff\":true,\"applied_on\":\"2020-01-01\"},"
    "{\"id\":2,\"applied_on\":\"2019-01-01\",\"activist_on\":\"2019-06-01\",\"candidate_on\":\"2020-01-01\","
    "\"admitted_on\":\"2020-06-01\",\"full_on\":\"2021-06-01\",\"left_on\":\"2024-02-01\",\"left_reason\":"
    "\"transfer\"},"
    "{\"id\":7,\"joined_on\":\"2018-03-04\",\"left_reason\":\"death\"}],"
    "\"activities\":["
    "{\"id\":10,\"date\":\"2024-01-05\",\"category\":\"service\",\"kind\":\"counseling\",\"hours\":2.5,"
    "\"donation\":12.34,\"beneficiaries\":3,\"venue_kind\":\"community\",\"venue\":"
    "\"\xe9\x98\xb3\xe5\x85\x89\","
    "\"participants\":[1,{\"id\":2,\"hours\":1.25}]},"
    "{\"id\":11,\"date\":\"2024-02-05\",\"category\":\"meeting\",\"kind\":\"committee\",\"hours\":1000000000,"
    "\"venue\":\"a\\u0000b\",\"participants\":[7]},"
    "{\"id\":12,\"date\":\"2024-03-05\",\"category\":\"service\",\"kind\":\"counseling\",\"hours\":0.01,"
    "\"venue_kind\":\"community\",\"venue\":\"\xe9\x98\xb3\xe5\x85\x89\"}],"
    "\"headcount\":[{\"date\":\"2024-03-01\",\"count\":42},{\"date\":\"2024-01-01\",\"count\":40}]}";

/* load_mem; msg holds the message. */
static dj_status load_bytes(const unsigned char *d, size_t n, dj_dataset **out)
{
    dj_error err;
    err.message[0] = '\0';
    dj_status st = dj_snapshot_load_mem(d, n, out, &err);
    snprintf(msg, sizeof msg, "%s", err.message);
    return st;
}

static const char *load_error(const unsigned char *d, size_t n)
{
    dj_dataset *ds = (dj_dataset *)1;
    dj_status st = load_bytes(d, n, &ds);
    check(st == DJ_E_SNAPSHOT);
    check(ds == NULL);
    if (st == DJ_OK)
        dj_dataset_release(ds);
    return msg;
}

static int same_dataset(const dj_dataset *a, const dj_dataset *b)
{
    size_t na, nb;
    char *ta = dj_json_dump(a, &na), *tb = dj_json_dump(b, &nb);
    int same = ta && tb && na == nb && memcmp(ta, tb, na) == 0;
    dj_free(ta);
    dj_free(tb);
    return same;
}

static void test_round_trip(void)
{
    static const unsigned char v[] = "123456789";
    check(ref_crc(v, 9) == 0xCBF43926u);

    dj_dataset *ds = from_json(sample);
    check(ds != NULL);
    if (!ds)
        return;
    size_t n = 0;
    unsigned char *d = dj_snapshot_dump(ds, &n);
    check(d != NULL && n > 32);
    static const unsigned char magic[8] = {'D', 'J', 'S', 'N', 'A', 'P', '\r', '\n'};
    check(memcmp(d, magic, 8) == 0);
    check(rd32(d + 8) == 3);
    check(rd32(d + 12) == ref_crc(d + 32, n - 32));
    check(rd32(d + 16) == n - 32 && rd32(d + 20) == 0);
    check(rd32(d + 24) == 0 && rd32(d + 28) == 0);
    /* strings: "", then in first use: counseling, community, 阳光, committee, "a\0b" */
    check(rd32(d + 32) == 6);
    check(rd32(d + 36) == 0);
    check(rd32(d + 40) == 10 && memcmp(d + 44, "counseling", 10) == 0);
    /* people count after the strings */
    size_t off = 36 + 4 * 6 + 10 + 9 + 6 + 9 + 3;
    check(rd32(d + off) == 3);
    check(rd32(d + off + 4) == 1 && rd32(d + off + 8) == 2 && rd32(d + off + 12) == 7);

    dj_dataset *back = NULL;
    check(load_bytes(d, n, &back) == DJ_OK);
    check(back && same_dataset(ds, back));
    if (back) {
        size_t n2 = 0;
        unsigned char *d2 = dj_snapshot_dump(back, &n2);
        check(d2 && n2 == n && memcmp(d, d2, n) == 0);
        dj_free(d2);
        check(dj_dataset_participations_count(back) == 3);
        dj_dataset_release(back);
    }

    /* The empty dataset. */
    dj_dataset *empty = dj_dataset_new();
    size_t ne = 0;
    unsigned char *de = dj_snapshot_dump(empty, &ne);
    check(de && ne == 32 + 4 + 4 + 4 * 10);
    dj_dataset *eback = NULL;
    check(de && load_bytes(de, ne, &eback) == DJ_OK && eback && dj_dataset_people_count(eback) == 0);
    dj_dataset_release(eback);
    dj_free(de);
    dj_dataset_release(empty);

    dj_free(d);
    dj_dataset_release(ds);
}

static void test_header_checks(void)
{
    dj_dataset *ds = from_json(sample);
    size_t n = 0;
    unsigned char *d = dj_snapshot_dump(ds, &n);
    unsigned char *c = malloc(n + 8);

    /* Every truncation: an error, never a crash (ASan watches the reads). */
    for (size_t k = 0; k < n; k++) {
        unsigned char *t = malloc(k ? k : 1); /* exactly k bytes: a read past them is caught */
        memcpy(t, d, k);
        check_str(load_error(t, k), "snapshot (memory): truncated");
        free(t);
    }
    memcpy(c, d, n);
    memcpy(c, "DJSNAQ\r\n", 8);
    check_str(load_error(c, n), "snapshot (memory): not a dangjian snapshot");
    memcpy(c, d, n);
    wr32(c + 8, 1);
    check_str(load_error(c, n), "snapshot (memory): version 1 is not supported");
    wr32(c + 8, 2);
    check_str(load_error(c, n), "snapshot (memory): version 2 is not supported");
    wr32(c + 8, 4);
    check_str(load_error(c, n), "snapshot (memory): version 4 is not supported");
    wr32(c + 8, 0);
    check_str(load_error(c, n), "snapshot (memory): version 0 is not supported");
    memcpy(c, d, n);
    c[n - 1] ^= 1;
    check_str(load_error(c, n), "snapshot (memory): checksum mismatch");
    memcpy(c, d, n);
    c[12] ^= 0x80;
    check_str(load_error(c, n), "snapshot (memory): checksum mismatch");
    /* A longer file than the header says. */
    memcpy(c, d, n);
    c[n] = 0;
    check_str(load_error(c, n + 1), "snapshot (memory): damaged (trailing bytes)");
    /* ... and the same bytes sealed as payload: trailing after the last section. */
    reseal(c, n + 1);
    check_str(load_error(c, n + 1), "snapshot (memory): damaged (trailing bytes)");
    memcpy(c, d, n);
    wr64(c + 16, (uint64_t)1 << 62);
    check_str(load_error(c, n), "snapshot (memory): truncated");
    memcpy(c, d, n);
    c[30] = 1;
    check_str(load_error(c, n), "snapshot (memory): damaged (reserved)");

    /* Flip every byte (every bit pattern 0x01 and 0xFF): an error or the same
     * dataset, never a crash. */
    for (size_t k = 0; k < n; k++) {
        for (int f = 0; f < 2; f++) {
            memcpy(c, d, n);
            c[k] ^= f ? 0xFF : 0x01;
            dj_dataset *back = NULL;
            dj_status st = load_bytes(c, n, &back);
            check(st == DJ_E_SNAPSHOT || (st == DJ_OK && same_dataset(ds, back)));
            dj_dataset_release(back);
        }
    }
    /* The same with the CRC made to match, so the value checks are reached:
     * an error or a dataset, never a crash or a leak. */
    size_t ok = 0, bad = 0;
    for (size_t k = 32; k < n; k++) {
        for (int f = 0; f < 3; f++) {
            memcpy(c, d, n);
            c[k] ^= f == 0 ? 0x01 : f == 1 ? 0x80 : 0xFF;
            reseal(c, n);
            dj_dataset *back = NULL;
            dj_status st = load_bytes(c, n, &back);
            check(st == DJ_E_SNAPSHOT || st == DJ_OK);
            check((st == DJ_OK) == (back != NULL));
            if (st == DJ_OK) {
                ok++;
                /* what loads saves and loads again as the same dataset */
                size_t n2 = 0;
                unsigned char *d2 = dj_snapshot_dump(back, &n2);
                dj_dataset *again = NULL;
                check(d2 && load_bytes(d2, n2, &again) == DJ_OK && same_dataset(back, again));
                dj_dataset_release(again);
                dj_free(d2);
            } else {
                bad++;
                check(strncmp(msg, "snapshot (memory): ", 19) == 0);
            }
            dj_dataset_release(back);
        }
    }
    check(ok > 0 && bad > 0);
    free(c);
    dj_free(d);
    dj_dataset_release(ds);
}

#include "snapspec.h"

static const char *spec_error(const spec *s)
{
    static buf b;
    build(&b, s);
    return load_error(b.b, b.n);
}

/* The bounds: huge counts are "truncated", with no big allocation; a file
 * of empty sections has no strings. */
static void test_value_bounds(void)
{
    static buf b;
    /* The bounds: huge counts are "truncated", with no big allocation. */
    {
        spec t = base();
        buf *bb = &b;
        build(bb, &t);
        wr32(bb->b + 32, 0xFFFFFFFFu); /* strings */
        reseal(bb->b, bb->n);
        check_str(load_error(bb->b, bb->n), "snapshot (memory): truncated");
        build(bb, &t);
        size_t people = 32 + 4 + 4 * 3 + 5 + 4;
        check(rd32(bb->b + people) == 2);
        wr32(bb->b + people, 0x80000000u);
        reseal(bb->b, bb->n);
        check_str(load_error(bb->b, bb->n), "snapshot (memory): truncated");
        build(bb, &t);
        wr32(bb->b + bb->n - 4 - 4 - 4 - 4, 0x10000000u); /* m */
        check(rd32(bb->b + bb->n - 16) == 0x10000000u);
        reseal(bb->b, bb->n);
        check_str(load_error(bb->b, bb->n), "snapshot (memory): truncated");
    }
    {
        /* No strings at all (a file of empty sections). */
        buf *bb = &b;
        header(bb);
        for (int k = 0; k < 11; k++)
            u32(bb, 0);
        reseal(bb->b, bb->n);
        check_str(load_error(bb->b, bb->n), "snapshot (memory): damaged (no strings)");
    }
}

static void test_value_checks(void)
{
    static buf b;
    spec s = base();
    build(&b, &s);
    dj_dataset *ds = NULL;
    check(load_bytes(b.b, b.n, &ds) == DJ_OK);
    if (!ds) {
        fprintf(stderr, "  base: %s\n", msg);
    } else {
        char *t = dj_json_dump(ds, NULL);
        check(t && strstr(t, "\"kind\":\"visit\",\"hours\":2.5,\"fee_waived\":0.0,\"donation\":0.0,"
                             "\"beneficiaries\":3,\"venue_kind\":\"visit\",\"venue\":\"hall\","
                             "\"participants\":[{\"id\":2,\"hours\":2.5}]") != NULL);
        dj_free(t);
        dj_dataset_release(ds);
    }
    {
        /* a big amount: the escape in the column, the value in the table */
        spec t = base();
        t.hours = 0xFFFFFFFFu;
        t.nbig = 1;
        build(&b, &t);
        dj_dataset *big = NULL;
        check(load_bytes(b.b, b.n, &big) == DJ_OK);
        char *j = big ? dj_json_dump(big, NULL) : NULL;
        check(j && strstr(j, "\"hours\":1000000000.0,") != NULL);
        size_t n2 = 0;
        unsigned char *d2 = big ? dj_snapshot_dump(big, &n2) : NULL;
        check(d2 && n2 == b.n && memcmp(d2, b.b, n2) == 0); /* written back the same */
        dj_free(d2);
        dj_free(j);
        dj_dataset_release(big);
    }

#define EXPECT_S(field, value, text)                                                                         \
    do {                                                                                                     \
        spec t_ = base();                                                                                    \
        t_.field = value;                                                                                    \
        t_.field##len = strlen(value);                                                                       \
        check_str(spec_error(&t_), "snapshot (memory): " text);                                              \
    } while (0)
#define EXPECT(field, value, text)                                                                           \
    do {                                                                                                     \
        spec t_ = base();                                                                                    \
        t_.field = value;                                                                                    \
        check_str(spec_error(&t_), "snapshot (memory): " text);                                              \
    } while (0)

    EXPECT(s0len, 1, "damaged (string 0 is not empty)");
    EXPECT_S(s1, "\xff", "damaged (string 1 is not UTF-8)");
    EXPECT_S(s1, "\xed\xa0\x80", "damaged (string 1 is not UTF-8)"); /* a surrogate */
    EXPECT_S(s2, "visit", "damaged (string 2 is a duplicate)");
    {
        spec t = base();
        static char longs[201];
        memset(longs, 'a', sizeof longs);
        t.s2 = longs;
        t.s2len = 201;
        check_str(spec_error(&t), "snapshot (memory): damaged (string 2 is too long)");
        t.s2len = 200; /* the limit itself is fine */
        build(&b, &t);
        dj_dataset *ok = NULL;
        check(load_bytes(b.b, b.n, &ok) == DJ_OK);
        dj_dataset_release(ok);
    }
    EXPECT(pid[1], 0, "damaged (people[1].id)");
    EXPECT(pid[1], -5, "damaged (people[1].id)");
    EXPECT(pid[1], 1, "damaged (people[1].id: duplicate id 1)");
    EXPECT(staff, 2, "damaged (people[0].is_staff)");
    EXPECT(reason, 5, "damaged (people[0].left_reason)");
    EXPECT(dates[0], DJ_DATE_MAX + 1, "damaged (people[0].applied_on)");
    EXPECT(dates[0], DJ_DATE_MIN - 1, "damaged (people[0].applied_on)");
    EXPECT(dates[3], 18000, "damaged (people[0].admitted_on)"); /* before applied_on */
    EXPECT(dates[6], 18000, "damaged (people[0].left_on)");     /* before the start */
    EXPECT(hdate, INT32_MIN, "damaged (headcount[0].date)");
    EXPECT(hcount, -1, "damaged (headcount[0].count)");
    EXPECT(cat, 0, "damaged (kinds[0].category)");
    EXPECT(cat, 3, "damaged (kinds[0].category)");
    EXPECT(kstr, 0, "damaged (kinds[0].kind)"); /* "" is not a slug */
    EXPECT(kstr, 3, "damaged (kinds[0].kind)"); /* out of range */
    EXPECT(kstr, 0xFFFFFFFFu, "damaged (kinds[0].kind)");
    EXPECT_S(s1, "Visit", "damaged (kinds[0].kind)");
    EXPECT(nk, 2, "damaged (kinds[1] is a duplicate)");
    EXPECT(vk, 7, "damaged (places[0].venue_kind)");
    EXPECT(venue, 3, "damaged (places[0].venue)");
    EXPECT_S(s2, " hall", "damaged (places[0].venue)");
    EXPECT_S(s2, "hal\xe3\x80\x80", "damaged (places[0].venue)"); /* U+3000 */
    EXPECT(npl, 2, "damaged (places[1] is a duplicate)");
    EXPECT(aid, 0, "damaged (activities[0].id)");
    EXPECT(adate, INT32_MIN, "damaged (activities[0].date)");
    EXPECT(adate, DJ_DATE_MAX + 1, "damaged (activities[0].date)");
    EXPECT(akind, 1, "damaged (activities[0].kind)");
    EXPECT(aplace, 1, "damaged (activities[0].place)");
    EXPECT(benef, -1, "damaged (activities[0].beneficiaries)");
    EXPECT(end, 2, "damaged (activities[0].end)");
    EXPECT(end, 0, "damaged (participations)");
    EXPECT(hours, 0xFFFFFFFFu, "damaged (big_hours.count)"); /* an escape without its entry */
    EXPECT(nbig, 1, "damaged (big_hours[0].row)");           /* an entry without its escape */
    {
        spec t = base();
        t.hours = 0xFFFFFFFFu;
        t.nbig = 1;
        t.big_row = 1;
        check_str(spec_error(&t), "snapshot (memory): damaged (big_hours[0].row)");
        t.big_row = 0;
        t.big_value = INT64_C(100000000001);
        check_str(spec_error(&t), "snapshot (memory): damaged (big_hours[0].value)");
        t.big_value = 0xFFFFFFFEu; /* would fit the column */
        check_str(spec_error(&t), "snapshot (memory): damaged (big_hours[0].value)");
    }
    EXPECT(part_person, 2, "damaged (activities[0].participants[0].person)");
    EXPECT(part_person, 0xFFFFFFFFu, "damaged (activities[0].participants[0].person)");
    {
        spec t = base();
        t.m = 2;
        t.end = 2;
        check_str(spec_error(&t), "snapshot (memory): damaged (activities[0].participants[1].id: duplicate "
                                  "participant 2)");
    }
    test_value_bounds();
#undef EXPECT
#undef EXPECT_S
}

/* The CRC: the fast path (carry-less multiply where the CPU has it) and the
 * portable one agree with the bitwise reference at every length and offset. */
extern int dj_snapshot_crc_portable;

static void test_crc(void)
{
    dj_dataset *ds = from_json(sample);
    size_t n = 0;
    unsigned char *d = dj_snapshot_dump(ds, &n);
    unsigned char *big = malloc(5000);
    uint32_t x = 12345;
    for (size_t i = 0; i < 5000; i++) {
        x = x * 1103515245u + 12345u;
        big[i] = (unsigned char)(x >> 16);
    }
    for (size_t len = 0; len < 400; len += 7)
        for (int portable = 0; portable < 2; portable++) {
            /* a payload of len random bytes after a good header: the check
             * stops at the CRC or goes on, by the same CRC either way */
            unsigned char *c = malloc(32 + len + 1);
            memcpy(c, d, 32);
            memcpy(c + 32, big + (len % 13), len);
            reseal(c, 32 + len);
            dj_snapshot_crc_portable = portable;
            dj_dataset *back = NULL;
            load_bytes(c, 32 + len, &back);
            check(strcmp(msg, "snapshot (memory): checksum mismatch") != 0);
            dj_dataset_release(back);
            c[32 + len / 2] ^= len ? 0x10 : 0;
            if (len) {
                load_bytes(c, 32 + len, &back);
                check_str(msg, "snapshot (memory): checksum mismatch");
                dj_dataset_release(back);
            }
            free(c);
        }
    dj_snapshot_crc_portable = 0;
    free(big);
    dj_free(d);
    dj_dataset_release(ds);
}

/* A dataset whose own tables are not in first-use order (a rolled-back add
 * leaves interned strings and pairs behind; ids out of order need the hash)
 * dumps the canonical bytes, loads back the same, and takes adds after the
 * load with its relational checks intact. */
static void test_canonical_and_mutable(void)
{
    dj_dataset *ds = from_json(sample);
    dj_error err;
    size_t n1 = 0;
    unsigned char *d1 = dj_snapshot_dump(ds, &n1);

    dj_participant_rec parts[1] = {{1, 100, 1}};
    dj_activity_rec r;
    memset(&r, 0, sizeof r);
    r.id = 50;
    r.date = 19800;
    r.category = DJ_CAT_SERVICE;
    r.kind = "zzz";
    r.kind_len = 3;
    r.venue_kind = "yyy";
    r.venue_kind_len = 3;
    r.venue = "xxx";
    r.venue_len = 3;
    r.parts = parts;
    r.n_parts = 1;
    check(dj_dataset_activities_begin(ds, 1, 1, &err) == DJ_OK);
    check(dj_dataset_activity_add(ds, &r, 0, &err) == DJ_OK);
    dj_dataset_rollback(ds);
    size_t n2 = 0;
    unsigned char *d2 = dj_snapshot_dump(ds, &n2);
    check(d1 && d2 && n1 == n2 && memcmp(d1, d2, n1) == 0);

    /* an id out of order: the loaded dataset keeps a hash of the ids */
    r.id = 5;
    check(dj_dataset_activities_begin(ds, 1, 1, &err) == DJ_OK);
    check(dj_dataset_activity_add(ds, &r, 0, &err) == DJ_OK);
    dj_dataset_commit(ds);
    size_t n3 = 0;
    unsigned char *d3 = dj_snapshot_dump(ds, &n3);
    dj_dataset *back = NULL;
    check(d3 && load_bytes(d3, n3, &back) == DJ_OK && same_dataset(ds, back));
    if (back) {
        check(dj_dataset_activities_begin(back, 1, 1, &err) == DJ_OK);
        r.id = 11; /* taken */
        check(dj_dataset_activity_add(back, &r, 0, &err) == DJ_E_RECORD);
        check_str(err.message, "activities[0].id: duplicate id 11");
        r.id = 60;
        parts[0].person_id = 3; /* unknown */
        check(dj_dataset_activity_add(back, &r, 0, &err) == DJ_E_RECORD);
        parts[0].person_id = 7;
        check(dj_dataset_activity_add(back, &r, 0, &err) == DJ_OK);
        dj_dataset_commit(back);
        check(dj_dataset_activities_count(back) == 5);
        dj_person_rec p;
        memset(&p, 0, sizeof p);
        for (int k = 0; k < DJ_PERSON_DATES; k++)
            p.dates[k] = DJ_NO_DATE;
        p.id = 2; /* taken */
        check(dj_dataset_people_begin(back, 1, &err) == DJ_OK);
        check(dj_dataset_person_add(back, &p, 0, &err) == DJ_E_RECORD);
        dj_dataset_rollback(back);
        dj_dataset_release(back);
    }
    dj_free(d1);
    dj_free(d2);
    dj_free(d3);
    dj_dataset_release(ds);
}

/* ------------------------------------------------------------ files */

static int count_entries(const char *dir)
{
    DIR *d = opendir(dir);
    int n = 0;
    struct dirent *e;
    while (d && (e = readdir(d)))
        if (strcmp(e->d_name, ".") && strcmp(e->d_name, ".."))
            n++;
    if (d)
        closedir(d);
    return n;
}

static void test_files(void)
{
    char dir[] = "/tmp/dj_snapXXXXXX";
    check(mkdtemp(dir) != NULL);
    char path[256], sub[256], other[256];
    snprintf(path, sizeof path, "%s/data.snap", dir);
    snprintf(sub, sizeof sub, "%s/sub", dir);
    snprintf(other, sizeof other, "%s/nope/data.snap", dir);

    dj_dataset *ds = from_json(sample);
    dj_error err;
    check(dj_snapshot_save(ds, path, &err) == DJ_OK);
    check(count_entries(dir) == 1); /* no temporary file left */
    dj_dataset *back = NULL;
    check(dj_snapshot_load(path, &back, &err) == DJ_OK);
    check(back && same_dataset(ds, back));
    dj_dataset_release(back);

    /* Saving again replaces the file atomically. */
    dj_dataset *empty = dj_dataset_new();
    check(dj_snapshot_save(empty, path, &err) == DJ_OK);
    back = NULL;
    check(dj_snapshot_load(path, &back, &err) == DJ_OK);
    check(back && dj_dataset_people_count(back) == 0);
    dj_dataset_release(back);
    check(dj_snapshot_save(ds, path, &err) == DJ_OK);
    check(count_entries(dir) == 1);

    /* A folder that does not exist. */
    char want[600];
    check(dj_snapshot_save(ds, other, &err) == DJ_E_IO);
    snprintf(want, sizeof want, "cannot write %s: No such file or directory", other);
    check_str(err.message, want);
    /* The target is a folder: the rename fails, the temporary file goes. */
    check(mkdir(sub, 0755) == 0);
    check(dj_snapshot_save(ds, sub, &err) == DJ_E_IO);
    snprintf(want, sizeof want, "cannot write %s: Is a directory", sub);
    check_str(err.message, want);
    check(count_entries(dir) == 2);
    /* A folder that is not writable (only meaningful when not root). */
    if (geteuid() != 0) {
        struct stat before, after;
        check(stat(path, &before) == 0);
        check(chmod(dir, 0555) == 0);
        check(dj_snapshot_save(empty, path, &err) == DJ_E_IO);
        snprintf(want, sizeof want, "cannot write %s: Permission denied", path);
        check_str(err.message, want);
        check(chmod(dir, 0755) == 0);
        check(stat(path, &after) == 0 && after.st_size == before.st_size && after.st_ino == before.st_ino);
        check(count_entries(dir) == 2);
    }

    /* Reading. */
    char missing[300];
    snprintf(missing, sizeof missing, "%s/missing.snap", dir);
    back = (dj_dataset *)1;
    check(dj_snapshot_load(missing, &back, &err) == DJ_E_IO && back == NULL);
    snprintf(want, sizeof want, "cannot read %s: No such file or directory", missing);
    check_str(err.message, want);
    check(dj_snapshot_load(sub, &back, &err) == DJ_E_IO);
    snprintf(want, sizeof want, "cannot read %s: Is a directory", sub);
    check_str(err.message, want);
    /* A damaged file names its path. */
    FILE *f = fopen(path, "r+b");
    check(f != NULL);
    if (f) {
        fseek(f, 40, SEEK_SET);
        fputc(0x5A, f);
        fclose(f);
    }
    check(dj_snapshot_load(path, &back, &err) == DJ_E_SNAPSHOT && back == NULL);
    snprintf(want, sizeof want, "snapshot %s: checksum mismatch", path);
    check_str(err.message, want);
    f = fopen(path, "wb");
    if (f)
        fclose(f);
    check(dj_snapshot_load(path, &back, &err) == DJ_E_SNAPSHOT);
    snprintf(want, sizeof want, "snapshot %s: truncated", path);
    check_str(err.message, want);

    rmdir(sub);
    unlink(path);
    check(rmdir(dir) == 0);
    dj_dataset_release(empty);
    dj_dataset_release(ds);
}

/* --------------------------------------------- allocation failures (chaos) */

static void test_chaos(void)
{
    dj_dataset *ds = from_json(sample);
    size_t n = 0;
    unsigned char *d = dj_snapshot_dump(ds, &n);
    char dir[] = "/tmp/dj_chaosXXXXXX";
    check(mkdtemp(dir) != NULL);
    char path[256];
    snprintf(path, sizeof path, "%s/c.snap", dir);
    dj_set_allocator(fail_malloc, fail_realloc, free);
    int ok_load = 0, ok_dump = 0, ok_save = 0;
    for (long i = 0; i < 1000 && !(ok_load && ok_dump && ok_save); i++) {
        dj_dataset *back = NULL;
        dj_error err;
        fail_left = i;
        dj_status st = dj_snapshot_load_mem(d, n, &back, &err);
        check(st == DJ_OK || st == DJ_E_NOMEM);
        check((st == DJ_OK) == (back != NULL));
        ok_load |= st == DJ_OK;
        fail_left = i;
        size_t n2 = 0;
        unsigned char *d2 = dj_snapshot_dump(ds, &n2);
        if (d2) {
            check(n2 == n && memcmp(d, d2, n) == 0);
            ok_dump = 1;
        }
        fail_left = i;
        st = dj_snapshot_save(ds, path, &err);
        check(st == DJ_OK || st == DJ_E_NOMEM);
        ok_save |= st == DJ_OK;
        fail_left = -1;
        check(count_entries(dir) == (ok_save ? 1 : 0));
        dj_free(d2);
        dj_dataset_release(back);
    }
    dj_set_allocator(NULL, NULL, NULL);
    check(ok_load && ok_dump && ok_save);
    unlink(path);
    rmdir(dir);
    dj_free(d);
    dj_dataset_release(ds);
}

/* ------------------------------------------------ the file path (chaos too) */

/* Writes d[0..n) to path, then loads it with dj_snapshot_load and the same
 * bytes with dj_snapshot_load_mem: the same status, the same message (naming
 * the path instead of "(memory)"), the same dataset. The file reader has its
 * own fast path (columns read straight into their blocks, the CRC carried
 * over the pieces), which must answer exactly as the parser of a buffer. */
static void check_file_like_mem(const char *path, const unsigned char *d, size_t n)
{
    FILE *f = fopen(path, "wb");
    check(f != NULL);
    if (!f)
        return;
    check(fwrite(d, 1, n, f) == n);
    fclose(f);
    dj_dataset *a = NULL, *b = (dj_dataset *)1;
    dj_error ea, eb;
    ea.message[0] = eb.message[0] = '\0';
    dj_status sa = dj_snapshot_load_mem(d, n, &a, &ea);
    dj_status sb = dj_snapshot_load(path, &b, &eb);
    check(sa == sb);
    if (sa != DJ_OK) {
        static const char mem[] = "snapshot (memory)";
        char want[DJ_ERROR_TEXT * 2];
        if (strncmp(ea.message, mem, sizeof mem - 1) == 0)
            snprintf(want, sizeof want, "snapshot %s%s", path, ea.message + sizeof mem - 1);
        else
            snprintf(want, sizeof want, "%s", ea.message);
        check_str(eb.message, want);
        check(b == NULL);
    } else {
        check(b != NULL && b != (dj_dataset *)1);
        if (b && b != (dj_dataset *)1)
            check(same_dataset(a, b));
    }
    dj_dataset_release(a);
    if (b != (dj_dataset *)1)
        dj_dataset_release(b);
}

/* A dataset of `acts` activities (people a tenth, two participants each,
 * some amounts above 0xFFFFFFFF hundredths), as JSON. Caller frees. */
static char *many_json(int acts)
{
    int people = acts / 10 + 3;
    size_t cap = 200 + (size_t)people * 40 + (size_t)acts * 220, len = 0;
    char *t = malloc(cap);
    len +=
        (size_t)snprintf(t + len, cap - len, "{\"format\":\"dangjian-dataset\",\"version\":1,\"people\":[");
    for (int p = 1; p <= people; p++)
        len += (size_t)snprintf(t + len, cap - len, "%s{\"id\":%d,\"applied_on\":\"2019-0%d-01\"}",
                                p > 1 ? "," : "", p, 1 + p % 9);
    len += (size_t)snprintf(t + len, cap - len, "],\"activities\":[");
    for (int i = 1; i <= acts; i++)
        len += (size_t)snprintf(
            t + len, cap - len,
            "%s{\"id\":%d,\"date\":\"2023-%02d-%02d\",\"category\":\"%s\",\"kind\":\"k%d\",\"hours\":%s,"
            "\"donation\":%d.5,\"venue_kind\":\"v%d\",\"venue\":\"place %d\",\"participants\":[%d,{\"id\":%d,"
            "\"hours\":%s}]}",
            i > 1 ? "," : "", i * 3, 1 + i % 12, 1 + i % 28, i % 2 ? "service" : "meeting", i % 5,
            i % 97 ? "1.5" : "200000000", i % 1000, i % 3, i % 41, 1 + i % people, 1 + (i + 1) % people,
            i % 89 ? "0.25" : "50000000");
    snprintf(t + len, cap - len, "],\"headcount\":[{\"date\":\"2024-01-01\",\"count\":40}]}");
    return t;
}

static void test_file_path(void)
{
    char dir[] = "/tmp/dj_snapfXXXXXX";
    check(mkdtemp(dir) != NULL);
    char path[256];
    snprintf(path, sizeof path, "%s/f.snap", dir);

    /* A small snapshot: every truncation, every byte flipped three ways, as
     * it is (mostly a checksum mismatch) and resealed (the CRC and length
     * made to match, so the bounds and value checks run), one byte more. */
    dj_dataset *ds = from_json(sample);
    size_t n = 0;
    unsigned char *d = dj_snapshot_dump(ds, &n);
    unsigned char *c = malloc(n + 1);
    check_file_like_mem(path, d, n);
    for (size_t k = 0; k < n; k++)
        check_file_like_mem(path, d, k);
    static const unsigned char masks[3] = {0x01, 0x80, 0xFF};
    for (size_t i = 0; i < n; i++)
        for (int m = 0; m < 3; m++) {
            memcpy(c, d, n);
            c[i] ^= masks[m];
            check_file_like_mem(path, c, n);
            if (i >= 32) {
                reseal(c, n);
                check_file_like_mem(path, c, n);
            }
        }
    memcpy(c, d, n);
    c[n] = 0;
    check_file_like_mem(path, c, n + 1);
    reseal(c, n + 1);
    check_file_like_mem(path, c, n + 1);
    /* the portable CRC on the file path too */
    dj_snapshot_crc_portable = 1;
    check_file_like_mem(path, d, n);
    c[n - 1] ^= 4;
    check_file_like_mem(path, c, n);
    dj_snapshot_crc_portable = 0;
    free(c);
    dj_free(d);

    /* A snapshot of many rows: columns longer than the reader's staging
     * buffer and its pieces, side tables of big amounts; a sample of
     * truncations and resealed flips across it. */
    char *text = many_json(40000);
    dj_dataset *big = from_json(text);
    free(text);
    check(big != NULL);
    unsigned char *bd = big ? dj_snapshot_dump(big, &n) : NULL;
    check(bd != NULL && n > (size_t)(1 << 20));
    if (bd) {
        check_file_like_mem(path, bd, n);
        dj_dataset *back = NULL;
        dj_error err;
        check(dj_snapshot_load(path, &back, &err) == DJ_OK);
        check(back && same_dataset(big, back));
        dj_dataset_release(back);
        dj_snapshot_crc_portable = 1;
        check_file_like_mem(path, bd, n);
        dj_snapshot_crc_portable = 0;
        c = malloc(n);
        for (size_t k = 0; k < n; k += n / 23 + 1)
            check_file_like_mem(path, bd, k);
        for (size_t i = 32; i < n; i += n / 61 + 1) {
            memcpy(c, bd, n);
            c[i] ^= 0xFF;
            check_file_like_mem(path, c, n);
            reseal(c, n);
            check_file_like_mem(path, c, n);
        }
        free(c);
    }

    /* Allocation failures while loading a file: out of memory or the
     * dataset, never a leak (ASan), for good and for damaged files. */
    d = dj_snapshot_dump(ds, &n);
    check(dj_snapshot_save(ds, path, &(dj_error){0}) == DJ_OK);
    dj_set_allocator(fail_malloc, fail_realloc, free);
    int ok = 0;
    for (long i = 0; i < 1000 && !ok; i++) {
        dj_dataset *back = NULL;
        dj_error err;
        fail_left = i;
        dj_status st = dj_snapshot_load(path, &back, &err);
        fail_left = -1;
        check(st == DJ_OK || st == DJ_E_NOMEM);
        check((st == DJ_OK) == (back != NULL));
        ok = st == DJ_OK;
        dj_dataset_release(back);
    }
    check(ok);
    dj_set_allocator(NULL, NULL, NULL);
    c = malloc(n);
    memcpy(c, d, n);
    c[n / 2] ^= 0x20;
    reseal(c, n);
    FILE *f = fopen(path, "wb");
    if (f) {
        fwrite(c, 1, n, f);
        fclose(f);
    }
    dj_set_allocator(fail_malloc, fail_realloc, free);
    int done = 0;
    for (long i = 0; i < 1000 && !done; i++) {
        dj_dataset *back = NULL;
        dj_error err;
        fail_left = i;
        dj_status st = dj_snapshot_load(path, &back, &err);
        fail_left = -1;
        check(st == DJ_E_SNAPSHOT || st == DJ_E_NOMEM || st == DJ_OK);
        done = st != DJ_E_NOMEM;
        dj_dataset_release(back);
    }
    check(done);
    dj_set_allocator(NULL, NULL, NULL);
    free(c);
    dj_free(d);
    if (big && bd) {
        /* the big one under chaos: a sample of failure points */
        check(dj_snapshot_save(big, path, &(dj_error){0}) == DJ_OK);
        dj_set_allocator(fail_malloc, fail_realloc, free);
        for (long i = 0; i < 40; i++) {
            dj_dataset *back = NULL;
            dj_error err;
            fail_left = i;
            dj_status st = dj_snapshot_load(path, &back, &err);
            fail_left = -1;
            check(st == DJ_OK || st == DJ_E_NOMEM);
            dj_dataset_release(back);
        }
        dj_set_allocator(NULL, NULL, NULL);
    }
    dj_free(bd);
    dj_dataset_release(big);
    dj_dataset_release(ds);
    unlink(path);
    check(rmdir(dir) == 0);
}

int main(void)
{
    test_round_trip();
    test_header_checks();
    test_value_checks();
    test_crc();
    test_canonical_and_mutable();
    test_files();
    test_chaos();
    test_file_path();
    return check_done("test_snapshot");
}
