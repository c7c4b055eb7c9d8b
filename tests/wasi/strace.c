/* strace: trace.c under `wasmdbg strace` with strace-style options (-e trace=%file,...) */
#include "trace.c"
