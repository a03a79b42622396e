/*
 * dj_utf8.h - strict UTF-8 validation, private to the core (value.c,
 * record.c, query.c).
 */
#ifndef DJ_UTF8_H
#define DJ_UTF8_H

#include <stddef.h>

/* Returns 1 when the len bytes at p are well-formed UTF-8 (RFC 3629: no
 * overlong forms, no surrogates U+D800..U+DFFF, nothing above U+10FFFF),
 * else 0. NUL bytes are valid (U+0000). */
static inline int dj_utf8_valid(const char *p, size_t len)
{
    const unsigned char *s = (const unsigned char *)p;
    size_t i = 0;
    while (i < len) {
        unsigned char c = s[i];
        size_t need;
        unsigned char lo = 0x80, hi = 0xBF; /* range of the second byte */
        if (c < 0x80) {
            i++;
            continue;
        } else if (c >= 0xC2 && c <= 0xDF) {
            need = 1;
        } else if (c >= 0xE0 && c <= 0xEF) {
            need = 2;
            if (c == 0xE0)
                lo = 0xA0; /* overlong */
            else if (c == 0xED)
                hi = 0x9F; /* surrogates */
        } else if (c >= 0xF0 && c <= 0xF4) {
            need = 3;
            if (c == 0xF0)
                lo = 0x90; /* overlong */
            else if (c == 0xF4)
                hi = 0x8F; /* above U+10FFFF */
        } else {
            return 0; /* 0x80..0xC1 (continuation or overlong lead), 0xF5..0xFF */
        }
        if (len - i - 1 < need)
            return 0;
        if (s[i + 1] < lo || s[i + 1] > hi)
            return 0;
        for (size_t k = 2; k <= need; k++)
            if (s[i + k] < 0x80 || s[i + k] > 0xBF)
                return 0;
        i += need + 1;
    }
    return 1;
}

#endif
