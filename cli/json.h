/* json.h: a small JSON reader (RFC 8259) for the spec-test runner.
 *
 * Parses a whole document into a tree of wd_json nodes. Strings are decoded
 * (escapes, \uXXXX and surrogate pairs become UTF-8) and NUL-terminated; they
 * may contain NUL bytes, so their byte length is kept too. Numbers are checked
 * against the JSON grammar and kept as their source text. Every node records
 * the byte offset where it starts, so callers can point at bad input.
 *
 * Errors name the byte offset (and the file, for wd_json_parse_file).
 */
#ifndef WD_JSON_H
#define WD_JSON_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef enum wd_json_type {
    WD_JSON_NULL = 0,
    WD_JSON_FALSE,
    WD_JSON_TRUE,
    WD_JSON_NUMBER,   /* text: the number as written, e.g. "-1.5e3" */
    WD_JSON_STRING,   /* text: decoded UTF-8, len bytes, NUL-terminated */
    WD_JSON_ARRAY,    /* items[0..count) */
    WD_JSON_OBJECT,   /* keys[0..count) / items[0..count), in source order */
} wd_json_type;

typedef struct wd_json wd_json;

typedef struct wd_json_key {
    char *text;       /* decoded, NUL-terminated */
    size_t len;
} wd_json_key;

struct wd_json {
    wd_json_type type;
    size_t offset;          /* byte offset of the value's first character */
    char *text;             /* NUMBER, STRING */
    size_t len;             /* NUMBER, STRING: bytes in text (without the NUL) */
    size_t count;           /* ARRAY, OBJECT */
    wd_json *items;         /* ARRAY, OBJECT: count values */
    wd_json_key *keys;      /* OBJECT: count keys */
};

typedef struct wd_json_error {
    char file[256];         /* "" for wd_json_parse */
    size_t offset;          /* byte offset of the error, or SIZE_MAX when none applies */
    char msg[160];
} wd_json_error;

/* Nesting deeper than this is rejected (protects the recursive parser). */
#define WD_JSON_MAX_DEPTH 512

/* Parses text[0..len) as one JSON document (surrounding whitespace allowed).
 * Returns the root, or NULL with err filled. Free with wd_json_free(). */
wd_json *wd_json_parse(const char *text, size_t len, wd_json_error *err);
/* Reads a file and parses it; err->file names it. */
wd_json *wd_json_parse_file(const char *path, wd_json_error *err);
void wd_json_free(wd_json *root);

/* "file: byte 12: message" (without "file: " when there is none). Returns buf. */
char *wd_json_error_format(const wd_json_error *err, char *buf, size_t size);

/* Looks up a member of an object (the first one of that name); NULL when v is
 * not an object or has no such member. */
const wd_json *wd_json_get(const wd_json *v, const char *key);
/* The member's string text, or NULL when missing or not a string. */
const char *wd_json_get_string(const wd_json *v, const char *key);
/* Item i of an array; NULL when v is not an array or i is out of range. */
const wd_json *wd_json_at(const wd_json *v, size_t i);
/* Number of items of an array or members of an object; 0 for anything else. */
size_t wd_json_count(const wd_json *v);

/* Converts a NUMBER, or a STRING holding a plain decimal integer (as
 * wast2json writes values), to an unsigned 64-bit integer. Accepts only
 * digits (no sign, fraction or exponent); false on anything else or on
 * overflow. */
bool wd_json_to_u64(const wd_json *v, uint64_t *out);

#endif /* WD_JSON_H */
