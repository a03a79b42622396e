/* fields.c - the shared names and text rules (dj_fields.h). */
#include "dj_fields.h"

static const char *const dj_date_names[DJ_PERSON_DATES] = {"applied_on",  "activist_on", "candidate_on",
                                                           "admitted_on", "full_on",     "joined_on",
                                                           "left_on",     "hired_on"};

const char *dj_person_date_name(int k)
{
    return k >= 0 && k < DJ_PERSON_DATES ? dj_date_names[k] : "";
}

int dj_slug_ok(const char *p, size_t n)
{
    if (n < 1 || n > 32)
        return 0;
    for (size_t i = 0; i < n; i++) {
        char c = p[i];
        if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_'))
            return 0;
    }
    return 1;
}

static int dj_trim_byte(unsigned char c)
{
    return c == ' ' || (c >= '\t' && c <= '\r');
}

int dj_trim_at_start(const char *p, size_t n)
{
    const unsigned char *s = (const unsigned char *)p;
    if (n == 0)
        return 0;
    if (dj_trim_byte(s[0]))
        return 1;
    return n >= 3 && s[0] == 0xE3 && s[1] == 0x80 && s[2] == 0x80;
}

int dj_trim_at_end(const char *p, size_t n)
{
    const unsigned char *s = (const unsigned char *)p;
    if (n == 0)
        return 0;
    if (dj_trim_byte(s[n - 1]))
        return 1;
    return n >= 3 && s[n - 3] == 0xE3 && s[n - 2] == 0x80 && s[n - 1] == 0x80;
}

void dj_trim_name(const char **p, size_t *len)
{
    const char *s = *p;
    size_t a = 0, b = *len;
    while (a < b && dj_trim_at_start(s + a, b - a))
        a += dj_trim_byte((unsigned char)s[a]) ? 1 : 3;
    while (b > a && dj_trim_at_end(s + a, b - a))
        b -= dj_trim_byte((unsigned char)s[b - 1]) ? 1 : 3;
    *p = s + a;
    *len = b - a;
}

size_t dj_json_escape_byte(unsigned char c, char out[6])
{
    static const char hex[] = "0123456789ABCDEF";
    char short_form = 0;
    switch (c) {
    case '"':
        short_form = '"';
        break;
    case '\\':
        short_form = '\\';
        break;
    case '\b':
        short_form = 'b';
        break;
    case '\f':
        short_form = 'f';
        break;
    case '\n':
        short_form = 'n';
        break;
    case '\r':
        short_form = 'r';
        break;
    case '\t':
        short_form = 't';
        break;
    }
    out[0] = '\\';
    if (short_form) {
        out[1] = short_form;
        return 2;
    }
    out[1] = 'u';
    out[2] = '0';
    out[3] = '0';
    out[4] = hex[c >> 4];
    out[5] = hex[c & 15];
    return 6;
}
