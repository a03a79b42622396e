/* error.c - filling a dj_error. */
#include "dj.h"

#include <stdarg.h>
#include <stdio.h>

dj_status dj_error_set(dj_error *err, dj_status status, const char *fmt, ...)
{
    if (err) {
        va_list ap;
        va_start(ap, fmt);
        vsnprintf(err->message, sizeof err->message, fmt, ap);
        va_end(ap);
    }
    return status;
}
