/* error.c - filling a dj_error. */
#include "dj.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

dj_status dj_error_set(dj_error *err, dj_status status, const char *fmt, ...)
{
    if (err) {
        va_list ap;
        va_start(ap, fmt);
        vsnprintf(err->message, sizeof err->message, fmt, ap);
        va_end(ap);
        err->code = status;
        err->row = -1;
        err->path[0] = '\0';
        err->rule = "";
    }
    return status;
}

dj_status dj_error_record(dj_error *err, const char *rule, size_t row, const char *path, const char *fmt, ...)
{
    if (err) {
        snprintf(err->path, sizeof err->path, "%s", path);
        size_t n = strlen(err->path);
        memcpy(err->message, err->path, n);
        err->message[n++] = ':';
        err->message[n++] = ' ';
        va_list ap;
        va_start(ap, fmt);
        vsnprintf(err->message + n, sizeof err->message - n, fmt, ap);
        va_end(ap);
        err->code = DJ_E_RECORD;
        err->row = (long)row;
        err->rule = rule;
    }
    return DJ_E_RECORD;
}

const char *dj_error_field(const dj_error *err)
{
    const char *p = strchr(err->path, ']');
    if (!p)
        return "";
    p++;
    return *p == '.' ? p + 1 : p;
}
