// -O1 peephole pass over a lowered function body (see peephole.h for the rewrites). It works on
// the flat instruction list: two instructions next to each other in the list are next to each
// other in every execution, since a branch can only land after a structured `block`, `loop`,
// `if`, `else` or `end` instruction, and none of the rewrites looks across one of those.
#include "backend/peephole.h"

#include <cstddef>
#include <optional>

namespace minicc::backend {

using wasm::Instr;
using wasm::Opcode;

namespace {

bool IsOp(const std::vector<Instr>& v, size_t back, Opcode op) {
  return v.size() > back && v[v.size() - 1 - back].op == op;
}

bool IsConst(const std::vector<Instr>& v, size_t back, Opcode op, int64_t value) {
  return IsOp(v, back, op) && int64_t(v[v.size() - 1 - back].c) == value;
}

// The integer comparison that is true exactly when `op` is false (eq/ne, lt/ge, gt/le).
std::optional<Opcode> Inverse(Opcode op) {
  static const int kInv[10] = {1, 0, 8, 9, 6, 7, 4, 5, 2, 3};
  int i32 = int(op) - int(Opcode::I32Eq), i64 = int(op) - int(Opcode::I64Eq);
  if (i32 >= 0 && i32 < 10)
    return Opcode(int(Opcode::I32Eq) + kInv[i32]);
  if (i64 >= 0 && i64 < 10)
    return Opcode(int(Opcode::I64Eq) + kInv[i64]);
  return std::nullopt;
}

// x OP 0 == x for these.
bool ZeroIsIdentity(Opcode op) {
  switch (op) {
  case Opcode::I32Add:
  case Opcode::I32Sub:
  case Opcode::I32Or:
  case Opcode::I32Xor:
  case Opcode::I32Shl:
  case Opcode::I32ShrS:
  case Opcode::I32ShrU: return true;
  default: return false;
  }
}

bool ZeroIsIdentity64(Opcode op) {
  switch (op) {
  case Opcode::I64Add:
  case Opcode::I64Sub:
  case Opcode::I64Or:
  case Opcode::I64Xor:
  case Opcode::I64Shl:
  case Opcode::I64ShrS:
  case Opcode::I64ShrU: return true;
  default: return false;
  }
}

bool EndsFlow(Opcode op) {
  return op == Opcode::Return || op == Opcode::Br || op == Opcode::BrTable ||
         op == Opcode::Unreachable;
}

bool Opens(Opcode op) { return op == Opcode::Block || op == Opcode::Loop || op == Opcode::If; }

// One pass; returns whether anything changed.
bool Pass(std::vector<Instr>& in) {
  std::vector<Instr> out;
  out.reserve(in.size());
  bool changed = false;
  for (size_t i = 0; i < in.size(); ++i) {
    Instr x = in[i];
    // Code after return/br/br_table/unreachable up to the end of its block never runs.
    if (!out.empty() && EndsFlow(out.back().op) && x.op != Opcode::End && x.op != Opcode::Else) {
      int depth = 0;
      for (; i < in.size(); ++i) {
        Opcode op = in[i].op;
        if (Opens(op)) {
          ++depth;
        } else if (op == Opcode::End || (op == Opcode::Else && depth == 0)) {
          if (depth == 0)
            break;
          --depth;
        }
      }
      changed = true;
      --i;
      continue;
    }
    switch (x.op) {
    case Opcode::LocalGet:
      // local.set x; local.get x -> local.tee x
      if (IsOp(out, 0, Opcode::LocalSet) && out.back().a == x.a) {
        out.back().op = Opcode::LocalTee;
        changed = true;
        continue;
      }
      break;
    case Opcode::I32Eqz:
      if (!out.empty()) {
        // compare; i32.eqz -> the inverse compare
        if (auto inv = Inverse(out.back().op)) {
          out.back().op = *inv;
          changed = true;
          continue;
        }
        // x; i32.const 0; i32.ne; i32.eqz -> x; i32.eqz
        if (IsOp(out, 0, Opcode::I32Ne) && IsConst(out, 1, Opcode::I32Const, 0)) {
          out.pop_back();
          out.pop_back();
          changed = true;
          break;
        }
        // i32.eqz; i32.eqz; i32.eqz -> i32.eqz
        if (IsOp(out, 0, Opcode::I32Eqz) && IsOp(out, 1, Opcode::I32Eqz)) {
          out.pop_back();
          changed = true;
          continue;
        }
      }
      break;
    case Opcode::BrIf:
    case Opcode::If:
    case Opcode::Select:
      // Only the truth of the condition matters: x != 0 and !!x are x.
      if (IsOp(out, 0, Opcode::I32Ne) && IsConst(out, 1, Opcode::I32Const, 0)) {
        out.pop_back();
        out.pop_back();
        changed = true;
      } else if (IsOp(out, 0, Opcode::I32Eqz) && IsOp(out, 1, Opcode::I32Eqz)) {
        out.pop_back();
        out.pop_back();
        changed = true;
      }
      break;
    case Opcode::End:
      // return just before the function's final end.
      if (i + 1 == in.size() && IsOp(out, 0, Opcode::Return)) {
        out.pop_back();
        changed = true;
      }
      break;
    default: break;
    }
    if (ZeroIsIdentity(x.op) && IsConst(out, 0, Opcode::I32Const, 0)) {
      out.pop_back();
      changed = true;
      continue;
    }
    if (ZeroIsIdentity64(x.op) && IsConst(out, 0, Opcode::I64Const, 0)) {
      out.pop_back();
      changed = true;
      continue;
    }
    if ((x.op == Opcode::I32Add || x.op == Opcode::I32Sub) && IsOp(out, 0, Opcode::I32Const)) {
      int64_t k = int64_t(out.back().c);
      uint32_t delta = x.op == Opcode::I32Add ? uint32_t(k) : 0u - uint32_t(k);
      // i32.const a; i32.const b; i32.add -> i32.const a+b
      if (IsOp(out, 1, Opcode::I32Const)) {
        out.pop_back();
        out.back().c = uint64_t(int64_t(int32_t(uint32_t(out.back().c) + delta)));
        changed = true;
        continue;
      }
      // i32.const a; i32.add; i32.const b; i32.add -> i32.const a+b; i32.add
      if (IsOp(out, 1, Opcode::I32Add) && IsOp(out, 2, Opcode::I32Const)) {
        out.pop_back();
        out.pop_back();
        out.back().c = uint64_t(int64_t(int32_t(uint32_t(out.back().c) + delta)));
        x.op = Opcode::I32Add;
        changed = true;
      }
    }
    out.push_back(x);
  }
  in = std::move(out);
  return changed;
}

} // namespace

void Peephole(wasm::Expr& code) {
  for (int round = 0; round < 8 && Pass(code.instrs); ++round) {
  }
}

} // namespace minicc::backend
