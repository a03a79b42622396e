/* test_date.c - day numbers, parsing, formatting and "+ 1 year". */
#include "check.h"
#include "dj.h"

#include <stdio.h>
#include <string.h>

static int is_leap(int y)
{
    return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

static int month_days(int y, int m)
{
    static const int d[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    return m == 2 && is_leap(y) ? 29 : d[m - 1];
}

static int parses(const char *s, int32_t *day)
{
    return dj_date_parse(s, strlen(s), day);
}

int main(void)
{
    int32_t day = 0;
    char buf[11];

    /* fixed points */
    check(dj_date_from_ymd(1970, 1, 1) == 0);
    check(dj_date_from_ymd(1969, 12, 31) == -1);
    check(dj_date_from_ymd(1900, 1, 1) == DJ_DATE_MIN);
    check(dj_date_from_ymd(2199, 12, 31) == DJ_DATE_MAX);
    check(dj_date_from_ymd(2000, 3, 1) == 11017);
    check(dj_date_from_ymd(1, 1, 1) == -719162);

    /* walk every day of years 1..9999: consecutive numbers, round trips */
    int bad_walk = 0, bad_ymd = 0, bad_fmt = 0;
    int32_t expect = dj_date_from_ymd(1, 1, 1);
    for (int y = 1; y <= 9999; y++)
        for (int m = 1; m <= 12; m++)
            for (int d = 1; d <= month_days(y, m); d++) {
                int32_t n = dj_date_from_ymd(y, m, d);
                bad_walk += n != expect;
                expect = n + 1;
                int yy, mm, dd;
                dj_date_ymd(n, &yy, &mm, &dd);
                bad_ymd += yy != y || mm != m || dd != d;
                if (d == 28 || d == 1) {
                    char want[16];
                    snprintf(want, sizeof want, "%04d-%02d-%02d", y, m, d);
                    dj_date_format(n, buf);
                    bad_fmt += strcmp(buf, want) != 0;
                }
            }
    check(bad_walk == 0);
    check(bad_ymd == 0);
    check(bad_fmt == 0);

    /* parse <-> format over the whole parseable range */
    int bad_rt = 0;
    for (int32_t n = DJ_DATE_MIN; n <= DJ_DATE_MAX; n++) {
        dj_date_format(n, buf);
        int32_t back = 0;
        bad_rt += !dj_date_parse(buf, 10, &back) || back != n;
    }
    check(bad_rt == 0);

    /* parse: limits and rejects */
    check(parses("1900-01-01", &day) && day == DJ_DATE_MIN);
    check(parses("2199-12-31", &day) && day == DJ_DATE_MAX);
    check(!parses("1899-12-31", &day));
    check(!parses("2200-01-01", &day));
    check(parses("2024-02-29", &day) && day == dj_date_from_ymd(2024, 2, 29));
    check(!parses("2023-02-29", &day));
    check(!parses("1900-02-29", &day)); /* 1900 is not a leap year */
    check(parses("2000-02-29", &day));  /* 2000 is */
    check(!parses("2100-02-29", &day));
    check(!parses("2024-13-01", &day));
    check(!parses("2024-00-10", &day));
    check(!parses("2024-04-31", &day));
    check(!parses("2024-04-00", &day));
    check(!parses("2024-4-01", &day));
    check(!parses("2024-04-011", &day));
    check(!parses("2024/04/01", &day));
    check(!parses("+024-04-01", &day));
    check(!parses("2024-04-0a", &day));
    check(!parses("", &day));
    check(!dj_date_parse("2024-04-01", 9, &day));
    day = 123;
    check(!parses("2024-02-30", &day) && day == 123); /* untouched on failure */

    /* formatting past 2199 (due dates) */
    dj_date_format(dj_date_from_ymd(2200, 12, 31), buf);
    check_str(buf, "2200-12-31");
    dj_date_format(dj_date_from_ymd(9999, 12, 31), buf);
    check_str(buf, "9999-12-31");
    dj_date_format(dj_date_from_ymd(1, 1, 1), buf);
    check_str(buf, "0001-01-01");

    /* + 1 year */
    check(dj_date_add_year(dj_date_from_ymd(2024, 2, 29)) == dj_date_from_ymd(2025, 3, 1));
    check(dj_date_add_year(dj_date_from_ymd(2023, 2, 28)) == dj_date_from_ymd(2024, 2, 28));
    check(dj_date_add_year(dj_date_from_ymd(2024, 2, 28)) == dj_date_from_ymd(2025, 2, 28));
    check(dj_date_add_year(dj_date_from_ymd(2024, 3, 1)) == dj_date_from_ymd(2025, 3, 1));
    check(dj_date_add_year(dj_date_from_ymd(2023, 12, 31)) == dj_date_from_ymd(2024, 12, 31));
    check(dj_date_add_year(dj_date_from_ymd(2199, 12, 31)) == dj_date_from_ymd(2200, 12, 31));
    check(dj_date_add_year(dj_date_from_ymd(1900, 1, 1)) == dj_date_from_ymd(1901, 1, 1));
    int bad_year = 0;
    for (int32_t n = DJ_DATE_MIN; n <= DJ_DATE_MAX; n++) {
        int y, m, d, y2, m2, d2;
        dj_date_ymd(n, &y, &m, &d);
        dj_date_ymd(dj_date_add_year(n), &y2, &m2, &d2);
        if (m == 2 && d == 29)
            bad_year += !(y2 == y + 1 && m2 == 3 && d2 == 1);
        else
            bad_year += !(y2 == y + 1 && m2 == m && d2 == d);
    }
    check(bad_year == 0);

    return check_done("test_date");
}
