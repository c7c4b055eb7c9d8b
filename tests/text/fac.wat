;; fac.wat: factorial in the text format, folded and plain instructions mixed
;; (tests/CMakeLists.txt runs it with `wasmdbg run fac.wat --invoke fac 10`).
(module
  (func $fac (export "fac") (param $n i64) (result i64)
    (if (result i64) (i64.le_u (local.get $n) (i64.const 1))
      (then (i64.const 1))
      (else
        local.get $n
        (call $fac (i64.sub (local.get $n) (i64.const 1)))
        i64.mul))))
