// -O1 peephole rewrites on a function body, each one shorter and with the same meaning:
//   local.set x; local.get x            -> local.tee x
//   compare; i32.eqz                    -> the inverse integer compare (eq/ne, lt/ge, gt/le)
//   x; i32.const 0; i32.ne; i32.eqz     -> x; i32.eqz
//   i32.const 0; i32.ne / i32.eqz; i32.eqz before br_if, if, select -> nothing (truth kept)
//   i32.const 0 / i64.const 0 before add, sub, or, xor, shl, shr -> nothing
//   constant + constant, (x + a) + b    -> folded
//   code after return, br, br_table, unreachable up to its block's end -> removed
//   return just before the function's end -> removed
#pragma once

#include "wasm/module.h"

namespace minicc::backend {

void Peephole(wasm::Expr& code);

} // namespace minicc::backend
