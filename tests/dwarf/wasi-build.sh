# wasi-build.sh: sourced by the single-program DWARF tests (trap.sh, piece.sh).
#   wasi_build NAME OPT TOOL...   builds $SRC/NAME.c for wasm32-wasi with -O$OPT -g into
#                                 $WORK/NAME.wasm (compiled, then linked without -O so
#                                 wasm-opt leaves the DWARF alone), or exits 77 (SKIP) when
#                                 clang cannot, or when one of the TOOLs is not installed
wasi_build() {
    local name=$1 opt=$2 tool
    shift 2
    CC=$(command -v clang || command -v clang-14 || true)
    mkdir -p "$WORK"
    for tool in "$@"; do
        if [ -z "$tool" ]; then
            echo "SKIP: a tool this test needs (LLVM 14's) is not installed"
            exit 77
        fi
    done
    if [ -z "$CC" ] ||
       ! "$CC" --target=wasm32-wasi -O"$opt" -g -c "$SRC/$name.c" -o "$WORK/$name.o" 2>"$WORK/cc.log" ||
       ! "$CC" --target=wasm32-wasi "$WORK/$name.o" -o "$WORK/$name.wasm" 2>>"$WORK/cc.log"; then
        echo "SKIP: no clang for wasm32-wasi (clang, lld, wasi-libc)"
        cat "$WORK/cc.log" 2>/dev/null
        exit 77
    fi
}
