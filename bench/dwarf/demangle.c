/* demangle.c: wd_demangle as a filter for demangle-corpus.sh: one name a line in, the
 * demangled name (or the name itself, when wd_demangle gives up) a line out, as c++filt. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "wd_dwarf.h"

int main(void)
{
    static char line[1 << 16];
    while (fgets(line, sizeof line, stdin)) {
        line[strcspn(line, "\n")] = '\0';
        char *d = wd_demangle(line);
        puts(d ? d : line);
        free(d);
    }
    return 0;
}
