// Lowering of mini-C expressions to Wasm instructions: loads and stores on clang's wasm32 data
// model, C's integer and floating-point semantics (narrow types kept normalised -- sign- or
// zero-extended -- in i32, so every conversion is explicit), short-circuit logic, assignment
// forms, pointer arithmetic, calls (direct, through the table, variadic, struct by value).
#include <cstring>

#include "backend/func_gen.h"

namespace minicc::backend {

using wasm::Opcode;
using wasm::ValKind;
using wasm::ValType;

namespace {

ValKind KindOf(const Type* t) {
  auto v = WasmType(t);
  return v ? v->kind : ValKind::I32;
}

bool IsUnsignedOrPointer(const Type* t) {
  return !IsSignedType(t);
}

// The opcode for `op` on operands of kind k; the table lists them per kind in this order.
Opcode Pick(ValKind k, Opcode i32, Opcode i64, Opcode f32, Opcode f64) {
  switch (k) {
  case ValKind::I64: return i64;
  case ValKind::F32: return f32;
  case ValKind::F64: return f64;
  default: return i32;
  }
}

bool IsComparison(ExprKind k) {
  return k == ExprKind::Lt || k == ExprKind::Gt || k == ExprKind::Le || k == ExprKind::Ge ||
         k == ExprKind::Eq || k == ExprKind::Ne;
}

} // namespace

// ---------------------------------------------------------------------------------------------
// Loads, stores, conversions
// ---------------------------------------------------------------------------------------------
void FuncGen::Load(const Type* t, uint32_t offset) {
  if (t->IsAggregate() || t->IsFunction() || t->IsLongDouble()) {
    AddOffset(offset);
    return;
  }
  Opcode op;
  uint32_t align;
  switch (t->kind) {
  case TypeKind::Bool:
  case TypeKind::UChar:
    op = Opcode::I32Load8U;
    align = 0;
    break;
  case TypeKind::Char:
  case TypeKind::SChar:
    op = Opcode::I32Load8S;
    align = 0;
    break;
  case TypeKind::Short:
    op = Opcode::I32Load16S;
    align = 1;
    break;
  case TypeKind::UShort:
    op = Opcode::I32Load16U;
    align = 1;
    break;
  case TypeKind::LongLong:
  case TypeKind::ULongLong:
    op = Opcode::I64Load;
    align = 3;
    break;
  case TypeKind::Float:
    op = Opcode::F32Load;
    align = 2;
    break;
  case TypeKind::Double:
    op = Opcode::F64Load;
    align = 3;
    break;
  default:
    op = Opcode::I32Load;
    align = 2;
    break;
  }
  Emit(op, align, 0, offset);
}

void FuncGen::Store(const Type* t, uint32_t offset) {
  if (IsMemValue(t)) { // destination address, source address
    uint32_t src = Temp(ValType::I32());
    Emit(Opcode::LocalSet, src);
    AddOffset(offset);
    Emit(Opcode::LocalGet, src);
    EmitI32(int32_t(SizeOf(t)));
    Emit(Opcode::MemoryCopy);
    return;
  }
  Opcode op;
  uint32_t align;
  switch (SizeOf(t)) {
  case 1:
    op = Opcode::I32Store8;
    align = 0;
    break;
  case 2:
    op = Opcode::I32Store16;
    align = 1;
    break;
  case 8:
    op = t->kind == TypeKind::Double ? Opcode::F64Store : Opcode::I64Store;
    align = 3;
    break;
  default:
    op = t->kind == TypeKind::Float ? Opcode::F32Store : Opcode::I32Store;
    align = 2;
    break;
  }
  Emit(op, align, 0, offset);
}

// An i32 holding a value that must be reduced to the narrow type `to`.
void FuncGen::Narrow(const Type* to) {
  switch (to->kind) {
  case TypeKind::Char:
  case TypeKind::SChar: Emit(Opcode::I32Extend8S); break;
  case TypeKind::UChar:
    EmitI32(0xff);
    Emit(Opcode::I32And);
    break;
  case TypeKind::Short: Emit(Opcode::I32Extend16S); break;
  case TypeKind::UShort:
    EmitI32(0xffff);
    Emit(Opcode::I32And);
    break;
  case TypeKind::Bool:
    Emit(Opcode::I32Eqz);
    Emit(Opcode::I32Eqz);
    break;
  default: break;
  }
}

void FuncGen::Convert(const Type* from, const Type* to) {
  if (to->IsVoid()) {
    if (!from->IsVoid())
      Emit(Opcode::Drop);
    return;
  }
  if (from->IsVoid())
    return;
  if (to->IsLongDouble() || from->IsLongDouble()) {
    LdConvert(from, to);
    return;
  }
  if (to->IsAggregate() || from->IsAggregate())
    return; // addresses
  ValKind fk = KindOf(from), tk = KindOf(to);
  if (to->kind == TypeKind::Bool) {
    if (from->kind == TypeKind::Bool)
      return;
    switch (fk) {
    case ValKind::I64:
      Emit(Opcode::I64Eqz);
      Emit(Opcode::I32Eqz);
      return;
    case ValKind::F32:
      Emit(Opcode::F32Const);
      Emit(Opcode::F32Ne);
      return;
    case ValKind::F64:
      Emit(Opcode::F64Const);
      Emit(Opcode::F64Ne);
      return;
    default:
      Emit(Opcode::I32Eqz);
      Emit(Opcode::I32Eqz);
      return;
    }
  }
  bool fsigned = IsSignedType(from), tsigned = IsSignedType(to);
  bool ffloat = fk == ValKind::F32 || fk == ValKind::F64;
  bool tfloat = tk == ValKind::F32 || tk == ValKind::F64;
  if (!ffloat && !tfloat) {
    uint32_t fs = from->IsPointer() || from->IsFunction() ? 4 : SizeOf(from);
    uint32_t ts = to->IsPointer() ? 4 : SizeOf(to);
    if (fk == ValKind::I64 && tk == ValKind::I32) {
      Emit(Opcode::I32WrapI64);
      if (ts < 4)
        Narrow(to);
      return;
    }
    if (fk == ValKind::I32 && tk == ValKind::I64) {
      Emit(fsigned ? Opcode::I64ExtendI32S : Opcode::I64ExtendI32U);
      return;
    }
    if (fk == ValKind::I64)
      return;
    if (ts >= 4)
      return; // i32 to 32-bit: same bits
    if (from->kind == TypeKind::Bool)
      return;
    bool fits = (fs < ts && (tsigned || !fsigned)) || (fs == ts && fsigned == tsigned);
    if (!fits)
      Narrow(to);
    return;
  }
  if (ffloat && tfloat) {
    if (fk == tk)
      return;
    Emit(tk == ValKind::F64 ? Opcode::F64PromoteF32 : Opcode::F32DemoteF64);
    return;
  }
  if (!ffloat) { // integer -> float
    bool f64 = fk == ValKind::I64;
    Opcode op;
    if (tk == ValKind::F32) {
      op = f64 ? (fsigned ? Opcode::F32ConvertI64S : Opcode::F32ConvertI64U)
               : (fsigned ? Opcode::F32ConvertI32S : Opcode::F32ConvertI32U);
    } else {
      op = f64 ? (fsigned ? Opcode::F64ConvertI64S : Opcode::F64ConvertI64U)
               : (fsigned ? Opcode::F64ConvertI32S : Opcode::F64ConvertI32U);
    }
    Emit(op);
    return;
  }
  // float -> integer (C leaves out-of-range values undefined; saturate rather than trap).
  bool src64 = fk == ValKind::F64;
  if (tk == ValKind::I64) {
    Emit(src64 ? (tsigned ? Opcode::I64TruncSatF64S : Opcode::I64TruncSatF64U)
               : (tsigned ? Opcode::I64TruncSatF32S : Opcode::I64TruncSatF32U));
    return;
  }
  bool use_unsigned = !tsigned && SizeOf(to) == 4;
  Emit(src64 ? (use_unsigned ? Opcode::I32TruncSatF64U : Opcode::I32TruncSatF64S)
             : (use_unsigned ? Opcode::I32TruncSatF32U : Opcode::I32TruncSatF32S));
  if (SizeOf(to) < 4)
    Narrow(to);
}

// ---------------------------------------------------------------------------------------------
// Constants
// ---------------------------------------------------------------------------------------------
void FuncGen::EmitConst(const Type* t, int64_t v) {
  if (t->IsLongDouble()) {
    LdConstInt(v);
    return;
  }
  switch (KindOf(t)) {
  case ValKind::I64: EmitI64(v); break;
  case ValKind::F32: {
    float f = float(v);
    uint32_t bits;
    std::memcpy(&bits, &f, 4);
    Emit(Opcode::F32Const, 0, 0, bits);
    break;
  }
  case ValKind::F64: {
    double d = double(v);
    uint64_t bits;
    std::memcpy(&bits, &d, 8);
    Emit(Opcode::F64Const, 0, 0, bits);
    break;
  }
  default: EmitI32(int32_t(v)); break;
  }
}

// Integer constant folding (-O1): literals and casts/arithmetic over them, computed with the
// exact wrap-around of the result type.
std::optional<int64_t> FuncGen::ConstInt(const Expr* e) {
  if (!opt_ || !e->type->IsInteger())
    return std::nullopt;
  // Memoized: Gen asks at every node of a tree, which would be quadratic in its depth.
  auto cached = const_int_cache_.find(e);
  if (cached != const_int_cache_.end())
    return cached->second;
  std::optional<int64_t> v = ConstIntUncached(e);
  const_int_cache_.emplace(e, v);
  return v;
}

std::optional<int64_t> FuncGen::ConstIntUncached(const Expr* e) {
  auto norm = [&](int64_t v) -> int64_t {
    uint32_t size = SizeOf(e->type);
    bool s = IsSignedType(e->type);
    if (e->type->kind == TypeKind::Bool)
      return v != 0;
    switch (size) {
    case 1: return s ? int64_t(int8_t(v)) : int64_t(uint8_t(v));
    case 2: return s ? int64_t(int16_t(v)) : int64_t(uint16_t(v));
    case 4: return s ? int64_t(int32_t(v)) : int64_t(uint32_t(v));
    default: return v;
    }
  };
  switch (e->kind) {
  case ExprKind::IntLit: return norm(e->int_value);
  case ExprKind::Cast:
    if (e->cast == frontend::CastKind::IntegralCast) {
      if (auto v = ConstInt(e->lhs))
        return norm(*v);
    }
    if (e->cast == frontend::CastKind::IntegralToBool) {
      if (auto v = ConstInt(e->lhs))
        return *v != 0;
    }
    return std::nullopt;
  case ExprKind::Add:
  case ExprKind::Sub:
  case ExprKind::Mul:
  case ExprKind::BitAnd:
  case ExprKind::BitOr:
  case ExprKind::BitXor: {
    auto a = ConstInt(e->lhs), b = ConstInt(e->rhs);
    if (!a || !b)
      return std::nullopt;
    uint64_t x = uint64_t(*a), y = uint64_t(*b);
    switch (e->kind) {
    case ExprKind::Add: return norm(int64_t(x + y));
    case ExprKind::Sub: return norm(int64_t(x - y));
    case ExprKind::Mul: return norm(int64_t(x * y));
    case ExprKind::BitAnd: return norm(int64_t(x & y));
    case ExprKind::BitOr: return norm(int64_t(x | y));
    default: return norm(int64_t(x ^ y));
    }
  }
  case ExprKind::Neg: {
    auto a = ConstInt(e->lhs);
    if (!a)
      return std::nullopt;
    return norm(int64_t(0 - uint64_t(*a)));
  }
  case ExprKind::BitNot: {
    auto a = ConstInt(e->lhs);
    if (!a)
      return std::nullopt;
    return norm(~*a);
  }
  default: return std::nullopt;
  }
}

// ---------------------------------------------------------------------------------------------
// Lvalues
// ---------------------------------------------------------------------------------------------
LValue FuncGen::GenLValue(const Expr* e) {
  LValue lv;
  lv.type = e->type;
  switch (e->kind) {
  case ExprKind::VarRef: {
    const Decl* d = e->var;
    if (d->kind == frontend::DeclKind::Function) {
      // A function designator used as an object: its table index stands in for it.
      EmitI32(int32_t(g_.TableIndex(g_.Resolve(d))));
      return lv;
    }
    VarLoc& loc = Loc(d);
    switch (loc.kind) {
    case VarLoc::Kind::Local:
      lv.is_local = true;
      lv.local = loc.index;
      return lv;
    case VarLoc::Kind::Frame:
      PushFramePointer();
      lv.offset = loc.offset;
      return lv;
    case VarLoc::Kind::Indirect: Emit(Opcode::LocalGet, loc.index); return lv;
    case VarLoc::Kind::Global: EmitI32(int32_t(loc.offset)); return lv;
    }
    return lv;
  }
  case ExprKind::StringLit: EmitI32(int32_t(g_.StringAddress(e->str))); return lv;
  case ExprKind::CompoundLiteral: {
    const Decl* d = e->var;
    VarLoc& loc = Loc(d);
    if (loc.kind == VarLoc::Kind::Global) {
      EmitI32(int32_t(loc.offset));
      return lv;
    }
    InitDecl(d);
    PushFramePointer();
    lv.offset = loc.offset;
    return lv;
  }
  case ExprKind::Deref: {
    const Expr* p = e->lhs;
    // Fold a constant index into the memarg offset: *(p + 3) loads at offset 3*size.
    if (opt_ && p->kind == ExprKind::PtrAdd) {
      auto k = ConstInt(p->rhs);
      if (k && *k >= 0 && *k * int64_t(p->elem_size) < (1 << 20)) {
        Gen(p->lhs);
        lv.offset = uint32_t(*k * p->elem_size);
        return lv;
      }
    }
    Gen(p);
    return lv;
  }
  case ExprKind::Member: {
    LValue base;
    if (e->lhs->is_lvalue) {
      base = GenLValue(e->lhs);
    } else {
      Gen(e->lhs); // a record rvalue is its address
    }
    lv.offset = base.offset + e->member->offset;
    if (e->member->bit_width >= 0)
      lv.bitfield = e->member;
    return lv;
  }
  case ExprKind::Cast:
    if (e->cast == frontend::CastKind::NoOp && e->lhs->is_lvalue) {
      LValue inner = GenLValue(e->lhs);
      inner.type = e->type;
      return inner;
    }
    [[fallthrough]];
  default:
    // A record-typed rvalue (call result, assignment, conditional): its address.
    Gen(e);
    return lv;
  }
}

void FuncGen::LoadLValue(const LValue& lv) {
  if (lv.is_local) {
    Emit(Opcode::LocalGet, lv.local);
    return;
  }
  if (lv.bitfield) {
    const Type* unit = lv.bitfield->type;
    bool wide = SizeOf(unit) == 8;
    switch (SizeOf(unit)) {
    case 1: Emit(Opcode::I32Load8U, 0, 0, lv.offset); break;
    case 2: Emit(Opcode::I32Load16U, 1, 0, lv.offset); break;
    case 8: Emit(Opcode::I64Load, 3, 0, lv.offset); break;
    default: Emit(Opcode::I32Load, 2, 0, lv.offset); break;
    }
    (void)wide;
    ExtractBitfield(lv.bitfield);
    return;
  }
  Load(lv.type, lv.offset);
}

void FuncGen::ExtractBitfield(const frontend::Member* m) {
  bool wide = SizeOf(m->type) == 8;
  uint32_t bits = wide ? 64 : 32;
  uint32_t width = uint32_t(m->bit_width), off = m->bit_offset;
  bool is_signed = IsSignedType(m->type) && m->type->kind != TypeKind::Bool;
  auto c = [&](int64_t v) { wide ? EmitI64(v) : EmitI32(int32_t(v)); };
  if (is_signed) {
    if (bits - off - width) {
      c(bits - off - width);
      Emit(wide ? Opcode::I64Shl : Opcode::I32Shl);
    }
    if (bits - width) {
      c(bits - width);
      Emit(wide ? Opcode::I64ShrS : Opcode::I32ShrS);
    }
  } else {
    if (off) {
      c(off);
      Emit(wide ? Opcode::I64ShrU : Opcode::I32ShrU);
    }
    if (width < bits) {
      c(int64_t((uint64_t{1} << width) - 1));
      Emit(wide ? Opcode::I64And : Opcode::I32And);
    }
  }
}

// memory[addr + m->offset] = merge(old unit, value) for a bit-field; value in the unit's kind.
void FuncGen::StoreBitfield(uint32_t addr_local, uint32_t offset, uint32_t value_local,
                            const frontend::Member* m) {
  bool wide = SizeOf(m->type) == 8;
  uint32_t size = SizeOf(m->type);
  uint64_t mask = m->bit_width >= 64 ? ~uint64_t{0} : (uint64_t{1} << m->bit_width) - 1;
  uint64_t shifted = mask << m->bit_offset;
  auto c = [&](uint64_t v) { wide ? EmitI64(int64_t(v)) : EmitI32(int32_t(uint32_t(v))); };
  Emit(Opcode::LocalGet, addr_local);
  Emit(Opcode::LocalGet, addr_local);
  switch (size) {
  case 1: Emit(Opcode::I32Load8U, 0, 0, offset); break;
  case 2: Emit(Opcode::I32Load16U, 1, 0, offset); break;
  case 8: Emit(Opcode::I64Load, 3, 0, offset); break;
  default: Emit(Opcode::I32Load, 2, 0, offset); break;
  }
  c(~shifted);
  Emit(wide ? Opcode::I64And : Opcode::I32And);
  Emit(Opcode::LocalGet, value_local);
  c(mask);
  Emit(wide ? Opcode::I64And : Opcode::I32And);
  if (m->bit_offset) {
    c(m->bit_offset);
    Emit(wide ? Opcode::I64Shl : Opcode::I32Shl);
  }
  Emit(wide ? Opcode::I64Or : Opcode::I32Or);
  switch (size) {
  case 1: Emit(Opcode::I32Store8, 0, 0, offset); break;
  case 2: Emit(Opcode::I32Store16, 1, 0, offset); break;
  case 8: Emit(Opcode::I64Store, 3, 0, offset); break;
  default: Emit(Opcode::I32Store, 2, 0, offset); break;
  }
}

// ---------------------------------------------------------------------------------------------
// Expressions
// ---------------------------------------------------------------------------------------------
void FuncGen::GenDiscard(const Expr* e) {
  switch (e->kind) {
  case ExprKind::Assign: GenAssign(e, false); return;
  case ExprKind::CompoundAssign: GenCompoundAssign(e, false); return;
  case ExprKind::PreInc:
  case ExprKind::PreDec:
  case ExprKind::PostInc:
  case ExprKind::PostDec: GenIncDec(e, false); return;
  case ExprKind::Comma:
    GenDiscard(e->lhs);
    GenDiscard(e->rhs);
    return;
  case ExprKind::Cast:
    if (e->cast == frontend::CastKind::ToVoid) {
      GenDiscard(e->lhs);
      return;
    }
    break;
  case ExprKind::Cond:
    if (e->type->IsVoid() || true) {
      GenCond(e->cond);
      BeginBlock(Opcode::If, std::nullopt);
      GenDiscard(e->lhs);
      Else();
      GenDiscard(e->rhs);
      EndBlock();
      return;
    }
    break;
  case ExprKind::IntLit:
  case ExprKind::FloatLit:
  case ExprKind::VarRef: return;
  default: break;
  }
  Gen(e);
  if (!e->type->IsVoid())
    Emit(Opcode::Drop);
}

// At -O1: can `e` be evaluated whether or not C would evaluate it? True for small integer
// expressions over constants and variables kept in Wasm locals: no side effects, no memory
// access, nothing that traps (no division, no float-to-int conversion). `budget` bounds the size.
bool FuncGen::Speculable(const Expr* e, int& budget) {
  if (!opt_ || --budget < 0 || !(e->type->IsScalar()))
    return false;
  if (ConstInt(e))
    return true;
  switch (e->kind) {
  case ExprKind::VarRef: {
    auto it = vars_.find(e->var);
    return it != vars_.end() && it->second.kind == VarLoc::Kind::Local &&
           (e->type->IsInteger() || e->type->IsPointer());
  }
  case ExprKind::Cast:
    switch (e->cast) {
    case frontend::CastKind::LValueToRValue:
      return e->lhs->kind == ExprKind::VarRef && Speculable(e->lhs, budget);
    case frontend::CastKind::IntegralCast:
    case frontend::CastKind::IntegralToBool:
      return e->lhs->type->IsInteger() && Speculable(e->lhs, budget);
    default: return false;
    }
  case ExprKind::LogNot:
  case ExprKind::BitNot:
  case ExprKind::Neg: return e->type->IsInteger() && Speculable(e->lhs, budget);
  case ExprKind::Add:
  case ExprKind::Sub:
  case ExprKind::BitAnd:
  case ExprKind::BitOr:
  case ExprKind::BitXor:
  case ExprKind::Lt:
  case ExprKind::Gt:
  case ExprKind::Le:
  case ExprKind::Ge:
  case ExprKind::Eq:
  case ExprKind::Ne:
    return (e->lhs->type->IsInteger() || e->lhs->type->IsPointer()) &&
           (e->rhs->type->IsInteger() || e->rhs->type->IsPointer()) &&
           Speculable(e->lhs, budget) && Speculable(e->rhs, budget);
  default: return false;
  }
}

bool FuncGen::Speculable(const Expr* e) {
  int budget = 8;
  return Speculable(e, budget);
}

namespace {

// Does evaluating `e` write a variable (assignment, ++/--)? Calls cannot write variables kept in
// Wasm locals, so they do not count.
bool WritesVariables(const Expr* e) {
  if (!e)
    return false;
  switch (e->kind) {
  case ExprKind::Assign:
  case ExprKind::CompoundAssign:
  case ExprKind::PreInc:
  case ExprKind::PreDec:
  case ExprKind::PostInc:
  case ExprKind::PostDec:
  case ExprKind::VaStart:
  case ExprKind::VaArg:
  case ExprKind::VaEnd:
  case ExprKind::VaCopy:
  case ExprKind::CompoundLiteral: return true;
  default: break;
  }
  if (WritesVariables(e->lhs) || WritesVariables(e->rhs) || WritesVariables(e->cond))
    return true;
  for (const Expr* a : e->args) {
    if (WritesVariables(a))
      return true;
  }
  return false;
}

} // namespace

void FuncGen::GenCond(const Expr* e) {
  // Conversions to _Bool and int of a condition need no normalisation: any non-zero is true.
  if (e->kind == ExprKind::Cast &&
      (e->cast == frontend::CastKind::IntegralToBool ||
       e->cast == frontend::CastKind::PointerToBool) &&
      KindOf(e->lhs->type) == ValKind::I32) {
    GenCond(e->lhs);
    return;
  }
  if (e->kind == ExprKind::LogNot) {
    GenCond(e->lhs);
    Emit(Opcode::I32Eqz);
    return;
  }
  if (e->kind == ExprKind::LogOr && Speculable(e->rhs)) {
    // Only the truth matters: a | b is non-zero iff a || b.
    GenCond(e->lhs);
    GenCond(e->rhs);
    Emit(Opcode::I32Or);
    return;
  }
  Gen(e);
  if (e->type->IsLongDouble()) {
    LdToBool();
    return;
  }
  switch (KindOf(e->type)) {
  case ValKind::I64:
    Emit(Opcode::I64Eqz);
    Emit(Opcode::I32Eqz);
    break;
  case ValKind::F32:
    Emit(Opcode::F32Const);
    Emit(Opcode::F32Ne);
    break;
  case ValKind::F64:
    Emit(Opcode::F64Const);
    Emit(Opcode::F64Ne);
    break;
  default: break;
  }
}

void FuncGen::GenBool(const Expr* e) {
  if (IsComparison(e->kind) || e->kind == ExprKind::LogAnd || e->kind == ExprKind::LogOr ||
      e->kind == ExprKind::LogNot || e->type->kind == TypeKind::Bool) {
    Gen(e);
    return;
  }
  GenCond(e);
  if (KindOf(e->type) == ValKind::I32 && !e->type->IsLongDouble()) {
    Emit(Opcode::I32Eqz);
    Emit(Opcode::I32Eqz);
  }
}

void FuncGen::Gen(const Expr* e) {
  if (auto k = ConstInt(e)) {
    EmitConst(e->type, *k);
    return;
  }
  switch (e->kind) {
  case ExprKind::IntLit: EmitConst(e->type, e->int_value); return;
  case ExprKind::FloatLit:
    if (e->type->IsLongDouble()) {
      LdConst(e->ld_lo, e->ld_hi);
    } else if (e->type->kind == TypeKind::Float) {
      float f = float(e->float_value);
      uint32_t bits;
      std::memcpy(&bits, &f, 4);
      Emit(Opcode::F32Const, 0, 0, bits);
    } else {
      uint64_t bits;
      std::memcpy(&bits, &e->float_value, 8);
      Emit(Opcode::F64Const, 0, 0, bits);
    }
    return;
  case ExprKind::StringLit:
  case ExprKind::VarRef:
  case ExprKind::Deref:
  case ExprKind::Member:
  case ExprKind::CompoundLiteral: {
    LValue lv = GenLValue(e);
    LoadLValue(lv);
    return;
  }
  case ExprKind::Plus: Gen(e->lhs); return;
  case ExprKind::Neg:
    if (e->type->IsLongDouble()) {
      Gen(e->lhs);
      LdNeg();
      return;
    }
    switch (KindOf(e->type)) {
    case ValKind::F32:
      Gen(e->lhs);
      Emit(Opcode::F32Neg);
      return;
    case ValKind::F64:
      Gen(e->lhs);
      Emit(Opcode::F64Neg);
      return;
    case ValKind::I64:
      EmitI64(0);
      Gen(e->lhs);
      Emit(Opcode::I64Sub);
      return;
    default:
      EmitI32(0);
      Gen(e->lhs);
      Emit(Opcode::I32Sub);
      return;
    }
  case ExprKind::BitNot:
    Gen(e->lhs);
    if (Is64(e->type)) {
      EmitI64(-1);
      Emit(Opcode::I64Xor);
    } else {
      EmitI32(-1);
      Emit(Opcode::I32Xor);
    }
    return;
  case ExprKind::LogNot:
    GenCond(e->lhs);
    Emit(Opcode::I32Eqz);
    return;
  case ExprKind::AddrOf: {
    const Expr* x = e->lhs;
    if (x->type->IsFunction() && x->kind == ExprKind::Deref) {
      Gen(x->lhs);
      return;
    }
    LValue lv = GenLValue(x);
    AddOffset(lv.offset);
    return;
  }
  case ExprKind::PreInc:
  case ExprKind::PreDec:
  case ExprKind::PostInc:
  case ExprKind::PostDec: GenIncDec(e, true); return;
  case ExprKind::Assign: GenAssign(e, true); return;
  case ExprKind::CompoundAssign: GenCompoundAssign(e, true); return;
  case ExprKind::Comma:
    GenDiscard(e->lhs);
    Gen(e->rhs);
    return;
  case ExprKind::Cond: {
    if (opt_) {
      if (auto c = ConstInt(e->cond)) {
        Gen(*c ? e->lhs : e->rhs);
        return;
      }
    }
    if (e->type->IsScalar() && Speculable(e->lhs) && Speculable(e->rhs) &&
        !WritesVariables(e->cond)) {
      // Both arms are cheap and pure, and the condition writes no variable they read.
      Gen(e->lhs);
      Gen(e->rhs);
      GenCond(e->cond);
      Emit(Opcode::Select);
      return;
    }
    GenCond(e->cond);
    BeginBlock(Opcode::If, WasmType(e->type));
    Gen(e->lhs);
    Else();
    Gen(e->rhs);
    EndBlock();
    return;
  }
  case ExprKind::LogAnd:
  case ExprKind::LogOr:
    if (Speculable(e->rhs)) {
      // 0/1 values of both sides, the right one evaluated even when C would not: it is pure.
      GenBool(e->lhs);
      GenBool(e->rhs);
      Emit(e->kind == ExprKind::LogAnd ? Opcode::I32And : Opcode::I32Or);
      return;
    }
    if (e->kind == ExprKind::LogOr)
      break;
    GenCond(e->lhs);
    BeginBlock(Opcode::If, ValType::I32());
    GenBool(e->rhs);
    Else();
    EmitI32(0);
    EndBlock();
    return;
  default: break;
  }
  switch (e->kind) {
  case ExprKind::LogOr:
    GenCond(e->lhs);
    BeginBlock(Opcode::If, ValType::I32());
    EmitI32(1);
    Else();
    GenBool(e->rhs);
    EndBlock();
    return;
  case ExprKind::PtrAdd:
  case ExprKind::PtrSub: {
    Gen(e->lhs);
    auto k = opt_ ? ConstInt(e->rhs) : std::nullopt;
    if (k) {
      int64_t delta = *k * int64_t(e->elem_size);
      if (delta == 0)
        return;
      EmitI32(int32_t(e->kind == ExprKind::PtrAdd ? delta : -delta));
      Emit(Opcode::I32Add);
      return;
    }
    Gen(e->rhs);
    if (e->elem_size != 1) {
      EmitI32(int32_t(e->elem_size));
      Emit(Opcode::I32Mul);
    }
    Emit(e->kind == ExprKind::PtrAdd ? Opcode::I32Add : Opcode::I32Sub);
    return;
  }
  case ExprKind::PtrDiff:
    Gen(e->lhs);
    Gen(e->rhs);
    Emit(Opcode::I32Sub);
    if (e->elem_size > 1) {
      EmitI32(int32_t(e->elem_size));
      Emit(Opcode::I32DivS);
    }
    return;
  case ExprKind::Call: GenCall(e); return;
  case ExprKind::Cast: GenCast(e); return;
  case ExprKind::VaStart: {
    LValue lv = GenLValue(e->lhs);
    if (lv.is_local) {
      Emit(Opcode::LocalGet, va_);
      Emit(Opcode::LocalSet, lv.local);
    } else {
      Emit(Opcode::LocalGet, va_);
      Emit(Opcode::I32Store, 2, 0, lv.offset);
    }
    return;
  }
  case ExprKind::VaEnd: return;
  case ExprKind::VaCopy: {
    LValue lv = GenLValue(e->lhs);
    Gen(e->rhs);
    if (lv.is_local) {
      Emit(Opcode::LocalSet, lv.local);
    } else {
      Emit(Opcode::I32Store, 2, 0, lv.offset);
    }
    return;
  }
  case ExprKind::VaArg: GenVaArg(e); return;
  case ExprKind::MemorySize: Emit(Opcode::MemorySize); return;
  case ExprKind::WasmOp: GenWasmOp(e); return;
  case ExprKind::MemoryGrow:
    Gen(e->lhs);
    Emit(Opcode::MemoryGrow);
    return;
  default: GenBinary(e); return;
  }
}

void FuncGen::GenCast(const Expr* e) {
  using frontend::CastKind;
  const Expr* x = e->lhs;
  switch (e->cast) {
  case CastKind::LValueToRValue: {
    LValue lv = GenLValue(x);
    lv.type = e->type->IsAggregate() ? x->type : lv.type;
    LoadLValue(lv);
    return;
  }
  case CastKind::ArrayToPointer: {
    LValue lv = GenLValue(x);
    AddOffset(lv.offset);
    return;
  }
  case CastKind::FunctionToPointer:
    if (x->kind == ExprKind::VarRef) {
      EmitI32(int32_t(g_.TableIndex(g_.Resolve(x->var))));
    } else if (x->kind == ExprKind::Deref) {
      Gen(x->lhs);
    } else {
      Gen(x);
    }
    return;
  case CastKind::ToVoid: GenDiscard(x); return;
  case CastKind::IntegralToBool:
  case CastKind::FloatToBool:
  case CastKind::PointerToBool: GenBool(x); return;
  case CastKind::NoOp:
  case CastKind::BitCast: Gen(x); return;
  default:
    Gen(x);
    Convert(x->type, e->type);
    return;
  }
}

void FuncGen::GenArith(ExprKind op, const Type* t) {
  if (t->IsLongDouble()) {
    LdArith(op);
    return;
  }
  ValKind k = KindOf(t);
  bool s = IsSignedType(t);
  switch (op) {
  case ExprKind::Add:
    Emit(Pick(k, Opcode::I32Add, Opcode::I64Add, Opcode::F32Add, Opcode::F64Add));
    break;
  case ExprKind::Sub:
    Emit(Pick(k, Opcode::I32Sub, Opcode::I64Sub, Opcode::F32Sub, Opcode::F64Sub));
    break;
  case ExprKind::Mul:
    Emit(Pick(k, Opcode::I32Mul, Opcode::I64Mul, Opcode::F32Mul, Opcode::F64Mul));
    break;
  case ExprKind::Div:
    Emit(Pick(k, s ? Opcode::I32DivS : Opcode::I32DivU, s ? Opcode::I64DivS : Opcode::I64DivU,
              Opcode::F32Div, Opcode::F64Div));
    break;
  case ExprKind::Rem:
    Emit(k == ValKind::I64 ? (s ? Opcode::I64RemS : Opcode::I64RemU)
                           : (s ? Opcode::I32RemS : Opcode::I32RemU));
    break;
  case ExprKind::Shl: Emit(k == ValKind::I64 ? Opcode::I64Shl : Opcode::I32Shl); break;
  case ExprKind::Shr:
    Emit(k == ValKind::I64 ? (s ? Opcode::I64ShrS : Opcode::I64ShrU)
                           : (s ? Opcode::I32ShrS : Opcode::I32ShrU));
    break;
  case ExprKind::BitAnd: Emit(k == ValKind::I64 ? Opcode::I64And : Opcode::I32And); break;
  case ExprKind::BitOr: Emit(k == ValKind::I64 ? Opcode::I64Or : Opcode::I32Or); break;
  case ExprKind::BitXor: Emit(k == ValKind::I64 ? Opcode::I64Xor : Opcode::I32Xor); break;
  default: break;
  }
}

void FuncGen::GenBinary(const Expr* e) {
  ExprKind op = e->kind;
  if (IsComparison(op) && e->lhs->type->IsLongDouble()) {
    Gen(e->lhs);
    Gen(e->rhs);
    LdCompare(op);
    return;
  }
  if (IsComparison(op)) {
    const Type* t = e->lhs->type;
    ValKind k = KindOf(t);
    bool u = IsUnsignedOrPointer(t);
    Gen(e->lhs);
    auto rk = opt_ ? ConstInt(e->rhs) : std::nullopt;
    if (rk && *rk == 0 && (op == ExprKind::Eq) && (k == ValKind::I32 || k == ValKind::I64)) {
      Emit(k == ValKind::I64 ? Opcode::I64Eqz : Opcode::I32Eqz);
      return;
    }
    Gen(e->rhs);
    Opcode o = Opcode::I32Eq;
    switch (op) {
    case ExprKind::Eq:
      o = Pick(k, Opcode::I32Eq, Opcode::I64Eq, Opcode::F32Eq, Opcode::F64Eq);
      break;
    case ExprKind::Ne:
      o = Pick(k, Opcode::I32Ne, Opcode::I64Ne, Opcode::F32Ne, Opcode::F64Ne);
      break;
    case ExprKind::Lt:
      o = Pick(k, u ? Opcode::I32LtU : Opcode::I32LtS, u ? Opcode::I64LtU : Opcode::I64LtS,
               Opcode::F32Lt, Opcode::F64Lt);
      break;
    case ExprKind::Gt:
      o = Pick(k, u ? Opcode::I32GtU : Opcode::I32GtS, u ? Opcode::I64GtU : Opcode::I64GtS,
               Opcode::F32Gt, Opcode::F64Gt);
      break;
    case ExprKind::Le:
      o = Pick(k, u ? Opcode::I32LeU : Opcode::I32LeS, u ? Opcode::I64LeU : Opcode::I64LeS,
               Opcode::F32Le, Opcode::F64Le);
      break;
    default:
      o = Pick(k, u ? Opcode::I32GeU : Opcode::I32GeS, u ? Opcode::I64GeU : Opcode::I64GeS,
               Opcode::F32Ge, Opcode::F64Ge);
      break;
    }
    Emit(o);
    return;
  }
  Gen(e->lhs);
  Gen(e->rhs);
  if (op == ExprKind::Shl || op == ExprKind::Shr) {
    ValKind lk = KindOf(e->type), rk = KindOf(e->rhs->type);
    if (lk == ValKind::I64 && rk == ValKind::I32)
      Emit(Opcode::I64ExtendI32U);
    if (lk == ValKind::I32 && rk == ValKind::I64)
      Emit(Opcode::I32WrapI64);
  }
  GenArith(op, e->type);
}

// lhs = rhs. Records are copied with memory.copy; the value of the expression is the new value.
void FuncGen::GenAssign(const Expr* e, bool want) {
  LValue lv = GenLValue(e->lhs);
  const Type* t = e->lhs->type;
  if (lv.is_local) {
    Gen(e->rhs);
    Emit(want ? Opcode::LocalTee : Opcode::LocalSet, lv.local);
    return;
  }
  if (IsMemValue(t)) {
    AddOffset(lv.offset);
    uint32_t dst = kNone;
    if (want) {
      dst = Temp(ValType::I32());
      Emit(Opcode::LocalTee, dst);
    }
    Gen(e->rhs);
    EmitI32(int32_t(SizeOf(t)));
    Emit(Opcode::MemoryCopy);
    if (want)
      Emit(Opcode::LocalGet, dst);
    return;
  }
  if (lv.bitfield) {
    ValType ut = Is64(lv.bitfield->type) ? ValType::I64() : ValType::I32();
    uint32_t addr = Temp(ValType::I32());
    Emit(Opcode::LocalSet, addr);
    uint32_t val = Temp(ut);
    Gen(e->rhs);
    Convert(e->rhs->type, lv.bitfield->type);
    Emit(Opcode::LocalSet, val);
    StoreBitfield(addr, lv.offset, val, lv.bitfield);
    if (want) {
      Emit(Opcode::LocalGet, val);
      // The value of the assignment is the value the field now holds.
      frontend::Member m = *lv.bitfield;
      m.bit_offset = 0;
      ExtractBitfield(&m);
      Convert(lv.bitfield->type, e->type);
    }
    return;
  }
  Gen(e->rhs);
  uint32_t tmp = kNone;
  if (want) {
    tmp = Temp(*WasmType(t));
    Emit(Opcode::LocalTee, tmp);
  }
  Store(t, lv.offset);
  if (want)
    Emit(Opcode::LocalGet, tmp);
}

// ++/--: the lvalue is evaluated once; the new value is computed in the lvalue's type.
void FuncGen::GenIncDec(const Expr* e, bool want) {
  bool inc = e->kind == ExprKind::PreInc || e->kind == ExprKind::PostInc;
  bool post = e->kind == ExprKind::PostInc || e->kind == ExprKind::PostDec;
  const Type* t = e->lhs->type;
  if (t->IsLongDouble()) {
    LdIncDec(e, want);
    return;
  }
  LValue lv = GenLValue(e->lhs);
  // new = old +/- 1 in the promoted type, converted back.
  auto compute = [&] {
    if (t->IsPointer()) {
      EmitI32(int32_t(e->elem_size));
      Emit(inc ? Opcode::I32Add : Opcode::I32Sub);
      return;
    }
    ValKind k = KindOf(t);
    if (t->kind == TypeKind::Bool) {
      // ++b is 1; --b is !b.
      if (inc) {
        Emit(Opcode::Drop);
        EmitI32(1);
      } else {
        Emit(Opcode::I32Eqz);
      }
      return;
    }
    if (k == ValKind::F32 || k == ValKind::F64) {
      EmitConst(t, 1);
    } else if (k == ValKind::I64) {
      EmitI64(1);
    } else {
      EmitI32(1);
    }
    Emit(inc ? Pick(k, Opcode::I32Add, Opcode::I64Add, Opcode::F32Add, Opcode::F64Add)
             : Pick(k, Opcode::I32Sub, Opcode::I64Sub, Opcode::F32Sub, Opcode::F64Sub));
    if (k == ValKind::I32 && SizeOf(t) < 4)
      Narrow(t);
  };
  ValType vt =
      lv.bitfield ? (Is64(lv.bitfield->type) ? ValType::I64() : ValType::I32()) : *WasmType(t);
  if (lv.is_local) {
    if (post && want)
      Emit(Opcode::LocalGet, lv.local);
    Emit(Opcode::LocalGet, lv.local);
    compute();
    Emit(want && !post ? Opcode::LocalTee : Opcode::LocalSet, lv.local);
    return;
  }
  uint32_t addr = Temp(ValType::I32());
  Emit(Opcode::LocalTee, addr);
  if (lv.bitfield) {
    LoadLValue(lv);
    Convert(lv.bitfield->type, t);
    uint32_t old = kNone;
    if (post && want) {
      old = Temp(vt);
      Emit(Opcode::LocalTee, old);
    }
    compute();
    uint32_t val = Temp(vt);
    Emit(Opcode::LocalSet, val);
    StoreBitfield(addr, lv.offset, val, lv.bitfield);
    if (want) {
      if (post) {
        Emit(Opcode::LocalGet, old);
      } else {
        Emit(Opcode::LocalGet, val);
        frontend::Member m = *lv.bitfield;
        m.bit_offset = 0;
        ExtractBitfield(&m);
      }
    }
    return;
  }
  Emit(Opcode::LocalGet, addr);
  Load(t, lv.offset);
  uint32_t tmp = kNone;
  if (post && want) {
    tmp = Temp(vt);
    Emit(Opcode::LocalTee, tmp);
  }
  compute();
  if (!post && want) {
    tmp = Temp(vt);
    Emit(Opcode::LocalTee, tmp);
  }
  Store(t, lv.offset);
  if (want)
    Emit(Opcode::LocalGet, tmp);
}

void FuncGen::GenCompoundAssign(const Expr* e, bool want) {
  const Type* t = e->lhs->type;
  const Type* ct = e->compute_type;
  LValue lv = GenLValue(e->lhs);
  auto compute = [&] {
    if (t->IsPointer()) {
      Gen(e->rhs);
      if (e->elem_size != 1) {
        EmitI32(int32_t(e->elem_size));
        Emit(Opcode::I32Mul);
      }
      Emit(e->op == ExprKind::Add ? Opcode::I32Add : Opcode::I32Sub);
      return;
    }
    Convert(t, ct);
    Gen(e->rhs);
    if (e->op == ExprKind::Shl || e->op == ExprKind::Shr) {
      ValKind lk = KindOf(ct), rk = KindOf(e->rhs->type);
      if (lk == ValKind::I64 && rk == ValKind::I32)
        Emit(Opcode::I64ExtendI32U);
      if (lk == ValKind::I32 && rk == ValKind::I64)
        Emit(Opcode::I32WrapI64);
    }
    GenArith(e->op, ct);
    Convert(ct, t);
  };
  if (lv.is_local) {
    Emit(Opcode::LocalGet, lv.local);
    compute();
    Emit(want ? Opcode::LocalTee : Opcode::LocalSet, lv.local);
    return;
  }
  uint32_t addr = Temp(ValType::I32());
  Emit(Opcode::LocalTee, addr);
  if (lv.bitfield) {
    ValType vt = Is64(lv.bitfield->type) ? ValType::I64() : ValType::I32();
    LoadLValue(lv);
    Convert(lv.bitfield->type, t);
    compute();
    Convert(t, lv.bitfield->type);
    uint32_t val = Temp(vt);
    Emit(Opcode::LocalSet, val);
    StoreBitfield(addr, lv.offset, val, lv.bitfield);
    if (want) {
      Emit(Opcode::LocalGet, val);
      frontend::Member m = *lv.bitfield;
      m.bit_offset = 0;
      ExtractBitfield(&m);
      Convert(lv.bitfield->type, t);
    }
    return;
  }
  Emit(Opcode::LocalGet, addr);
  Load(t, lv.offset);
  compute();
  uint32_t tmp = kNone;
  if (want) {
    tmp = Temp(*WasmType(t));
    Emit(Opcode::LocalTee, tmp);
  }
  Store(t, lv.offset);
  if (want)
    Emit(Opcode::LocalGet, tmp);
}

// va_arg(ap, T): align ap to T's alignment, read T there (records: a pointer to a copy, as
// clang passes aggregates indirectly through `...`), advance ap.
void FuncGen::GenVaArg(const Expr* e) {
  const Type* t = e->type;
  bool indirect = t->IsRecord();
  uint32_t size = indirect ? 4 : SizeOf(t);
  uint32_t align = indirect ? 4 : AlignOf(t);
  if (size < 4)
    size = align = 4; // long double: 16 bytes at 16-byte alignment, as clang reads it
  LValue lv = GenLValue(e->lhs);
  uint32_t addr = kNone;
  if (!lv.is_local) {
    addr = Temp(ValType::I32());
    Emit(Opcode::LocalTee, addr);
    Emit(Opcode::I32Load, 2, 0, lv.offset);
  } else {
    Emit(Opcode::LocalGet, lv.local);
  }
  if (align > 4) {
    EmitI32(int32_t(align - 1));
    Emit(Opcode::I32Add);
    EmitI32(-int32_t(align));
    Emit(Opcode::I32And);
  }
  uint32_t p = Temp(ValType::I32());
  Emit(Opcode::LocalTee, p);
  EmitI32(int32_t(size));
  Emit(Opcode::I32Add);
  if (lv.is_local) {
    Emit(Opcode::LocalSet, lv.local);
  } else {
    uint32_t next = Temp(ValType::I32());
    Emit(Opcode::LocalSet, next);
    Emit(Opcode::LocalGet, addr);
    Emit(Opcode::LocalGet, next);
    Emit(Opcode::I32Store, 2, 0, lv.offset);
  }
  Emit(Opcode::LocalGet, p);
  if (indirect) {
    Emit(Opcode::I32Load, 2, 0, 0);
  } else {
    Load(t, 0);
  }
}

namespace {

// A record value whose object is a temporary that nothing else can refer to: the result of a
// call (its own frame slot) or a compound literal written directly as the operand (its object
// is initialised anew each time the expression is evaluated and its address is not taken).
bool IsFreshRecord(const Expr* a) {
  while (a->kind == ExprKind::Cast && a->cast == frontend::CastKind::LValueToRValue)
    a = a->lhs;
  return a->kind == ExprKind::Call ||
         (a->kind == ExprKind::CompoundLiteral && a->var && !a->var->is_global);
}

} // namespace

void FuncGen::GenCall(const Expr* e) {
  const Expr* callee = e->lhs;
  const Type* fty = callee->type->base;
  Symbol* direct = nullptr;
  if (callee->kind == ExprKind::Cast && callee->cast == frontend::CastKind::FunctionToPointer &&
      callee->lhs->kind == ExprKind::VarRef) {
    direct = g_.Resolve(callee->lhs->var);
    if (direct && direct->def)
      fty = direct->def->type;
  }
  const Type* ret = e->type;
  // A call through a declaration without a prototype (or an implicit declaration) to a
  // function defined with one: the arguments are converted to the parameter types and the
  // result to the call's type, so that the Wasm signatures agree.
  const Type* def_type = direct && direct->def && direct->def->type->has_prototype &&
                                 !direct->def->type->variadic && !ret->IsRecord() &&
                                 !direct->def->type->base->IsRecord()
                             ? direct->def->type
                             : nullptr;
  uint32_t sret_off = kNone;
  if (IsMemValue(ret)) {
    sret_off = FrameAlloc(SizeOf(ret), AlignOf(ret));
    PushFrameAddress(sret_off);
  }
  size_t nfixed = fty->has_prototype ? fty->params.size() : e->args.size();
  wasm::FuncType sig;
  if (sret_off != kNone)
    sig.params.push_back(ValType::I32());
  for (size_t i = 0; i < e->args.size() && i < nfixed; ++i) {
    const Expr* a = e->args[i];
    if (a->type->IsRecord() && opt_ && IsFreshRecord(a)) {
      // A temporary nothing else refers to: the callee may have it instead of a copy.
      Gen(a);
    } else if (a->type->IsRecord()) {
      // By value: the callee gets a pointer to a copy in the caller's frame.
      uint32_t off = FrameAlloc(SizeOf(a->type), AlignOf(a->type));
      PushFrameAddress(off);
      Gen(a);
      EmitI32(int32_t(SizeOf(a->type)));
      Emit(Opcode::MemoryCopy);
      PushFrameAddress(off);
    } else if (a->type->IsLongDouble()) {
      Gen(a);
      LdSplit();
      sig.params.push_back(ValType::I64());
      sig.params.push_back(ValType::I64());
      continue;
    } else {
      Gen(a);
      if (def_type && i < def_type->params.size() && !def_type->params[i]->IsRecord()) {
        Convert(a->type, def_type->params[i]);
        sig.params.push_back(WasmType(def_type->params[i]).value_or(ValType::I32()));
        continue;
      }
    }
    sig.params.push_back(WasmType(a->type).value_or(ValType::I32()));
  }
  if (def_type && e->args.size() < def_type->params.size()) { // too few: zeros
    for (size_t i = e->args.size(); i < def_type->params.size(); ++i) {
      ValType t = WasmType(def_type->params[i]).value_or(ValType::I32());
      EmitZero(t);
      sig.params.push_back(t);
    }
  }
  if (fty->variadic && fty->has_prototype) {
    // The extra arguments go to a buffer in the caller's frame, each at its alignment.
    uint32_t size = 0;
    std::vector<uint32_t> offs;
    for (size_t i = nfixed; i < e->args.size(); ++i) {
      const Type* t = e->args[i]->type;
      uint32_t sz = t->IsRecord() ? 4 : std::max<uint32_t>(SizeOf(t), 4);
      uint32_t al = t->IsRecord() ? 4 : std::max<uint32_t>(AlignOf(t), 4);
      size = (size + al - 1) / al * al;
      offs.push_back(size);
      size += sz;
    }
    if (e->args.size() > nfixed) {
      uint32_t buf = FrameAlloc(size, 16);
      for (size_t i = nfixed; i < e->args.size(); ++i) {
        const Expr* a = e->args[i];
        uint32_t at = buf + offs[i - nfixed];
        if (a->type->IsLongDouble()) {
          PushFrameAddress(at);
          Gen(a);
          EmitI32(16);
          Emit(Opcode::MemoryCopy);
        } else if (a->type->IsRecord() && opt_ && IsFreshRecord(a)) {
          PushFramePointer();
          Gen(a);
          Emit(Opcode::I32Store, 2, 0, at);
        } else if (a->type->IsRecord()) {
          uint32_t copy = FrameAlloc(SizeOf(a->type), AlignOf(a->type));
          PushFrameAddress(copy);
          Gen(a);
          EmitI32(int32_t(SizeOf(a->type)));
          Emit(Opcode::MemoryCopy);
          PushFramePointer();
          PushFrameAddress(copy);
          Emit(Opcode::I32Store, 2, 0, at);
        } else {
          PushFramePointer();
          Gen(a);
          Store(a->type, at);
        }
      }
      PushFrameAddress(buf);
    } else {
      EmitI32(0);
    }
    sig.params.push_back(ValType::I32());
  }
  if (!IsMemValue(ret)) {
    if (auto r = WasmType(ret))
      sig.results.push_back(*r);
  }
  if (direct && direct->func_index != kNone) {
    Emit(Opcode::Call, direct->func_index);
    if (def_type && def_type->base->IsVoid() && !ret->IsVoid())
      EmitZero(*WasmType(ret)); // a void function called as int: its "value" is 0
    else if (def_type)
      Convert(def_type->base, ret);
  } else {
    if (direct) {
      g_.Fail(callee->loc, "undefined function '" + direct->name + "'");
      return;
    }
    Gen(callee);
    if (fty->has_prototype)
      sig = Signature(fty);
    g_.NoteCallIndirect();
    Emit(Opcode::CallIndirect, g_.TypeIndex(sig), 0);
  }
  if (sret_off != kNone)
    PushFrameAddress(sret_off);
}

void FuncGen::GenWasmOp(const Expr* e) {
  static const std::pair<const char*, Opcode> kOps[] = {
      {"__builtin_trap", Opcode::Unreachable},     {"__builtin_sqrt", Opcode::F64Sqrt},
      {"__builtin_sqrtf", Opcode::F32Sqrt},        {"__builtin_fabs", Opcode::F64Abs},
      {"__builtin_fabsf", Opcode::F32Abs},         {"__builtin_floor", Opcode::F64Floor},
      {"__builtin_floorf", Opcode::F32Floor},      {"__builtin_ceil", Opcode::F64Ceil},
      {"__builtin_ceilf", Opcode::F32Ceil},        {"__builtin_trunc", Opcode::F64Trunc},
      {"__builtin_truncf", Opcode::F32Trunc},      {"__builtin_rint", Opcode::F64Nearest},
      {"__builtin_rintf", Opcode::F32Nearest},     {"__builtin_nearbyint", Opcode::F64Nearest},
      {"__builtin_nearbyintf", Opcode::F32Nearest}, {"__builtin_copysign", Opcode::F64Copysign},
      {"__builtin_copysignf", Opcode::F32Copysign}, {"__builtin_unreachable", Opcode::Unreachable},
      {"__builtin_clz", Opcode::I32Clz},            {"__builtin_clzl", Opcode::I32Clz},
      {"__builtin_clzll", Opcode::I64Clz},          {"__builtin_ctz", Opcode::I32Ctz},
      {"__builtin_ctzl", Opcode::I32Ctz},           {"__builtin_ctzll", Opcode::I64Ctz},
      {"__builtin_popcount", Opcode::I32Popcnt},    {"__builtin_popcountl", Opcode::I32Popcnt},
      {"__builtin_popcountll", Opcode::I64Popcnt},
  };
  for (const Expr* a : e->args)
    Gen(a);
  if (e->str.ends_with("ll")) { // a 64-bit count, returned as int
    for (const auto& [name, op] : kOps) {
      if (e->str == name) {
        Emit(op);
        Emit(Opcode::I32WrapI64);
        return;
      }
    }
  }
  for (const auto& [name, op] : kOps) {
    if (e->str == name) {
      Emit(op);
      return;
    }
  }
  g_.Fail(e->loc, "unknown builtin '" + e->str + "'");
}

} // namespace minicc::backend
