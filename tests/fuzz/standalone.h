/*
 * standalone.h - with -DDJ_FUZZ_STANDALONE, a fuzz target becomes a plain
 * program that runs each file named on its command line once (to replay a
 * corpus without libFuzzer). Included at the end of each target.
 */
#ifndef DJ_FUZZ_STANDALONE_H
#define DJ_FUZZ_STANDALONE_H
#ifdef DJ_FUZZ_STANDALONE

#include <stdio.h>
#include <stdlib.h>

int main(int argc, char **argv)
{
    for (int i = 1; i < argc; i++) {
        FILE *f = fopen(argv[i], "rb");
        if (!f) {
            perror(argv[i]);
            return 1;
        }
        size_t cap = 1 << 16, n = 0, r;
        unsigned char *buf = malloc(cap);
        while (buf && (r = fread(buf + n, 1, cap - n, f)) > 0) {
            n += r;
            if (n == cap) {
                unsigned char *grown = realloc(buf, cap *= 2);
                if (!grown)
                    free(buf);
                buf = grown;
            }
        }
        fclose(f);
        if (!buf)
            return 1;
        LLVMFuzzerTestOneInput(buf, n);
        free(buf);
        printf("ok %s\n", argv[i]);
    }
    return 0;
}

#endif
#endif
