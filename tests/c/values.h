/*
 * values.h - dj_value constructors for the C tests: S("text"), SN(bytes, n),
 * I(7), F(1.5), B(1), T(DJ_V_NULL).
 */
#ifndef DJ_TEST_VALUES_H
#define DJ_TEST_VALUES_H

#include "dj.h"

#include <string.h>

static inline dj_value S(const char *s)
{
    dj_value v;
    v.type = DJ_V_STRING;
    v.u.s.p = s;
    v.u.s.len = strlen(s);
    return v;
}

static inline dj_value SN(const char *s, size_t n)
{
    dj_value v = S(s);
    v.u.s.len = n;
    return v;
}

static inline dj_value I(int64_t i)
{
    dj_value v;
    v.type = DJ_V_INT;
    v.u.i = i;
    return v;
}

static inline dj_value F(double d)
{
    dj_value v;
    v.type = DJ_V_FLOAT;
    v.u.d = d;
    return v;
}

static inline dj_value B(int b)
{
    dj_value v;
    v.type = DJ_V_BOOL;
    v.u.b = b;
    return v;
}

static inline dj_value T(dj_vtype t)
{
    dj_value v;
    memset(&v, 0, sizeof v);
    v.type = t;
    return v;
}

#endif
