// Lowering of `long double` (IEEE binary128, clang's wasm32 ABI). Inside a function a long
// double value is the address of its 16 bytes, as records are: variables live in memory,
// assignment copies with memory.copy, an operation writes its result to a fresh slot of the
// frame. At calls it becomes two i64 halves (lo, hi) as clang passes fp128; returns go through
// an sret pointer. Arithmetic, comparisons and conversions call the compiler-rt routines that
// stdlib/src/ldouble.mc implements in mini-C (__addtf3, __lttf2, __extenddftf2, ...), with
// compiler-rt's signatures, so the same stdlib also serves clang-built programs.
#include "backend/func_gen.h"
#include "frontend/float128.h"

namespace minicc::backend {

using wasm::Opcode;
using wasm::ValType;

namespace {

const char* ArithHelper(ExprKind op) {
  switch (op) {
  case ExprKind::Add: return "__addtf3";
  case ExprKind::Sub: return "__subtf3";
  case ExprKind::Mul: return "__multf3";
  default: return "__divtf3";
  }
}

const char* CompareHelper(ExprKind op) {
  switch (op) {
  case ExprKind::Lt: return "__lttf2";
  case ExprKind::Le: return "__letf2";
  case ExprKind::Gt: return "__gttf2";
  case ExprKind::Ge: return "__getf2";
  case ExprKind::Eq: return "__eqtf2";
  default: return "__netf2";
  }
}

bool IsCompare(ExprKind k) {
  return k == ExprKind::Lt || k == ExprKind::Gt || k == ExprKind::Le || k == ExprKind::Ge ||
         k == ExprKind::Eq || k == ExprKind::Ne;
}

// The helper converting between `from` and `to` (exactly one a long double); null when the
// conversion needs none (to _Bool tests the bits).
const char* ConvertHelper(const Type* from, const Type* to) {
  if (to->IsLongDouble()) {
    if (from->kind == TypeKind::Float)
      return "__extendsftf2";
    if (from->kind == TypeKind::Double)
      return "__extenddftf2";
    bool s = IsSignedType(from);
    if (Is64(from))
      return s ? "__floatditf" : "__floatunditf";
    return s ? "__floatsitf" : "__floatunsitf";
  }
  if (to->kind == TypeKind::Bool)
    return nullptr;
  if (to->kind == TypeKind::Float)
    return "__trunctfsf2";
  if (to->kind == TypeKind::Double)
    return "__trunctfdf2";
  bool s = IsSignedType(to);
  if (Is64(to))
    return s ? "__fixtfdi" : "__fixunstfdi";
  return !s && SizeOf(to) == 4 ? "__fixunstfsi" : "__fixtfsi";
}

wasm::FuncType ConvertSignature(const Type* from, const Type* to) {
  wasm::FuncType sig;
  if (to->IsLongDouble()) {
    sig.params = {ValType::I32(), WasmType(from).value_or(ValType::I32())};
  } else {
    sig.params = {ValType::I64(), ValType::I64()};
    sig.results = {WasmType(to).value_or(ValType::I32())};
  }
  return sig;
}

} // namespace

void LongDoubleHelpers(const Expr* e, std::vector<const char*>& out) {
  switch (e->kind) {
  case ExprKind::Add:
  case ExprKind::Sub:
  case ExprKind::Mul:
  case ExprKind::Div:
    if (e->type->IsLongDouble())
      out.push_back(ArithHelper(e->kind));
    return;
  case ExprKind::PreInc:
  case ExprKind::PostInc:
  case ExprKind::PreDec:
  case ExprKind::PostDec:
    if (e->type->IsLongDouble()) {
      bool inc = e->kind == ExprKind::PreInc || e->kind == ExprKind::PostInc;
      out.push_back(inc ? "__addtf3" : "__subtf3");
    }
    return;
  case ExprKind::CompoundAssign:
    if (e->compute_type && e->compute_type->IsLongDouble()) {
      out.push_back(ArithHelper(e->op));
      const Type* t = e->lhs->type;
      if (!t->IsLongDouble()) {
        out.push_back(ConvertHelper(t, e->compute_type));
        if (const char* back = ConvertHelper(e->compute_type, t))
          out.push_back(back);
      }
    }
    return;
  case ExprKind::Cast:
    if (e->lhs && e->lhs->type->IsLongDouble() != e->type->IsLongDouble() &&
        e->type->IsArithmetic() && e->lhs->type->IsArithmetic()) {
      if (const char* h = ConvertHelper(e->lhs->type, e->type))
        out.push_back(h);
    }
    return;
  default:
    if (IsCompare(e->kind) && e->lhs->type->IsLongDouble())
      out.push_back(CompareHelper(e->kind));
    return;
  }
}

void FuncGen::LdSplit() {
  uint32_t a = Temp(ValType::I32());
  Emit(Opcode::LocalTee, a);
  Emit(Opcode::I64Load, 3, 0, 0);
  Emit(Opcode::LocalGet, a);
  Emit(Opcode::I64Load, 3, 0, 8);
}

void FuncGen::LdCallHelper(const char* name, const wasm::FuncType& sig) {
  Symbol* s = g_.RuntimeFunction(name);
  if (!s || s->func_index == kNone) {
    g_.Fail(fn_->loc, std::string("long double needs the stdlib function '") + name +
                          "' (not linked)");
    return;
  }
  (void)sig;
  Emit(Opcode::Call, s->func_index);
}

void FuncGen::LdArith(ExprKind op) {
  uint32_t b = Temp(ValType::I32());
  Emit(Opcode::LocalSet, b);
  uint32_t a = Temp(ValType::I32());
  Emit(Opcode::LocalSet, a);
  uint32_t tmp = FrameAlloc(16, 16);
  PushFrameAddress(tmp);
  Emit(Opcode::LocalGet, a);
  LdSplit();
  Emit(Opcode::LocalGet, b);
  LdSplit();
  wasm::FuncType sig;
  sig.params = {ValType::I32(), ValType::I64(), ValType::I64(), ValType::I64(), ValType::I64()};
  LdCallHelper(ArithHelper(op), sig);
  PushFrameAddress(tmp);
}

void FuncGen::LdCompare(ExprKind op) {
  uint32_t b = Temp(ValType::I32());
  Emit(Opcode::LocalSet, b);
  LdSplit();
  Emit(Opcode::LocalGet, b);
  LdSplit();
  wasm::FuncType sig;
  sig.params = {ValType::I64(), ValType::I64(), ValType::I64(), ValType::I64()};
  sig.results = {ValType::I32()};
  LdCallHelper(CompareHelper(op), sig);
  // compiler-rt: -1/0/1 for less/equal/greater; unordered is 1 for lt/le/eq/ne, -1 for gt/ge.
  switch (op) {
  case ExprKind::Lt:
    EmitI32(0);
    Emit(Opcode::I32LtS);
    break;
  case ExprKind::Le:
    EmitI32(1);
    Emit(Opcode::I32LtS);
    break;
  case ExprKind::Gt:
    EmitI32(0);
    Emit(Opcode::I32GtS);
    break;
  case ExprKind::Ge:
    EmitI32(-1);
    Emit(Opcode::I32GtS);
    break;
  case ExprKind::Eq: Emit(Opcode::I32Eqz); break;
  default:
    EmitI32(0);
    Emit(Opcode::I32Ne);
    break;
  }
}

void FuncGen::LdToBool() {
  // Non-zero unless both halves are zero apart from the sign bit (NaN is true).
  LdSplit();
  EmitI64(1);
  Emit(Opcode::I64Shl);
  Emit(Opcode::I64Or);
  Emit(Opcode::I64Eqz);
  Emit(Opcode::I32Eqz);
}

void FuncGen::LdConvert(const Type* from, const Type* to) {
  if (from->IsLongDouble() && to->IsLongDouble())
    return;
  if (from->IsLongDouble() && to->kind == TypeKind::Bool) {
    LdToBool();
    return;
  }
  const char* helper = ConvertHelper(from, to);
  wasm::FuncType sig = ConvertSignature(from, to);
  if (to->IsLongDouble()) {
    uint32_t v = Temp(sig.params[1]);
    Emit(Opcode::LocalSet, v);
    uint32_t tmp = FrameAlloc(16, 16);
    PushFrameAddress(tmp);
    Emit(Opcode::LocalGet, v);
    LdCallHelper(helper, sig);
    PushFrameAddress(tmp);
    return;
  }
  LdSplit();
  LdCallHelper(helper, sig);
  if (!Is64(to) && SizeOf(to) < 4 && to->IsInteger())
    Narrow(to);
}

void FuncGen::LdConst(uint64_t lo, uint64_t hi) {
  EmitI32(int32_t(g_.LongDoubleConstant(lo, hi)));
}

void FuncGen::LdConstInt(int64_t v) {
  frontend::F128 q = frontend::F128FromInt(v, false);
  LdConst(q.lo, q.hi);
}

void FuncGen::LdNeg() {
  uint32_t a = Temp(ValType::I32());
  Emit(Opcode::LocalSet, a);
  uint32_t tmp = FrameAlloc(16, 16);
  PushFramePointer();
  Emit(Opcode::LocalGet, a);
  Emit(Opcode::I64Load, 3, 0, 0);
  Emit(Opcode::I64Store, 3, 0, tmp);
  PushFramePointer();
  Emit(Opcode::LocalGet, a);
  Emit(Opcode::I64Load, 3, 0, 8);
  EmitI64(INT64_MIN);
  Emit(Opcode::I64Xor);
  Emit(Opcode::I64Store, 3, 0, tmp + 8);
  PushFrameAddress(tmp);
}

// ++/-- on a long double lvalue: the old value is copied out first when a postfix result is
// wanted (the lvalue itself is overwritten).
void FuncGen::LdIncDec(const Expr* e, bool want) {
  bool inc = e->kind == ExprKind::PreInc || e->kind == ExprKind::PostInc;
  bool post = e->kind == ExprKind::PostInc || e->kind == ExprKind::PostDec;
  LValue lv = GenLValue(e->lhs);
  AddOffset(lv.offset);
  uint32_t addr = Temp(ValType::I32());
  Emit(Opcode::LocalSet, addr);
  uint32_t old = kNone;
  if (post && want) {
    old = FrameAlloc(16, 16);
    PushFrameAddress(old);
    Emit(Opcode::LocalGet, addr);
    EmitI32(16);
    Emit(Opcode::MemoryCopy);
  }
  Emit(Opcode::LocalGet, addr);
  LdConstInt(1);
  LdArith(inc ? ExprKind::Add : ExprKind::Sub);
  uint32_t result = Temp(ValType::I32());
  Emit(Opcode::LocalSet, result);
  Emit(Opcode::LocalGet, addr);
  Emit(Opcode::LocalGet, result);
  EmitI32(16);
  Emit(Opcode::MemoryCopy);
  if (want) {
    if (post)
      PushFrameAddress(old);
    else
      Emit(Opcode::LocalGet, result);
  }
}

} // namespace minicc::backend
