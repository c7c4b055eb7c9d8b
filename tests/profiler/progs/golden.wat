;; golden.wat: the program behind the golden files (insns mode is deterministic, so these
;; profiles are byte-identical on every run). $hot runs 4x as many iterations as $warm;
;; $rec recurses, so stacks of several depths appear.
(module
  (func $hot (param $n i32) (result i32) (local $i i32) (local $s i32)
    (block $done
      (loop $l
        (br_if $done (i32.ge_u (local.get $i) (local.get $n)))
        (local.set $s (i32.add (i32.mul (local.get $s) (i32.const 31)) (local.get $i)))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $l)))
    (local.get $s))
  (func $warm (param $n i32) (result i32) (local $i i32) (local $s i32)
    (block $done
      (loop $l
        (br_if $done (i32.ge_u (local.get $i) (local.get $n)))
        (local.set $s (i32.xor (i32.mul (local.get $s) (i32.const 17)) (local.get $i)))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $l)))
    (local.get $s))
  (func $rec (param $d i32) (result i32)
    (if (result i32) (i32.eqz (local.get $d))
      (then (call $warm (i32.const 2000)))
      (else (i32.add (call $rec (i32.sub (local.get $d) (i32.const 1)))
                     (call $hot (i32.const 1000))))))
  (func $main (export "main") (param $n i32) (result i32)
    (i32.add
      (i32.add (call $hot (i32.mul (local.get $n) (i32.const 4)))
               (call $warm (local.get $n)))
      (call $rec (i32.const 5))))
  ;; runs $hot, then traps: the profile must still be written
  (func $trap_after (export "trap_after") (param $n i32) (result i32)
    (drop (call $hot (local.get $n)))
    (unreachable)))
