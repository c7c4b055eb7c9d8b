/* test_dwarf.c: the DWARF layer against a paused engine.
 *
 * tests/dwarf/prog.c is compiled at test time (clang for wasm32, -O0, DWARF 4 and 5); the
 * tests stop `run` at a source line with a local probe and check variables, types and
 * values through the frames API, the expression evaluator on hand-made expressions, and
 * that corrupt debug sections only cost warnings. Without a wasm32 clang, the module tests
 * are skipped.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>
#include <unistd.h>

#include "wd.h"
#include "wd_dwarf.h"
#include "wd_wasmdis.h"

/* ------------------------------------------------------------ building prog.c */

static char g_dir[256];
static char g_wasm[2][512];    /* DWARF 4, DWARF 5 at -O0 */
static bool g_built[2];
static char g_wasm_o2[512];    /* DWARF 5 at -O2 */
static bool g_built_o2;
static char g_src[600];

static void src_dir(char *out, size_t size)
{
    /* __FILE__ is .../tests/unit/test_dwarf.c */
    snprintf(out, size, "%s", __FILE__);
    char *p = strstr(out, "unit/test_dwarf.c");
    if (p)
        snprintf(p, size - (size_t)(p - out), "dwarf");
}

static int build_all(void **state)
{
    (void)state;
    char sdir[512];
    src_dir(sdir, sizeof sdir);
    snprintf(g_src, sizeof g_src, "%s/prog.c", sdir);
    snprintf(g_dir, sizeof g_dir, "/tmp/wd_test_dwarf_XXXXXX");
    if (!mkdtemp(g_dir))
        return 0;
    static const char *const ccs[] = {"clang-14", "clang", "clang-19"};
    for (int v = 0; v < 2; v++) {
        for (size_t c = 0; c < 3 && !g_built[v]; c++) {
            char cmd[4096];
            snprintf(g_wasm[v], sizeof g_wasm[v], "%s/prog%d.wasm", g_dir, v + 4);
            int k = snprintf(cmd, sizeof cmd,
                     "%s --target=wasm32 -O0 -gdwarf-%d -I%s -c %s -o %s/prog%d.o >/dev/null 2>&1 && "
                     "%s --target=wasm32 -nostdlib -Wl,--no-entry -Wl,--export-dynamic %s/prog%d.o "
                     "-o %s >/dev/null 2>&1",
                     ccs[c], v + 4, sdir, g_src, g_dir, v + 4, ccs[c], g_dir, v + 4, g_wasm[v]);
            g_built[v] = (size_t)k < sizeof cmd && system(cmd) == 0;
        }
    }
    /* -O2, DWARF 5: location lists and values that live in locals or nowhere */
    for (size_t c = 0; c < 3 && !g_built_o2; c++) {
        char cmd[4096];
        snprintf(g_wasm_o2, sizeof g_wasm_o2, "%s/prog-O2.wasm", g_dir);
        int k = snprintf(cmd, sizeof cmd,
                         "%s --target=wasm32 -O2 -gdwarf-5 -I%s -c %s -o %s/prog-O2.o >/dev/null 2>&1 && "
                         "%s --target=wasm32 -nostdlib -Wl,--no-entry -Wl,--export-dynamic "
                         "%s/prog-O2.o -o %s >/dev/null 2>&1",
                         ccs[c], sdir, g_src, g_dir, ccs[c], g_dir, g_wasm_o2);
        g_built_o2 = (size_t)k < sizeof cmd && system(cmd) == 0;
    }
    return 0;
}

static int clean_all(void **state)
{
    (void)state;
    char cmd[600];
    if (g_dir[0] && strncmp(g_dir, "/tmp/wd_test_dwarf_", 19) == 0) {
        snprintf(cmd, sizeof cmd, "rm -rf %s", g_dir);
        if (system(cmd) != 0)
            fprintf(stderr, "could not remove %s\n", g_dir);
    }
    return 0;
}

static int src_line_of(const char *needle)
{
    FILE *f = fopen(g_src, "r");
    char line[512];
    int n = 0, found = 0;
    while (f && fgets(line, sizeof line, f)) {
        n++;
        if (strstr(line, needle)) {
            found = n;
            break;
        }
    }
    if (f)
        fclose(f);
    return found;
}

/* ------------------------------------------------------------ the target over wd_exec
 * (wd_dwarf_frame_reader: the engine's frames API as the evaluator's callbacks) */

typedef struct live {
    wd_exec *x;
    wd_instance *inst;
    uint32_t depth;
} live;

static wd_probe_action stop_probe(wd_exec *x, const wd_probe_event *ev, void *user)
{
    (void)x;
    (void)ev;
    (*(int *)user)++;
    return WD_PROBE_STOP;
}

static bool no_imports(void *user, const wd_import_desc *imp, wd_extern *out)
{
    (void)user;
    (void)imp;
    (void)out;
    return false;
}

static uint32_t func_at(const wd_module *m, uint64_t file_off)
{
    for (uint32_t i = 0; i < wd_module_func_count(m); i++) {
        uint64_t s, e;
        wd_module_func_range(m, i, &s, &e);
        if (file_off >= s && file_off < e)
            return i;
    }
    return UINT32_MAX;
}

static void format_named(wd_dwarf *d, uint32_t addr, live *l, const char *name, char *buf,
                         size_t size)
{
    wd_dw_frame_reader r;
    wd_dw_target t;
    wd_dwarf_frame_reader(&r, l->x, l->inst, l->depth, &t);
    const wd_dw_var *v = wd_dwarf_find_var(d, addr, 0, name);
    assert_non_null(v);
    wd_dwarf_format_var(d, v, addr, &t, buf, size);
}

#define ASSERT_CONTAINS(s, sub)                                                              \
    do {                                                                                     \
        if (!strstr((s), (sub)))                                                             \
            fail_msg("'%s' does not contain '%s'", (s), (sub));                              \
    } while (0)

/* The public type API on prog.c's types, and formatting through it. */
static void check_type_api(wd_dwarf *d, uint32_t addr, const wd_dw_target *t)
{
    char buf[1024], tn[128];
    const wd_dw_var *v = wd_dwarf_find_var(d, addr, 0, "the_shape");
    assert_non_null(v);
    const wd_dw_type *st = wd_dw_var_type(d, v);
    assert_int_equal(wd_dw_type_kind_of(st), WD_DW_TYPE_STRUCT);
    assert_string_equal(wd_dw_type_die_name(st), "shape");
    assert_true(wd_dw_type_offset(st) != 0);
    assert_false(wd_dw_type_is_declaration(st));
    assert_int_equal(wd_dw_type_member_count(d, st), 5);
    static const char *const names[] = {"corner", "color", "fl", "n", "grid"};
    wd_dw_member m;
    for (uint32_t i = 0; i < 5; i++) {
        assert_true(wd_dw_type_member(d, st, i, &m));
        assert_string_equal(m.name, names[i]);
        assert_false(m.is_base);
        assert_false(m.is_bitfield);
    }
    assert_false(wd_dw_type_member(d, st, 5, &m));

    /* corner: struct point [2] */
    assert_true(wd_dw_type_member(d, st, 0, &m));
    assert_int_equal(m.offset, 0);
    assert_int_equal(wd_dw_type_kind_of(m.type), WD_DW_TYPE_ARRAY);
    uint64_t dims[4];
    assert_int_equal(wd_dw_type_array_dims(d, m.type, dims, 4), 1);
    assert_int_equal(dims[0], 2);
    const wd_dw_type *pt = wd_dw_type_array_element(d, m.type);
    assert_int_equal(wd_dw_type_kind_of(pt), WD_DW_TYPE_STRUCT);
    assert_string_equal(wd_dw_type_name(d, pt, tn, sizeof tn), "struct point");
    assert_int_equal(wd_dw_type_size(d, pt), 12);
    assert_true(wd_dw_type_member(d, pt, 2, &m));
    assert_string_equal(m.name, "name");
    assert_int_equal(m.offset, 8);
    assert_int_equal(wd_dw_type_kind_of(m.type), WD_DW_TYPE_POINTER);
    const wd_dw_type *cc = wd_dw_type_target(d, m.type);
    assert_int_equal(wd_dw_type_kind_of(cc), WD_DW_TYPE_CONST);
    assert_int_equal(wd_dw_type_encoding(d, cc), WD_DW_ENC_SIGNED_CHAR);
    assert_int_equal(wd_dw_type_kind_of(wd_dw_type_strip(d, cc)), WD_DW_TYPE_BASE);

    /* color: enum color { RED, GREEN = 5, BLUE } */
    assert_true(wd_dw_type_member(d, st, 1, &m));
    assert_int_equal(m.offset, 24);
    assert_int_equal(wd_dw_type_kind_of(m.type), WD_DW_TYPE_ENUM);
    assert_int_equal(wd_dw_type_enumerator_count(d, m.type), 3);
    const char *en;
    int64_t ev;
    assert_true(wd_dw_type_enumerator(d, m.type, 1, &en, &ev));
    assert_string_equal(en, "GREEN");
    assert_int_equal(ev, 5);
    assert_true(wd_dw_type_enumerator(d, m.type, 2, &en, &ev));
    assert_string_equal(en, "BLUE");
    assert_int_equal(ev, 6);
    assert_false(wd_dw_type_enumerator(d, m.type, 3, &en, &ev));
    assert_int_equal(wd_dw_type_encoding(d, m.type), WD_DW_ENC_UNSIGNED);

    /* fl: bitfields a:3 b:5 c:4 */
    assert_true(wd_dw_type_member(d, st, 2, &m));
    const wd_dw_type *fl = m.type;
    uint64_t fl_off = m.offset;
    assert_int_equal(wd_dw_type_member_count(d, fl), 3);
    uint32_t bits[3][2] = {{3, 0}, {5, 3}, {4, 0}};
    for (uint32_t i = 0; i < 3; i++) {
        assert_true(wd_dw_type_member(d, fl, i, &m));
        assert_true(m.is_bitfield);
        assert_int_equal(m.bit_size, bits[i][0]);
        assert_int_equal(m.offset * 8 + m.bit_offset, i == 2 ? 8 : bits[i][1]);
    }

    /* n: union num */
    assert_true(wd_dw_type_member(d, st, 3, &m));
    assert_int_equal(wd_dw_type_kind_of(m.type), WD_DW_TYPE_UNION);
    assert_int_equal(wd_dw_type_member_count(d, m.type), 2);

    /* grid: int [2][3]; indexing once gives a made int [3] */
    assert_true(wd_dw_type_member(d, st, 4, &m));
    uint64_t grid_off = m.offset;
    assert_int_equal(wd_dw_type_array_dims(d, m.type, dims, 4), 2);
    assert_int_equal(dims[0], 2);
    assert_int_equal(dims[1], 3);
    const wd_dw_type *row = wd_dw_type_array_element(d, m.type);
    assert_non_null(row);
    assert_int_equal(wd_dw_type_offset(row), 0);
    assert_ptr_equal(row, wd_dw_type_array_element(d, m.type));   /* made once */
    assert_string_equal(wd_dw_type_name(d, row, tn, sizeof tn), "int [3]");
    assert_int_equal(wd_dw_type_size(d, row), 12);
    assert_int_equal(wd_dw_type_array_dims(d, row, dims, 4), 1);
    const wd_dw_type *it = wd_dw_type_array_element(d, row);
    assert_int_equal(wd_dw_type_encoding(d, it), WD_DW_ENC_SIGNED);

    /* a made pointer type */
    const wd_dw_type *pst = wd_dw_type_pointer_to(d, st);
    assert_non_null(pst);
    assert_ptr_equal(pst, wd_dw_type_pointer_to(d, st));
    assert_null(wd_dw_type_pointer_to(d, row));
    assert_int_equal(wd_dw_type_offset(pst), 0);
    assert_string_equal(wd_dw_type_name(d, pst, tn, sizeof tn), "struct shape *");
    assert_int_equal(wd_dw_type_size(d, pst), 4);
    assert_ptr_equal(wd_dw_type_target(d, pst), st);

    /* typedef uint, function pointer type */
    const wd_dw_type *ut = wd_dwarf_find_type(d, "uint");
    assert_non_null(ut);
    assert_int_equal(wd_dw_type_kind_of(ut), WD_DW_TYPE_TYPEDEF);
    assert_int_equal(wd_dw_type_encoding(d, ut), WD_DW_ENC_UNSIGNED);
    assert_ptr_equal(wd_dwarf_find_type(d, "struct shape"), st);
    assert_null(wd_dwarf_find_type(d, "struct nosuch"));
    v = wd_dwarf_find_var(d, addr, 0, "op_ptr");
    const wd_dw_type *fnt = wd_dw_type_target(d, wd_dw_var_type(d, v));
    assert_int_equal(wd_dw_type_kind_of(fnt), WD_DW_TYPE_FUNCTION);
    bool va = true;
    assert_int_equal(wd_dw_type_param_count(d, fnt, &va), 2);
    assert_false(va);
    assert_int_equal(wd_dw_type_encoding(d, wd_dw_type_param(d, fnt, 1)), WD_DW_ENC_SIGNED);
    assert_null(wd_dw_type_param(d, fnt, 2));

    /* formatting an object in memory, and a value held in bytes */
    wd_dw_location loc;
    assert_true(wd_dwarf_var_location(d, wd_dwarf_find_var(d, addr, 0, "the_shape"), addr, t,
                                      &loc));
    assert_int_equal(loc.npieces, 1);
    assert_int_equal(loc.pieces[0].kind, WD_DW_LOC_MEMORY);
    uint64_t base = loc.pieces[0].addr;
    wd_dwarf_format_memory(d, row, base + grid_off + 12, t, buf, sizeof buf);
    assert_string_equal(buf, "{4, 5, 6}");
    wd_dwarf_format_memory(d, fl, base + fl_off, t, buf, sizeof buf);
    assert_string_equal(buf, "{a = 5, b = 17, c = -3}");
    wd_dwarf_format_memory(d, pt, base + 12, t, buf, sizeof buf);
    assert_true(strncmp(buf, "{x = 3, y = 4, name = 0x", 24) == 0);
    ASSERT_CONTAINS(buf, " \"b\"}");
    wd_dwarf_format_memory(d, pt, 0xfffffff0u, t, buf, sizeof buf);
    assert_string_equal(buf, "<error: Cannot access memory at address 0xfffffff0>");
    char full[1024];
    wd_dwarf_format_location(d, st, &loc, t, buf, sizeof buf);
    wd_dwarf_format_var(d, wd_dwarf_find_var(d, addr, 0, "the_shape"), addr, t, full,
                        sizeof full);
    assert_string_equal(buf, full);
    uint8_t six[4] = {6, 0, 0, 0};
    assert_true(wd_dw_type_member(d, st, 1, &m));
    wd_dwarf_format_bytes(d, m.type, six, 4, t, buf, sizeof buf);
    assert_string_equal(buf, "BLUE");
    uint8_t neg[4] = {0xfe, 0xff, 0xff, 0xff};
    wd_dwarf_format_bytes(d, it, neg, 4, t, buf, sizeof buf);
    assert_string_equal(buf, "-2");
    wd_dwarf_format_bytes(d, ut, neg, 4, t, buf, sizeof buf);
    assert_string_equal(buf, "4294967294");
    wd_dw_location none = {0};
    wd_dwarf_format_location(d, st, &none, t, buf, sizeof buf);
    assert_string_equal(buf, "<optimized out>");
}

static void check_paused(int v)
{
    if (!g_built[v])
        skip();
    wd_error err;
    wd_module *m = wd_module_load_file(g_wasm[v], NULL, &err);
    assert_non_null(m);
    wd_dwarf *d = wd_dwarf_open(m, NULL, NULL, &err);
    assert_non_null(d);
    assert_true(wd_dwarf_unit_count(d) >= 1);
    wd_dwarf_unit_info ui;
    assert_true(wd_dwarf_unit(d, 0, &ui));
    assert_int_equal(ui.version, v + 4);

    int line = src_line_of("return (int)a + sh->grid[1][2];");
    assert_true(line > 0);
    uint32_t addrs[8], used = 0;
    size_t n = wd_dwarf_line_addrs(d, "prog.c", (uint32_t)line, addrs, 8, &used);
    assert_true(n >= 1);
    assert_int_equal(used, (uint32_t)line);
    wd_dw_frame fr[4];
    assert_int_equal(wd_dwarf_symbolize(d, addrs[0], false, fr, 4), 1);
    assert_string_equal(fr[0].function, "area");
    assert_int_equal(fr[0].line, (uint32_t)line);
    wd_dw_func fn;
    assert_true(wd_dwarf_find_func(d, "area", &fn));
    assert_true(fn.low_pc <= addrs[0] && addrs[0] < fn.high_pc);

    /* run to that line */
    wd_store *s = wd_store_new(NULL);
    wd_instance *inst = wd_instance_new(s, m, no_imports, NULL, &err);
    assert_non_null(inst);
    uint64_t base = wd_module_code_section_offset(m);
    uint32_t fidx = func_at(m, base + addrs[0]);
    assert_true(fidx != UINT32_MAX);
    int hits = 0;
    uint32_t pid = wd_probe_add_local(m, fidx, base + addrs[0], stop_probe, &hits, &err);
    assert_true(pid > 0);
    wd_externkind kind;
    wd_extern ex;
    assert_true(wd_instance_export(inst, "run", &kind, &ex));
    wd_exec *x = wd_store_exec(s);
    wd_value arg = {.type = WD_I32, .of.i32 = 3};
    wd_value res;
    assert_int_equal(wd_exec_call(x, ex.func, &arg, 1, &res, 1), WD_STOP_BREAK);
    assert_int_equal(hits, 1);
    wd_frame_info fi;
    assert_true(wd_exec_frame(x, 0, &fi));
    assert_int_equal(fi.funcidx, fidx);

    live l = {x, inst, 0};
    wd_dw_frame_reader rdr;
    wd_dw_target t;
    wd_dwarf_frame_reader(&rdr, x, NULL, 0, &t);   /* the frame's own instance */
    const wd_dw_var *vars[16];
    size_t nv = wd_dwarf_vars_at(d, addrs[0], 0, vars, 16);
    assert_int_equal(nv, 4);
    assert_string_equal(wd_dw_var_name(vars[0]), "sh");
    assert_true(wd_dw_var_is_param(vars[0]));
    char buf[1024], tn[128];
    assert_string_equal(wd_dw_type_name(d, wd_dw_var_type(d, vars[0]), tn, sizeof tn),
                        "struct shape *");
    for (size_t i = 1; i < nv; i++) {
        wd_dwarf_format_var(d, vars[i], addrs[0], &t, buf, sizeof buf);
        const char *nm = wd_dw_var_name(vars[i]);
        if (strcmp(nm, "w") == 0 || strcmp(nm, "h") == 0)
            assert_string_equal(buf, "2");
        else if (strcmp(nm, "a") == 0) {
            assert_string_equal(buf, "4");
            assert_string_equal(wd_dw_type_name(d, wd_dw_var_type(d, vars[i]), tn, sizeof tn),
                                "uint");
        } else
            fail_msg("unexpected variable %s", nm);
    }
    wd_dwarf_format_var(d, vars[0], addrs[0], &t, buf, sizeof buf);
    assert_true(strncmp(buf, "0x", 2) == 0);

    /* globals, through DW_OP_addr / DW_OP_addrx */
    format_named(d, addrs[0], &l, "origin", buf, sizeof buf);
    assert_true(strncmp(buf, "{x = 1, y = 2, name = 0x", 24) == 0);
    ASSERT_CONTAINS(buf, " \"origin\"}");
    format_named(d, addrs[0], &l, "garr", buf, sizeof buf);
    assert_string_equal(buf, "{1, 2, 3, 4}");
    format_named(d, addrs[0], &l, "letter", buf, sizeof buf);
    assert_string_equal(buf, "65 'A'");
    format_named(d, addrs[0], &l, "ratio", buf, sizeof buf);
    assert_string_equal(buf, "0.5");
    format_named(d, addrs[0], &l, "cv", buf, sizeof buf);
    assert_string_equal(buf, "7");
    format_named(d, addrs[0], &l, "the_shape", buf, sizeof buf);
    ASSERT_CONTAINS(buf, "{corner = {{x = 1, y = 2, name = 0x");
    ASSERT_CONTAINS(buf, "\"a\"}, {x = 3, y = 4, name = 0x");
    ASSERT_CONTAINS(buf, ", color = BLUE, fl = {a = 5, b = 17, c = -3}, n = {i = 42, f = ");
    ASSERT_CONTAINS(buf, "grid = {{1, 2, 3}, {4, 5, 6}}}");
    format_named(d, addrs[0], &l, "op_ptr", buf, sizeof buf);
    assert_true(strncmp(buf, "(int (*)(int, int)) 0x", 22) == 0);
    /* the table slot named, as gdb names a function pointer's target */
    ASSERT_CONTAINS(buf, " <add>");
    /* inside an aggregate, without the type; a flag enum as its flags */
    format_named(d, addrs[0], &l, "handler", buf, sizeof buf);
    assert_true(strncmp(buf, "{fn = 0x", 8) == 0);
    ASSERT_CONTAINS(buf, " <add>, perm = (P_READ | P_EXEC)}");
    /* garbage-collected by the linker (DW_OP_addr 0xffffffff): no value, not memory at -1 */
    format_named(d, addrs[0], &l, "unused_global", buf, sizeof buf);
    assert_string_equal(buf, "<optimized out>");
    format_named(d, addrs[0], &l, "far_pt", buf, sizeof buf);
    ASSERT_CONTAINS(buf, "{x = 30, y = 40, name = 0x");

    const wd_dw_var *g = wd_dwarf_find_var(d, addrs[0], 0, "cv");
    assert_string_equal(wd_dw_type_name(d, wd_dw_var_type(d, g), tn, sizeof tn),
                        "const volatile int");
    g = wd_dwarf_find_var(d, addrs[0], 0, "garr");
    assert_string_equal(wd_dw_type_name(d, wd_dw_var_type(d, g), tn, sizeof tn), "int [4]");
    assert_int_equal(wd_dw_type_size(d, wd_dw_var_type(d, g)), 16);
    const wd_dw_var *globs[64];
    size_t ng = wd_dwarf_globals(d, globs, 64);
    assert_true(ng >= 8);

    check_type_api(d, addrs[0], &t);

    /* the caller's frame: `run`, its locals live in its own frame */
    assert_true(wd_exec_frame(x, 1, &fi));
    uint32_t caddr = (uint32_t)(fi.offset - base);
    live l1 = {x, inst, 1};
    format_named(d, caddr, &l1, "k", buf, sizeof buf);
    assert_string_equal(buf, "3");
    format_named(d, caddr, &l1, "local", buf, sizeof buf);
    assert_true(strncmp(buf, "{x = 3, y = 4, name = 0x", 24) == 0);
    ASSERT_CONTAINS(buf, "\"local\"}");

    wd_exec_reset(x);
    wd_store_free(s);
    wd_dwarf_close(d);
    wd_module_free(m);
}

static void test_paused_dwarf4(void **state)
{
    (void)state;
    check_paused(0);
}

static void test_paused_dwarf5(void **state)
{
    (void)state;
    check_paused(1);
}

/* ------------------------------------------------------------ the evaluator alone */

static uint64_t fake_locals[8] = {100, 200, 0x1000, 0, 0, 0, 0, 0};
static uint8_t fake_mem[0x2000];

static bool f_local(void *u, uint32_t i, uint64_t *out)
{
    (void)u;
    if (i >= 8)
        return false;
    *out = fake_locals[i];
    return true;
}

static bool f_global(void *u, uint32_t i, uint64_t *out)
{
    (void)u;
    if (i != 0)
        return false;
    *out = 0x1800;
    return true;
}

static bool f_mem(void *u, uint64_t addr, void *dst, size_t len)
{
    (void)u;
    if (addr + len > sizeof fake_mem)
        return false;
    memcpy(dst, fake_mem + addr, len);
    return true;
}

static void test_eval(void **state)
{
    (void)state;
    wd_dw_target t = {NULL, f_local, f_global, NULL, f_mem, NULL};
    wd_dw_expr_ctx c;
    memset(&c, 0, sizeof c);
    c.target = &t;
    wd_dw_location loc;
    /* local 1 as a value */
    static const uint8_t e1[] = {0xED, 0x00, 0x01, 0x9F};
    assert_true(wd_dwarf_eval_expr(e1, sizeof e1, &c, &loc));
    assert_int_equal(loc.npieces, 1);
    assert_int_equal(loc.pieces[0].kind, WD_DW_LOC_VALUE);
    assert_int_equal(loc.pieces[0].value, 200);
    /* register-like: no stack_value still means "the value is in local 0" */
    static const uint8_t e2[] = {0xED, 0x00, 0x00};
    assert_true(wd_dwarf_eval_expr(e2, sizeof e2, &c, &loc));
    assert_int_equal(loc.pieces[0].kind, WD_DW_LOC_VALUE);
    assert_int_equal(loc.pieces[0].value, 100);
    /* fbreg 12 with frame base local 2 (-O0) */
    static const uint8_t fb[] = {0xED, 0x00, 0x02, 0x9F};
    static const uint8_t e3[] = {0x91, 0x0C};
    c.frame_base = fb;
    c.frame_base_len = sizeof fb;
    assert_true(wd_dwarf_eval_expr(e3, sizeof e3, &c, &loc));
    assert_int_equal(loc.pieces[0].kind, WD_DW_LOC_MEMORY);
    assert_int_equal(loc.pieces[0].addr, 0x100C);
    /* frame base = __stack_pointer (global 0, fixed 4-byte index) */
    static const uint8_t fb2[] = {0xED, 0x03, 0x00, 0x00, 0x00, 0x00, 0x9F};
    static const uint8_t e4[] = {0x91, 0x7C};   /* fbreg -4 */
    c.frame_base = fb2;
    c.frame_base_len = sizeof fb2;
    assert_true(wd_dwarf_eval_expr(e4, sizeof e4, &c, &loc));
    assert_int_equal(loc.pieces[0].addr, 0x17FC);
    /* pieces: low half in local 0, high half optimized out */
    static const uint8_t e5[] = {0xED, 0x00, 0x00, 0x9F, 0x93, 0x04, 0x93, 0x04};
    assert_true(wd_dwarf_eval_expr(e5, sizeof e5, &c, &loc));
    assert_int_equal(loc.npieces, 2);
    assert_int_equal(loc.pieces[0].kind, WD_DW_LOC_VALUE);
    assert_int_equal(loc.pieces[0].size, 4);
    assert_int_equal(loc.pieces[1].kind, WD_DW_LOC_NONE);
    /* a linker tombstone address (DW_OP_addr 0xffffffff) is no place: the piece is
     * unavailable, the next piece (DW_OP_addr 0x10) is memory as usual */
    static const uint8_t e5b[] = {0x03, 0xFF, 0xFF, 0xFF, 0xFF, 0x93, 0x04,
                                  0x03, 0x10, 0x00, 0x00, 0x00, 0x93, 0x04};
    assert_true(wd_dwarf_eval_expr(e5b, sizeof e5b, &c, &loc));
    assert_int_equal(loc.npieces, 2);
    assert_int_equal(loc.pieces[0].kind, WD_DW_LOC_NONE);
    assert_int_equal(loc.pieces[1].kind, WD_DW_LOC_MEMORY);
    assert_int_equal(loc.pieces[1].addr, 0x10);
    /* arithmetic: lit5 lit3 minus const1s(-2) mul stack_value = -4 */
    static const uint8_t e6[] = {0x35, 0x33, 0x1C, 0x09, 0xFE, 0x1E, 0x9F};
    assert_true(wd_dwarf_eval_expr(e6, sizeof e6, &c, &loc));
    assert_int_equal((int64_t)loc.pieces[0].value, -4);
    /* addr + deref */
    fake_mem[0x40] = 0x78;
    fake_mem[0x41] = 0x56;
    static const uint8_t e7[] = {0x03, 0x40, 0x00, 0x00, 0x00, 0x06, 0x9F};
    assert_true(wd_dwarf_eval_expr(e7, sizeof e7, &c, &loc));
    assert_int_equal(loc.pieces[0].value, 0x5678);
    /* bad input: unknown op, truncation, operand stack without a reader, underflow */
    static const uint8_t b1[] = {0xE0};
    assert_false(wd_dwarf_eval_expr(b1, sizeof b1, &c, &loc));
    assert_true(strstr(loc.error, "unsupported") != NULL);
    static const uint8_t b2[] = {0xED, 0x00};
    assert_false(wd_dwarf_eval_expr(b2, sizeof b2, &c, &loc));
    static const uint8_t b3[] = {0xED, 0x02, 0x00, 0x9F};
    assert_false(wd_dwarf_eval_expr(b3, sizeof b3, &c, &loc));
    static const uint8_t b4[] = {0x1C};
    assert_false(wd_dwarf_eval_expr(b4, sizeof b4, &c, &loc));
    static const uint8_t b5[] = {0x2F, 0xF0, 0xFF};   /* skip backwards out of range */
    assert_false(wd_dwarf_eval_expr(b5, sizeof b5, &c, &loc));
    /* empty expression: nothing known */
    assert_true(wd_dwarf_eval_expr(b1, 0, &c, &loc));
    assert_int_equal(loc.npieces, 0);
}

/* ------------------------------------------------------------ corrupt sections */

static int g_warnings;
static void count_warn(void *user, const char *msg)
{
    (void)user;
    (void)msg;
    g_warnings++;
}

static uint8_t *read_all(const char *path, size_t *size)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    fseek(f, 0, SEEK_END);
    long n = ftell(f);
    fseek(f, 0, SEEK_SET);
    uint8_t *b = malloc((size_t)n);
    if (b && fread(b, 1, (size_t)n, f) != (size_t)n) {
        free(b);
        b = NULL;
    }
    fclose(f);
    *size = (size_t)n;
    return b;
}

static void scribble(int v, const char *section, unsigned seed)
{
    size_t size = 0;
    uint8_t *bytes = read_all(g_wasm[v], &size);
    assert_non_null(bytes);
    wd_error err;
    wd_module *m = wd_module_load(bytes, size, NULL, &err);
    assert_non_null(m);
    uint64_t off = 0, len = 0;
    for (uint32_t i = 0; i < wd_module_custom_count(m); i++) {
        wd_custom_section cs;
        wd_module_custom(m, i, &cs);
        if (strcmp(cs.name, section) == 0) {
            off = cs.offset;
            len = cs.size;
        }
    }
    wd_module_free(m);
    if (len == 0) {   /* this build has no such section */
        free(bytes);
        return;
    }
    srand(seed);
    for (uint64_t i = len / 4; i < len; i++)
        if (rand() % 3 == 0)
            bytes[off + i] = (uint8_t)rand();
    m = wd_module_load(bytes, size, NULL, &err);
    assert_non_null(m);
    wd_dwarf *d = wd_dwarf_open(m, count_warn, NULL, &err);
    if (d) {
        wd_dw_frame fr[8];
        wd_dw_row row;
        for (uint32_t a = 0; a < 0x400; a++) {
            wd_dwarf_symbolize(d, a, true, fr, 8);
            wd_dwarf_line_at(d, a, &row);
        }
        const wd_dw_var *vs[32];
        wd_dwarf_globals(d, vs, 32);
        wd_dwarf_summary sum;
        wd_dwarf_summarize(d, true, &sum);
        wd_dwarf_close(d);
    }
    wd_module_free(m);
    free(bytes);
}

static void test_corrupt(void **state)
{
    (void)state;
    if (!g_built[1])
        skip();
    static const char *const secs[] = {".debug_info", ".debug_line", ".debug_abbrev",
                                       ".debug_str", ".debug_loclists", ".debug_rnglists"};
    for (size_t i = 0; i < sizeof secs / sizeof secs[0]; i++)
        for (unsigned seed = 1; seed <= 4; seed++) {
            scribble(1, secs[i], seed);
        }
}

/* ------------------------------------------------------------ disassembler */

static void test_disasm(void **state)
{
    (void)state;
    wd_wasm_insn in;
    static const uint8_t i32load[] = {0x28, 0x02, 0x0C};
    assert_true(wd_wasm_decode(i32load, sizeof i32load, &in));
    assert_int_equal(in.len, 3);
    assert_string_equal(in.text, "i32.load offset=12");
    static const uint8_t i64store[] = {0x37, 0x02, 0x00};
    assert_true(wd_wasm_decode(i64store, sizeof i64store, &in));
    assert_string_equal(in.text, "i64.store align=4");
    static const uint8_t blk[] = {0x02, 0x7F};
    assert_true(wd_wasm_decode(blk, sizeof blk, &in));
    assert_string_equal(in.text, "block (result i32)");
    assert_int_equal(in.depth_change, 1);
    static const uint8_t brt[] = {0x0E, 0x02, 0x00, 0x01, 0x02};
    assert_true(wd_wasm_decode(brt, sizeof brt, &in));
    assert_string_equal(in.text, "br_table 0 1 2");
    static const uint8_t c[] = {0x41, 0x7F};
    assert_true(wd_wasm_decode(c, sizeof c, &in));
    assert_string_equal(in.text, "i32.const -1");
    static const uint8_t fc[] = {0xFC, 0x0A, 0x00, 0x00};
    assert_true(wd_wasm_decode(fc, sizeof fc, &in));
    assert_string_equal(in.text, "memory.copy");
    assert_int_equal(in.len, 4);
    static const uint8_t simd[] = {0xFD, 0x0F};
    assert_true(wd_wasm_decode(simd, sizeof simd, &in));
    assert_string_equal(in.text, "i8x16.splat");
    static const uint8_t bad[] = {0xFF};
    assert_false(wd_wasm_decode(bad, sizeof bad, &in));
    assert_int_equal(in.len, 1);
    static const uint8_t trunc[] = {0x41, 0x80};
    assert_false(wd_wasm_decode(trunc, sizeof trunc, &in));
    char text[128];
    static const uint8_t locals[] = {0x02, 0x03, 0x7F, 0x01, 0x7C};
    assert_int_equal(wd_wasm_locals(locals, sizeof locals, 1, text, sizeof text), 5);
    assert_string_equal(text, "local[1..3] i32, local[4] f64");
}

static void test_file_matches(void **state)
{
    (void)state;
    assert_true(wd_dwarf_file_matches("/a/b/prog.c", "prog.c"));
    assert_true(wd_dwarf_file_matches("/a/b/prog.c", "b/prog.c"));
    assert_true(wd_dwarf_file_matches("/a/b/prog.c", "/a/b/prog.c"));
    assert_false(wd_dwarf_file_matches("/a/b/xprog.c", "prog.c"));
    assert_false(wd_dwarf_file_matches("prog.c", "/a/prog.c"));
}

/* -O2: at `s += v;` in sum_array (run(3) calls sum_array(garr, 4)), the first time: every
 * variable is right or reported unavailable, never garbage. */
static void test_paused_o2(void **state)
{
    (void)state;
    if (!g_built_o2)
        skip();
    wd_error err;
    wd_module *m = wd_module_load_file(g_wasm_o2, NULL, &err);
    assert_non_null(m);
    wd_dwarf *d = wd_dwarf_open(m, NULL, NULL, &err);
    assert_non_null(d);
    int line = src_line_of("s += v;");
    assert_true(line > 0);
    uint32_t addrs[8], used = 0;
    size_t n = wd_dwarf_line_addrs(d, "prog.c", (uint32_t)line, addrs, 8, &used);
    if (n == 0 || used != (uint32_t)line) {   /* the line was folded away: nothing to check */
        wd_dwarf_close(d);
        wd_module_free(m);
        skip();
    }
    wd_store *s = wd_store_new(NULL);
    wd_instance *inst = wd_instance_new(s, m, no_imports, NULL, &err);
    assert_non_null(inst);
    uint64_t base = wd_module_code_section_offset(m);
    uint32_t fidx = func_at(m, base + addrs[0]);
    assert_true(fidx != UINT32_MAX);
    int hits = 0;
    assert_true(wd_probe_add_local(m, fidx, base + addrs[0], stop_probe, &hits, &err) > 0);
    wd_externkind kind;
    wd_extern ex;
    assert_true(wd_instance_export(inst, "run", &kind, &ex));
    wd_exec *x = wd_store_exec(s);
    wd_value arg = {.type = WD_I32, .of.i32 = 3};
    wd_value res;
    assert_int_equal(wd_exec_call(x, ex.func, &arg, 1, &res, 1), WD_STOP_BREAK);
    assert_int_equal(hits, 1);

    wd_dw_frame_reader r;
    wd_dw_target t;
    wd_dwarf_frame_reader(&r, x, inst, 0, &t);
    wd_dw_frame fr[4];
    size_t nf = wd_dwarf_symbolize(d, addrs[0], false, fr, 4);
    assert_true(nf >= 1);
    assert_string_equal(fr[0].function, "sum_array");
    const wd_dw_var *vars[16];
    size_t nv = wd_dwarf_vars_at(d, addrs[0], 0, vars, 16);
    assert_true(nv >= 2);
    int checked = 0;
    for (size_t i = 0; i < nv && i < 16; i++) {
        char buf[256];
        wd_dwarf_format_var(d, vars[i], addrs[0], &t, buf, sizeof buf);
        const char *nm = wd_dw_var_name(vars[i]);
        if (buf[0] == '<') {       /* <optimized out>, <unavailable: ...> */
            assert_true(strncmp(buf, "<optimized out>", 15) == 0 ||
                        strncmp(buf, "<unavailable", 12) == 0);
            continue;
        }
        checked++;
        if (strcmp(nm, "n") == 0)
            assert_string_equal(buf, "4");
        else if (strcmp(nm, "i") == 0 || strcmp(nm, "s") == 0)
            assert_string_equal(buf, "0");
        else if (strcmp(nm, "v") == 0)
            assert_string_equal(buf, "1");
        else if (strcmp(nm, "a") == 0) {
            /* &garr */
            const wd_dw_var *g = wd_dwarf_find_var(d, addrs[0], 0, "garr");
            wd_dw_location gl;
            assert_true(wd_dwarf_var_location(d, g, addrs[0], &t, &gl));
            char want[32];
            snprintf(want, sizeof want, "0x%llx", (unsigned long long)gl.pieces[0].addr);
            assert_string_equal(buf, want);
        } else
            fail_msg("unexpected variable %s = %s", nm, buf);
    }
    print_message("-O2 sum_array: %d of %zu variables available\n", checked, nv);
    wd_exec_reset(x);
    wd_store_free(s);
    wd_dwarf_close(d);
    wd_module_free(m);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_paused_dwarf4),
        cmocka_unit_test(test_paused_dwarf5),
        cmocka_unit_test(test_paused_o2),
        cmocka_unit_test(test_eval),
        cmocka_unit_test(test_corrupt),
        cmocka_unit_test(test_disasm),
        cmocka_unit_test(test_file_matches),
    };
    return cmocka_run_group_tests(tests, build_all, clean_all);
}
