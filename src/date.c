/*
 * date.c -- publication dates in the forms news data carries them.
 *
 * Everything is reduced to "YYYY-MM-DD" and, for date-range arithmetic in
 * dated actor roles, to a day number.
 */
#include "internal.h"

#include <ctype.h>
#include <stdio.h>
#include <string.h>

/* Days since 0000-03-01 (Howard Hinnant's days_from_civil). */
static int32_t days_from_civil(int y, int m, int d)
{
    int era, yoe, doy, doe;
    y -= m <= 2;
    era = (y >= 0 ? y : y - 399) / 400;
    yoe = y - era * 400;
    doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe;
}

static int days_in_month(int y, int m)
{
    static const int dm[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0))
        return 29;
    return dm[m - 1];
}

static int valid_ymd(int y, int m, int d)
{
    return y >= 1 && y <= 9999 && m >= 1 && m <= 12 && d >= 1 &&
           d <= days_in_month(y, m);
}

/* Value of n decimal digits at s, or -1 if one is not a digit. */
static int digits(const char *s, int n)
{
    int v = 0, i;
    for (i = 0; i < n; i++) {
        if (s[i] < '0' || s[i] > '9')
            return -1;
        v = v * 10 + (s[i] - '0');
    }
    return v;
}

int ent__date_days(const char *s, int32_t *days)
{
    int y, m, d;
    if (strlen(s) != 10 || s[4] != '-' || s[7] != '-')
        return ENT_EINVAL;
    y = digits(s, 4);
    m = digits(s + 5, 2);
    d = digits(s + 8, 2);
    if (!valid_ymd(y, m, d))
        return ENT_EINVAL;
    *days = days_from_civil(y, m, d);
    return ENT_OK;
}

/* The civil date of day number days (since 0000-03-01), the inverse of
 * days_from_civil (Howard Hinnant's civil_from_days). */
void ent__date_civil(int32_t days, int *y, int *m, int *d)
{
    int era = (days >= 0 ? days : days - 146096) / 146097;
    int doe = days - era * 146097;
    int yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    int doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    int mp = (5 * doy + 2) / 153;
    *d = doy - (153 * mp + 2) / 5 + 1;
    *m = mp < 10 ? mp + 3 : mp - 9;
    *y = yoe + era * 400 + (*m <= 2);
}

/* Month number of the English name or abbreviation at s, or 0. */
static int month_of(const char *s, size_t n)
{
    static const char *const names[] = {"jan", "feb", "mar", "apr",
                                        "may", "jun", "jul", "aug",
                                        "sep", "oct", "nov", "dec"};
    char w[4];
    int i;
    if (n < 3)
        return 0;
    for (i = 0; i < 3; i++)
        w[i] = (char)tolower((unsigned char)s[i]);
    w[3] = 0;
    for (i = 0; i < 12; i++)
        if (!strcmp(w, names[i]))
            return i + 1;
    return 0;
}

int ent_date_parse(const char *s, size_t len, char out[11])
{
    char b[64];
    int y = 0, m = 0, d = 0, nums[3], nn = 0, i;
    size_t p = 0;
    if (!s || len == 0 || len >= sizeof b)
        return ENT_EINVAL;
    memcpy(b, s, len);
    b[len] = 0;
    /* ISO forms: 2022-02-04, 2022/02/04, 2022-02-04T10:00:00Z */
    if (len >= 10 && isdigit((unsigned char)b[0]) && isdigit((unsigned char)b[3]) &&
        (b[4] == '-' || b[4] == '/') && b[7] == b[4] &&
        (len == 10 || b[10] == 'T' || b[10] == ' ')) {
        y = digits(b, 4);
        m = digits(b + 5, 2);
        d = digits(b + 8, 2);
        if (valid_ymd(y, m, d))
            goto ok;
        return ENT_EINVAL;
    }
    /* Tokens: numbers and a month name, in any of the usual orders. */
    while (b[p]) {
        if (isdigit((unsigned char)b[p])) {
            long v = 0;
            size_t st = p;
            while (isdigit((unsigned char)b[p]) && p - st < 5)
                v = v * 10 + (b[p++] - '0');
            if (b[p] == ':')
                break; /* a time of day: stop */
            if (nn < 3)
                nums[nn++] = (int)v;
        } else if (isalpha((unsigned char)b[p])) {
            size_t st = p;
            while (isalpha((unsigned char)b[p]))
                p++;
            if (!m)
                m = month_of(b + st, p - st);
        } else {
            p++;
        }
    }
    if (!m || nn < 2)
        return ENT_EINVAL;
    for (i = 0; i < nn; i++) {
        if (nums[i] > 31 && !y)
            y = nums[i];
        else if (nums[i] >= 1 && nums[i] <= 31 && !d)
            d = nums[i];
    }
    if (!valid_ymd(y, m, d))
        return ENT_EINVAL;
ok:
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
    out[10] = 0;
    return ENT_OK;
}
