/* dw_lib.c: loads libdwarf on demand (see dw_int.h). */
#include <dlfcn.h>
#include <stdio.h>

#include "dw_int.h"

#ifndef WD_LIBDWARF_SONAME
#define WD_LIBDWARF_SONAME "libdwarf.so.1"
#endif

dw_lib dw__lib;

bool dw_lib_load(char *msg, size_t size)
{
    static int state;              /* 0: not tried, 1: loaded, -1: failed */
    static char why[200];
    if (state == 0) {
        void *h = dlopen(WD_LIBDWARF_SONAME, RTLD_LAZY | RTLD_LOCAL);
        const char *bad = NULL;
        if (h) {
#define X(f) \
            if (!bad && !(*(void **)&dw__lib.p_##f = dlsym(h, #f))) \
                bad = #f;
            DW_LIB_FUNCS(X)
#undef X
        }
        if (!h)
            snprintf(why, sizeof why, "cannot load %s: %s", WD_LIBDWARF_SONAME, dlerror());
        else if (bad)
            snprintf(why, sizeof why, "%s has no %s", WD_LIBDWARF_SONAME, bad);
        state = h && !bad ? 1 : -1;
    }
    if (state < 0 && msg)
        snprintf(msg, size, "%s", why);
    return state > 0;
}
