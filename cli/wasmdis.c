/* wasmdis.c: shared helpers of the info, lines, symbolize and disasm subcommands. */
#include "wasmdis.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void warn_stderr(void *user, const char *msg)
{
    (void)user;
    fprintf(stderr, "wasmdbg: warning: %s\n", msg);
}

static bool read_file(const char *path, uint8_t **out, size_t *size)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return false;
    uint8_t *buf = NULL;
    size_t len = 0, cap = 0;
    for (;;) {
        if (len == cap) {
            size_t nc = cap ? cap * 2 : 65536;
            uint8_t *nb = realloc(buf, nc);
            if (!nb) {
                free(buf);
                fclose(f);
                return false;
            }
            buf = nb;
            cap = nc;
        }
        size_t k = fread(buf + len, 1, cap - len, f);
        len += k;
        if (k == 0)
            break;
    }
    bool ok = !ferror(f);
    fclose(f);
    if (!ok) {
        free(buf);
        return false;
    }
    *out = buf;
    *size = len;
    return true;
}

bool wd_cli_debug_open(wd_cli_debug *dbg, const char *path, bool need_dwarf, bool keep_bytes,
                       wd_tier tier)
{
    memset(dbg, 0, sizeof *dbg);
    dbg->path = path;
    wd_error err;
    wd_error_clear(&err);
    wd_load_options opts;
    memset(&opts, 0, sizeof opts);
    opts.name = path;
    opts.tier = tier;
    /* Debug tools read modules that may use proposals beyond 2.0 */
    opts.features = WD_FEATURE_TAIL_CALL | WD_FEATURE_EXTENDED_CONST | WD_FEATURE_MULTI_MEMORY;
    if (keep_bytes) {
        if (!read_file(path, &dbg->bytes, &dbg->size)) {
            fprintf(stderr, "wasmdbg: cannot read %s: %s\n", path, strerror(errno));
            return false;
        }
        /* a .wat is shown as its binary encoding: offsets are in that */
        if (wd_wat_binary_in_place(&dbg->bytes, &dbg->size, &opts, &err))
            dbg->m = wd_module_load(dbg->bytes, dbg->size, &opts, &err);
    } else {
        dbg->m = wd_module_load_file(path, &opts, &err);
    }
    if (!dbg->m) {
        char buf[512];
        fprintf(stderr, "wasmdbg: %s\n", wd_error_format(&err, buf, sizeof buf));
        wd_cli_debug_close(dbg);
        return false;
    }
    dbg->dw = wd_dwarf_open(dbg->m, warn_stderr, NULL, &err);
    if (!dbg->dw && (need_dwarf || err.status != WD_ERR_NOTFOUND))
        fprintf(stderr, "wasmdbg: %s: %s\n", path, err.msg);
    return true;
}

void wd_cli_debug_close(wd_cli_debug *dbg)
{
    wd_dwarf_close(dbg->dw);
    wd_module_free(dbg->m);
    free(dbg->bytes);
    memset(dbg, 0, sizeof *dbg);
}

bool wd_cli_parse_u64(const char *s, uint64_t *out)
{
    if (!s || !*s || *s == '-')
        return false;
    char *end;
    errno = 0;
    unsigned long long v = strtoull(s, &end, 0);
    if (errno || *end)
        return false;
    *out = v;
    return true;
}
