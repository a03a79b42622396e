/*
 * chaos_data.h - the rows test_chaos.c adds under failing allocations: value
 * makers, five people, four activities (v2 fields included), headcount
 * points, a batch rejected for an unknown participant, and a JSON dataset.
 */
#ifndef DJ_TEST_CHAOS_DATA_H
#define DJ_TEST_CHAOS_DATA_H

/* ------------------------------------------------------------ values */

static dj_value v_missing(void)
{
    dj_value v;
    memset(&v, 0, sizeof v);
    v.type = DJ_V_MISSING;
    return v;
}

static dj_value v_null(void)
{
    dj_value v = v_missing();
    v.type = DJ_V_NULL;
    return v;
}

static dj_value v_array(void)
{
    dj_value v = v_missing();
    v.type = DJ_V_ARRAY;
    return v;
}

static dj_value v_int(int64_t i)
{
    dj_value v = v_missing();
    v.type = DJ_V_INT;
    v.u.i = i;
    return v;
}

static dj_value v_bool(int b)
{
    dj_value v = v_missing();
    v.type = DJ_V_BOOL;
    v.u.b = b;
    return v;
}

static dj_value v_float(double d)
{
    dj_value v = v_missing();
    v.type = DJ_V_FLOAT;
    v.u.d = d;
    return v;
}

static dj_value v_str(const char *s)
{
    dj_value v = v_missing();
    v.type = DJ_V_STRING;
    v.u.s.p = s;
    v.u.s.len = strlen(s);
    return v;
}

/* ----------------------------------------------------------- the data */

#define N_PEOPLE 5
#define N_ACTS 4
#define N_POINTS 2

static dj_person_in people[N_PEOPLE];
static dj_activity_in acts[N_ACTS];
static dj_participant_in parts0[2], parts1[3], parts2[1];
static dj_headcount_in points[N_POINTS];
/* A batch whose last row names an unknown participant: rejected. */
static dj_activity_in bad_acts[2];
static dj_participant_in bad_parts[2];

static void person(dj_person_in *p, int64_t id)
{
    int i;
    p->row = v_array();
    p->id = v_int(id);
    p->is_staff = v_missing();
    for (i = 0; i < DJ_PERSON_DATES; i++)
        p->dates[i] = v_missing();
    p->left_reason = v_missing();
}

static void activity(dj_activity_in *a, int64_t id, const char *date, const char *category, const char *kind)
{
    memset(a, 0, sizeof *a);
    a->row = v_array();
    a->id = v_int(id);
    a->date = v_str(date);
    a->category = v_str(category);
    a->kind = v_str(kind);
    a->hours = v_missing();
    a->fee_waived = v_missing();
    a->donation = v_missing();
    a->beneficiaries = v_missing();
    a->venue_kind = v_missing();
    a->venue = v_missing();
    a->project = v_missing();
    a->participants = v_missing();
    a->parts = NULL;
    a->n_parts = 0;
}

static dj_participant_in bare(int64_t id)
{
    dj_participant_in p;
    p.entry = v_int(id);
    p.id = v_missing();
    p.hours = v_missing();
    return p;
}

static dj_participant_in keyed(int64_t id, dj_value hours)
{
    dj_participant_in p;
    p.entry = v_array();
    p.id = v_int(id);
    p.hours = hours;
    return p;
}

static void data_init(void)
{
    person(&people[0], 1);
    people[0].is_staff = v_bool(1);
    people[0].dates[DJ_STAGE_APPLIED] = v_str("2020-01-10");
    people[0].dates[DJ_STAGE_ACTIVIST] = v_str("2020-06-01");
    people[0].dates[DJ_STAGE_CANDIDATE] = v_str("2021-02-01");
    people[0].dates[DJ_STAGE_ADMITTED] = v_str("2023-08-01");

    person(&people[1], 2);
    people[1].is_staff = v_str("1");
    people[1].dates[DJ_STAGE_APPLIED] = v_str("2019-05-05");
    people[1].dates[DJ_STAGE_ACTIVIST] = v_str("2019-09-09");
    people[1].dates[DJ_STAGE_CANDIDATE] = v_str("2020-01-01");
    people[1].dates[DJ_STAGE_ADMITTED] = v_str("2021-01-01");
    people[1].dates[DJ_STAGE_FULL] = v_str("2022-01-01");

    person(&people[2], 3);
    people[2].is_staff = v_int(0);
    people[2].dates[DJ_STAGE_FULL] = v_str("2015-03-01");
    people[2].dates[DJ_JOINED] = v_str("2022-07-01");
    people[2].dates[DJ_LEFT] = v_str("2024-05-01");
    people[2].left_reason = v_str("transfer");
    people[2].dates[DJ_HIRED] = v_str("2023-03-01"); /* v2 */

    person(&people[3], 4);
    people[3].dates[DJ_LEFT] = v_str("2023-01-01");

    person(&people[4], 5);
    people[4].is_staff = v_null();
    people[4].dates[DJ_STAGE_APPLIED] = v_str("2024-02-29");
    people[4].dates[DJ_STAGE_ACTIVIST] = v_str("");

    activity(&acts[0], 1, "2024-01-05", "service", "counseling");
    acts[0].hours = v_str("2.5");
    acts[0].fee_waived = v_int(100);
    acts[0].donation = v_float(1.115);
    acts[0].beneficiaries = v_int(3);
    acts[0].venue_kind = v_str("community");
    acts[0].venue =
        v_str("\xe3\x80\x80\xe9\x98\xb3\xe5\x85\x89\xe7\xa4\xbe\xe5\x8c\xba "); /* U+3000 阳光社区 */
    acts[0].project = v_str(" flood relief ");                                  /* v2 */
    parts0[0] = bare(1);
    parts0[1] = keyed(2, v_str("1.25"));
    acts[0].participants = v_array();
    acts[0].parts = parts0;
    acts[0].n_parts = 2;

    activity(&acts[1], 2, "2024-02-10", "meeting", "committee");
    acts[1].hours = v_int(1);
    parts1[0] = bare(1);
    parts1[1] = bare(2);
    parts1[2] = keyed(3, v_null());
    acts[1].participants = v_array();
    acts[1].parts = parts1;
    acts[1].n_parts = 3;

    activity(&acts[2], 3, "2024-03-15", "service", "cleanup");
    acts[2].hours = v_float(3.0);
    acts[2].beneficiaries = v_str("12");
    acts[2].venue_kind = v_str("park");
    acts[2].venue = v_str("Central Park");
    acts[2].project = v_str("flood relief");
    parts2[0] = keyed(3, v_missing());
    acts[2].participants = v_array();
    acts[2].parts = parts2;
    acts[2].n_parts = 1;

    activity(&acts[3], 4, "2024-04-01", "meeting", "party_lesson");

    points[0].row = v_array();
    points[0].date = v_str("2024-01-01");
    points[0].count = v_int(40);
    points[1].row = v_array();
    points[1].date = v_str("2023-06-01");
    points[1].count = v_str("38");

    activity(&bad_acts[0], 10, "2024-05-01", "service", "visit");
    bad_parts[0] = bare(1);
    bad_acts[0].participants = v_array();
    bad_acts[0].parts = bad_parts;
    bad_acts[0].n_parts = 1;
    activity(&bad_acts[1], 11, "2024-05-02", "service", "visit");
    bad_parts[1] = bare(99);
    bad_acts[1].participants = v_array();
    bad_acts[1].parts = bad_parts + 1;
    bad_acts[1].n_parts = 1;
}

static const char json_text[] =
    "{\"format\":\"dangjian-dataset\",\"version\":2,\"plugin\":{\"x\":[1,2]},\n"
    " \"people\":[{\"id\":1,\"is_staff\":true,\"applied_on\":\"2020-01-01\",\"activist_on\":\"2021-03-01\","
    "\"hired_on\":\"2022-01-01\"},"
    "\n"
    "            {\"id\":2,\"admitted_on\":\"2023-05-05\",\"joined_on\":\"2023-06-01\"},\n"
    "            {\"id\":3,\"left_on\":\"2022-01-01\",\"left_reason\":\"other\"}],\n"
    " \"activities\":[{\"id\":7,\"date\":\"2024-02-29\",\"category\":\"service\",\"kind\":\"tutoring\",\n"
    "                 \"hours\":1.005,\"venue_kind\":\"school\",\"venue\":\" No. 1 School \",\n"
    "                 \"project\":\"reading\",\n"
    "                 \"participants\":[1,{\"id\":2,\"hours\":\"0.5\"}]},\n"
    "               {\"id\":8,\"date\":\"2024-03-01\",\"category\":\"meeting\",\"kind\":\"group_meeting\",\n"
    "                 \"participants\":[]}],\n"
    " \"headcount\":[{\"date\":\"2024-01-01\",\"count\":12}]}";

#endif
