/*
 * json_internal.h - the pieces of fromJson shared by the core's JSON files
 * (json_read.c, json_load.c, json_tree.c) and the tests. Internal.
 *
 * fromJson reads the text in three passes (docs/ENGINE.md §4):
 *   1. dj_json_validate: jansson 2.14's verdict on the text (json_loadb with
 *      JSON_ALLOW_NUL), its error's line, column and text exactly, with no
 *      allocation but for an overlong number; it records where the last value
 *      of each top-level key the engine reads starts.
 *   2. the shape, from those offsets;
 *   3. the rows, read from their offsets straight into the dataset, in batches.
 */
#ifndef DJ_JSON_INTERNAL_H
#define DJ_JSON_INTERNAL_H

#include "dj.h"

/* The top-level keys the engine reads, in the order the shape is checked. */
enum { DJ_JK_FORMAT, DJ_JK_VERSION, DJ_JK_PEOPLE, DJ_JK_ACTIVITIES, DJ_JK_HEADCOUNT, DJ_JK_COUNT };

/* Rows go to the dataset in batches of this many, through reused buffers. */
#define DJ_JSON_BATCH 4096

typedef struct {
    size_t top;                /* offset of the top-level value ('{' or '[') */
    int top_is_object;         /* 1 when the top level is an object */
    int has[DJ_JK_COUNT];      /* the key is present at the top level */
    size_t value[DJ_JK_COUNT]; /* offset where its last value starts */
} dj_json_top;

/* Pass 1. DJ_OK with *top filled when jansson accepts the text; DJ_E_JSON
 * with "line L, column C: <jansson's text>" when it does not; DJ_E_NOMEM. */
dj_status dj_json_validate(const char *text, size_t len, dj_json_top *top, dj_error *err);

/* Line and column (from 1, columns in characters) of a byte offset. */
void dj_json_offset_position(const char *text, size_t off, int *line, int *col);

/* The byte a one-character escape stands for (\b \f \n \r \t, else the
 * character itself: \" \\ \/); \u is read by its caller. */
static inline unsigned dj_json_unescape(unsigned char e)
{
    switch (e) {
    case 'b':
        return '\b';
    case 'f':
        return '\f';
    case 'n':
        return '\n';
    case 'r':
        return '\r';
    case 't':
        return '\t';
    default:
        return e;
    }
}

/* strtod of the n bytes of a JSON number as jansson reads it (the locale's
 * decimal point); 0 when out of memory, else 1 with *out and *erange. */
int dj_json_strtod(const char *p, size_t n, double *out, int *erange);

/* A record error of a batch that started at row offset: "people[k]" named
 * from the start of the whole array. */
void dj_json_shift_index(dj_error *err, const char *section, size_t offset);

/* fromJson through a jansson tree (the reader before the streaming one): the
 * same answers, kept for the tests and the benchmark to compare with. */
dj_status dj_json_load_tree(const char *text, size_t len, dj_dataset **out, dj_error *err);

#endif
