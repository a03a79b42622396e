/*
 * date.c - calendar dates as day numbers (days since 1970-01-01, negative
 * before), proleptic Gregorian.
 *
 * The conversions are the classic era-based ones (400-year eras of 146097
 * days), exact for every year the core meets: parsing is limited to
 * 1900..2199 by STATS.md, while formatting and arithmetic work for years
 * 1..9999 because computed dates (due dates, as_of + due_within) may pass
 * 2199-12-31.
 */
#include "dj.h"

/* Days since 1970-01-01 of y-m-d (m 1..12, d 1..31); no range check. */
int32_t dj_date_from_ymd(int y, int m, int d)
{
    y -= m <= 2;
    const int era = (y >= 0 ? y : y - 399) / 400;
    const int yoe = y - era * 400;                                  /* 0..399 */
    const int doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1; /* 0..365 */
    const int doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;          /* 0..146096 */
    return (int32_t)(era * 146097 + doe - 719468);
}

/* The year, month (1..12) and day (1..31) of a day number. */
void dj_date_ymd(int32_t day, int *y, int *m, int *d)
{
    const int z = (int)day + 719468;
    const int era = (z >= 0 ? z : z - 146096) / 146097;
    const int doe = z - era * 146097;                                      /* 0..146096 */
    const int yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365; /* 0..399 */
    const int doy = doe - (365 * yoe + yoe / 4 - yoe / 100);               /* 0..365 */
    const int mp = (5 * doy + 2) / 153;                                    /* 0..11 */
    const int dd = doy - (153 * mp + 2) / 5 + 1;
    const int mm = mp < 10 ? mp + 3 : mp - 9;
    *y = yoe + era * 400 + (mm <= 2);
    *m = mm;
    *d = dd;
}

static int dj_is_leap(int y)
{
    return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

static int dj_month_days(int y, int m)
{
    static const unsigned char days[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    return m == 2 && dj_is_leap(y) ? 29 : days[m - 1];
}

/* Parses exactly "YYYY-MM-DD": ten bytes, digits and dashes in place, a real
 * calendar date within 1900-01-01..2199-12-31. Returns 1 and sets *day, or 0
 * (then *day is untouched). */
int dj_date_parse(const char *s, size_t len, int32_t *day)
{
    if (!s || len != 10 || s[4] != '-' || s[7] != '-')
        return 0;
    static const int digit_at[8] = {0, 1, 2, 3, 5, 6, 8, 9};
    for (int i = 0; i < 8; i++)
        if (s[digit_at[i]] < '0' || s[digit_at[i]] > '9')
            return 0;
    const int y = (s[0] - '0') * 1000 + (s[1] - '0') * 100 + (s[2] - '0') * 10 + (s[3] - '0');
    const int m = (s[5] - '0') * 10 + (s[6] - '0');
    const int d = (s[8] - '0') * 10 + (s[9] - '0');
    if (y < 1900 || y > 2199 || m < 1 || m > 12 || d < 1 || d > dj_month_days(y, m))
        return 0;
    *day = dj_date_from_ymd(y, m, d);
    return 1;
}

/* Writes "YYYY-MM-DD" and a NUL into out. Years outside 1..9999 are clamped
 * to the nearest printable digits (they never occur: callers stay within
 * 1900..2200). */
void dj_date_format(int32_t day, char out[11])
{
    int y, m, d;
    dj_date_ymd(day, &y, &m, &d);
    if (y < 0)
        y = 0;
    if (y > 9999)
        y = 9999;
    out[0] = (char)('0' + y / 1000);
    out[1] = (char)('0' + y / 100 % 10);
    out[2] = (char)('0' + y / 10 % 10);
    out[3] = (char)('0' + y % 10);
    out[4] = '-';
    out[5] = (char)('0' + m / 10);
    out[6] = (char)('0' + m % 10);
    out[7] = '-';
    out[8] = (char)('0' + d / 10);
    out[9] = (char)('0' + d % 10);
    out[10] = '\0';
}

/* The same month and day one year later; 29 February gives 1 March. */
int32_t dj_date_add_year(int32_t day)
{
    int y, m, d;
    dj_date_ymd(day, &y, &m, &d);
    if (m == 2 && d == 29)
        return dj_date_from_ymd(y + 1, 3, 1);
    return dj_date_from_ymd(y + 1, m, d);
}
