/*
 * dj.h - the Dangjian statistics core: plain C99, no PHP.
 *
 * The contract is STATS.md (see docs/ENGINE.md for the choices made where it is
 * silent, and for the exact text of every error message).
 *
 * Layers, one direction:
 *   dj_value (a loosely typed input value, from PHP or from JSON)
 *     -> dj_*_parse()       checks the value rules, gives a typed record
 *     -> dj_dataset_*_add() checks the relational rules, stages the record
 *     -> dj_dataset_commit()/rollback()  all or nothing per call
 *   dj_dataset_stats() -> dj_stats -> dj_stats_json()
 *   dj_json_load()/dj_json_dump()  (a streaming reader with jansson's verdict; a printer)
 *   dj_snapshot_save()/dj_snapshot_load()
 *
 * Every function that can fail returns a dj_status and fills the caller's
 * dj_error; the core never prints, never exits, and leaves its objects as they
 * were on any failure. All memory goes through dj_malloc/dj_realloc/dj_free
 * (dj_alloc.h), so the binding or a test can supply its own allocator.
 */
#ifndef DJ_H
#define DJ_H

#include <stddef.h>
#include <stdint.h>

#define DJ_VERSION "0.1.0"

/* ------------------------------------------------------------------ status */

typedef enum {
    DJ_OK = 0,
    DJ_E_NOMEM,    /* an allocation failed; nothing changed */
    DJ_E_RECORD,   /* a row broke a rule (InvalidRecord) */
    DJ_E_QUERY,    /* a bad query value (ValueError) */
    DJ_E_JSON,     /* dataset JSON: syntax or shape (InvalidJson) */
    DJ_E_SNAPSHOT, /* snapshot file damaged/foreign/other version (CorruptSnapshot) */
    DJ_E_IO        /* the file system failed (Exception) */
} dj_status;

#define DJ_ERROR_TEXT 512

#define DJ_ERROR_PATH 128

/* An error as data (as jansson's json_error_t carries line and column):
 * the message, and for a bad row (DJ_E_RECORD) where and which rule. */
typedef struct {
    char message[DJ_ERROR_TEXT]; /* the whole message, NUL-terminated */
    dj_status code;              /* the status returned with it */
    long row;                    /* 0-based row in that call's array; -1 when none */
    char path[DJ_ERROR_PATH];    /* "people[3].admitted_on"; "" when none */
    const char *rule; /* a static name ("date", "duplicate_id" ...; docs/ENGINE.md 9); "" when none */
} dj_error;

/* Fills err->message with printf-style text (truncated to fit), sets code,
 * clears row, path and rule, and returns status. err may be NULL. */
dj_status dj_error_set(dj_error *err, dj_status status, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 3, 4)))
#endif
    ;

/* A bad row: message "<path>: <text>", code DJ_E_RECORD, row, path and rule
 * (a static string) set. Returns DJ_E_RECORD. err may be NULL. */
dj_status dj_error_record(dj_error *err, const char *rule, size_t row, const char *path, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 5, 6)))
#endif
    ;

/* The path after the row ("admitted_on", "participants[2].id", "" for the
 * row itself): a pointer into err->path. */
const char *dj_error_field(const dj_error *err);

/* ------------------------------------------------------------------ values */

typedef enum {
    DJ_V_MISSING = 0, /* key not present */
    DJ_V_NULL,
    DJ_V_BOOL,
    DJ_V_INT,
    DJ_V_FLOAT,
    DJ_V_STRING,
    DJ_V_ARRAY, /* a PHP array or a JSON array/object; contents not carried */
    DJ_V_OTHER  /* anything else (a PHP object, resource, ...) */
} dj_vtype;

typedef struct {
    dj_vtype type;
    union {
        int b;     /* DJ_V_BOOL: 0 or 1 */
        int64_t i; /* DJ_V_INT */
        double d;  /* DJ_V_FLOAT */
        struct {
            const char *p; /* not NUL-terminated, may hold NUL bytes */
            size_t len;
        } s; /* DJ_V_STRING; borrowed, valid for the call */
    } u;
} dj_value;

/* Describes v for an error message, as docs/ENGINE.md says ("\"2024-13-01\"",
 * "7", "a float", "true", "null", "an array", "a long string" ...). Writes at
 * most cap bytes including the NUL. */
void dj_value_describe(const dj_value *v, char *buf, size_t cap);

/* ------------------------------------------------------------------- dates */

/* A date is a day number: days since 1970-01-01 (negative before). */
#define DJ_NO_DATE INT32_MIN
#define DJ_DATE_MIN (-25567) /* 1900-01-01 */
#define DJ_DATE_MAX 84005    /* 2199-12-31 */

/* Parses exactly "YYYY-MM-DD" (a real calendar date, 1900-01-01..2199-12-31).
 * Returns 1 and sets *day, or 0. */
int dj_date_parse(const char *s, size_t len, int32_t *day);
/* Writes "YYYY-MM-DD" (11 bytes with the NUL) for any day in years 0001..9999. */
void dj_date_format(int32_t day, char out[11]);
void dj_date_ymd(int32_t day, int *y, int *m, int *d);
int32_t dj_date_from_ymd(int y, int m, int d); /* no range check */
/* The same month and day a year later; from 29 February, 1 March. */
int32_t dj_date_add_year(int32_t day);

/* ----------------------------------------------------------- value parsing */
/* Each parser checks one value against the rules of STATS.md. On success it
 * returns 1 and writes *out. On failure it returns 0 and writes the message
 * text that follows "<path>: " into err (without the path: the caller adds it
 * with dj_error_set(err, ..., "%s: %s", path, why)). */

typedef struct {
    char why[DJ_ERROR_TEXT];
} dj_why;

/* Outcome of an optional field: absent (missing, null, or '' where '' means none). */
#define DJ_ABSENT 2

int dj_parse_id(const dj_value *v, int32_t *out, dj_why *w);      /* 1..2^31-1; DJ_ABSENT */
int dj_parse_count(const dj_value *v, int32_t *out, dj_why *w);   /* 0..2^31-1; DJ_ABSENT */
int dj_parse_date(const dj_value *v, int32_t *out, dj_why *w);    /* DJ_ABSENT for null/missing/'' */
int dj_parse_amount(const dj_value *v, int64_t *out, dj_why *w);  /* hundredths; DJ_ABSENT */
int dj_parse_bool(const dj_value *v, uint8_t *out, dj_why *w);    /* null/missing/'' -> 0 (returns 1) */
int dj_parse_slug(const dj_value *v, int allow_empty, dj_why *w); /* DJ_ABSENT for null/missing */

/* ------------------------------------------------------------ the records */

/* The person date fields in check order: the seven roster dates (they make
 * the roster and the default `to`), then hired_on (v2: no order rule, not a
 * roster date). Their names: dj_person_date_name() (dj_fields.h). */
enum {
    DJ_STAGE_APPLIED,
    DJ_STAGE_ACTIVIST,
    DJ_STAGE_CANDIDATE,
    DJ_STAGE_ADMITTED,
    DJ_STAGE_FULL,
    DJ_JOINED,
    DJ_LEFT,
    DJ_HIRED,
    DJ_PERSON_DATES
};
#define DJ_ROSTER_DATES DJ_HIRED

enum { DJ_LEFT_NONE = 0, DJ_LEFT_TRANSFER, DJ_LEFT_DEATH, DJ_LEFT_CANCELLED, DJ_LEFT_OTHER };

enum { DJ_CAT_SERVICE = 1, DJ_CAT_MEETING = 2 };

/* A person row as given: one dj_value per field. */
typedef struct {
    dj_value row; /* the row itself: must be DJ_V_ARRAY, else the message describes it */
    dj_value id, is_staff;
    dj_value dates[DJ_PERSON_DATES]; /* in the enum's order */
    dj_value left_reason;
} dj_person_in;

typedef struct {
    int32_t id;
    uint8_t is_staff;
    uint8_t left_reason;            /* DJ_LEFT_* */
    int32_t dates[DJ_PERSON_DATES]; /* DJ_NO_DATE when absent */
} dj_person_rec;

typedef struct {
    dj_value entry; /* the list element; if DJ_V_ARRAY, id and hours are its keys */
    dj_value id, hours;
} dj_participant_in;

typedef struct {
    dj_value row;
    dj_value id, date, category, kind, hours, fee_waived, donation, beneficiaries, venue_kind, venue;
    dj_value project;               /* v2: a name with the venue rules */
    dj_value participants;          /* DJ_V_MISSING/NULL: none; DJ_V_ARRAY: see below */
    const dj_participant_in *parts; /* when participants is an array */
    size_t n_parts;
} dj_activity_in;

typedef struct {
    int32_t person_id;
    int64_t hours;      /* hundredths */
    uint8_t array_form; /* 1: the list entry was ['id'=>…] (message paths end in ".id"); set by the caller */
} dj_participant_rec;

typedef struct {
    int32_t id;
    int32_t date;
    uint8_t category; /* DJ_CAT_* */
    const char *kind;
    size_t kind_len; /* slug */
    const char *venue_kind;
    size_t venue_kind_len; /* slug or "" */
    const char *venue;
    size_t venue_len; /* trimmed, may be "" */
    const char *project;
    size_t project_len;                  /* trimmed, may be "" (NULL with 0 is "" too) */
    int64_t hours, fee_waived, donation; /* hundredths */
    int32_t beneficiaries;
    const dj_participant_rec *parts;
    size_t n_parts;
} dj_activity_rec;

typedef struct {
    dj_value row, date, count;
} dj_headcount_in;

typedef struct {
    int32_t date;
    int32_t count;
} dj_headcount_rec;

/* Value rules of one row: index is the row's 0-based position (for the path).
 * dj_activity_parse writes participants into parts_buf (room for in->n_parts
 * entries, the caller's); out->venue etc. point into the input strings. */
dj_status dj_person_parse(const dj_person_in *in, size_t index, dj_person_rec *out, dj_error *err);
/* The checks inside one person that relate values (stage order, left_on
 * against the start): dj_person_parse ends with them, the dataset's add
 * runs them again on records it is given directly. */
dj_status dj_person_check(const dj_person_rec *rec, size_t index, dj_error *err);
dj_status dj_activity_parse(const dj_activity_in *in, size_t index, dj_activity_rec *out,
                            dj_participant_rec *parts_buf, dj_error *err);
dj_status dj_headcount_parse(const dj_headcount_in *in, size_t index, dj_headcount_rec *out, dj_error *err);

/* ---------------------------------------------------------------- dataset */

typedef struct dj_dataset dj_dataset;

/* Returns a new empty dataset (refcount 1), or NULL when out of memory. */
dj_dataset *dj_dataset_new(void);
/* Reference counting: a dataset with refcount > 1 is shared and read-only:
 * begin and set_headcount then fail with DJ_E_RECORD ("the dataset is shared
 * and read-only") and change nothing. */
dj_dataset *dj_dataset_retain(dj_dataset *ds);
void dj_dataset_release(dj_dataset *ds); /* frees at 0; NULL is fine */

/* Adding rows: begin, add each row, then commit or rollback. Between begin
 * and commit the staged rows are invisible to stats and accessors.
 * begin reserves room for `expected` rows (and, for activities,
 * `expected_parts` participations) so that add does not fail for memory when
 * the counts are right; add may still grow if they are not.
 * add checks the relational rules (duplicate ids, stage order, left_on,
 * participants known and unique) and on failure returns DJ_E_RECORD with the
 * message for row `index`; the caller then calls rollback.
 * rollback leaves the dataset exactly as before begin. */
dj_status dj_dataset_people_begin(dj_dataset *ds, size_t expected, dj_error *err);
dj_status dj_dataset_person_add(dj_dataset *ds, const dj_person_rec *rec, size_t index, dj_error *err);
dj_status dj_dataset_activities_begin(dj_dataset *ds, size_t expected, size_t expected_parts, dj_error *err);
dj_status dj_dataset_activity_add(dj_dataset *ds, const dj_activity_rec *rec, size_t index, dj_error *err);
void dj_dataset_commit(dj_dataset *ds);
void dj_dataset_rollback(dj_dataset *ds);

/* Replaces the headcount points (validated: no two on one date; the message
 * names headcount[i].date of the later one). On error, keeps the old points. */
dj_status dj_dataset_set_headcount(dj_dataset *ds, const dj_headcount_rec *pts, size_t n, dj_error *err);

/* Convenience for callers holding dj_value rows (JSON import, tests):
 * parse + begin/add/commit, all or nothing. */
dj_status dj_dataset_add_people_in(dj_dataset *ds, const dj_person_in *rows, size_t n, dj_error *err);
dj_status dj_dataset_add_activities_in(dj_dataset *ds, const dj_activity_in *rows, size_t n, dj_error *err);
dj_status dj_dataset_set_headcount_in(dj_dataset *ds, const dj_headcount_in *rows, size_t n, dj_error *err);

/* Counts and read access, in insertion order (headcount: by date). */
size_t dj_dataset_people_count(const dj_dataset *ds);
size_t dj_dataset_activities_count(const dj_dataset *ds);
size_t dj_dataset_participations_count(const dj_dataset *ds);
size_t dj_dataset_headcount_count(const dj_dataset *ds);
void dj_dataset_person_get(const dj_dataset *ds, size_t i, dj_person_rec *out);
/* out->parts points into parts_buf, which must have room for
 * dj_dataset_activity_parts(ds, i) entries; strings point into the dataset. */
size_t dj_dataset_activity_parts(const dj_dataset *ds, size_t i);
void dj_dataset_activity_get(const dj_dataset *ds, size_t i, dj_activity_rec *out,
                             dj_participant_rec *parts_buf);
void dj_dataset_headcount_get(const dj_dataset *ds, size_t i, dj_headcount_rec *out);
/* Bytes held by the dataset (columns, indexes, strings). */
size_t dj_dataset_memory(const dj_dataset *ds);

/* ------------------------------------------------------------------ query */

enum { DJ_UNIT_MONTH = 1, DJ_UNIT_QUARTER, DJ_UNIT_YEAR };

typedef struct {
    char kind[33];
    uint8_t unit;
} dj_rule;

/* v2: the query's filter, one list per key (docs/ENGINE.md section 9). */
enum { DJ_F_KINDS, DJ_F_VENUE_KINDS, DJ_F_VENUES, DJ_F_PROJECTS, DJ_F_N };

typedef struct {
    int given; /* 0: the key is absent (or null) */
    char **v;  /* owned: each a dj_malloc'd copy (slug, or trimmed name) */
    size_t *len;
    size_t n, cap;
} dj_filter_list;

typedef struct {
    int32_t from, to, as_of; /* DJ_NO_DATE: default */
    int32_t top;             /* -1: default (10) */
    int32_t due_within;      /* -1: default (60) */
    int rules_given;         /* 0: the default rules */
    dj_rule *rules;          /* owned (dj_free), in the order given (a later kind wins) */
    size_t n_rules, rules_cap;
    int filtered; /* 1 when some filter list is given */
    dj_filter_list filter[DJ_F_N];
} dj_query;

void dj_query_init(dj_query *q);
void dj_query_free(dj_query *q);
/* Sets one key of the query array, in the order given. On failure returns
 * DJ_E_QUERY (the message names "query.<key>") or DJ_E_NOMEM, q unchanged.
 * For "meeting_rules", v is the whole value: a DJ_V_ARRAY announces a map
 * whose entries follow through dj_query_rule(); anything else but null is an
 * error. */
dj_status dj_query_set(dj_query *q, const char *key, size_t key_len, const dj_value *v, dj_error *err);
/* One entry of meeting_rules: key is a string (key_is_int=0) or an int key. */
dj_status dj_query_rule(dj_query *q, const char *key, size_t key_len, int key_is_int, int64_t int_key,
                        const dj_value *v, dj_error *err);
/* v2, the filter: dj_query_set(q, "filter", v) announces a map (DJ_V_ARRAY)
 * whose entries follow. dj_query_filter_key() takes one entry: its key (a
 * string, or an int key: always unknown), its value v and, when v is an
 * array, its count n and whether its keys are 0..n-1 in order (is_list). It
 * sets *field to the DJ_F_* of the key, or -1 when the value is null (the key
 * is then absent). The list's values then follow, in order, through
 * dj_query_filter_value(). Errors: DJ_E_QUERY ("query.filter.<key>: ...") or
 * DJ_E_NOMEM. */
dj_status dj_query_filter_key(dj_query *q, const char *key, size_t key_len, int key_is_int, int64_t int_key,
                              const dj_value *v, size_t n, int is_list, int *field, dj_error *err);
dj_status dj_query_filter_value(dj_query *q, int field, const dj_value *v, dj_error *err);

/* ------------------------------------------------------------------ stats */

typedef struct {
    char kind[33];
    int64_t activities, hours, fee_waived, donation, beneficiaries; /* amounts in hundredths */
} dj_kind_stat;

typedef struct {
    char venue_kind[33];
    int64_t venues, activities, beneficiaries, hours;
} dj_venue_stat;

typedef struct {
    int year, month;
    int64_t activities, hours, beneficiaries;
} dj_month_stat;

typedef struct {
    int32_t id;
    int64_t hours, activities;
} dj_top_stat;

typedef struct {
    char *project;
    size_t project_len; /* owned by the dj_stats (one block with the others) */
    int64_t activities, hours, fee_waived, donation, beneficiaries, volunteers;
} dj_project_stat;

typedef struct {
    int32_t id;
    int32_t due_on; /* day number, may pass 2199-12-31 */
} dj_due_stat;

typedef struct {
    char kind[33];
    int64_t count;
} dj_count_stat;

typedef struct {
    int year;
    int n; /* month 1-12, quarter 1-4, or 0 for a year */
} dj_period;

typedef struct {
    char kind[33];
    uint8_t unit;
    dj_period *periods;
    size_t n_periods;
} dj_missing_stat;

#define DJ_NULL_INT INT64_MIN /* staff_headcount, ratios: null */

typedef struct {
    int32_t from, to, as_of;
    struct {
        int64_t applicants, activists, candidates, probationary, full, party_members;
        int64_t staff_headcount; /* DJ_NULL_INT: null */
        int64_t staff_party_members;
        int64_t staff_party_ratio; /* ten-thousandths, DJ_NULL_INT: null */
    } members;
    struct {
        int64_t applied, activists, candidates, admitted, converted, transferred_in, left;
        int64_t eligible_candidates;
        dj_due_stat *due_for_conversion;
        size_t n_due;
        dj_due_stat *overdue_conversion;
        size_t n_overdue;
        int64_t hired, hired_party_members; /* v2 */
    } pipeline;
    struct {
        int64_t activities, hours, fee_waived, donation, beneficiaries, volunteer_hours, volunteers;
        int64_t participation_ratio; /* ten-thousandths, DJ_NULL_INT: null */
        dj_kind_stat *by_kind;
        size_t n_by_kind; /* sorted by kind (bytes) */
        dj_venue_stat *by_venue_kind;
        size_t n_by_venue; /* sorted by venue_kind */
        dj_month_stat *by_month;
        size_t n_by_month;
        dj_top_stat *top;
        size_t n_top;
        int64_t party_volunteer_hours, party_volunteers; /* v2 */
        dj_project_stat *by_project;
        size_t n_by_project; /* v2, sorted by name (bytes) */
        char *project_names; /* the names' bytes (owned) */
    } service;
    struct {
        int64_t total, hours;
        dj_count_stat *by_kind;
        size_t n_by_kind; /* sorted */
        dj_missing_stat *missing;
        size_t n_missing; /* sorted by kind */
    } meetings;
} dj_stats;

/* Computes the figures. q is not changed. On failure (DJ_E_QUERY for a
 * semantic query error such as from > to or no date at all, DJ_E_NOMEM)
 * *out is left empty (safe to dj_stats_free). */
dj_status dj_dataset_stats(const dj_dataset *ds, const dj_query *q, dj_stats *out, dj_error *err);
void dj_stats_free(dj_stats *s);
/* The statsJson() text. Returns a NUL-terminated string owned by the caller
 * (dj_free), length in *len; NULL when out of memory. */
char *dj_stats_json(const dj_stats *s, size_t *len);

/* Formats hundredths / ten-thousandths as statsJson prints them ("12.0"). */
size_t dj_format_amount(int64_t hundredths, char *buf); /* buf >= 32 */
size_t dj_format_ratio(int64_t ten_thousandths, char *buf);

/* ------------------------------------------------------------------- JSON */

/* toJson(): the dataset format of STATS.md, exactly as docs/ENGINE.md prints
 * it. Returns a NUL-terminated string owned by the caller (dj_free), or NULL
 * when out of memory. */
char *dj_json_dump(const dj_dataset *ds, size_t *len);
/* toJson() in pieces: sink(ctx, bytes, n) receives the text in order (n >
 * 0, pieces of at most 64 KiB) and returns 1, or 0 to stop. Returns DJ_OK, or
 * DJ_E_NOMEM when out of memory or stopped by the sink. */
typedef int (*dj_json_sink)(void *ctx, const char *p, size_t n);
dj_status dj_json_dump_to(const dj_dataset *ds, dj_json_sink sink, void *ctx);
/* fromJson(): on success *out is a new dataset (refcount 1, the caller's).
 * On failure returns DJ_E_JSON / DJ_E_RECORD / DJ_E_NOMEM and *out is NULL.
 * Reads the text as a stream (no tree; memory: the dataset and one batch of
 * rows), with jansson 2.14's verdict and errors: docs/ENGINE.md §4. */
dj_status dj_json_load(const char *text, size_t len, dj_dataset **out, dj_error *err);

/* --------------------------------------------------------------- snapshot */

/* Writes the snapshot atomically: a temporary file beside path, fsync,
 * rename, fsync of the directory. On failure returns DJ_E_IO (message names
 * the path and the system error) or DJ_E_NOMEM, and path is untouched. */
dj_status dj_snapshot_save(const dj_dataset *ds, const char *path, dj_error *err);
/* Reads a snapshot. DJ_E_IO when it cannot be opened/read; DJ_E_SNAPSHOT when
 * it is truncated, foreign, damaged or of another version. *out as in
 * dj_json_load. */
dj_status dj_snapshot_load(const char *path, dj_dataset **out, dj_error *err);
/* The same on bytes in memory (for fuzzing and tests). */
dj_status dj_snapshot_load_mem(const unsigned char *data, size_t len, dj_dataset **out, dj_error *err);
/* The snapshot bytes in memory: owned by the caller (dj_free). */
unsigned char *dj_snapshot_dump(const dj_dataset *ds, size_t *len);

#endif
