;; wasi.wat: a WASI command that spends much of its time in fd_write (host-call frames),
;; computes a little, and leaves with proc_exit(3) in the middle of its loop.
(module
  (import "wasi_snapshot_preview1" "fd_write"
    (func $fd_write (param i32 i32 i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "proc_exit" (func $proc_exit (param i32)))
  (memory (export "memory") 1)
  (data (i32.const 64) "wasmdbg profile test line\n")
  (func $spin (param $n i32) (result i32) (local $i i32) (local $s i32)
    (block $done
      (loop $l
        (br_if $done (i32.ge_u (local.get $i) (local.get $n)))
        (local.set $s (i32.add (i32.mul (local.get $s) (i32.const 7)) (local.get $i)))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $l)))
    (local.get $s))
  (func $write_line
    ;; iovec at 0: base 64, len 26; nwritten at 16
    (i32.store (i32.const 0) (i32.const 64))
    (i32.store (i32.const 4) (i32.const 26))
    (drop (call $fd_write (i32.const 1) (i32.const 0) (i32.const 1) (i32.const 16))))
  (func $start (export "_start") (local $k i32)
    (loop $l
      (call $write_line)
      (drop (call $spin (i32.const 200)))
      (local.set $k (i32.add (local.get $k) (i32.const 1)))
      (if (i32.eq (local.get $k) (i32.const 30000))
        (then (call $proc_exit (i32.const 3))))
      (br $l))))
