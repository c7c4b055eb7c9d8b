/* strace_json: trace.c under `wasmdbg strace --json -e clock,args` */
#include "trace.c"
