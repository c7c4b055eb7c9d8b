/* trace_filter: trace.c again, traced with --trace-filter=file,fd_write,!path_open */
#include "trace.c"
