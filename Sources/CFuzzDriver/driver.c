#include "CFuzzDriver.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <dirent.h>
#include <sys/stat.h>

static int replay_file(const char *path, int (*callback)(const uint8_t *, size_t)) {
    FILE *f = fopen(path, "rb");
    if (!f) { fprintf(stderr, "fuzz: cannot open %s\n", path); return 1; }
    fseek(f, 0, SEEK_END);
    long n = ftell(f);
    fseek(f, 0, SEEK_SET);
    uint8_t *data = malloc(n > 0 ? (size_t)n : 1);
    size_t got = fread(data, 1, (size_t)n, f);
    fclose(f);
    callback(data, got);
    free(data);
    return 0;
}

/* Weak: libFuzzer's definition wins when it is linked in. */
__attribute__((weak))
int LLVMFuzzerRunDriver(int *argc, char ***argv, int (*callback)(const uint8_t *, size_t)) {
    int count = 0;
    for (int i = 1; i < *argc; i++) {
        const char *arg = (*argv)[i];
        if (arg[0] == '-') continue;
        struct stat st;
        if (stat(arg, &st) == 0 && S_ISDIR(st.st_mode)) {
            DIR *d = opendir(arg);
            struct dirent *e;
            while (d && (e = readdir(d))) {
                if (e->d_name[0] == '.') continue;
                char path[4096];
                snprintf(path, sizeof path, "%s/%s", arg, e->d_name);
                if (replay_file(path, callback) == 0) count++;
            }
            if (d) closedir(d);
        } else if (replay_file(arg, callback) == 0) {
            count++;
        }
    }
    fprintf(stderr, "fuzz: replayed %d inputs without libFuzzer (build with -sanitize=fuzzer to fuzz)\n", count);
    return 0;
}
