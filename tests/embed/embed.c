/*
 * embed.c - run a PHP script in-process, with the dangjian extension compiled in.
 *
 *   dj-embed [-n] [-d key=value]... script.php [args...]
 *
 * -n ignores php.ini (the embed SAPI otherwise reads /etc/php/8.2/embed/php.ini
 * and its conf.d, which load shared extensions); -d adds an ini setting as the
 * CLI's -d does. The script sees $argv = [script.php, args...]. The exit status
 * is the script's (exit(N), 255 on an uncaught exception or a fatal error).
 *
 * Used by `make test` for the leak check under valgrind (the extension's code
 * runs without the dlopen/dlclose of a shared module, so valgrind's stacks are
 * whole) and by bench/ for in-process timing.
 *
 * Built by the top-level Makefile (`make embed`) from this file and the
 * extension's C files (src/ and src/core/), linked with libphp8.2 (libphp8.2-embed).
 */
/* PHP's headers first: they set the feature macros (memrchr needs _GNU_SOURCE). */
#include <sapi/embed/php_embed.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

extern zend_module_entry dangjian_module_entry;

static char *dj_embed_ini; /* "-d" settings, one per line; malloc'd */
static size_t dj_embed_ini_len;

/* Replaces php_embed_startup: adds our ini lines after the embed SAPI's own
 * and starts PHP with dangjian as an additional (static) module.
 * php_embed_init() has just set sf->ini_entries to a malloc'd string that
 * php_embed_shutdown() frees: we replace it with another malloc'd string. */
static int dj_embed_startup(sapi_module_struct *sf)
{
    if (dj_embed_ini_len) {
        size_t base = sf->ini_entries ? strlen(sf->ini_entries) : 0;
        char *ini = malloc(base + dj_embed_ini_len + 1);
        if (!ini)
            return FAILURE;
        if (base)
            memcpy(ini, sf->ini_entries, base);
        memcpy(ini + base, dj_embed_ini, dj_embed_ini_len + 1);
        free(sf->ini_entries);
        sf->ini_entries = ini;
    }
    return php_module_startup(sf, &dangjian_module_entry);
}

static int dj_embed_add_ini(const char *setting)
{
    size_t n = strlen(setting);
    char *p = realloc(dj_embed_ini, dj_embed_ini_len + n + 2);
    if (!p)
        return 0;
    dj_embed_ini = p;
    memcpy(dj_embed_ini + dj_embed_ini_len, setting, n);
    dj_embed_ini_len += n;
    dj_embed_ini[dj_embed_ini_len++] = '\n';
    dj_embed_ini[dj_embed_ini_len] = '\0';
    return 1;
}

static void usage(void)
{
    fprintf(stderr, "usage: dj-embed [-n] [-d key=value]... script.php [args...]\n");
}

int main(int argc, char **argv)
{
    int i = 1, status = 0;

    while (i < argc && argv[i][0] == '-' && argv[i][1]) {
        if (strcmp(argv[i], "-n") == 0) {
            php_embed_module.php_ini_ignore = 1;
            i++;
        } else if (strcmp(argv[i], "-d") == 0 && i + 1 < argc) {
            if (!dj_embed_add_ini(argv[i + 1])) {
                fprintf(stderr, "dj-embed: out of memory\n");
                return 1;
            }
            i += 2;
        } else if (strncmp(argv[i], "-d", 2) == 0 && argv[i][2]) {
            if (!dj_embed_add_ini(argv[i] + 2)) {
                fprintf(stderr, "dj-embed: out of memory\n");
                return 1;
            }
            i++;
        } else {
            usage();
            free(dj_embed_ini);
            return 2;
        }
    }
    if (i >= argc) {
        usage();
        free(dj_embed_ini);
        return 2;
    }

    php_embed_module.startup = dj_embed_startup;
    if (php_embed_init(argc - i, argv + i) == FAILURE) {
        fprintf(stderr, "dj-embed: PHP failed to start\n");
        free(dj_embed_ini);
        return 1;
    }

    zend_first_try
    {
        zend_file_handle fh;
        zend_stream_init_filename(&fh, argv[i]);
        php_execute_script(&fh);
        zend_destroy_file_handle(&fh);
        status = EG(exit_status);
    }
    zend_catch
    {
        status = EG(exit_status);
    }
    zend_end_try();

    php_embed_shutdown();
    free(dj_embed_ini);
    return status;
}
