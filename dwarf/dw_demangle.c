/* dw_demangle.c: demangling of C++ and Rust symbol names (placeholder until
 * the small Itanium/Rust v0 demangler lands: names are shown mangled). */
#include "dw_int.h"

char *wd_demangle(const char *name)
{
    (void)name;
    return NULL;
}
