/*
 * dj_fields.h - the names and text rules every part of the core shares,
 * defined once (fields.c): the person date-field names, the slug rule, and
 * the trimming of venue and project names.
 */
#ifndef DJ_FIELDS_H
#define DJ_FIELDS_H

#include "dj.h"

/* "applied_on" ... "left_on", "hired_on" for k in 0..DJ_PERSON_DATES-1. */
const char *dj_person_date_name(int k);

/* 1 when the n bytes at p are a slug: 1 to 32 of a-z, 0-9, _. */
int dj_slug_ok(const char *p, size_t n);

/* 1 when a trimmable character starts / ends the n bytes at p: ASCII space,
 * \t \n \v \f \r, or U+3000 (E3 80 80). */
int dj_trim_at_start(const char *p, size_t n);
int dj_trim_at_end(const char *p, size_t n);

/* Trims those characters from both ends of a name (venue, project). */
void dj_trim_name(const char **p, size_t *len);

/* 1 when byte c must be escaped inside a JSON string: below 0x20, '"', '\\'. */
#define DJ_JSON_MUST_ESCAPE(c) ((unsigned char)(c) < 0x20 || (c) == '"' || (c) == '\\')

/* Writes the escape of such a byte into out as jansson's dump does (JSON_ENSURE_ASCII and
 * JSON_ESCAPE_SLASH off): \" \\ \b \f \n \r \t, any other control byte \u00XX with
 * UPPERCASE hex (0x1f -> "\u001F"). Returns the length written (2 or 6). Used by toJson and
 * statsJson alike, so that both print a name the same way. */
size_t dj_json_escape_byte(unsigned char c, char out[6]);

#endif
