/* reader.h: bounds-checked reading of the binary format (LEB128, bytes,
 * names), shared by the decoder, validator, compiler and disassembler.
 * A reader never reads past `end`; every failing read records the offset
 * and a message in the reader and returns false, so callers can just
 * `if (!wd_rd_u32(&r, &x)) goto fail;`. */
#ifndef WD_READER_H
#define WD_READER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef struct wd_reader {
    const uint8_t *p, *end;
    const uint8_t *base;     /* start of the file: offsets are p - base */
    const char *errmsg;      /* set on the first failure */
    uint64_t erroff;
} wd_reader;

static inline uint64_t wd_rd_offset(const wd_reader *r) { return (uint64_t)(r->p - r->base); }
static inline bool wd_rd_eof(const wd_reader *r) { return r->p >= r->end; }

bool wd_rd_fail(wd_reader *r, const char *msg);   /* always returns false */
bool wd_rd_u8(wd_reader *r, uint8_t *out);
bool wd_rd_u32(wd_reader *r, uint32_t *out);      /* unsigned LEB128, max 5 bytes */
bool wd_rd_u64(wd_reader *r, uint64_t *out);
bool wd_rd_s32(wd_reader *r, int32_t *out);       /* signed LEB128 */
bool wd_rd_s33(wd_reader *r, int64_t *out);       /* block types */
bool wd_rd_s64(wd_reader *r, int64_t *out);
bool wd_rd_bytes(wd_reader *r, size_t n, const uint8_t **out);
bool wd_rd_f32(wd_reader *r, uint32_t *bits);
bool wd_rd_f64(wd_reader *r, uint64_t *bits);
/* A name: u32 length + UTF-8 bytes, checked for valid UTF-8. */
bool wd_rd_name(wd_reader *r, const uint8_t **out, uint32_t *len);

#endif
