/* error.c: error records, trap messages, value type names. */
#include "module.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

/* strnlen is POSIX, not C11. */
static size_t wd_bounded_len(const char *s, size_t max)
{
    size_t n = 0;
    while (n < max && s[n])
        n++;
    return n;
}

char *wd_error_format(const wd_error *err, char *buf, size_t size)
{
    if (!buf || size == 0)
        return buf;
    const char *msg = err->msg[0] ? err->msg : "unknown error";
    /* err->file is a fixed array: never read past it even if not terminated */
    int flen = (int)wd_bounded_len(err->file, sizeof err->file);
    if (err->line > 0) {
        snprintf(buf, size, "%.*s%s%u:%u: %s", flen, err->file, flen > 0 ? ":" : "",
                 (unsigned)err->line, (unsigned)err->col, msg);
    } else if (err->offset == WD_NO_OFFSET) {
        if (flen > 0)
            snprintf(buf, size, "%.*s: %s", flen, err->file, msg);
        else
            snprintf(buf, size, "%s", msg);
    } else {
        if (flen > 0)
            snprintf(buf, size, "%.*s:0x%llx: %s", flen, err->file,
                     (unsigned long long)err->offset, msg);
        else
            snprintf(buf, size, "0x%llx: %s", (unsigned long long)err->offset, msg);
    }
    return buf;
}

void wd_error_clear(wd_error *err)
{
    if (!err)
        return;
    err->status = WD_OK;
    err->offset = WD_NO_OFFSET;
    err->line = err->col = 0;
    err->file[0] = '\0';
    err->msg[0] = '\0';
}

void wd__error_set(wd_error *err, wd_status st, const char *file,
                   uint64_t offset, const char *fmt, ...)
{
    if (!err)
        return;
    err->status = st;
    err->offset = offset;
    err->line = err->col = 0;
    if (file) {
        size_t n = wd_bounded_len(file, sizeof err->file - 1);
        memmove(err->file, file, n);   /* file may alias err->file */
        err->file[n] = '\0';
    } else {
        err->file[0] = '\0';
    }
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(err->msg, sizeof err->msg, fmt, ap);
    va_end(ap);
}

const char *wd_trap_message(wd_trap t)
{
    switch (t) {
    case WD_TRAP_NONE: return "no trap";
    case WD_TRAP_UNREACHABLE: return "unreachable";
    case WD_TRAP_INT_OVERFLOW: return "integer overflow";
    case WD_TRAP_INT_DIV_ZERO: return "integer divide by zero";
    case WD_TRAP_INVALID_CONVERSION: return "invalid conversion to integer";
    case WD_TRAP_MEM_OOB: return "out of bounds memory access";
    case WD_TRAP_TABLE_OOB: return "out of bounds table access";
    case WD_TRAP_UNDEFINED_ELEMENT: return "undefined element";
    case WD_TRAP_UNINIT_ELEMENT: return "uninitialized element";
    case WD_TRAP_INDIRECT_TYPE: return "indirect call type mismatch";
    case WD_TRAP_STACK_EXHAUSTED: return "call stack exhausted";
    case WD_TRAP_NULL_REF: return "null reference";
    case WD_TRAP_HOST: return "host trap";
    case WD_TRAP_PROBE: return "stopped by probe";
    case WD_TRAP__COUNT: break;
    }
    return "unknown trap";
}

const char *wd_valtype_name(wd_valtype t)
{
    switch (t) {
    case WD_I32: return "i32";
    case WD_I64: return "i64";
    case WD_F32: return "f32";
    case WD_F64: return "f64";
    case WD_V128: return "v128";
    case WD_FUNCREF: return "funcref";
    case WD_EXTERNREF: return "externref";
    }
    return "<invalid type>";
}
