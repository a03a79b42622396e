/* test_record.c - dj_person_parse, dj_activity_parse, dj_headcount_parse. */
#include "check.h"
#include "values.h"
#include "dj.h"

#include <string.h>

static int32_t day(const char *s)
{
    int32_t d = DJ_NO_DATE;
    dj_date_parse(s, strlen(s), &d);
    return d;
}

/* ------------------------------------------------------------------ people */

static dj_person_in person(int64_t id)
{
    dj_person_in p;
    memset(&p, 0, sizeof p); /* every field DJ_V_MISSING */
    p.row = T(DJ_V_ARRAY);
    p.id = I(id);
    return p;
}

static dj_error err;
static dj_person_rec prec;

static dj_status pparse(const dj_person_in *p, size_t index)
{
    strcpy(err.message, "untouched");
    return dj_person_parse(p, index, &prec, &err);
}

static void test_person_ok(void)
{
    dj_person_in p = person(7);
    check(pparse(&p, 0) == DJ_OK);
    check(prec.id == 7 && prec.is_staff == 0 && prec.left_reason == DJ_LEFT_NONE);
    for (int k = 0; k < DJ_PERSON_DATES; k++)
        check(prec.dates[k] == DJ_NO_DATE);
    check_str(err.message, "untouched");

    p = person(0);
    p.id = S("2147483647");
    p.is_staff = S("1");
    p.dates[DJ_STAGE_APPLIED] = S("2020-01-01");
    p.dates[DJ_STAGE_ACTIVIST] = T(DJ_V_NULL);
    p.dates[DJ_STAGE_CANDIDATE] = S("2020-01-01"); /* equal to the previous present: fine */
    p.dates[DJ_STAGE_ADMITTED] = S("");
    p.dates[DJ_STAGE_FULL] = S("2024-02-29");
    p.dates[DJ_JOINED] = S("2019-05-05");
    p.dates[DJ_LEFT] = S("2019-05-05"); /* equal to the start: fine */
    p.left_reason = S("transfer");
    check(pparse(&p, 0) == DJ_OK);
    check(prec.id == 2147483647 && prec.is_staff == 1 && prec.left_reason == DJ_LEFT_TRANSFER);
    check(prec.dates[DJ_STAGE_APPLIED] == day("2020-01-01"));
    check(prec.dates[DJ_STAGE_ACTIVIST] == DJ_NO_DATE);
    check(prec.dates[DJ_STAGE_ADMITTED] == DJ_NO_DATE);
    check(prec.dates[DJ_STAGE_FULL] == day("2024-02-29"));
    check(prec.dates[DJ_LEFT] == day("2019-05-05"));

    /* left_reason values, and a reason without left_on */
    const char *reasons[] = {"transfer", "death", "cancelled", "other"};
    const int codes[] = {DJ_LEFT_TRANSFER, DJ_LEFT_DEATH, DJ_LEFT_CANCELLED, DJ_LEFT_OTHER};
    for (int k = 0; k < 4; k++) {
        p = person(1);
        p.left_reason = S(reasons[k]);
        check(pparse(&p, 0) == DJ_OK && prec.left_reason == codes[k]);
    }
    p = person(1);
    p.left_reason = T(DJ_V_NULL);
    check(pparse(&p, 0) == DJ_OK && prec.left_reason == DJ_LEFT_NONE);
    p.left_reason = S("");
    check(pparse(&p, 0) == DJ_OK && prec.left_reason == DJ_LEFT_NONE);

    /* only left_on: accepted, no start to compare */
    p = person(1);
    p.dates[DJ_LEFT] = S("1900-01-01");
    check(pparse(&p, 0) == DJ_OK);
    /* left_on after the earliest stage date (no joined_on) */
    p = person(1);
    p.dates[DJ_STAGE_ACTIVIST] = S("2020-03-01");
    p.dates[DJ_LEFT] = S("2020-03-01");
    check(pparse(&p, 0) == DJ_OK);
    /* is_staff forms */
    p = person(1);
    p.is_staff = B(1);
    check(pparse(&p, 0) == DJ_OK && prec.is_staff == 1);
    p.is_staff = I(0);
    check(pparse(&p, 0) == DJ_OK && prec.is_staff == 0);
    p.is_staff = S("");
    check(pparse(&p, 0) == DJ_OK && prec.is_staff == 0);
}

static void test_person_order(void);

static void test_person_errors(void)
{
    dj_person_in p;

    p = person(1);
    p.row = S("x");
    check(pparse(&p, 3) == DJ_E_RECORD);
    check_str(err.message, "people[3]: \"x\" is not a row");
    p.row = I(5);
    pparse(&p, 0);
    check_str(err.message, "people[0]: 5 is not a row");
    p.row = T(DJ_V_NULL);
    pparse(&p, 0);
    check_str(err.message, "people[0]: null is not a row");
    p.row = T(DJ_V_OTHER);
    pparse(&p, 0);
    check_str(err.message, "people[0]: an object is not a row");

    p = person(1);
    p.id = T(DJ_V_MISSING);
    check(pparse(&p, 2) == DJ_E_RECORD);
    check_str(err.message, "people[2].id: is required");
    p.id = T(DJ_V_NULL);
    pparse(&p, 2);
    check_str(err.message, "people[2].id: is required");
    p.id = S("");
    pparse(&p, 2);
    check_str(err.message, "people[2].id: \"\" is not an id (an integer from 1 to 2147483647)");
    p.id = I(0);
    pparse(&p, 2);
    check_str(err.message, "people[2].id: 0 is not an id (an integer from 1 to 2147483647)");
    p.id = F(7.0);
    pparse(&p, 2);
    check_str(err.message, "people[2].id: a float is not an id (an integer from 1 to 2147483647)");
    p.id = B(1);
    pparse(&p, 2);
    check_str(err.message, "people[2].id: true is not an id (an integer from 1 to 2147483647)");
    p.id = S("2147483648");
    pparse(&p, 2);
    check_str(err.message, "people[2].id: \"2147483648\" is not an id (an integer from 1 to 2147483647)");

    p = person(1);
    p.is_staff = S("yes");
    check(pparse(&p, 1) == DJ_E_RECORD);
    check_str(err.message, "people[1].is_staff: \"yes\" is not a boolean");
    p.is_staff = I(2);
    pparse(&p, 1);
    check_str(err.message, "people[1].is_staff: 2 is not a boolean");

    const char *names[] = {"applied_on", "activist_on", "candidate_on", "admitted_on",
                           "full_on",    "joined_on",   "left_on",      "hired_on"};
    for (int k = 0; k < DJ_PERSON_DATES; k++) {
        char want[160];
        p = person(1);
        p.dates[k] = S("2023-02-29");
        check(pparse(&p, 3) == DJ_E_RECORD);
        snprintf(want, sizeof want,
                 "people[3].%s: \"2023-02-29\" is not a date (YYYY-MM-DD from 1900-01-01 to 2199-12-31)",
                 names[k]);
        check_str(err.message, want);
    }
    p = person(1);
    p.dates[DJ_STAGE_ADMITTED] = S("2200-01-01");
    pparse(&p, 3);
    check_str(
        err.message,
        "people[3].admitted_on: \"2200-01-01\" is not a date (YYYY-MM-DD from 1900-01-01 to 2199-12-31)");
    p.dates[DJ_STAGE_ADMITTED] = T(DJ_V_ARRAY);
    pparse(&p, 3);
    check_str(err.message,
              "people[3].admitted_on: an array is not a date (YYYY-MM-DD from 1900-01-01 to 2199-12-31)");

    p = person(1);
    p.left_reason = S("fired");
    check(pparse(&p, 4) == DJ_E_RECORD);
    check_str(
        err.message,
        "people[4].left_reason: \"fired\" is not a leaving reason (transfer, death, cancelled or other)");
    p.left_reason = S("Transfer");
    check(pparse(&p, 4) == DJ_E_RECORD);
    p.left_reason = I(1);
    pparse(&p, 4);
    check_str(err.message,
              "people[4].left_reason: 1 is not a leaving reason (transfer, death, cancelled or other)");

    test_person_order();
}

/* The checks that relate a person's dates, and their order. */
static void test_person_order(void)
{
    dj_person_in p;
    /* stage order: the later field, against the previous present one */
    p = person(1);
    p.dates[DJ_STAGE_APPLIED] = S("2023-01-01");
    p.dates[DJ_STAGE_CANDIDATE] = S("2024-02-01");
    p.dates[DJ_STAGE_ADMITTED] = S("2024-01-01");
    check(pparse(&p, 5) == DJ_E_RECORD);
    check_str(err.message, "people[5].admitted_on: 2024-01-01 is before candidate_on 2024-02-01");
    p = person(1);
    p.dates[DJ_STAGE_APPLIED] = S("2023-01-02");
    p.dates[DJ_STAGE_FULL] = S("2023-01-01");
    pparse(&p, 0);
    check_str(err.message, "people[0].full_on: 2023-01-01 is before applied_on 2023-01-02");
    p = person(1);
    p.dates[DJ_STAGE_APPLIED] = S("2023-01-02");
    p.dates[DJ_STAGE_ACTIVIST] = S("2023-01-01");
    p.dates[DJ_STAGE_CANDIDATE] = S("1990-01-01");
    pparse(&p, 0);
    check_str(err.message, "people[0].activist_on: 2023-01-01 is before applied_on 2023-01-02");
    /* joined_on is not a stage: before applied_on is fine */
    p = person(1);
    p.dates[DJ_STAGE_APPLIED] = S("2023-01-02");
    p.dates[DJ_JOINED] = S("2020-01-01");
    check(pparse(&p, 0) == DJ_OK);

    /* left_on before the start */
    p = person(1);
    p.dates[DJ_JOINED] = S("2021-01-01");
    p.dates[DJ_LEFT] = S("2020-01-01");
    check(pparse(&p, 6) == DJ_E_RECORD);
    check_str(err.message, "people[6].left_on: 2020-01-01 is before the start 2021-01-01");
    /* joined_on wins over an earlier stage date */
    p = person(1);
    p.dates[DJ_STAGE_APPLIED] = S("2019-01-01");
    p.dates[DJ_JOINED] = S("2021-01-01");
    p.dates[DJ_LEFT] = S("2020-01-01");
    pparse(&p, 6);
    check_str(err.message, "people[6].left_on: 2020-01-01 is before the start 2021-01-01");
    /* no joined_on: the earliest stage date */
    p = person(1);
    p.dates[DJ_STAGE_ACTIVIST] = S("2021-06-01");
    p.dates[DJ_STAGE_FULL] = S("2022-06-01");
    p.dates[DJ_LEFT] = S("2021-05-31");
    pparse(&p, 6);
    check_str(err.message, "people[6].left_on: 2021-05-31 is before the start 2021-06-01");

    /* order of checks: row, id, is_staff, dates in order, left_reason, stage order, left_on */
    p = person(0);
    p.row = B(0);
    p.is_staff = I(5);
    pparse(&p, 0);
    check_str(err.message, "people[0]: false is not a row");
    p.row = T(DJ_V_ARRAY);
    pparse(&p, 0);
    check_str(err.message, "people[0].id: 0 is not an id (an integer from 1 to 2147483647)");
    p.id = I(1);
    p.dates[DJ_STAGE_APPLIED] = S("bad");
    pparse(&p, 0);
    check_str(err.message, "people[0].is_staff: 5 is not a boolean");
    p.is_staff = T(DJ_V_NULL);
    p.dates[DJ_LEFT] = S("bad2");
    pparse(&p, 0);
    check_str(err.message,
              "people[0].applied_on: \"bad\" is not a date (YYYY-MM-DD from 1900-01-01 to 2199-12-31)");
    p.dates[DJ_STAGE_APPLIED] = S("2024-01-01");
    p.dates[DJ_STAGE_ACTIVIST] = S("2023-01-01");
    p.left_reason = S("x");
    pparse(&p, 0);
    check_str(err.message,
              "people[0].left_on: \"bad2\" is not a date (YYYY-MM-DD from 1900-01-01 to 2199-12-31)");
    p.dates[DJ_LEFT] = S("1999-01-01");
    pparse(&p, 0);
    check_str(err.message,
              "people[0].left_reason: \"x\" is not a leaving reason (transfer, death, cancelled or other)");
    p.left_reason = T(DJ_V_MISSING);
    pparse(&p, 0);
    check_str(err.message, "people[0].activist_on: 2023-01-01 is before applied_on 2024-01-01");
    p.dates[DJ_STAGE_ACTIVIST] = S("2024-01-01");
    pparse(&p, 0);
    check_str(err.message, "people[0].left_on: 1999-01-01 is before the start 2024-01-01");
}

/* -------------------------------------------------------------- activities */

static dj_activity_in activity(void)
{
    dj_activity_in a;
    memset(&a, 0, sizeof a);
    a.row = T(DJ_V_ARRAY);
    a.id = I(1);
    a.date = S("2024-01-05");
    a.category = S("service");
    a.kind = S("counseling");
    return a;
}

static dj_activity_rec arec;
static dj_participant_rec pbuf[8];

static dj_status aparse(const dj_activity_in *a, size_t index)
{
    strcpy(err.message, "untouched");
    return dj_activity_parse(a, index, &arec, pbuf, &err);
}

static int rec_str(const char *p, size_t len, const char *want)
{
    return p && len == strlen(want) && memcmp(p, want, len) == 0;
}

static void test_activity_ok(void)
{
    dj_activity_in a = activity();
    check(aparse(&a, 0) == DJ_OK);
    check(arec.id == 1 && arec.date == day("2024-01-05") && arec.category == DJ_CAT_SERVICE);
    check(rec_str(arec.kind, arec.kind_len, "counseling"));
    check(arec.hours == 0 && arec.fee_waived == 0 && arec.donation == 0 && arec.beneficiaries == 0);
    check(rec_str(arec.venue_kind, arec.venue_kind_len, ""));
    check(rec_str(arec.venue, arec.venue_len, ""));
    check(arec.n_parts == 0);
    check_str(err.message, "untouched");

    a.category = S("meeting");
    a.hours = F(2.675);
    a.fee_waived = S("10.5");
    a.donation = I(3);
    a.beneficiaries = S("12");
    a.venue_kind = S("community");
    a.venue = S("  \t阳光社区\xe3\x80\x80\r\n");
    check(aparse(&a, 0) == DJ_OK);
    check(arec.category == DJ_CAT_MEETING);
    check(arec.hours == 268 && arec.fee_waived == 1050 && arec.donation == 300 && arec.beneficiaries == 12);
    check(rec_str(arec.venue_kind, arec.venue_kind_len, "community"));
    check(rec_str(arec.venue, arec.venue_len, "阳光社区"));
    check(arec.venue >= a.venue.u.s.p && arec.venue < a.venue.u.s.p + a.venue.u.s.len); /* into the input */

    /* venue_kind '' and null; venue blank after trimming */
    a.venue_kind = S("");
    a.venue = S("\xe3\x80\x80 \v\f\xe3\x80\x80");
    check(aparse(&a, 0) == DJ_OK);
    check(arec.venue_kind_len == 0 && arec.venue_len == 0);
    a.venue_kind = T(DJ_V_NULL);
    a.venue = T(DJ_V_NULL);
    check(aparse(&a, 0) == DJ_OK && arec.venue_kind_len == 0 && arec.venue_len == 0);
    /* inner white space kept; a lone E3 80 is not U+3000 */
    a.venue = S(" a \xe3\x80\x80 b ");
    check(aparse(&a, 0) == DJ_OK && rec_str(arec.venue, arec.venue_len, "a \xe3\x80\x80 b"));
    a.venue = S("\xc2\xa0x\xc2\xa0"); /* U+00A0 is not trimmed */
    check(aparse(&a, 0) == DJ_OK && rec_str(arec.venue, arec.venue_len, "\xc2\xa0x\xc2\xa0"));
    /* exactly 200 bytes, and 200 bytes of which some are trimmed */
    char v200[201];
    memset(v200, 'x', 200);
    v200[200] = '\0';
    a.venue = S(v200);
    check(aparse(&a, 0) == DJ_OK && arec.venue_len == 200);
    memset(v200, ' ', 10);
    check(aparse(&a, 0) == DJ_OK && arec.venue_len == 190);

    /* participants: bare ids and the array form */
    dj_participant_in parts[4];
    memset(parts, 0, sizeof parts);
    parts[0].entry = I(5);
    parts[1].entry = S("6");
    parts[2].entry = T(DJ_V_ARRAY);
    parts[2].id = I(7);
    parts[2].hours = S("1.005");
    parts[3].entry = T(DJ_V_ARRAY);
    parts[3].id = S("8");
    parts[3].hours = T(DJ_V_NULL);
    a = activity();
    a.hours = I(2);
    a.participants = T(DJ_V_ARRAY);
    a.parts = parts;
    a.n_parts = 4;
    check(aparse(&a, 0) == DJ_OK);
    check(arec.n_parts == 4 && arec.parts == pbuf);
    check(pbuf[0].person_id == 5 && pbuf[0].hours == 200 && pbuf[0].array_form == 0);
    check(pbuf[1].person_id == 6 && pbuf[1].hours == 200 && pbuf[1].array_form == 0);
    check(pbuf[2].person_id == 7 && pbuf[2].hours == 101 && pbuf[2].array_form == 1);
    check(pbuf[3].person_id == 8 && pbuf[3].hours == 200 && pbuf[3].array_form == 1);
    /* an empty list, and a null list */
    a.n_parts = 0;
    check(aparse(&a, 0) == DJ_OK && arec.n_parts == 0);
    a.participants = T(DJ_V_NULL);
    a.n_parts = 4; /* ignored: not an array */
    check(aparse(&a, 0) == DJ_OK && arec.n_parts == 0);
    /* duplicates are the dataset's concern, not the parser's */
    parts[1].entry = I(5);
    a.participants = T(DJ_V_ARRAY);
    a.n_parts = 2;
    check(aparse(&a, 0) == DJ_OK && arec.n_parts == 2);
}

static void test_activity_names(void);
static void test_activity_participants(void);

static void test_activity_errors(void)
{
    dj_activity_in a;
    const char *amount_msg = "is not an amount (a number from 0 to 1000000000)";
    char want[512];

    a = activity();
    a.row = T(DJ_V_OTHER);
    check(aparse(&a, 2) == DJ_E_RECORD);
    check_str(err.message, "activities[2]: an object is not a row");

    a = activity();
    a.id = T(DJ_V_NULL);
    aparse(&a, 0);
    check_str(err.message, "activities[0].id: is required");
    a.id = S("x");
    aparse(&a, 0);
    check_str(err.message, "activities[0].id: \"x\" is not an id (an integer from 1 to 2147483647)");

    a = activity();
    a.date = T(DJ_V_MISSING);
    aparse(&a, 0);
    check_str(err.message, "activities[0].date: is required");
    a.date = S("");
    aparse(&a, 0);
    check_str(err.message, "activities[0].date: is required");
    a.date = S("2024-1-5");
    aparse(&a, 0);
    check_str(err.message,
              "activities[0].date: \"2024-1-5\" is not a date (YYYY-MM-DD from 1900-01-01 to 2199-12-31)");

    a = activity();
    a.category = T(DJ_V_MISSING);
    aparse(&a, 0);
    check_str(err.message, "activities[0].category: is required");
    a.category = T(DJ_V_NULL);
    aparse(&a, 0);
    check_str(err.message, "activities[0].category: is required");
    a.category = S("");
    aparse(&a, 0);
    check_str(err.message, "activities[0].category: \"\" is not a category (service or meeting)");
    a.category = S("Service");
    aparse(&a, 0);
    check_str(err.message, "activities[0].category: \"Service\" is not a category (service or meeting)");
    a.category = I(1);
    aparse(&a, 0);
    check_str(err.message, "activities[0].category: 1 is not a category (service or meeting)");

    a = activity();
    a.kind = T(DJ_V_NULL);
    aparse(&a, 0);
    check_str(err.message, "activities[0].kind: is required");
    a.kind = S("");
    aparse(&a, 0);
    check_str(err.message, "activities[0].kind: \"\" is not a slug (1 to 32 of a-z, 0-9, _)");
    a.kind = S("Bad Kind");
    aparse(&a, 0);
    check_str(err.message, "activities[0].kind: \"Bad Kind\" is not a slug (1 to 32 of a-z, 0-9, _)");

    const char *afields[] = {"hours", "fee_waived", "donation"};
    for (int k = 0; k < 3; k++) {
        a = activity();
        dj_value *f = k == 0 ? &a.hours : k == 1 ? &a.fee_waived : &a.donation;
        *f = F(-1.5);
        check(aparse(&a, 1) == DJ_E_RECORD);
        snprintf(want, sizeof want, "activities[1].%s: a float %s", afields[k], amount_msg);
        check_str(err.message, want);
        *f = S("1e10");
        aparse(&a, 1);
        snprintf(want, sizeof want, "activities[1].%s: \"1e10\" %s", afields[k], amount_msg);
        check_str(err.message, want);
    }

    a = activity();
    a.beneficiaries = I(-1);
    aparse(&a, 0);
    check_str(err.message,
              "activities[0].beneficiaries: -1 is not a count (an integer from 0 to 2147483647)");
    a.beneficiaries = F(3.0);
    aparse(&a, 0);
    check_str(err.message,
              "activities[0].beneficiaries: a float is not a count (an integer from 0 to 2147483647)");

    a = activity();
    a.venue_kind = S("Community Hall");
    aparse(&a, 0);
    check_str(err.message,
              "activities[0].venue_kind: \"Community Hall\" is not a slug (1 to 32 of a-z, 0-9, _)");
    a.venue_kind = B(0);
    aparse(&a, 0);
    check_str(err.message, "activities[0].venue_kind: false is not a slug (1 to 32 of a-z, 0-9, _)");

    test_activity_names();
}

/* venue (and the rules it shares with project): length, UTF-8, trimming. */
static void test_activity_names(void)
{
    dj_activity_in a;
    const char *venue_msg = "is not a venue name (UTF-8 text of at most 200 bytes)";
    char want[512];
    a = activity();
    a.venue = I(7);
    aparse(&a, 0);
    snprintf(want, sizeof want, "activities[0].venue: 7 %s", venue_msg);
    check_str(err.message, want);
    a.venue = T(DJ_V_ARRAY);
    aparse(&a, 0);
    snprintf(want, sizeof want, "activities[0].venue: an array %s", venue_msg);
    check_str(err.message, want);
    /* 201 bytes, even if trimming would bring it under 200 */
    char v201[202];
    memset(v201, ' ', 201);
    v201[100] = 'x';
    v201[201] = '\0';
    a.venue = S(v201);
    check(aparse(&a, 0) == DJ_E_RECORD);
    snprintf(want, sizeof want, "activities[0].venue: a string %s", venue_msg);
    check_str(err.message, want);
    /* invalid UTF-8 */
    const char *bad_utf8[] = {"\xff",         "caf\xe9",      "\xc0\x80",         "\xe0\x80\xaf",
                              "\xed\xa0\x80", "\xed\xbf\xbf", "\xf4\x90\x80\x80", "\xf8\x88\x80\x80\x80",
                              "\xe4\xb8",     "\x80",         "\xf0\x8f\xbf\xbf"};
    for (size_t i = 0; i < sizeof bad_utf8 / sizeof bad_utf8[0]; i++) {
        a.venue = S(bad_utf8[i]);
        check(aparse(&a, 0) == DJ_E_RECORD);
        snprintf(want, sizeof want, "activities[0].venue: a string %s", venue_msg);
        check_str(err.message, want);
    }
    /* the edges of valid UTF-8 pass */
    const char *good_utf8[] = {"\xc2\x80",         "\xed\x9f\xbf",     "\xee\x80\x80",
                               "\xf0\x90\x80\x80", "\xf4\x8f\xbf\xbf", "\xef\xbf\xbf"};
    for (size_t i = 0; i < sizeof good_utf8 / sizeof good_utf8[0]; i++) {
        a.venue = S(good_utf8[i]);
        check(aparse(&a, 0) == DJ_OK);
    }
    a.venue = SN("a\0b", 3); /* U+0000 is UTF-8 */
    check(aparse(&a, 0) == DJ_OK && arec.venue_len == 3);

    test_activity_participants();
}

/* participants, and the order of the checks of a row. */
static void test_activity_participants(void)
{
    dj_activity_in a;
    const char *amount_msg = "is not an amount (a number from 0 to 1000000000)";
    const char *venue_msg = "is not a venue name (UTF-8 text of at most 200 bytes)";
    char want[512];
    a = activity();
    a.participants = S("1,2");
    aparse(&a, 4);
    check_str(err.message, "activities[4].participants: \"1,2\" is not a list of participants");
    a.participants = I(3);
    aparse(&a, 4);
    check_str(err.message, "activities[4].participants: 3 is not a list of participants");

    dj_participant_in parts[3];
    memset(parts, 0, sizeof parts);
    parts[0].entry = I(1);
    parts[1].entry = I(2);
    parts[2].entry = T(DJ_V_NULL);
    a = activity();
    a.participants = T(DJ_V_ARRAY);
    a.parts = parts;
    a.n_parts = 3;
    check(aparse(&a, 0) == DJ_E_RECORD);
    check_str(err.message,
              "activities[0].participants[2]: null is not an id (an integer from 1 to 2147483647)");
    parts[2].entry = S("07");
    aparse(&a, 0);
    check_str(err.message,
              "activities[0].participants[2]: \"07\" is not an id (an integer from 1 to 2147483647)");
    parts[2].entry = F(3.0);
    aparse(&a, 0);
    check_str(err.message,
              "activities[0].participants[2]: a float is not an id (an integer from 1 to 2147483647)");
    parts[2].entry = T(DJ_V_ARRAY);
    parts[2].id = T(DJ_V_MISSING);
    aparse(&a, 0);
    check_str(err.message, "activities[0].participants[2].id: is required");
    parts[2].id = T(DJ_V_NULL);
    aparse(&a, 0);
    check_str(err.message, "activities[0].participants[2].id: is required");
    parts[2].id = I(0);
    aparse(&a, 0);
    check_str(err.message,
              "activities[0].participants[2].id: 0 is not an id (an integer from 1 to 2147483647)");
    parts[2].id = I(3);
    parts[2].hours = S("-1");
    aparse(&a, 0);
    snprintf(want, sizeof want, "activities[0].participants[2].hours: \"-1\" %s", amount_msg);
    check_str(err.message, want);
    parts[2].hours = B(1);
    aparse(&a, 0);
    snprintf(want, sizeof want, "activities[0].participants[2].hours: true %s", amount_msg);
    check_str(err.message, want);
    /* the first participant error wins; id before hours */
    parts[1].entry = T(DJ_V_ARRAY);
    parts[1].id = S("");
    parts[1].hours = S("x");
    aparse(&a, 0);
    check_str(err.message,
              "activities[0].participants[1].id: \"\" is not an id (an integer from 1 to 2147483647)");

    /* field order: id, date, category, kind, hours, fee_waived, donation, beneficiaries,
       venue_kind, venue, participants */
    a = activity();
    a.id = I(0);
    a.date = S("x");
    a.category = S("x");
    a.kind = S("X");
    a.hours = S("x");
    a.fee_waived = S("x");
    a.donation = S("x");
    a.beneficiaries = S("x");
    a.venue_kind = S("X");
    a.venue = I(1);
    a.participants = I(1);
    aparse(&a, 0);
    check_str(err.message, "activities[0].id: 0 is not an id (an integer from 1 to 2147483647)");
    a.id = I(1);
    aparse(&a, 0);
    check_str(err.message,
              "activities[0].date: \"x\" is not a date (YYYY-MM-DD from 1900-01-01 to 2199-12-31)");
    a.date = S("2024-01-01");
    aparse(&a, 0);
    check_str(err.message, "activities[0].category: \"x\" is not a category (service or meeting)");
    a.category = S("service");
    aparse(&a, 0);
    check_str(err.message, "activities[0].kind: \"X\" is not a slug (1 to 32 of a-z, 0-9, _)");
    a.kind = S("k");
    aparse(&a, 0);
    snprintf(want, sizeof want, "activities[0].hours: \"x\" %s", amount_msg);
    check_str(err.message, want);
    a.hours = T(DJ_V_NULL);
    aparse(&a, 0);
    snprintf(want, sizeof want, "activities[0].fee_waived: \"x\" %s", amount_msg);
    check_str(err.message, want);
    a.fee_waived = T(DJ_V_NULL);
    aparse(&a, 0);
    snprintf(want, sizeof want, "activities[0].donation: \"x\" %s", amount_msg);
    check_str(err.message, want);
    a.donation = T(DJ_V_NULL);
    aparse(&a, 0);
    check_str(err.message,
              "activities[0].beneficiaries: \"x\" is not a count (an integer from 0 to 2147483647)");
    a.beneficiaries = T(DJ_V_NULL);
    aparse(&a, 0);
    check_str(err.message, "activities[0].venue_kind: \"X\" is not a slug (1 to 32 of a-z, 0-9, _)");
    a.venue_kind = T(DJ_V_NULL);
    aparse(&a, 0);
    snprintf(want, sizeof want, "activities[0].venue: 1 %s", venue_msg);
    check_str(err.message, want);
    a.venue = T(DJ_V_NULL);
    aparse(&a, 0);
    check_str(err.message, "activities[0].participants: 1 is not a list of participants");
    a.participants = T(DJ_V_MISSING);
    check(aparse(&a, 0) == DJ_OK);
}

/* --------------------------------------------------------------- headcount */

static void test_headcount(void)
{
    dj_headcount_in h;
    dj_headcount_rec r;
    memset(&h, 0, sizeof h);
    h.row = T(DJ_V_ARRAY);
    h.date = S("2024-03-01");
    h.count = I(42);
    check(dj_headcount_parse(&h, 0, &r, &err) == DJ_OK);
    check(r.date == day("2024-03-01") && r.count == 42);
    h.count = S("0");
    check(dj_headcount_parse(&h, 0, &r, &err) == DJ_OK && r.count == 0);

    h.row = S("2024-03-01");
    check(dj_headcount_parse(&h, 1, &r, &err) == DJ_E_RECORD);
    check_str(err.message, "headcount[1]: \"2024-03-01\" is not a row");
    h.row = T(DJ_V_ARRAY);
    h.date = T(DJ_V_MISSING);
    h.count = T(DJ_V_MISSING);
    dj_headcount_parse(&h, 1, &r, &err);
    check_str(err.message, "headcount[1].date: is required");
    h.date = S("");
    dj_headcount_parse(&h, 1, &r, &err);
    check_str(err.message, "headcount[1].date: is required");
    h.date = S("2024-02-30");
    dj_headcount_parse(&h, 1, &r, &err);
    check_str(err.message,
              "headcount[1].date: \"2024-02-30\" is not a date (YYYY-MM-DD from 1900-01-01 to 2199-12-31)");
    h.date = S("2024-03-01");
    dj_headcount_parse(&h, 1, &r, &err);
    check_str(err.message, "headcount[1].count: is required");
    h.count = T(DJ_V_NULL);
    dj_headcount_parse(&h, 1, &r, &err);
    check_str(err.message, "headcount[1].count: is required");
    h.count = S("");
    dj_headcount_parse(&h, 1, &r, &err);
    check_str(err.message, "headcount[1].count: \"\" is not a count (an integer from 0 to 2147483647)");
    h.count = I(-3);
    check(dj_headcount_parse(&h, 1, &r, &err) == DJ_E_RECORD);
    check_str(err.message, "headcount[1].count: -3 is not a count (an integer from 0 to 2147483647)");
    h.count = S("2147483648");
    dj_headcount_parse(&h, 1, &r, &err);
    check_str(err.message,
              "headcount[1].count: \"2147483648\" is not a count (an integer from 0 to 2147483647)");
}

int main(void)
{
    test_person_ok();
    test_person_errors();
    test_activity_ok();
    test_activity_errors();
    test_headcount();
    return check_done("test_record");
}
