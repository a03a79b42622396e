/*
 * snapspec.h - hand-made snapshot payloads for test_snapshot.c: a buffer,
 * the little-endian writers, and a one-person, one-activity file built from a
 * spec whose every field a test may spoil. Included by test_snapshot.c after
 * its wr32/wr64 helpers.
 */
#ifndef DJ_TEST_SNAPSPEC_H
#define DJ_TEST_SNAPSPEC_H

/* ------------------------------------------------- hand-made payloads */

typedef struct {
    unsigned char b[4096];
    size_t n;
} buf;

static void u8(buf *b, unsigned v)
{
    b->b[b->n++] = (unsigned char)v;
}
static void u32(buf *b, uint32_t v)
{
    wr32(b->b + b->n, v);
    b->n += 4;
}
static void u64(buf *b, uint64_t v)
{
    wr64(b->b + b->n, v);
    b->n += 8;
}
static void str(buf *b, const char *s, size_t n)
{
    u32(b, (uint32_t)n);
    memcpy(b->b + b->n, s, n);
    b->n += n;
}

static void header(buf *b)
{
    b->n = 0;
    memcpy(b->b, "DJSNAP\r\n", 8);
    b->n = 8;
    u32(b, 3);
    u32(b, 0);
    u64(b, 0);
    u64(b, 0);
}

/* The parts of a payload that tests vary. */
typedef struct {
    int32_t pid[2];
    uint8_t staff, reason;
    int32_t dates[8];
    int32_t hdate, hcount;
    uint8_t cat;
    uint32_t kstr, nk; /* nk 2: the kind pair twice */
    uint32_t vk, venue, npl;
    int32_t aid, adate;
    uint32_t akind, aplace, aproj;
    uint32_t hours;
    int32_t benef;
    uint32_t end, m;
    uint32_t part_person, part_hours;
    uint32_t nbig, big_row; /* big_hours: nbig entries (0 or 1) */
    int64_t big_value;
    const char *s1; /* string 1 (a kind) */
    size_t s1len;
    const char *s2; /* string 2 (a venue) */
    size_t s2len;
    uint32_t s0len;
} spec;

static spec base(void)
{
    spec s;
    memset(&s, 0, sizeof s);
    s.pid[0] = 1;
    s.pid[1] = 2;
    for (int k = 0; k < 8; k++)
        s.dates[k] = INT32_MIN;
    s.dates[0] = 19000; /* applied_on */
    s.hdate = 19000;
    s.hcount = 5;
    s.cat = 1;
    s.kstr = 1;
    s.nk = 1;
    s.vk = 1;
    s.venue = 2;
    s.npl = 1;
    s.aid = 1;
    s.adate = 19700;
    s.hours = 250;
    s.benef = 3;
    s.end = 1;
    s.m = 1;
    s.part_person = 1;
    s.part_hours = 250;
    s.big_value = INT64_C(100000000000);
    s.s1 = "visit";
    s.s1len = 5;
    s.s2 = "hall";
    s.s2len = 4;
    return s;
}

static size_t build(buf *b, const spec *s)
{
    header(b);
    u32(b, 3);
    str(b, "\0\0\0\0", s->s0len);
    str(b, s->s1, s->s1len);
    str(b, s->s2, s->s2len);
    u32(b, 2); /* people */
    u32(b, (uint32_t)s->pid[0]);
    u32(b, (uint32_t)s->pid[1]);
    u8(b, s->staff);
    u8(b, 0);
    u8(b, s->reason);
    u8(b, 0);
    for (int k = 0; k < 8; k++) {
        u32(b, (uint32_t)s->dates[k]);
        u32(b, (uint32_t)(k == 0 ? 19001 : INT32_MIN));
    }
    u32(b, 1); /* headcount */
    u32(b, (uint32_t)s->hdate);
    u32(b, (uint32_t)s->hcount);
    u32(b, s->nk); /* kinds */
    for (uint32_t k = 0; k < s->nk; k++)
        u8(b, s->cat);
    for (uint32_t k = 0; k < s->nk; k++)
        u32(b, s->kstr);
    u32(b, s->npl); /* places */
    for (uint32_t k = 0; k < s->npl; k++)
        u32(b, s->vk);
    for (uint32_t k = 0; k < s->npl; k++)
        u32(b, s->venue);
    u32(b, 1); /* activities */
    u32(b, (uint32_t)s->aid);
    u32(b, (uint32_t)s->adate);
    u32(b, s->akind);
    u32(b, s->aplace);
    u32(b, s->aproj);
    u32(b, s->hours);
    u32(b, 0);
    u32(b, 0);
    u32(b, (uint32_t)s->benef);
    u32(b, s->end);
    u32(b, s->nbig); /* big hours */
    for (uint32_t e = 0; e < s->nbig; e++)
        u32(b, s->big_row);
    for (uint32_t e = 0; e < s->nbig; e++)
        u64(b, (uint64_t)s->big_value);
    u32(b, 0);    /* big fee_waived */
    u32(b, 0);    /* big donation */
    u32(b, s->m); /* participations */
    for (uint32_t j = 0; j < s->m; j++)
        u32(b, s->part_person);
    for (uint32_t j = 0; j < s->m; j++)
        u32(b, s->part_hours);
    u32(b, 0); /* big participant hours */
    reseal(b->b, b->n);
    return b->n;
}

#endif
