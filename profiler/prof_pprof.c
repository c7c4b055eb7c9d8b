/* prof_pprof.c: the pprof writer (profile.proto, protobuf wire format, gzipped).
 *
 * Protobuf: a field is a key varint (field << 3 | wire type) followed by a varint (type 0)
 * or a length-delimited payload (type 2: strings, nested messages, packed repeated
 * scalars). Zero scalars are omitted. The gzip container holds DEFLATE "stored" blocks (no
 * compression; no zlib needed): header 1f 8b 08, blocks of at most 65535 bytes each
 * preceded by BFINAL/BTYPE=00, LEN, ~LEN, then the CRC-32 and the input size mod 2^32.
 *
 * Layout: one mapping per module, one location per distinct (module, function, offset) with
 * its line chain innermost first, one function per source-level function, one sample per
 * distinct stack with values [samples, instructions|cycles] and locations leaf first.
 */
#include "prof_internal.h"

#include <string.h>
#include <time.h>

/* ---------------------------------------------------------------- CRC-32 and gzip */

uint32_t wdp_crc32(uint32_t crc, const uint8_t *data, size_t n)
{
    static uint32_t table[256];
    static bool ready;
    if (!ready) {
        for (uint32_t i = 0; i < 256; i++) {
            uint32_t c = i;
            for (int k = 0; k < 8; k++)
                c = (c & 1) ? 0xEDB88320u ^ (c >> 1) : c >> 1;
            table[i] = c;
        }
        ready = true;
    }
    crc = ~crc;
    for (size_t i = 0; i < n; i++)
        crc = table[(crc ^ data[i]) & 0xFF] ^ (crc >> 8);
    return ~crc;
}

static void put_le32(wdp_buf *b, uint32_t v)
{
    uint8_t d[4] = {(uint8_t)v, (uint8_t)(v >> 8), (uint8_t)(v >> 16), (uint8_t)(v >> 24)};
    wdp_buf_put(b, d, 4);
}

void wdp_gzip(const uint8_t *data, size_t n, wdp_buf *out)
{
    /* ID1 ID2 CM=8 FLG=0 MTIME=0 XFL=0 OS=255 (unknown): no time, so output is stable. */
    static const uint8_t header[10] = {0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 0xff};
    wdp_buf_put(out, header, sizeof header);
    size_t pos = 0;
    do {
        size_t len = n - pos > 65535 ? 65535 : n - pos;
        bool final = pos + len == n;
        uint8_t h[5] = {final ? 1 : 0, (uint8_t)len, (uint8_t)(len >> 8), (uint8_t)~len,
                        (uint8_t)(~len >> 8)};
        wdp_buf_put(out, h, 5);
        wdp_buf_put(out, data + pos, len);
        pos += len;
    } while (pos < n);
    put_le32(out, wdp_crc32(0, data, n));
    put_le32(out, (uint32_t)n);
}

/* ---------------------------------------------------------------- protobuf */

static void pb_varint(wdp_buf *b, uint64_t v)
{
    uint8_t d[10];
    size_t k = 0;
    do {
        uint8_t byte = v & 0x7F;
        v >>= 7;
        d[k++] = byte | (v ? 0x80 : 0);
    } while (v);
    wdp_buf_put(b, d, k);
}

static void pb_key(wdp_buf *b, uint32_t field, uint32_t wt) { pb_varint(b, (uint64_t)field << 3 | wt); }

/* A varint field, omitted when zero. */
static void pb_u64(wdp_buf *b, uint32_t field, uint64_t v)
{
    if (v == 0)
        return;
    pb_key(b, field, 0);
    pb_varint(b, v);
}

static void pb_bytes(wdp_buf *b, uint32_t field, const void *d, size_t n)
{
    pb_key(b, field, 2);
    pb_varint(b, n);
    wdp_buf_put(b, d, n);
}

/* A nested message from a scratch buffer (which is then emptied). */
static void pb_msg(wdp_buf *b, uint32_t field, wdp_buf *m)
{
    if (m->failed)
        b->failed = true;
    pb_bytes(b, field, m->data, m->len);
    m->len = 0;
}

static void pb_value_type(wdp_buf *b, uint32_t field, uint64_t type, uint64_t unit, wdp_buf *m)
{
    pb_u64(m, 1, type);
    pb_u64(m, 2, unit);
    pb_msg(b, field, m);
}

bool wdp_write_pprof(const wd_prof *p, wdp_buf *out)
{
    wdp_buf b = {0}, m = {0}, m2 = {0}, packed = {0};
    /* Extra strings after the profile's own. */
    const char *extra[] = {"samples", "count", wd_prof_weight_unit(p), "cpu", "nanoseconds",
                           "[host]"};
    enum { S_SAMPLES, S_COUNT, S_UNIT, S_CPU, S_NS, S_HOST, S_N };
    uint64_t sid[S_N];
    for (int i = 0; i < S_N; i++)
        sid[i] = p->nstrs + (uint64_t)i;

    /* sample_type: samples/count, then instructions/count or cycles/count */
    pb_value_type(&b, 1, sid[S_SAMPLES], sid[S_COUNT], &m);
    pb_value_type(&b, 1, sid[S_UNIT], sid[S_COUNT], &m);

    /* samples */
    for (uint32_t i = 1; i < p->nnodes && !b.failed; i++) {
        const wdp_node *nd = &p->nodes[i];
        if (nd->self_samples == 0 && nd->self_weight == 0)
            continue;
        packed.len = 0;
        for (uint32_t a = i; a != 0; a = p->nodes[a].parent)
            pb_varint(&packed, (uint64_t)p->nodes[a].loc + 1);
        pb_msg(&m, 1, &packed);
        pb_varint(&packed, nd->self_samples);
        pb_varint(&packed, nd->self_weight);
        pb_msg(&m, 2, &packed);
        pb_msg(&b, 2, &m);
    }

    /* mappings */
    bool has_lines = p->opts.symbolize != NULL;
    for (uint32_t i = 0; i < p->nmods; i++) {
        pb_u64(&m, 1, (uint64_t)i + 1);
        pb_u64(&m, 2, 0);
        pb_u64(&m, 3, p->mods[i].max_offset + 1);
        pb_u64(&m, 5, p->mods[i].name);
        pb_u64(&m, 7, 1);
        pb_u64(&m, 8, has_lines);
        pb_u64(&m, 9, has_lines);
        pb_u64(&m, 10, has_lines);
        pb_msg(&b, 3, &m);
    }

    /* locations */
    for (uint32_t i = 0; i < p->nlocs && !b.failed; i++) {
        const wdp_loc *l = &p->locs[i];
        pb_u64(&m, 1, (uint64_t)i + 1);
        if (l->module != UINT32_MAX)
            pb_u64(&m, 2, (uint64_t)l->module + 1);
        pb_u64(&m, 3, l->offset);
        for (uint32_t j = 0; j < l->nlines; j++) {
            const wdp_line *ln = &p->lines[l->first_line + j];
            pb_u64(&m2, 1, (uint64_t)ln->func + 1);
            pb_u64(&m2, 2, ln->line);
            pb_u64(&m2, 3, ln->column);
            pb_msg(&m, 4, &m2);
        }
        pb_msg(&b, 4, &m);
    }

    /* functions */
    for (uint32_t f = 0; f < p->nfuncs && !b.failed; f++) {
        const wdp_func *fn = &p->funcs[f];
        pb_u64(&m, 1, (uint64_t)f + 1);
        pb_u64(&m, 2, fn->name);
        pb_u64(&m, 3, fn->name);
        pb_u64(&m, 4, fn->kind == WDP_KIND_HOST ? sid[S_HOST] : fn->file);
        pb_msg(&b, 5, &m);
    }

    /* string_table: [0] is "" */
    for (uint32_t i = 0; i < p->nstrs; i++)
        pb_bytes(&b, 6, p->strs[i], strlen(p->strs[i]));
    for (int i = 0; i < S_N; i++)
        pb_bytes(&b, 6, extra[i], strlen(extra[i]));

    if (p->opts.mode == WD_PROF_CYCLES) {
        struct timespec ts;
        clock_gettime(CLOCK_REALTIME, &ts);
        uint64_t now = (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
        pb_u64(&b, 9, now > p->run_ns ? now - p->run_ns : now);
        pb_u64(&b, 10, p->run_ns);
        pb_value_type(&b, 11, sid[S_CPU], sid[S_NS], &m);
        pb_u64(&b, 12, p->opts.interval * 1000u);
    } else {
        pb_value_type(&b, 11, sid[S_UNIT], sid[S_COUNT], &m);
        pb_u64(&b, 12, p->opts.interval);
    }
    pb_u64(&b, 14, sid[S_UNIT]);   /* default_sample_type */

    bool ok = !b.failed && !m.failed && !m2.failed && !packed.failed;
    if (ok)
        wdp_gzip(b.data, b.len, out);
    wdp_buf_free(&b);
    wdp_buf_free(&m);
    wdp_buf_free(&m2);
    wdp_buf_free(&packed);
    return ok && !out->failed;
}
