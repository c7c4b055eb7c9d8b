#!/bin/bash
# ctrlc.sh: Ctrl-C in the line-mode CLI, through a pty: `run spin` loops forever, ^C stops it
# with "Program received signal SIGINT", the program stays resumable (bt, continue, ^C again),
# then kill and quit.   ctrlc.sh WASMDBG SRCDIR WORKDIR   (77 without clang or python3)
set -u
WASMDBG=$1 SRC=$2 WORK=$3
mkdir -p "$WORK"
command -v python3 >/dev/null 2>&1 || { echo "SKIP: python3 not found"; exit 77; }
if ! clang --target=wasm32-wasi -g -O0 -c "$SRC/prog.c" -o "$WORK/prog.o" 2>/dev/null ||
   ! clang --target=wasm32-wasi "$WORK/prog.o" -o "$WORK/prog.wasm" 2>/dev/null; then
    echo "SKIP: clang cannot build wasm32-wasi programs"; exit 77
fi
python3 - "$WASMDBG" "$WORK/prog.wasm" <<'PY'
import os, pty, sys, time, select
wasmdbg, mod = sys.argv[1], sys.argv[2]
pid, fd = pty.fork()
if pid == 0:
    os.execv(wasmdbg, [wasmdbg, "--cli", mod, "spin"])
out = b""
def expect(pat, timeout=20):
    global out
    end = time.time() + timeout
    while time.time() < end:
        if pat.encode() in out:
            return True
        r, _, _ = select.select([fd], [], [], 0.1)
        if r:
            try:
                out += os.read(fd, 4096)
            except OSError:
                break
    print("timeout waiting for %r; got:\n%s" % (pat, out.decode(errors="replace")))
    sys.exit(1)
def send(s):
    os.write(fd, s.encode())
expect("(wasmdbg) ")
send("run\r")
expect("acc=30")
time.sleep(0.5)
send("\x03")
expect("Program received signal SIGINT")
expect("k++;")
time.sleep(0.3)
send("bt\r")
expect("#0  ")
send("continue\r")
expect("Continuing.")
time.sleep(0.3)
send("\x03")
expect("Program received signal SIGINT, Interrupt.\r\n")
out = out[out.rindex(b"Interrupt."):]
expect("k++;")
time.sleep(0.3)
send("kill\r")
expect("killed]")
send("quit\r")
_, status = os.waitpid(pid, 0)
if os.WEXITSTATUS(status) != 0:
    print("exit status", status); sys.exit(1)
print("ok   ctrl-c interrupts, the program stays resumable, kill and quit work")
PY
