/* perf_map.c: --perf-map, a symbol file that lets Linux perf name the JIT tier's code.
 *
 * Code made at run time has no symbols in any file perf can read, so perf looks them up in
 * /tmp/perf-PID.map (one "START SIZE NAME" line per symbol, START and SIZE in hex) when
 * `perf report` runs, not while it records. The JIT compiles a function on its first call,
 * so the map is written once the run is over, from the functions that have native code then
 * (wd_module_has_native_code): all the JIT code that perf can have sampled.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"

/* perf reads the name up to the end of the line: no control characters in it */
static void put_name(FILE *f, const char *name)
{
    for (const unsigned char *p = (const unsigned char *)name; *p; p++)
        fputc(*p < 0x20 || *p == 0x7F ? '?' : *p, f);
}

bool wd_cli_perf_map_write(wd_module *m)
{
    char path[64];
    snprintf(path, sizeof path, "/tmp/perf-%ld.map", (long)getpid());
    FILE *f = fopen(path, "w");
    if (!f) {
        fprintf(stderr, "wasmdbg: --perf-map: cannot write %s: %s\n", path, strerror(errno));
        return false;
    }
    uint32_t nf = wd_module_func_count(m);
    for (uint32_t i = 0; i < nf; i++) {
        if (!wd_module_has_native_code(m, i))
            continue;
        wd_native_code nc;
        wd_error err;
        wd_error_clear(&err);
        if (!wd_module_native_code(m, i, &nc, &err))
            continue;   /* has none after all: nothing perf could have seen */
        fprintf(f, "%llx %zx wasm:", (unsigned long long)(uintptr_t)nc.code, nc.size);
        const char *name = wd_module_func_name(m, i);
        if (name)
            put_name(f, name);
        else
            fprintf(f, "func[%u]", i);
        fputc('\n', f);
        wd_native_code_free(&nc);
    }
    if (fclose(f) != 0) {
        fprintf(stderr, "wasmdbg: --perf-map: cannot write %s: %s\n", path, strerror(errno));
        return false;
    }
    return true;
}
