/* shapes_path.h: where the unit tests find examples/shapes.wasm (built with the project
 * when a wasm32-wasi clang is present): $WD_SHAPES_WASM, else relative to the build's
 * tests folder or the source tree. NULL when it is missing (the tests then skip). */
#ifndef WD_TEST_SHAPES_PATH_H
#define WD_TEST_SHAPES_PATH_H

#include <stdlib.h>
#include <unistd.h>

static inline const char *shapes_path(void)
{
    static const char *const cands[] = { "../examples/shapes.wasm", "examples/shapes.wasm",
                                         "../../examples/shapes.wasm", "build/examples/shapes.wasm" };
    const char *env = getenv("WD_SHAPES_WASM");
    if (env && access(env, R_OK) == 0)
        return env;
    for (size_t i = 0; i < sizeof cands / sizeof cands[0]; i++)
        if (access(cands[i], R_OK) == 0)
            return cands[i];
    return NULL;
}

#endif
