/* wasmdis.h: what the source-level subcommands (info, lines, symbolize, disasm) share:
 * loading a module with its DWARF, and reading the module file's bytes (the disassembler
 * needs the bodies, which the public engine API does not hand out).
 */
#ifndef WD_CLI_WASMDIS_H
#define WD_CLI_WASMDIS_H

#include <stddef.h>
#include <stdint.h>

#include "wd.h"
#include "wd_dwarf.h"

typedef struct wd_cli_debug {
    const char *path;
    wd_module *m;
    wd_dwarf *dw;       /* NULL when the module has no (readable) DWARF */
    uint8_t *bytes;     /* the file, when wd_cli_debug_open was asked to keep it */
    size_t size;
} wd_cli_debug;

/* Loads path (printing "wasmdbg: ..." on failure, returning false) and opens its DWARF;
 * a module without DWARF is not an error (dw stays NULL, a note is printed when
 * need_dwarf). keep_bytes reads the file's bytes into bytes/size as well. tier is the
 * module's wd_load_options.tier (WD_TIER_JIT to look at its machine code). */
bool wd_cli_debug_open(wd_cli_debug *dbg, const char *path, bool need_dwarf, bool keep_bytes,
                       wd_tier tier);
void wd_cli_debug_close(wd_cli_debug *dbg);

/* Parses "0x1f" / "31" (strtoull base 0); false if it is not a whole number. */
bool wd_cli_parse_u64(const char *s, uint64_t *out);

#endif
