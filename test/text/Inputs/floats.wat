;; Float constants at the edges: zeros, extremes, subnormals, infinities, NaN payloads.
(module
  (func (result f32)
    f32.const 0 f32.const -0 f32.const 1 f32.const 0x1.fffffep127 f32.const 0x1p-149
    f32.const 0x1p-126 f32.const inf f32.const -inf f32.const nan f32.const -nan
    f32.const nan:0x1 f32.const -nan:0x7fffff f32.const 0.1
    drop drop drop drop drop drop drop drop drop drop drop drop)
  (func (result f64)
    f64.const 0 f64.const -0 f64.const 0x1.fffffffffffffp1023 f64.const 0x1p-1074
    f64.const inf f64.const nan f64.const -nan:0x4000000000001 f64.const 0.1
    drop drop drop drop drop drop drop)
  (func (result v128)
    v128.const i8x16 0 1 2 3 4 5 6 7 8 9 10 11 -1 -1 -1 -1))
