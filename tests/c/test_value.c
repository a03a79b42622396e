/* test_value.c - dj_value_describe and the single-value parsers. */
#include "check.h"
#include "values.h"
#include "dj.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

static char dbuf[128];
static const char *describe(dj_value v)
{
    dj_value_describe(&v, dbuf, sizeof dbuf);
    return dbuf;
}

static void test_describe(void)
{
    check_str(describe(S("2024-13-01")), "\"2024-13-01\"");
    check_str(describe(S("")), "\"\"");
    check_str(describe(S("阳光社区")), "\"阳光社区\"");
    /* 40 bytes quoted, 41 not */
    check_str(describe(S("0123456789012345678901234567890123456789")),
              "\"0123456789012345678901234567890123456789\"");
    check_str(describe(S("01234567890123456789012345678901234567890")), "a string");
    check_str(describe(S("a\"b")), "a string");
    check_str(describe(S("a\\b")), "a string");
    check_str(describe(S("a\nb")), "a string");
    check_str(describe(S("a\x1f")), "a string");
    check_str(describe(S("a\x7f")), "a string");
    check_str(describe(SN("a\0b", 3)), "a string");
    check_str(describe(S("\xc3\x28")), "a string");         /* bad continuation */
    check_str(describe(S("\xc0\xaf")), "a string");         /* overlong */
    check_str(describe(S("\xed\xa0\x80")), "a string");     /* surrogate */
    check_str(describe(S("\xf4\x90\x80\x80")), "a string"); /* > U+10FFFF */
    check_str(describe(S("\xe4\xb8")), "a string");         /* truncated */
    check_str(describe(S("\xf0\x9f\x98\x80")), "\"\xf0\x9f\x98\x80\"");
    check_str(describe(I(-7)), "-7");
    check_str(describe(I(0)), "0");
    check_str(describe(I(INT64_MIN)), "-9223372036854775808");
    check_str(describe(F(7.0)), "a float");
    check_str(describe(B(1)), "true");
    check_str(describe(B(0)), "false");
    check_str(describe(T(DJ_V_NULL)), "null");
    check_str(describe(T(DJ_V_ARRAY)), "an array");
    check_str(describe(T(DJ_V_OTHER)), "an object");
    check_str(describe(T(DJ_V_MISSING)), "missing");
    /* truncation to cap */
    char small[4];
    dj_value v = S("2024-01-01");
    dj_value_describe(&v, small, sizeof small);
    check_str(small, "\"20");
}

/* parse helpers returning the result and the message */
static dj_why w;
static int id_of(dj_value v, int32_t *out)
{
    strcpy(w.why, "untouched");
    return dj_parse_id(&v, out, &w);
}

static void test_id_count(void)
{
    int32_t x = -1;
    check(id_of(I(1), &x) == 1 && x == 1);
    check(id_of(I(2147483647), &x) == 1 && x == 2147483647);
    check(id_of(S("7"), &x) == 1 && x == 7);
    check(id_of(S("2147483647"), &x) == 1 && x == 2147483647);
    x = 99;
    check(id_of(I(0), &x) == 0 && x == 99);
    check_str(w.why, "0 is not an id (an integer from 1 to 2147483647)");
    check(id_of(I(2147483648LL), &x) == 0);
    check_str(w.why, "2147483648 is not an id (an integer from 1 to 2147483647)");
    check(id_of(I(-7), &x) == 0);
    check_str(w.why, "-7 is not an id (an integer from 1 to 2147483647)");
    check(id_of(S("2147483648"), &x) == 0);
    check_str(w.why, "\"2147483648\" is not an id (an integer from 1 to 2147483647)");
    check(id_of(S("99999999999999999999999999999999"), &x) == 0);
    check_str(w.why, "\"99999999999999999999999999999999\" is not an id (an integer from 1 to 2147483647)");
    check(id_of(S("18446744073709551623"), &x) == 0); /* would wrap to 7 in uint64 */
    check(id_of(S("07"), &x) == 0);
    check_str(w.why, "\"07\" is not an id (an integer from 1 to 2147483647)");
    check(id_of(S("+7"), &x) == 0);
    check_str(w.why, "\"+7\" is not an id (an integer from 1 to 2147483647)");
    check(id_of(S(" 7"), &x) == 0);
    check_str(w.why, "\" 7\" is not an id (an integer from 1 to 2147483647)");
    check(id_of(S("7 "), &x) == 0);
    check(id_of(S("-7"), &x) == 0);
    check(id_of(S("7.0"), &x) == 0);
    check(id_of(S("0"), &x) == 0);
    check_str(w.why, "\"0\" is not an id (an integer from 1 to 2147483647)");
    check(id_of(S(""), &x) == 0);
    check_str(w.why, "\"\" is not an id (an integer from 1 to 2147483647)");
    check(id_of(SN("7\0", 2), &x) == 0);
    check_str(w.why, "a string is not an id (an integer from 1 to 2147483647)");
    check(id_of(F(7.0), &x) == 0);
    check_str(w.why, "a float is not an id (an integer from 1 to 2147483647)");
    check(id_of(B(1), &x) == 0);
    check_str(w.why, "true is not an id (an integer from 1 to 2147483647)");
    check(id_of(T(DJ_V_ARRAY), &x) == 0);
    check_str(w.why, "an array is not an id (an integer from 1 to 2147483647)");
    check(id_of(T(DJ_V_OTHER), &x) == 0);
    check_str(w.why, "an object is not an id (an integer from 1 to 2147483647)");
    x = 5;
    check(id_of(T(DJ_V_NULL), &x) == DJ_ABSENT && x == 5);
    check(id_of(T(DJ_V_MISSING), &x) == DJ_ABSENT && x == 5);

    dj_value v;
    v = I(0);
    check(dj_parse_count(&v, &x, &w) == 1 && x == 0);
    v = S("0");
    check(dj_parse_count(&v, &x, &w) == 1 && x == 0);
    v = S("2147483647");
    check(dj_parse_count(&v, &x, &w) == 1 && x == 2147483647);
    v = I(2147483648LL);
    check(dj_parse_count(&v, &x, &w) == 0);
    check_str(w.why, "2147483648 is not a count (an integer from 0 to 2147483647)");
    v = I(-1);
    check(dj_parse_count(&v, &x, &w) == 0);
    check_str(w.why, "-1 is not a count (an integer from 0 to 2147483647)");
    v = S("00");
    check(dj_parse_count(&v, &x, &w) == 0);
    check_str(w.why, "\"00\" is not a count (an integer from 0 to 2147483647)");
    v = S("");
    check(dj_parse_count(&v, &x, &w) == 0);
    v = F(3.0);
    check(dj_parse_count(&v, &x, &w) == 0);
    check_str(w.why, "a float is not a count (an integer from 0 to 2147483647)");
    v = B(0);
    check(dj_parse_count(&v, &x, &w) == 0);
    check_str(w.why, "false is not a count (an integer from 0 to 2147483647)");
    v = T(DJ_V_NULL);
    check(dj_parse_count(&v, &x, &w) == DJ_ABSENT);
}

static int date_of(const char *s, int32_t *out)
{
    dj_value v = S(s);
    return dj_parse_date(&v, out, &w);
}

static void test_date(void)
{
    int32_t d = 0;
    char buf[11];
    check(date_of("1970-01-01", &d) == 1 && d == 0);
    check(date_of("1900-01-01", &d) == 1 && d == DJ_DATE_MIN);
    check(date_of("2199-12-31", &d) == 1 && d == DJ_DATE_MAX);
    check(date_of("2024-02-29", &d) == 1);
    dj_date_format(d, buf);
    check_str(buf, "2024-02-29");
    check(date_of("2000-02-29", &d) == 1);
    check(date_of("1900-02-29", &d) == 0);
    check_str(w.why, "\"1900-02-29\" is not a date (YYYY-MM-DD from 1900-01-01 to 2199-12-31)");
    check(date_of("2023-02-29", &d) == 0);
    check_str(w.why, "\"2023-02-29\" is not a date (YYYY-MM-DD from 1900-01-01 to 2199-12-31)");
    check(date_of("2200-01-01", &d) == 0);
    check_str(w.why, "\"2200-01-01\" is not a date (YYYY-MM-DD from 1900-01-01 to 2199-12-31)");
    check(date_of("1899-12-31", &d) == 0);
    check(date_of("2024-13-01", &d) == 0);
    check_str(w.why, "\"2024-13-01\" is not a date (YYYY-MM-DD from 1900-01-01 to 2199-12-31)");
    check(date_of("2024-04-31", &d) == 0);
    check(date_of("2024-1-01", &d) == 0);
    check(date_of("2024-01-01 ", &d) == 0);
    check(date_of("2024/01/01", &d) == 0);
    check(date_of("２０２４-01-01", &d) == 0); /* fullwidth digits */
    dj_value v = SN("2024-01-01\0", 11);
    check(dj_parse_date(&v, &d, &w) == 0);
    check_str(w.why, "a string is not a date (YYYY-MM-DD from 1900-01-01 to 2199-12-31)");
    d = 42;
    check(date_of("", &d) == DJ_ABSENT && d == 42);
    v = T(DJ_V_NULL);
    check(dj_parse_date(&v, &d, &w) == DJ_ABSENT);
    v = T(DJ_V_MISSING);
    check(dj_parse_date(&v, &d, &w) == DJ_ABSENT);
    v = I(20240101);
    check(dj_parse_date(&v, &d, &w) == 0);
    check_str(w.why, "20240101 is not a date (YYYY-MM-DD from 1900-01-01 to 2199-12-31)");
    v = T(DJ_V_ARRAY);
    check(dj_parse_date(&v, &d, &w) == 0);
    check_str(w.why, "an array is not a date (YYYY-MM-DD from 1900-01-01 to 2199-12-31)");
}

static int64_t amt(dj_value v)
{
    int64_t h = -12345;
    strcpy(w.why, "");
    int r = dj_parse_amount(&v, &h, &w);
    return r == 1 ? h : r == DJ_ABSENT ? -2 : -1;
}

static void test_amount(void)
{
    const char *msg = "is not an amount (a number from 0 to 1000000000)";
    char want[128];
    /* ints */
    check(amt(I(0)) == 0);
    check(amt(I(7)) == 700);
    check(amt(I(1000000000)) == 100000000000LL);
    check(amt(I(1000000001)) == -1);
    check_str(w.why, "1000000001 is not an amount (a number from 0 to 1000000000)");
    check(amt(I(-1)) == -1);
    check_str(w.why, "-1 is not an amount (a number from 0 to 1000000000)");
    check(amt(I(INT64_MAX)) == -1);
    /* floats: shortest text, half away from zero */
    check(amt(F(1.115)) == 112);
    check(amt(F(2.675)) == 268);
    check(amt(F(1.005)) == 101);
    check(amt(F(1.004999)) == 100);
    check(amt(F(0.125)) == 13);
    check(amt(F(0.005)) == 1);
    check(amt(F(0.0049)) == 0);
    check(amt(F(2.5)) == 250);
    check(amt(F(0.1 + 0.2)) == 30); /* 0.30000000000000004 */
    check(amt(F(7.0)) == 700);
    check(amt(F(1e9)) == 100000000000LL);
    check(amt(F(999999999.995)) == 100000000000LL); /* rounds up to the bound: allowed */
    check(amt(F(123456789.125)) == 12345678913LL);
    check(amt(F(5e-324)) == 0);
    check(amt(F(1e-7)) == 0);
    check(amt(F(0.0)) == 0);
    check(amt(F(-0.0)) == 0);
    check(amt(F(1000000000.0001)) == -1);
    check_str(w.why, "a float is not an amount (a number from 0 to 1000000000)");
    check(amt(F(-0.001)) == -1);
    check(amt(F(-1.0)) == -1);
    check(amt(F(NAN)) == -1);
    check(amt(F(INFINITY)) == -1);
    check(amt(F(-INFINITY)) == -1);
    /* strings */
    check(amt(S("0")) == 0);
    check(amt(S("12")) == 1200);
    check(amt(S("12.5")) == 1250);
    check(amt(S("1.115")) == 112);
    check(amt(S("2.675")) == 268);
    check(amt(S("1.005")) == 101);
    check(amt(S("1.00499999999999999999999")) == 100);
    check(amt(S("0.005")) == 1);
    check(amt(S("0.00499")) == 0);
    check(amt(S(".5")) == 50);
    check(amt(S("5.")) == 500);
    check(amt(S("+5")) == 500);
    check(amt(S("007.50")) == 750);
    check(amt(S("1e9")) == 100000000000LL);
    check(amt(S("1E+9")) == 100000000000LL);
    check(amt(S("0.1e10")) == 100000000000LL);
    check(amt(S("10000000000e-1")) == 100000000000LL);
    check(amt(S("1000000000")) == 100000000000LL);
    check(amt(S("1000000000.000")) == 100000000000LL);
    check(amt(S("999999999.995")) == 100000000000LL);
    check(amt(S("999999999.994")) == 99999999999LL);
    check(amt(S("1000000000.001")) == -1);
    snprintf(want, sizeof want, "\"1000000000.001\" %s", msg);
    check_str(w.why, want);
    check(amt(S("1000000001")) == -1);
    check(amt(S("1.0000000001e9")) == -1);
    check(amt(S("2e9")) == -1);
    check(amt(S("1e10")) == -1);
    check(amt(S("-0")) == 0);
    check(amt(S("-0.000")) == 0);
    check(amt(S("-0e99999")) == 0);
    check(amt(S("-.0")) == 0);
    check(amt(S("-0.001")) == -1);
    snprintf(want, sizeof want, "\"-0.001\" %s", msg);
    check_str(w.why, want);
    check(amt(S("-1")) == -1);
    check(amt(S("1e-400")) == 0);
    check(amt(S("5e-3")) == 1);
    check(amt(S("4.9e-3")) == 0);
    check(amt(S("12345e-2")) == 12345);
    check(amt(S("1.5e2")) == 15000);
    check(amt(S("0.000000000000000000000000000000000001e36")) == 100);
    check(amt(S("1e0000000000000000000000000000000000000000000000000000000009")) == 100000000000LL);
    check(amt(S("1e99999999999999999999999999999999999999")) == -1);
    check(amt(S("1e-99999999999999999999999999999999999999")) == 0);
    check(amt(S("0e99999999999999999999999999999999999999")) == 0);
    /* an exponent string of 100000 digits */
    {
        size_t n = 100000;
        char *s = malloc(n + 3);
        s[0] = '1';
        s[1] = 'e';
        memset(s + 2, '9', n);
        s[n + 2] = '\0';
        check(amt(S(s)) == -1);
        check_str(w.why, "a string is not an amount (a number from 0 to 1000000000)");
        s[1] = 'E';
        memmove(s + 3, s + 2, n - 1);
        s[2] = '-';
        check(amt(S(s)) == 0);
        free(s);
    }
    /* a long mantissa: 1 followed by 5000 zeros then e-5000 is exactly 1 */
    {
        char s[5100];
        s[0] = '1';
        memset(s + 1, '0', 5000);
        strcpy(s + 5001, "e-5000");
        check(amt(S(s)) == 100);
    }
    /* syntax */
    const char *bad[] = {"",     " 1",   "1 ",  "1,5", ".",   "+",     "-", "e5",  "1e",   "1e+",
                         "1.5.", "0x10", "1_0", "inf", "nan", "1e5.5", "١", "++1", "1..2", ".e1"};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        int64_t r = amt(S(bad[i]));
        check(r == -1);
        if (r != -1)
            fprintf(stderr, "  accepted bad amount '%s'\n", bad[i]);
    }
    amt(S(""));
    snprintf(want, sizeof want, "\"\" %s", msg);
    check_str(w.why, want);
    check(amt(SN("1\0", 2)) == -1);
    check(amt(B(1)) == -1);
    check_str(w.why, "true is not an amount (a number from 0 to 1000000000)");
    check(amt(T(DJ_V_ARRAY)) == -1);
    check_str(w.why, "an array is not an amount (a number from 0 to 1000000000)");
    check(amt(T(DJ_V_NULL)) == -2);
    check(amt(T(DJ_V_MISSING)) == -2);
}

static int bool_of(dj_value v, uint8_t *out)
{
    *out = 77;
    return dj_parse_bool(&v, out, &w);
}

static void test_bool(void)
{
    uint8_t b;
    check(bool_of(B(1), &b) == 1 && b == 1);
    check(bool_of(B(0), &b) == 1 && b == 0);
    check(bool_of(I(1), &b) == 1 && b == 1);
    check(bool_of(I(0), &b) == 1 && b == 0);
    check(bool_of(S("1"), &b) == 1 && b == 1);
    check(bool_of(S("0"), &b) == 1 && b == 0);
    check(bool_of(S(""), &b) == 1 && b == 0);
    check(bool_of(T(DJ_V_NULL), &b) == 1 && b == 0);
    check(bool_of(T(DJ_V_MISSING), &b) == 1 && b == 0);
    check(bool_of(I(2), &b) == 0);
    check_str(w.why, "2 is not a boolean");
    check(bool_of(I(-1), &b) == 0);
    check_str(w.why, "-1 is not a boolean");
    check(bool_of(S("true"), &b) == 0);
    check_str(w.why, "\"true\" is not a boolean");
    check(bool_of(S("01"), &b) == 0);
    check(bool_of(S(" 1"), &b) == 0);
    check(bool_of(F(1.0), &b) == 0);
    check_str(w.why, "a float is not a boolean");
    check(bool_of(T(DJ_V_ARRAY), &b) == 0);
    check_str(w.why, "an array is not a boolean");
}

static int slug_of(dj_value v, int allow_empty)
{
    return dj_parse_slug(&v, allow_empty, &w);
}

static void test_slug(void)
{
    check(slug_of(S("counseling"), 0) == 1);
    check(slug_of(S("a_1"), 0) == 1);
    check(slug_of(S("7"), 0) == 1);
    check(slug_of(S("abcdefghijklmnopqrstuvwxyz012345"), 0) == 1);  /* 32 */
    check(slug_of(S("abcdefghijklmnopqrstuvwxyz0123456"), 0) == 0); /* 33 */
    check_str(w.why, "\"abcdefghijklmnopqrstuvwxyz0123456\" is not a slug (1 to 32 of a-z, 0-9, _)");
    check(slug_of(S(""), 0) == 0);
    check_str(w.why, "\"\" is not a slug (1 to 32 of a-z, 0-9, _)");
    check(slug_of(S(""), 1) == 1);
    check(slug_of(S("Party"), 0) == 0);
    check_str(w.why, "\"Party\" is not a slug (1 to 32 of a-z, 0-9, _)");
    check(slug_of(S("a-b"), 1) == 0);
    check(slug_of(S("a b"), 0) == 0);
    check(slug_of(SN("ab\0", 3), 0) == 0);
    check_str(w.why, "a string is not a slug (1 to 32 of a-z, 0-9, _)");
    check(slug_of(I(7), 0) == 0);
    check_str(w.why, "7 is not a slug (1 to 32 of a-z, 0-9, _)");
    check(slug_of(T(DJ_V_NULL), 0) == DJ_ABSENT);
    check(slug_of(T(DJ_V_MISSING), 1) == DJ_ABSENT);
    check(slug_of(B(0), 1) == 0);
    check_str(w.why, "false is not a slug (1 to 32 of a-z, 0-9, _)");
}

int main(void)
{
    test_describe();
    test_id_count();
    test_date();
    test_amount();
    test_bool();
    test_slug();
    return check_done("test_value");
}
