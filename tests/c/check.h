/*
 * check.h - the C tests' whole framework.
 *
 * check(cond) records a failure with file and line and goes on;
 * check_str(a, b) compares two NUL-terminated strings;
 * check_done() prints "<file>: N passed, N failed" and returns the exit code.
 */
#ifndef DJ_CHECK_H
#define DJ_CHECK_H

#include <stdio.h>
#include <string.h>

static int check_passed, check_failed;

#define check(cond)                                                                                          \
    do {                                                                                                     \
        if (cond) {                                                                                          \
            check_passed++;                                                                                  \
        } else {                                                                                             \
            check_failed++;                                                                                  \
            fprintf(stderr, "%s:%d: check failed: %s\n", __FILE__, __LINE__, #cond);                         \
        }                                                                                                    \
    } while (0)

#define check_str(a, b)                                                                                      \
    do {                                                                                                     \
        const char *check_a_ = (a), *check_b_ = (b);                                                         \
        if (check_a_ && check_b_ && strcmp(check_a_, check_b_) == 0) {                                       \
            check_passed++;                                                                                  \
        } else {                                                                                             \
            check_failed++;                                                                                  \
            fprintf(stderr, "%s:%d: check failed: %s == %s\n  got:  %s\n  want: %s\n", __FILE__, __LINE__,   \
                    #a, #b, check_a_ ? check_a_ : "(null)", check_b_ ? check_b_ : "(null)");                 \
        }                                                                                                    \
    } while (0)

static int check_done(const char *name)
{
    printf("%s: %d passed, %d failed\n", name, check_passed, check_failed);
    return check_failed ? 1 : 0;
}

#endif
