/* test_json.c: the spec runner's JSON reader (cli/json.c).
 *
 * cli/ is a program, not a library, so the reader is compiled into this test
 * directly. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "../../cli/json.c"

static wd_json *parse_ok(const char *s)
{
    wd_json_error err;
    wd_json *v = wd_json_parse(s, strlen(s), &err);
    if (v == NULL)
        fail_msg("parse of <%s> failed: %s at %zu", s, err.msg, err.offset);
    return v;
}

/* Parses s, expects failure at offset with a message containing part. */
static void parse_bad(const char *s, size_t offset, const char *part)
{
    wd_json_error err;
    wd_json *v = wd_json_parse(s, strlen(s), &err);
    if (v != NULL) {
        wd_json_free(v);
        fail_msg("parse of <%s> should fail", s);
    }
    if (err.offset != offset)
        fail_msg("<%s>: error at %zu, expected %zu (%s)", s, err.offset, offset, err.msg);
    if (strstr(err.msg, part) == NULL)
        fail_msg("<%s>: message \"%s\" lacks \"%s\"", s, err.msg, part);
}

static void test_literals(void **state)
{
    (void)state;
    wd_json *v = parse_ok("  true ");
    assert_int_equal(v->type, WD_JSON_TRUE);
    assert_int_equal(v->offset, 2);
    wd_json_free(v);
    v = parse_ok("false");
    assert_int_equal(v->type, WD_JSON_FALSE);
    wd_json_free(v);
    v = parse_ok("\r\n\tnull");
    assert_int_equal(v->type, WD_JSON_NULL);
    wd_json_free(v);
    parse_bad("nul", 0, "expected a value");
    parse_bad("True", 0, "expected a value");
    parse_bad("", 0, "end of input");
    parse_bad("   ", 3, "end of input");
    parse_bad("true false", 5, "after the document");
}

static void test_numbers(void **state)
{
    (void)state;
    const char *good[] = {"0", "-0", "12345678901234567890123", "-1.5e3", "2E-7", "0.25",
                          "1e+2"};
    for (size_t i = 0; i < sizeof good / sizeof good[0]; i++) {
        wd_json *v = parse_ok(good[i]);
        assert_int_equal(v->type, WD_JSON_NUMBER);
        assert_string_equal(v->text, good[i]);
        assert_int_equal(v->len, strlen(good[i]));
        wd_json_free(v);
    }
    parse_bad("01", 0, "leading zero");
    parse_bad("-", 0, "expected a digit");
    parse_bad("1.", 0, "after '.'");
    parse_bad("1e", 0, "exponent");
    parse_bad("+1", 0, "expected a value");
    parse_bad(".5", 0, "expected a value");
    parse_bad("[1, -x]", 4, "expected a digit");
}

static void test_strings(void **state)
{
    (void)state;
    wd_json *v = parse_ok("\"a\\\"b\\\\c\\/d\\b\\f\\n\\r\\t\"");
    assert_int_equal(v->type, WD_JSON_STRING);
    assert_string_equal(v->text, "a\"b\\c/d\b\f\n\r\t");
    wd_json_free(v);

    v = parse_ok("\"\\u0041\\u00e9\\u20AC\"");
    assert_string_equal(v->text, "A\xC3\xA9\xE2\x82\xAC");
    assert_int_equal(v->len, 6);
    wd_json_free(v);

    /* a surrogate pair becomes one 4-byte UTF-8 sequence */
    v = parse_ok("\"\\ud83d\\ude00!\"");
    assert_int_equal(v->len, 5);
    assert_memory_equal(v->text, "\xF0\x9F\x98\x80!", 5);
    wd_json_free(v);

    /* NUL stays, and the length says so */
    v = parse_ok("\"a\\u0000b\"");
    assert_int_equal(v->len, 3);
    assert_memory_equal(v->text, "a\0b", 4);
    wd_json_free(v);

    /* raw UTF-8 passes through */
    v = parse_ok("\"\xE2\x82\xAC\"");
    assert_string_equal(v->text, "\xE2\x82\xAC");
    wd_json_free(v);

    v = parse_ok("\"\"");
    assert_int_equal(v->len, 0);
    assert_string_equal(v->text, "");
    wd_json_free(v);

    parse_bad("\"abc", 0, "unterminated string");
    parse_bad("\"ab\\", 0, "unterminated string");
    parse_bad("\"a\\qb\"", 2, "bad escape");
    parse_bad("\"a\nb\"", 2, "control character");
    parse_bad("\"\\u12g4\"", 1, "hex digits");
    parse_bad("\"\\u12\"", 1, "hex digits");
    parse_bad("\"\\ude00\"", 1, "lone low surrogate");
    parse_bad("\"\\ud83d\"", 1, "not followed by a low one");
    parse_bad("\"\\ud83dx\"", 1, "not followed by a low one");
    parse_bad("\"\\ud83d\\u0041\"", 1, "not followed by a low one");
}

static void test_containers(void **state)
{
    (void)state;
    const char *doc = "{\"source_filename\": \"x.wast\",\n"
                      " \"commands\": [\n"
                      "  {\"type\": \"module\", \"line\": 3, \"filename\": \"x.0.wasm\"},\n"
                      "  {\"type\": \"assert_return\", \"line\": 4, \"expected\": [], "
                      "\"nested\": [[], {}, [1, [2]]]}\n"
                      " ]}";
    wd_json *root = parse_ok(doc);
    assert_int_equal(root->type, WD_JSON_OBJECT);
    assert_int_equal(wd_json_count(root), 2);
    assert_string_equal(wd_json_get_string(root, "source_filename"), "x.wast");
    assert_null(wd_json_get_string(root, "commands"));
    assert_null(wd_json_get(root, "missing"));

    const wd_json *cmds = wd_json_get(root, "commands");
    assert_non_null(cmds);
    assert_int_equal(cmds->type, WD_JSON_ARRAY);
    assert_int_equal(wd_json_count(cmds), 2);
    const wd_json *c0 = wd_json_at(cmds, 0);
    assert_string_equal(wd_json_get_string(c0, "type"), "module");
    assert_int_equal(c0->offset, (size_t)(strstr(doc, "{\"type\": \"module\"") - doc));
    uint64_t line = 0;
    assert_true(wd_json_to_u64(wd_json_get(c0, "line"), &line));
    assert_int_equal(line, 3);
    assert_null(wd_json_at(cmds, 2));
    assert_null(wd_json_at(c0, 0));

    const wd_json *nested = wd_json_get(wd_json_at(cmds, 1), "nested");
    assert_int_equal(wd_json_count(nested), 3);
    assert_int_equal(wd_json_at(nested, 0)->type, WD_JSON_ARRAY);
    assert_int_equal(wd_json_count(wd_json_at(nested, 0)), 0);
    assert_int_equal(wd_json_at(nested, 1)->type, WD_JSON_OBJECT);
    assert_int_equal(wd_json_count(wd_json_at(nested, 1)), 0);
    const wd_json *deep = wd_json_at(wd_json_at(nested, 2), 1);
    assert_string_equal(wd_json_at(deep, 0)->text, "2");
    wd_json_free(root);

    /* a duplicate key: the first wins */
    root = parse_ok("{\"a\": 1, \"a\": 2}");
    assert_string_equal(wd_json_get(root, "a")->text, "1");
    wd_json_free(root);

    /* keys with escapes */
    root = parse_ok("{\"\\u0061b\": true}");
    assert_non_null(wd_json_get(root, "ab"));
    wd_json_free(root);

    assert_int_equal(wd_json_count(NULL), 0);
    assert_null(wd_json_get(NULL, "a"));
    assert_null(wd_json_at(NULL, 0));
}

static void test_container_errors(void **state)
{
    (void)state;
    parse_bad("[1, 2", 5, "unterminated array");
    parse_bad("[1 2]", 3, "expected ',' or ']'");
    parse_bad("[1,]", 3, "expected a value");
    parse_bad("[,1]", 1, "expected a value");
    parse_bad("{\"a\" 1}", 5, "expected ':'");
    parse_bad("{\"a\": 1,}", 8, "expected a string key");
    parse_bad("{a: 1}", 1, "expected a string key");
    parse_bad("{\"a\": 1 \"b\": 2}", 8, "expected ',' or '}'");
    parse_bad("{\"a\": [1, {\"b\": tru}]}", 16, "expected a value");
    parse_bad("{\"a\": ", 6, "end of input");
    parse_bad("{\"a\": 1", 7, "unterminated object");
    parse_bad("{\"a", 1, "unterminated string");
    /* error inside a partly built tree: nothing leaks (checked by ASan) */
    parse_bad("{\"x\": [\"s\", {\"k\": [1, 2, 3], \"z\": \"\\x\"}]}", 35, "bad escape");
}

static void test_depth(void **state)
{
    (void)state;
    size_t n = WD_JSON_MAX_DEPTH;
    char *s = malloc(2 * n + 1);
    assert_non_null(s);
    memset(s, '[', n);
    memset(s + n, ']', n);
    s[2 * n] = '\0';
    wd_json *v = parse_ok(s);
    wd_json_free(v);
    free(s);

    n = WD_JSON_MAX_DEPTH + 1;
    s = malloc(2 * n + 1);
    assert_non_null(s);
    memset(s, '[', n);
    memset(s + n, ']', n);
    s[2 * n] = '\0';
    parse_bad(s, WD_JSON_MAX_DEPTH, "nesting deeper");
    free(s);

    /* a huge unclosed nesting fails cleanly too */
    n = 100000;
    s = malloc(n + 1);
    assert_non_null(s);
    memset(s, '[', n);
    s[n] = '\0';
    parse_bad(s, WD_JSON_MAX_DEPTH, "nesting deeper");
    free(s);
}

static void test_to_u64(void **state)
{
    (void)state;
    wd_json *v = parse_ok("[\"0\", \"4294967295\", \"18446744073709551615\", "
                          "\"18446744073709551616\", \"-1\", \"1.0\", \"\", 42, 1e3, "
                          "\"nan:canonical\", null, \"12a\"]");
    uint64_t x = 7;
    assert_true(wd_json_to_u64(wd_json_at(v, 0), &x));
    assert_int_equal(x, 0);
    assert_true(wd_json_to_u64(wd_json_at(v, 1), &x));
    assert_int_equal(x, 4294967295u);
    assert_true(wd_json_to_u64(wd_json_at(v, 2), &x));
    assert_true(x == UINT64_MAX);
    x = 7;
    assert_false(wd_json_to_u64(wd_json_at(v, 3), &x)); /* overflow */
    assert_false(wd_json_to_u64(wd_json_at(v, 4), &x));
    assert_false(wd_json_to_u64(wd_json_at(v, 5), &x));
    assert_false(wd_json_to_u64(wd_json_at(v, 6), &x));
    assert_int_equal(x, 7);
    assert_true(wd_json_to_u64(wd_json_at(v, 7), &x));
    assert_int_equal(x, 42);
    assert_false(wd_json_to_u64(wd_json_at(v, 8), &x));
    assert_false(wd_json_to_u64(wd_json_at(v, 9), &x));
    assert_false(wd_json_to_u64(wd_json_at(v, 10), &x));
    assert_false(wd_json_to_u64(wd_json_at(v, 11), &x));
    assert_false(wd_json_to_u64(NULL, &x));
    wd_json_free(v);
}

static void test_embedded_nul_and_bom(void **state)
{
    (void)state;
    /* a raw NUL byte outside a string is an error, named by offset */
    const char doc[] = "[1,\0 2]";
    wd_json_error err;
    wd_json *v = wd_json_parse(doc, sizeof doc - 1, &err);
    assert_null(v);
    assert_int_equal(err.offset, 3);
    assert_non_null(strstr(err.msg, "byte 0x00"));

    /* a UTF-8 byte order mark is skipped */
    v = wd_json_parse("\xEF\xBB\xBF{}", 5, &err);
    assert_non_null(v);
    assert_int_equal(v->type, WD_JSON_OBJECT);
    wd_json_free(v);

    /* NULL text with length 0 */
    v = wd_json_parse(NULL, 0, &err);
    assert_null(v);
    assert_int_equal(err.offset, 0);
    wd_json_free(NULL);
}

static void test_files_and_format(void **state)
{
    (void)state;
    char path[] = "/tmp/wd_test_json_XXXXXX";
    int fd = mkstemp(path);
    assert_true(fd >= 0);
    const char *doc = "{\"commands\": [\n  {\"type\": \"module\",, }]}";
    assert_int_equal(write(fd, doc, strlen(doc)), (ssize_t)strlen(doc));
    close(fd);

    wd_json_error err;
    assert_null(wd_json_parse_file(path, &err));
    assert_string_equal(err.file, path);
    size_t comma = (size_t)(strstr(doc, ",,") - doc) + 1;
    assert_int_equal(err.offset, comma);
    char buf[512], want[512];
    snprintf(want, sizeof want, "%s: byte %zu: %s", path, comma, err.msg);
    assert_string_equal(wd_json_error_format(&err, buf, sizeof buf), want);

    /* a good file */
    FILE *f = fopen(path, "wb");
    assert_non_null(f);
    fputs("{\"source_filename\": \"a.wast\", \"commands\": []}\n", f);
    fclose(f);
    wd_json *v = wd_json_parse_file(path, &err);
    assert_non_null(v);
    assert_string_equal(wd_json_get_string(v, "source_filename"), "a.wast");
    wd_json_free(v);

    /* an empty file */
    f = fopen(path, "wb");
    assert_non_null(f);
    fclose(f);
    assert_null(wd_json_parse_file(path, &err));
    assert_int_equal(err.offset, 0);
    unlink(path);

    /* a missing file: named, no offset */
    assert_null(wd_json_parse_file("/nonexistent/dir/x.json", &err));
    assert_string_equal(err.file, "/nonexistent/dir/x.json");
    assert_true(err.offset == SIZE_MAX);
    wd_json_error_format(&err, buf, sizeof buf);
    assert_non_null(strstr(buf, "/nonexistent/dir/x.json: cannot open"));

    /* format without a file */
    assert_null(wd_json_parse("[", 1, &err));
    assert_string_equal(wd_json_error_format(&err, buf, sizeof buf),
                        "byte 1: expected a value, found end of input");
    /* a tiny buffer truncates */
    char tiny[5];
    assert_string_equal(wd_json_error_format(&err, tiny, sizeof tiny), "byte");
}

/* wast2json writes numbers-as-strings and v128 lanes; a realistic line. */
static void test_wast2json_line(void **state)
{
    (void)state;
    const char *doc =
        "{\"type\": \"assert_return\", \"line\": 33, \"action\": {\"type\": \"invoke\", "
        "\"field\": \"f32x4.min\", \"args\": [{\"type\": \"v128\", \"lane_type\": \"f32\", "
        "\"value\": [\"nan:canonical\", \"1065353216\", \"0\", \"2147483648\"]}]}, "
        "\"expected\": [{\"type\": \"i32\", \"value\": \"4294967295\"}]}";
    wd_json *v = parse_ok(doc);
    const wd_json *args = wd_json_get(wd_json_get(v, "action"), "args");
    const wd_json *lanes = wd_json_get(wd_json_at(args, 0), "value");
    assert_int_equal(wd_json_count(lanes), 4);
    assert_string_equal(wd_json_at(lanes, 0)->text, "nan:canonical");
    uint64_t x;
    assert_true(wd_json_to_u64(wd_json_at(lanes, 3), &x));
    assert_int_equal(x, 2147483648u);
    const wd_json *e0 = wd_json_at(wd_json_get(v, "expected"), 0);
    assert_true(wd_json_to_u64(wd_json_get(e0, "value"), &x));
    assert_int_equal(x, 4294967295u);
    wd_json_free(v);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_literals),
        cmocka_unit_test(test_numbers),
        cmocka_unit_test(test_strings),
        cmocka_unit_test(test_containers),
        cmocka_unit_test(test_container_errors),
        cmocka_unit_test(test_depth),
        cmocka_unit_test(test_to_u64),
        cmocka_unit_test(test_embedded_nul_and_bom),
        cmocka_unit_test(test_files_and_format),
        cmocka_unit_test(test_wast2json_line),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
