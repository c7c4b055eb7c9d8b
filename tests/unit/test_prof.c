/* test_prof.c: the profiler's data model and writers on synthetic stacks (no engine), the
 * gzip/CRC-32 container, format selection, atomic output files, and sampling a real run in
 * insns mode (deterministic) and cycles mode. */
#include <inttypes.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cmocka.h>

#include "prof.h"
#include "prof_internal.h"

/* ------------------------------------------------------------ helpers */

static wd_prof *new_prof(wd_prof_mode mode, uint64_t interval)
{
    char err[256];
    wd_prof_options o = {.mode = mode, .interval = interval, .program = "test.wasm"};
    wd_prof *p = wd_prof_new(&o, err, sizeof err);
    assert_non_null(p);
    return p;
}

/* A stable function index per name (the location key is (module, funcidx, offset)). */
static uint32_t name_id(const char *name)
{
    uint32_t h = 2166136261u;
    for (const char *c = name; *c; c++)
        h = (h ^ (uint8_t)*c) * 16777619u;
    return h % 4093u;
}

/* A stack of named frames, innermost first; "[x]" names are host frames. */
static void add(wd_prof *p, uint64_t samples, uint64_t weight, int n, ...)
{
    wd_prof_rawframe f[16];
    va_list ap;
    va_start(ap, n);
    for (int i = 0; i < n; i++) {
        const char *name = va_arg(ap, const char *);
        memset(&f[i], 0, sizeof f[i]);
        f[i].funcidx = name_id(name);
        f[i].offset = 0x1000u + name_id(name);
        if (name[0] == '[') {   /* "[wasi:x]" -> host frame "wasi:x" */
            static char host[8][64];
            snprintf(host[i % 8], sizeof host[0], "%.*s", (int)strlen(name) - 2, name + 1);
            f[i].is_host = true;
            f[i].name = host[i % 8];
        } else {
            f[i].name = name;
        }
    }
    va_end(ap);
    wd_prof_add_stack(p, f, (uint32_t)n, samples, weight);
}

/* Renders format f into a malloc'ed NUL-terminated string; *len gets its size. */
static char *render(const wd_prof *p, wd_prof_format f, size_t *len)
{
    char *buf = NULL;
    size_t n = 0;
    FILE *m = open_memstream(&buf, &n);
    assert_non_null(m);
    assert_true(wd_prof_write(p, f, m));
    fclose(m);
    if (len)
        *len = n;
    return buf;
}

static wd_prof *sample_profile(void)
{
    wd_prof *p = new_prof(WD_PROF_INSNS, 100);
    add(p, 5, 500, 2, "hot", "main");
    add(p, 3, 300, 3, "hot", "mid", "main");
    add(p, 1, 100, 2, "cold", "main");
    add(p, 2, 200, 3, "[wasi:fd_write]", "io", "main");
    add(p, 5, 500, 2, "hot", "main");   /* a repeat: summed */
    return p;
}

/* ------------------------------------------------------------ data model */

static void test_folded(void **state)
{
    (void)state;
    wd_prof *p = sample_profile();
    char *s = render(p, WD_PROF_FMT_FOLDED, NULL);
    assert_string_equal(s, "main;cold 100\n"
                           "main;hot 1000\n"
                           "main;io;[wasi:fd_write] 200\n"
                           "main;mid;hot 300\n");
    free(s);
    s = render(p, WD_PROF_FMT_FOLDED_SAMPLES, NULL);
    assert_string_equal(s, "main;cold 1\nmain;hot 10\nmain;io;[wasi:fd_write] 2\nmain;mid;hot 3\n");
    free(s);
    wd_prof_free(p);
}

static void test_rows(void **state)
{
    (void)state;
    wd_prof *p = sample_profile();
    size_t n = 0;
    wd_prof_row *r = wd_prof_rows(p, &n);
    assert_non_null(r);
    assert_int_equal(n, 6);
    assert_string_equal(r[0].function, "hot");
    assert_int_equal(r[0].self_samples, 13);
    assert_int_equal(r[0].self_weight, 1300);
    assert_int_equal(r[0].total_weight, 1300);
    assert_string_equal(r[1].function, "[wasi:fd_write]");
    assert_true(r[1].is_host);
    /* main: no self cost, all of the total */
    bool found = false;
    for (size_t i = 0; i < n; i++)
        if (strcmp(r[i].function, "main") == 0) {
            found = true;
            assert_int_equal(r[i].self_weight, 0);
            assert_int_equal(r[i].total_weight, 1600);
            assert_int_equal(r[i].total_samples, 16);
        }
    assert_true(found);
    free(r);
    char *top = render(p, WD_PROF_FMT_TOP, NULL);
    assert_non_null(strstr(top, "# 16 samples, 1600 instructions"));
    assert_non_null(strstr(top, "  81.25   81.25        13  hot"));
    free(top);
    wd_prof_free(p);
}

static void test_recursion_total_once(void **state)
{
    (void)state;
    wd_prof *p = new_prof(WD_PROF_INSNS, 1);
    add(p, 4, 4, 4, "f", "f", "f", "main");
    size_t n = 0;
    wd_prof_row *r = wd_prof_rows(p, &n);
    assert_int_equal(n, 2);
    assert_string_equal(r[0].function, "f");
    assert_int_equal(r[0].total_samples, 4);   /* not 12 */
    free(r);
    wd_prof_free(p);
}

/* Memory grows with distinct stacks, not samples. */
static void test_bounded_memory(void **state)
{
    (void)state;
    wd_prof *p = new_prof(WD_PROF_INSNS, 1);
    add(p, 1, 1, 2, "a", "main");
    wd_prof_stats st0;
    wd_prof_get_stats(p, &st0);
    for (int i = 0; i < 200000; i++) {
        add(p, 1, 7, 2, "a", "main");
        add(p, 1, 7, 3, "b", "a", "main");
    }
    wd_prof_stats st;
    wd_prof_get_stats(p, &st);
    assert_int_equal(st.samples, 400001);
    assert_int_equal(st.weight, 2800001);
    assert_int_equal(st.stacks, 2);
    assert_int_equal(st.nodes, 3);
    assert_true(st.bytes < st0.bytes + 4096);
    wd_prof_free(p);
}

static void test_clear(void **state)
{
    (void)state;
    wd_prof *p = sample_profile();
    wd_prof_clear(p);
    wd_prof_stats st;
    wd_prof_get_stats(p, &st);
    assert_int_equal(st.samples, 0);
    assert_int_equal(st.stacks, 0);
    char *s = render(p, WD_PROF_FMT_FOLDED, NULL);
    assert_string_equal(s, "");
    free(s);
    add(p, 1, 10, 1, "x");
    s = render(p, WD_PROF_FMT_FOLDED, NULL);
    assert_string_equal(s, "x 10\n");
    free(s);
    wd_prof_free(p);
}

/* Names with ';' or newlines cannot break the folded format. */
static void test_folded_escaping(void **state)
{
    (void)state;
    wd_prof *p = new_prof(WD_PROF_INSNS, 1);
    add(p, 1, 1, 2, "a;b\nc", "main");
    char *s = render(p, WD_PROF_FMT_FOLDED, NULL);
    assert_string_equal(s, "main;a_b_c 1\n");
    free(s);
    wd_prof_free(p);
}

/* ------------------------------------------------------------ symbolizer */

static uint32_t fake_symbolize(void *user, const wd_module *m, uint32_t funcidx,
                               uint64_t offset, wd_prof_srcframe *out, uint32_t max)
{
    (void)user;
    (void)m;
    (void)funcidx;
    assert_true(max >= 2);
    if (offset == 0x1000u + name_id("hot")) {   /* inlined helper() inside hot() */
        out[0] = (wd_prof_srcframe){"helper", "src/h.c", 12, 3};
        out[1] = (wd_prof_srcframe){"hot", "src/h.c", 40, 5};
        return 2;
    }
    return 0;
}

static void test_symbolizer_inlined(void **state)
{
    (void)state;
    char err[256];
    wd_prof_options o = {.mode = WD_PROF_INSNS, .interval = 1, .program = "x",
                         .symbolize = fake_symbolize};
    wd_prof *p = wd_prof_new(&o, err, sizeof err);
    assert_non_null(p);
    add(p, 2, 20, 2, "hot", "main");
    char *s = render(p, WD_PROF_FMT_FOLDED, NULL);
    assert_string_equal(s, "main;hot;helper_[i] 20\n");
    free(s);
    size_t n;
    wd_prof_row *r = wd_prof_rows(p, &n);
    assert_string_equal(r[0].function, "helper");
    assert_string_equal(r[0].file, "src/h.c");
    assert_int_equal(r[0].line, 12);
    free(r);
    s = render(p, WD_PROF_FMT_CALLGRIND, NULL);
    char want[128];
    snprintf(want, sizeof want, "helper\n0x%" PRIx32 " 12 20 2\n", 0x1000u + name_id("hot"));
    assert_non_null(strstr(s, want));   /* self cost at the inlined callee's line */
    snprintf(want, sizeof want, "cfn=(2)\ncalls=2 0x0 0\n0x%" PRIx32 " 40 20 2\n",
             0x1000u + name_id("hot"));
    assert_non_null(strstr(s, want));   /* hot calls helper at line 40 */
    free(s);
    wd_prof_free(p);
}

static void file_line_cb(void *user, uint32_t line, uint64_t samples, uint64_t weight)
{
    uint64_t *acc = user;
    acc[0] = line;
    acc[1] += samples;
    acc[2] += weight;
}

static void test_file_lines(void **state)
{
    (void)state;
    char err[256];
    wd_prof_options o = {.mode = WD_PROF_INSNS, .interval = 1, .symbolize = fake_symbolize};
    wd_prof *p = wd_prof_new(&o, err, sizeof err);
    add(p, 2, 20, 2, "hot", "main");
    uint64_t acc[3] = {0};
    wd_prof_file_lines(p, "src/h.c", file_line_cb, acc);
    assert_int_equal(acc[0], 12);
    assert_int_equal(acc[1], 2);
    assert_int_equal(acc[2], 20);
    wd_prof_free(p);
}

/* ------------------------------------------------------------ gzip, pprof */

static void test_crc32(void **state)
{
    (void)state;
    assert_int_equal(wdp_crc32(0, (const uint8_t *)"123456789", 9), 0xCBF43926u);
    assert_int_equal(wdp_crc32(0, NULL, 0), 0);
}

/* Decodes a stored-block gzip stream (what wdp_gzip writes). */
static size_t gunzip_stored(const uint8_t *g, size_t n, uint8_t *out, size_t cap)
{
    assert_true(n >= 18);
    assert_int_equal(g[0], 0x1f);
    assert_int_equal(g[1], 0x8b);
    assert_int_equal(g[2], 8);
    size_t pos = 10, len = 0;
    for (;;) {
        uint8_t h = g[pos];
        assert_int_equal(h & 6, 0);   /* BTYPE 00: stored */
        size_t bl = g[pos + 1] | (size_t)g[pos + 2] << 8;
        size_t nl = g[pos + 3] | (size_t)g[pos + 4] << 8;
        assert_int_equal(bl ^ 0xFFFF, nl);
        assert_true(len + bl <= cap);
        memcpy(out + len, g + pos + 5, bl);
        len += bl;
        pos += 5 + bl;
        if (h & 1)
            break;
    }
    uint32_t crc = g[pos] | (uint32_t)g[pos + 1] << 8 | (uint32_t)g[pos + 2] << 16 |
                   (uint32_t)g[pos + 3] << 24;
    uint32_t isize = g[pos + 4] | (uint32_t)g[pos + 5] << 8 | (uint32_t)g[pos + 6] << 16 |
                     (uint32_t)g[pos + 7] << 24;
    assert_int_equal(pos + 8, n);
    assert_int_equal(crc, wdp_crc32(0, out, len));
    assert_int_equal(isize, (uint32_t)len);
    return len;
}

static void test_gzip_blocks(void **state)
{
    (void)state;
    size_t sizes[] = {0, 1, 65535, 65536, 200000};
    for (size_t k = 0; k < sizeof sizes / sizeof sizes[0]; k++) {
        size_t n = sizes[k];
        uint8_t *d = malloc(n + 1);
        for (size_t i = 0; i < n; i++)
            d[i] = (uint8_t)(i * 7 + (i >> 9));
        wdp_buf b = {0};
        wdp_gzip(d, n, &b);
        assert_false(b.failed);
        uint8_t *back = malloc(n + 1);
        assert_int_equal(gunzip_stored(b.data, b.len, back, n + 1), n);
        assert_memory_equal(back, d, n);
        free(back);
        free(d);
        wdp_buf_free(&b);
    }
}

/* Reads a varint. */
static uint64_t varint(const uint8_t *d, size_t *pos)
{
    uint64_t v = 0;
    for (int shift = 0;; shift += 7) {
        uint8_t c = d[(*pos)++];
        v |= (uint64_t)(c & 0x7F) << shift;
        if (!(c & 0x80))
            return v;
    }
}

static void test_pprof_wire(void **state)
{
    (void)state;
    wd_prof *p = sample_profile();
    size_t n;
    char *gz = render(p, WD_PROF_FMT_PPROF, &n);
    uint8_t *raw = malloc(1 << 16);
    size_t len = gunzip_stored((const uint8_t *)gz, n, raw, 1 << 16);
    /* Walk the top-level fields: count samples, locations, functions, strings. */
    int count[16] = {0};
    bool first_string_empty = false;
    for (size_t pos = 0; pos < len;) {
        uint64_t key = varint(raw, &pos);
        uint32_t field = (uint32_t)(key >> 3), wt = key & 7;
        assert_true(field < 16);
        if (wt == 0) {
            varint(raw, &pos);
        } else {
            assert_int_equal(wt, 2);
            uint64_t l = varint(raw, &pos);
            if (field == 6 && count[6] == 0)
                first_string_empty = l == 0;
            pos += l;
        }
        count[field]++;
    }
    assert_int_equal(count[1], 2);     /* sample_type: samples, instructions */
    assert_int_equal(count[2], 4);     /* distinct stacks */
    assert_int_equal(count[5], 6);     /* functions */
    assert_true(first_string_empty);
    assert_int_equal(count[11], 1);
    assert_int_equal(count[12], 1);
    free(raw);
    free(gz);
    wd_prof_free(p);
}

/* ------------------------------------------------------------ JSON writers */

static void test_speedscope_shape(void **state)
{
    (void)state;
    wd_prof *p = sample_profile();
    char *s = render(p, WD_PROF_FMT_SPEEDSCOPE, NULL);
    assert_non_null(strstr(s, "\"$schema\":\"https://www.speedscope.app/file-format-schema.json\""));
    assert_non_null(strstr(s, "\"type\":\"sampled\""));
    assert_non_null(strstr(s, "\"weights\":[1000,300,100,200]"));
    assert_non_null(strstr(s, "\"weights\":[10,3,1,2]"));
    free(s);
    s = render(p, WD_PROF_FMT_GECKO, NULL);
    assert_non_null(strstr(s, "\"meta\":{\"version\":27,"));
    assert_non_null(strstr(s, "\"stackTable\":{\"schema\":{\"prefix\":0,\"frame\":1}"));
    free(s);
    wd_prof_free(p);
}

static void test_svg_shape(void **state)
{
    (void)state;
    wd_prof *p = new_prof(WD_PROF_INSNS, 1);
    add(p, 1, 100, 2, "a<b>&\"c\"", "main");
    char *s = render(p, WD_PROF_FMT_SVG, NULL);
    assert_non_null(strstr(s, "<svg version=\"1.1\" width=\"1200\""));
    assert_non_null(strstr(s, "<title>a&lt;b&gt;&amp;&quot;c&quot; (100 instructions, 1 samples, 100.00%)</title>"));
    assert_non_null(strstr(s, "<g id=\"frames\""));
    assert_non_null(strstr(s, "function zoom(node)"));
    free(s);
    wd_prof_free(p);
}

/* ------------------------------------------------------------ formats and files */

static void test_format_from_path(void **state)
{
    (void)state;
    assert_int_equal(wd_prof_format_from_path("x/a.folded"), WD_PROF_FMT_FOLDED);
    assert_int_equal(wd_prof_format_from_path("a.samples.folded"), WD_PROF_FMT_FOLDED_SAMPLES);
    assert_int_equal(wd_prof_format_from_path("a.svg"), WD_PROF_FMT_SVG);
    assert_int_equal(wd_prof_format_from_path("a.speedscope.json"), WD_PROF_FMT_SPEEDSCOPE);
    assert_int_equal(wd_prof_format_from_path("/tmp/cpu.pb.gz"), WD_PROF_FMT_PPROF);
    assert_int_equal(wd_prof_format_from_path("d/callgrind.out.1234"), WD_PROF_FMT_CALLGRIND);
    assert_int_equal(wd_prof_format_from_path("callgrind.out"), WD_PROF_FMT_CALLGRIND);
    assert_int_equal(wd_prof_format_from_path("a.gecko.json"), WD_PROF_FMT_GECKO);
    assert_int_equal(wd_prof_format_from_path("a.json"), WD_PROF_FMT_NONE);
    assert_int_equal(wd_prof_format_from_path("callgrind.out/x.txt"), WD_PROF_FMT_TOP);
    assert_int_equal(wd_prof_format_from_path(".folded"), WD_PROF_FMT_NONE);
    assert_int_equal(wd_prof_format_from_name("pprof"), WD_PROF_FMT_PPROF);
    assert_int_equal(wd_prof_format_from_name("flame"), WD_PROF_FMT_NONE);
    assert_string_equal(wd_prof_format_name(WD_PROF_FMT_GECKO), "gecko");
}

static void test_out_atomic(void **state)
{
    (void)state;
    char dir[] = "/tmp/wdprof-XXXXXX";
    assert_non_null(mkdtemp(dir));
    char path[256], err[256];
    snprintf(path, sizeof path, "%s/p.folded", dir);
    wd_prof *p = sample_profile();
    wd_prof_out *o = wd_prof_out_open(path, WD_PROF_FMT_FOLDED, err, sizeof err);
    assert_non_null(o);
    struct stat st;
    assert_int_not_equal(stat(path, &st), 0);   /* not there before commit */
    assert_true(wd_prof_out_commit(o, p, err, sizeof err));
    assert_int_equal(stat(path, &st), 0);
    assert_int_equal(st.st_size, strlen("main;cold 100\nmain;hot 1000\n"
                                        "main;io;[wasi:fd_write] 200\nmain;mid;hot 300\n"));
    /* abort leaves nothing behind */
    snprintf(path, sizeof path, "%s/q.svg", dir);
    o = wd_prof_out_open(path, WD_PROF_FMT_SVG, err, sizeof err);
    assert_non_null(o);
    wd_prof_out_abort(o);
    assert_int_not_equal(stat(path, &st), 0);
    /* unwritable: a missing directory, a directory, an unknown format */
    snprintf(path, sizeof path, "%s/missing/p.folded", dir);
    assert_null(wd_prof_out_open(path, WD_PROF_FMT_FOLDED, err, sizeof err));
    assert_non_null(strstr(err, "cannot write"));
    assert_null(wd_prof_out_open(dir, WD_PROF_FMT_FOLDED, err, sizeof err));
    assert_null(wd_prof_out_open("x.what", WD_PROF_FMT_NONE, err, sizeof err));
    /* only p.folded is left in the directory */
    char cmd[300];
    snprintf(cmd, sizeof cmd, "test \"$(ls -A %s)\" = p.folded", dir);
    assert_int_equal(system(cmd), 0);
    snprintf(cmd, sizeof cmd, "rm -rf %s", dir);
    assert_int_equal(system(cmd), 0);
    wd_prof_free(p);
}

/* ------------------------------------------------------------ real runs */

/* (func $spin (param $n i32) (result i32) (loop $l (local.set $n (i32.sub n 1))
 *   (br_if $l n)) n)  (func $run (export "run") (param i32) (result i32) (call $spin)) */
static const uint8_t spin_wasm[] = {
    0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00, 0x01, 0x06, 0x01, 0x60, 0x01, 0x7f, 0x01,
    0x7f, 0x03, 0x03, 0x02, 0x00, 0x00, 0x07, 0x07, 0x01, 0x03, 0x72, 0x75, 0x6e, 0x00, 0x01,
    0x0a, 0x1b, 0x02, 0x12, 0x00, 0x03, 0x40, 0x20, 0x00, 0x41, 0x01, 0x6b, 0x21, 0x00, 0x20,
    0x00, 0x0d, 0x00, 0x0b, 0x20, 0x00, 0x0b, 0x06, 0x00, 0x20, 0x00, 0x10, 0x00, 0x0b, 0x00,
    0x1d, 0x04, 0x6e, 0x61, 0x6d, 0x65, 0x01, 0x0c, 0x02, 0x00, 0x04, 0x73, 0x70, 0x69, 0x6e,
    0x01, 0x03, 0x72, 0x75, 0x6e, 0x02, 0x08, 0x02, 0x00, 0x01, 0x00, 0x01, 0x6e, 0x01, 0x00,
};

/* Runs run(n) under a profiler in the given mode; returns the folded output. */
static char *profile_spin(wd_prof_mode mode, uint64_t interval, uint32_t n, wd_prof_stats *st)
{
    wd_error err;
    wd_error_clear(&err);
    wd_load_options lo = {.name = "spin.wasm"};
    wd_module *m = wd_module_load(spin_wasm, sizeof spin_wasm, &lo, &err);
    assert_non_null(m);
    wd_store *s = wd_store_new(NULL);
    wd_instance *inst = wd_instance_new(s, m, NULL, NULL, &err);
    assert_non_null(inst);
    wd_externkind k;
    wd_extern e;
    assert_true(wd_instance_export(inst, "run", &k, &e));
    wd_prof *p = new_prof(mode, interval);
    wd_prof_name_module(p, m, "dir/spin.wasm");
    char msg[256];
    wd_exec *x = wd_store_exec(s);
    assert_true(wd_prof_start(p, x, msg, sizeof msg));
    assert_true(wd_prof_running(p));
    wd_value arg = {.type = WD_I32, .of.i32 = n}, res;
    assert_int_equal(wd_exec_call(x, e.func, &arg, 1, &res, 1), WD_STOP_DONE);
    wd_prof_stop(p);
    assert_false(wd_prof_running(p));
    wd_prof_get_stats(p, st);
    char *out = render(p, WD_PROF_FMT_FOLDED_SAMPLES, NULL);
    wd_prof_free(p);
    wd_store_free(s);
    wd_module_free(m);
    return out;
}

static void test_insns_deterministic(void **state)
{
    (void)state;
    wd_prof_stats a, b;
    char *x = profile_spin(WD_PROF_INSNS, 1000, 2000000, &a);
    char *y = profile_spin(WD_PROF_INSNS, 1000, 2000000, &b);
    assert_string_equal(x, y);
    assert_int_equal(a.samples, b.samples);
    assert_int_equal(a.weight, b.weight);
    assert_true(a.samples > 1000);
    /* all samples in spin, called from run */
    char want[64];
    snprintf(want, sizeof want, "run;spin %" PRIu64 "\n", a.samples);
    assert_string_equal(x, want);
    /* the weights add up to the instructions executed: 6 per iteration (local.get,
     * i32.const, i32.sub, local.set, local.get, br_if), plus run's few, once */
    assert_true(a.weight >= 2000000ull * 6 && a.weight <= 2000000ull * 6 + 10);
    assert_true(a.weight >= a.samples * 1000);
    /* a tick comes at the first safepoint past the period: at most one loop body late */
    assert_true(a.weight < a.samples * (1000 + 16) + 2000);
    free(x);
    free(y);
}

static void test_cycles_mode(void **state)
{
    (void)state;
    wd_prof_stats st;
    char *x = profile_spin(WD_PROF_CYCLES, 500, 60000000, &st);
    /* a few hundred ms of CPU at 2 kHz: some samples, all in spin */
    assert_true(st.samples > 5);
    assert_true(st.weight > 0);
    assert_non_null(strstr(x, "run;spin "));
    free(x);
}

static void test_bad_options(void **state)
{
    (void)state;
    char err[256];
    wd_prof_options o = {.mode = (wd_prof_mode)7};
    assert_null(wd_prof_new(&o, err, sizeof err));
    o = (wd_prof_options){.mode = WD_PROF_CYCLES, .interval = 3600ull * 1000000u};
    assert_null(wd_prof_new(&o, err, sizeof err));
    wd_prof *p = new_prof(WD_PROF_INSNS, 0);
    wd_prof_host_enter(NULL, "x");   /* NULL profiler: no-op */
    wd_prof_host_leave(NULL);
    wd_prof_host_leave(p);           /* unbalanced: ignored */
    assert_string_equal(wd_prof_weight_unit(p), "instructions");
    wd_prof_free(p);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_folded),
        cmocka_unit_test(test_rows),
        cmocka_unit_test(test_recursion_total_once),
        cmocka_unit_test(test_bounded_memory),
        cmocka_unit_test(test_clear),
        cmocka_unit_test(test_folded_escaping),
        cmocka_unit_test(test_symbolizer_inlined),
        cmocka_unit_test(test_file_lines),
        cmocka_unit_test(test_crc32),
        cmocka_unit_test(test_gzip_blocks),
        cmocka_unit_test(test_pprof_wire),
        cmocka_unit_test(test_speedscope_shape),
        cmocka_unit_test(test_svg_shape),
        cmocka_unit_test(test_format_from_path),
        cmocka_unit_test(test_out_atomic),
        cmocka_unit_test(test_insns_deterministic),
        cmocka_unit_test(test_cycles_mode),
        cmocka_unit_test(test_bad_options),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
