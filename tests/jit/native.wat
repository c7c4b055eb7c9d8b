;; disasm --native and --perf-map (native.sh): a loop over memory, a br_table, calls and
;; a function that never runs (not in the perf map).
(module
  (memory 1)
  (data (i32.const 0) "\01\00\00\00\02\00\00\00\03\00\00\00")
  (func $sum (export "sum") (param $p i32) (param $n i32) (result i32)
    (local $s i32)
    (block $out
      (loop $top
        (br_if $out (i32.eqz (local.get $n)))
        (local.set $s (i32.add (local.get $s) (i32.load (local.get $p))))
        (local.set $p (i32.add (local.get $p) (i32.const 4)))
        (local.set $n (i32.sub (local.get $n) (i32.const 1)))
        (br $top)))
    (local.get $s))
  (func $pick (export "pick") (param i32) (result i32)
    (block (block (block
      (br_table 0 1 2 (local.get 0)))
      (return (i32.const 10)))
      (return (i32.const 20)))
    (i32.const 30))
  (func $unused (export "unused") (param i32) (result i32)
    (i32.mul (local.get 0) (local.get 0)))
  (func $main (export "main") (result i32)
    (i32.add (call $sum (i32.const 0) (i32.const 3)) (call $pick (i32.const 1)))))
