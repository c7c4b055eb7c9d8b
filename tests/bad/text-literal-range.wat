;; an integer literal too big for i32: the error names line and column
(module
  (func (result i32)
    (i32.const 0x1_0000_0000)))
