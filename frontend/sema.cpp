// The type checker (C99 6.3, 6.5): builds typed expression nodes, making every implicit
// conversion an explicit Cast (lvalue conversion, decay, promotions, usual arithmetic
// conversions, assignment conversions), checking operand types and lvalues, scaling pointer
// arithmetic, and reporting errors and warnings with clang's wording.
#include <cmath>
#include <cstdio>

#include <functional>

#include "frontend/parser.h"

namespace minicc::frontend {

Expr* Parser::NewExpr(ExprKind kind, Type* type, SourceLoc loc) {
  Expr* e = arena_.New<Expr>();
  e->kind = kind;
  e->type = type;
  e->loc = loc;
  e->begin = loc;
  return e;
}

Expr* Parser::Invalid(SourceLoc loc) {
  Expr* e = NewExpr(ExprKind::IntLit, Basic(TypeKind::Int), loc);
  e->invalid = true;
  return e;
}

Expr* Parser::IntLit(int64_t v, Type* t, SourceLoc loc) {
  Expr* e = NewExpr(ExprKind::IntLit, t, loc);
  e->int_value = v;
  return e;
}

namespace {

// Marks the variable an lvalue designates as living in memory (its address escapes).
void MarkAddressTaken(Expr* e) {
  while (e) {
    if (e->kind == ExprKind::VarRef || e->kind == ExprKind::CompoundLiteral) {
      if (e->var)
        e->var->address_taken = true;
      return;
    }
    if (e->kind == ExprKind::Member || (e->kind == ExprKind::Cast && e->cast == CastKind::NoOp)) {
      e = e->lhs;
      continue;
    }
    return;
  }
}

int Rank(TypeKind k) {
  switch (k) {
  case TypeKind::Bool: return 0;
  case TypeKind::Char:
  case TypeKind::SChar:
  case TypeKind::UChar: return 1;
  case TypeKind::Short:
  case TypeKind::UShort: return 2;
  case TypeKind::Int:
  case TypeKind::UInt:
  case TypeKind::Enum: return 3;
  case TypeKind::Long:
  case TypeKind::ULong: return 4;
  default: return 5;
  }
}

TypeKind UnsignedOf(TypeKind k) {
  switch (k) {
  case TypeKind::Int: return TypeKind::UInt;
  case TypeKind::Long: return TypeKind::ULong;
  case TypeKind::LongLong: return TypeKind::ULongLong;
  default: return k;
  }
}

const Member* BitField(const Expr* e) {
  while (e && e->kind == ExprKind::Cast && e->cast == CastKind::LValueToRValue)
    e = e->lhs;
  if (e && e->kind == ExprKind::Member && e->member && e->member->bit_width >= 0) {
    return e->member;
  }
  return nullptr;
}

} // namespace

Expr* Parser::RValue(Expr* e) {
  if (e->invalid)
    return e;
  if (e->type->IsFunction()) {
    Expr* c = NewExpr(ExprKind::Cast, PointerTo(e->type), e->loc);
    c->cast = CastKind::FunctionToPointer;
    c->implicit = true;
    c->lhs = e;
    c->begin = e->begin;
    c->length = e->length;
    return c;
  }
  if (e->type->IsArray()) {
    MarkAddressTaken(e);
    Expr* c = NewExpr(ExprKind::Cast, PointerTo(e->type->base), e->loc);
    c->cast = CastKind::ArrayToPointer;
    c->implicit = true;
    c->lhs = e;
    c->begin = e->begin;
    c->length = e->length;
    return c;
  }
  if (e->is_lvalue) {
    Expr* c = NewExpr(ExprKind::Cast, Unqual(e->type), e->loc);
    c->cast = CastKind::LValueToRValue;
    c->implicit = true;
    c->lhs = e;
    c->begin = e->begin;
    c->length = e->length;
    return c;
  }
  return e;
}

Expr* Parser::Cast(Expr* e, Type* to, bool implicit) {
  if (e->invalid)
    return e;
  const Type* from = e->type;
  CastKind k = CastKind::NoOp;
  if (to->IsVoid()) {
    k = CastKind::ToVoid;
  } else if (to->kind == TypeKind::Bool && from->kind != TypeKind::Bool) {
    k = from->IsFloat()     ? CastKind::FloatToBool
        : from->IsPointer() ? CastKind::PointerToBool
                            : CastKind::IntegralToBool;
  } else if (to->IsInteger() && from->IsInteger()) {
    if (SizeOf(to) == SizeOf(from) && IsSigned(to) == IsSigned(from)) {
      if (Compatible(Unqual(const_cast<Type*>(from)), Unqual(to))) {
        if (implicit)
          return e;
        k = CastKind::NoOp;
      } else {
        k = CastKind::IntegralCast;
      }
    } else {
      k = CastKind::IntegralCast;
    }
  } else if (to->IsFloat() && from->IsInteger()) {
    k = CastKind::IntegralToFloat;
  } else if (to->IsInteger() && from->IsFloat()) {
    k = CastKind::FloatToIntegral;
  } else if (to->IsFloat() && from->IsFloat()) {
    if (to->kind == from->kind) {
      if (implicit)
        return e;
      k = CastKind::NoOp;
    } else {
      k = CastKind::FloatCast;
    }
  } else if (to->IsPointer() && from->IsInteger()) {
    k = CastKind::IntegralToPointer;
  } else if (to->IsInteger() && from->IsPointer()) {
    k = CastKind::PointerToIntegral;
  } else if (to->IsPointer() && from->IsPointer()) {
    if (implicit && Compatible(from, to))
      return e;
    k = CastKind::BitCast;
  } else {
    if (implicit && Compatible(Unqual(const_cast<Type*>(from)), Unqual(to)))
      return e;
    k = CastKind::NoOp;
  }
  Expr* c = NewExpr(ExprKind::Cast, to, e->loc);
  c->cast = k;
  c->implicit = implicit;
  c->lhs = e;
  c->begin = e->begin;
  c->length = e->length;
  return c;
}

Type* Parser::PromotedType(const Expr* e) {
  Type* t = Unqual(e->type);
  if (const Member* bf = BitField(e)) {
    if (bf->bit_width < 32 || (bf->bit_width == 32 && IsSigned(t)))
      return Basic(TypeKind::Int);
    if (bf->bit_width == 32)
      return Basic(TypeKind::UInt);
    return t;
  }
  if (t->kind == TypeKind::Enum)
    return Basic(t->enum_unsigned ? TypeKind::UInt : TypeKind::Int);
  if (t->IsInteger() && Rank(t->kind) < 3)
    return Basic(TypeKind::Int);
  return t;
}

Expr* Parser::Promote(Expr* e) {
  e = RValue(e);
  if (e->invalid || !e->type->IsInteger())
    return e;
  Type* p = PromotedType(e);
  if (p != Unqual(e->type))
    return Cast(e, p, true);
  return e;
}

Type* Parser::UsualArithmetic(Type* a, Type* b) {
  if (a->kind == TypeKind::LongDouble || b->kind == TypeKind::LongDouble)
    return Basic(TypeKind::LongDouble);
  if (a->kind == TypeKind::Double || b->kind == TypeKind::Double)
    return Basic(TypeKind::Double);
  if (a->kind == TypeKind::Float || b->kind == TypeKind::Float)
    return Basic(TypeKind::Float);
  if (a->kind == TypeKind::Enum)
    a = Basic(a->enum_unsigned ? TypeKind::UInt : TypeKind::Int);
  if (b->kind == TypeKind::Enum)
    b = Basic(b->enum_unsigned ? TypeKind::UInt : TypeKind::Int);
  if (a->kind == b->kind)
    return Unqual(a);
  bool sa = IsSigned(a), sb = IsSigned(b);
  if (sa == sb)
    return Rank(a->kind) >= Rank(b->kind) ? Unqual(a) : Unqual(b);
  Type* u = sa ? b : a;
  Type* s = sa ? a : b;
  if (Rank(u->kind) >= Rank(s->kind))
    return Unqual(u);
  if (SizeOf(s) > SizeOf(u))
    return Unqual(s);
  return Basic(UnsignedOf(s->kind));
}

bool Parser::IsNullPointerConstant(const Expr* e) {
  while (e->kind == ExprKind::Cast && (e->implicit || e->type->IsPointer())) {
    if (e->type->IsPointer() && !(e->type->base->IsVoid() && e->type->base->quals == 0)) {
      return false;
    }
    e = e->lhs;
  }
  if (!e->type->IsInteger())
    return false;
  auto v = EvalInt(e);
  return v && *v == 0;
}

Expr* Parser::CheckScalar(Expr* e, const char* what) {
  if (e->invalid)
    return e;
  e = RValue(e);
  if (!e->type->IsScalar()) {
    comp_.Error(e->begin, std::string(what) + " ('" + TN(e->type) + "' invalid)", e->length);
    return Invalid(e->begin);
  }
  return e;
}

bool Parser::CheckModifiable(Expr* e, SourceLoc loc, const char* action) {
  (void)action;
  if (!e->is_lvalue) {
    comp_.Error(loc, "expression is not assignable");
    return false;
  }
  if (e->type->IsArray()) {
    comp_.Error(loc, "array type '" + TN(e->type) + "' is not assignable");
    return false;
  }
  if (e->type->IsFunction()) {
    comp_.Error(loc, "non-object type '" + TN(e->type) + "' is not assignable");
    return false;
  }
  // Const-qualified object, or a member of one.
  const Expr* root = e;
  bool const_found = e->type->IsConst();
  while (!const_found && root->kind == ExprKind::Member && root->lhs) {
    root = root->lhs;
    const_found = root->type->IsConst();
  }
  if (const_found) {
    const Expr* v = e;
    while (v->kind == ExprKind::Member && v->lhs)
      v = v->lhs;
    if (v->kind == ExprKind::VarRef && v->var) {
      comp_.Error(loc, "cannot assign to variable '" + v->var->name +
                           "' with const-qualified type '" + TN(v->var->type) + "'");
    } else {
      comp_.Error(loc, "read-only variable is not assignable");
    }
    return false;
  }
  if (e->type->IsRecord()) {
    std::function<bool(const RecordInfo*)> has_const = [&](const RecordInfo* r) {
      for (const Member& m : r->members) {
        if (m.type->IsConst() || (m.type->IsRecord() && has_const(m.type->record)))
          return true;
      }
      return false;
    };
    if (has_const(e->type->record)) {
      comp_.Error(loc, "cannot assign to lvalue with const-qualified data member");
      return false;
    }
  }
  if (!IsComplete(e->type) && !e->type->IsVoid()) {
    comp_.Error(loc, "incomplete type '" + TN(e->type) + "' is not assignable");
    return false;
  }
  return true;
}

namespace {

std::string Phrase(AssignContext ctx, const std::string& to, const std::string& from,
                   bool incompatible) {
  std::string inc = incompatible ? "incompatible " : "";
  switch (ctx) {
  case AssignContext::Assign:
    return "assigning to '" + to + "' from " + inc + (incompatible ? "type '" : "'") + from + "'";
  case AssignContext::Init:
    return "initializing '" + to + "' with an expression of " + inc + "type '" + from + "'";
  case AssignContext::Pass:
    return "passing '" + from + "' to parameter of " + inc + "type '" + to + "'";
  case AssignContext::Return:
    return "returning '" + from + "' from a function with " + inc + "result type '" + to + "'";
  }
  return "";
}

} // namespace

Expr* Parser::AssignConvert(Expr* e, Type* to, AssignContext ctx, SourceLoc loc) {
  if (e->invalid)
    return e;
  e = RValue(e);
  Type* from = e->type;
  auto error = [&]() {
    comp_.Error(loc, Phrase(ctx, TN(to), TN(from), true), e->length);
    return Invalid(loc);
  };
  if (to->IsArithmetic() && from->IsArithmetic()) {
    // -Wconstant-conversion / -Wliteral-conversion (on by default in clang).
    if (to->IsInteger() && to->kind != TypeKind::Bool && from->IsInteger() &&
        SizeOf(to) < SizeOf(from) && !BitField(e)) {
      if (auto v = EvalInt(e)) {
        int64_t x = *v;
        uint32_t bits = SizeOf(to) * 8;
        int64_t lo = -(int64_t{1} << (bits - 1));
        int64_t hi = (int64_t{1} << bits) - 1;
        if (x < lo || x > hi) {
          int64_t conv = x & ((int64_t{1} << bits) - 1);
          if (IsSigned(to) && (conv >> (bits - 1)))
            conv -= int64_t{1} << bits;
          comp_.Warning(e->begin,
                        "implicit conversion from '" + TN(from) + "' to '" + TN(to) +
                            "' changes value from " + std::to_string(x) + " to " +
                            std::to_string(conv),
                        e->length);
        }
      }
    }
    if (to->IsInteger() && to->kind != TypeKind::Bool && from->IsFloat()) {
      const Expr* lit = e;
      while (lit->kind == ExprKind::Cast && lit->implicit)
        lit = lit->lhs;
      bool neg = false;
      if (lit->kind == ExprKind::Neg) {
        neg = true;
        lit = lit->lhs;
        while (lit->kind == ExprKind::Cast && lit->implicit)
          lit = lit->lhs;
      }
      if (lit->kind == ExprKind::FloatLit && lit->float_value != std::trunc(lit->float_value)) {
        double v = neg ? -lit->float_value : lit->float_value;
        char buf[64];
        std::snprintf(buf, sizeof buf, "%g", v);
        comp_.Warning(e->begin,
                      "implicit conversion from '" + TN(from) + "' to '" + TN(to) +
                          "' changes value from " + buf + " to " +
                          std::to_string(static_cast<long long>(std::trunc(v))),
                      e->length);
      }
    }
    return Cast(e, to, true);
  }
  if (to->kind == TypeKind::Bool && from->IsPointer())
    return Cast(e, to, true);
  if (to->IsPointer()) {
    if (from->IsPointer()) {
      Type* pt = to->base;
      Type* pf = from->base;
      bool discards = (pf->quals & ~pt->quals) != 0;
      bool void_side = Unqual(pt)->IsVoid() || Unqual(pf)->IsVoid();
      if (!void_side && !Compatible(Unqual(pt), Unqual(pf))) {
        Type* upt = Unqual(pt);
        Type* upf = Unqual(pf);
        if (upt->IsInteger() && upf->IsInteger() && SizeOf(upt) == SizeOf(upf) &&
            upt->kind != TypeKind::Bool && upf->kind != TypeKind::Bool &&
            IsSigned(upt) != IsSigned(upf) &&
            (Rank(upt->kind) == Rank(upf->kind) || upt->kind == TypeKind::Enum ||
             upf->kind == TypeKind::Enum)) {
          comp_.Warning(loc,
                        Phrase(ctx, TN(to), TN(from), false) +
                            " converts between pointers to integer types with different "
                            "sign",
                        e->length);
        } else {
          comp_.Warning(loc, "incompatible pointer types " + Phrase(ctx, TN(to), TN(from), false),
                        e->length);
        }
      } else if (discards) {
        comp_.Warning(loc, Phrase(ctx, TN(to), TN(from), false) + " discards qualifiers",
                      e->length);
      }
      return Cast(e, to, true);
    }
    if (from->IsInteger()) {
      if (!IsNullPointerConstant(e)) {
        comp_.Warning(loc,
                      "incompatible integer to pointer conversion " +
                          Phrase(ctx, TN(to), TN(from), false) +
                          (Compatible(Unqual(to->base), from) ? "; take the address with &" : ""),
                      e->length);
      }
      return Cast(e, to, true);
    }
    return error();
  }
  if (to->IsInteger() && from->IsPointer()) {
    comp_.Warning(loc,
                  "incompatible pointer to integer conversion " +
                      Phrase(ctx, TN(to), TN(from), false) +
                      (Compatible(Unqual(from->base), to) ? "; dereference with *" : ""),
                  e->length);
    return Cast(e, to, true);
  }
  if (to->IsRecord() && from->IsRecord() && Compatible(Unqual(to), Unqual(from)))
    return e;
  return error();
}

Expr* Parser::BuildUnary(ExprKind op, Expr* e, SourceLoc loc) {
  if (e->invalid)
    return e;
  switch (op) {
  case ExprKind::Plus:
  case ExprKind::Neg:
  case ExprKind::BitNot: {
    Expr* v = Promote(e);
    bool ok = op == ExprKind::BitNot ? v->type->IsInteger() : v->type->IsArithmetic();
    if (!ok) {
      comp_.Error(loc, "invalid argument type '" + TN(v->type) + "' to unary expression");
      return Invalid(loc);
    }
    Expr* r = NewExpr(op, v->type, loc);
    r->lhs = v;
    return r;
  }
  case ExprKind::LogNot: {
    Expr* v = RValue(e);
    if (!v->type->IsScalar()) {
      comp_.Error(loc, "invalid argument type '" + TN(v->type) + "' to unary expression");
      return Invalid(loc);
    }
    Expr* r = NewExpr(op, Basic(TypeKind::Int), loc);
    r->lhs = v;
    return r;
  }
  case ExprKind::Deref: {
    Expr* v = RValue(e);
    if (!v->type->IsPointer()) {
      comp_.Error(loc, "indirection requires pointer operand ('" + TN(v->type) + "' invalid)");
      return Invalid(loc);
    }
    Type* pointee = v->type->base;
    Expr* r = NewExpr(ExprKind::Deref, pointee, loc);
    r->lhs = v;
    r->is_lvalue = !pointee->IsVoid() && !pointee->IsFunction();
    if (pointee->IsVoid()) {
      comp_.Warning(loc,
                    "ISO C does not allow indirection on operand of type '" + TN(v->type) + "'");
    }
    return r;
  }
  case ExprKind::AddrOf: {
    if (BitField(e)) {
      comp_.Error(loc, "address of bit-field requested");
      return Invalid(loc);
    }
    if (!e->is_lvalue && !e->type->IsFunction() &&
        !(e->type->IsArray() && e->kind == ExprKind::StringLit)) {
      // The result of `*p` with p a void* or function pointer is still addressable.
      if (!(e->kind == ExprKind::Deref)) {
        comp_.Error(loc, "cannot take the address of an rvalue of type '" + TN(e->type) + "'");
        return Invalid(loc);
      }
    }
    MarkAddressTaken(e);
    Expr* r = NewExpr(ExprKind::AddrOf, PointerTo(e->type), loc);
    r->lhs = e;
    return r;
  }
  case ExprKind::PreInc:
  case ExprKind::PreDec:
  case ExprKind::PostInc:
  case ExprKind::PostDec: {
    bool inc = op == ExprKind::PreInc || op == ExprKind::PostInc;
    if (!e->type->IsScalar() && e->is_lvalue) {
      comp_.Error(loc, std::string("cannot ") + (inc ? "increment" : "decrement") +
                           " value of type '" + TN(e->type) + "'");
      return Invalid(loc);
    }
    if (!CheckModifiable(e, loc, "increment"))
      return Invalid(loc);
    Expr* r = NewExpr(op, Unqual(e->type), loc);
    r->lhs = e;
    if (e->type->IsPointer()) {
      Type* p = e->type->base;
      if (!IsComplete(p) && !p->IsVoid() && !p->IsFunction()) {
        comp_.Error(loc, "arithmetic on a pointer to an incomplete type '" + TN(p) + "'");
        return Invalid(loc);
      }
      r->elem_size = SizeOf(p);
      if (IsVariablyModified(p)) {
        // ++p on a pointer to a VLA: p += size (p++: (p += size) - size), in bytes.
        Type* l = Basic(TypeKind::Long);
        Expr* size = Cast(SizeExpr(p, loc), l, true);
        Expr* add = NewExpr(ExprKind::CompoundAssign, Unqual(e->type), loc);
        add->op = inc ? ExprKind::Add : ExprKind::Sub;
        add->lhs = e;
        add->rhs = size;
        add->compute_type = Unqual(e->type);
        add->elem_size = 1;
        if (op == ExprKind::PreInc || op == ExprKind::PreDec)
          return add;
        Expr* back = NewExpr(inc ? ExprKind::PtrSub : ExprKind::PtrAdd, Unqual(e->type), loc);
        back->lhs = add;
        back->rhs = size;
        back->elem_size = 1;
        return back;
      }
    }
    return r;
  }
  default: return Invalid(loc);
  }
}

// The integer operand of pointer arithmetic on a pointer to a variably modified type, in bytes:
// i * sizeof *p (the node's elem_size is then 1). Other pointers: unchanged.
Expr* Parser::ScaleVla(Expr* i, Type* ptr) {
  if (!IsVariablyModified(ptr->base))
    return i;
  Type* l = Basic(TypeKind::Long);
  Expr* m = NewExpr(ExprKind::Mul, l, i->loc);
  m->lhs = i;
  m->rhs = Cast(SizeExpr(ptr->base, i->loc), l, true);
  return m;
}

Expr* Parser::BuildBinary(ExprKind op, Expr* l, Expr* r, SourceLoc loc) {
  if (l->invalid || r->invalid)
    return Invalid(loc);
  auto invalid_operands = [&](Expr* a, Expr* b) {
    comp_.Error(loc, "invalid operands to binary expression ('" + TN(a->type) + "' and '" +
                         TN(b->type) + "')");
    return Invalid(loc);
  };
  auto make = [&](ExprKind k, Type* t, Expr* a, Expr* b) {
    Expr* e = NewExpr(k, t, loc);
    e->lhs = a;
    e->rhs = b;
    return e;
  };
  if (op == ExprKind::LogAnd || op == ExprKind::LogOr) {
    Expr* a = RValue(l);
    Expr* b = RValue(r);
    if (!a->type->IsScalar() || !b->type->IsScalar())
      return invalid_operands(a, b);
    return make(op, Basic(TypeKind::Int), a, b);
  }
  Expr* a = Promote(l);
  Expr* b = Promote(r);
  Type* ta = a->type;
  Type* tb = b->type;
  auto arith = [&](bool integer_only) -> Expr* {
    bool ok = integer_only ? ta->IsInteger() && tb->IsInteger()
                           : ta->IsArithmetic() && tb->IsArithmetic();
    if (!ok)
      return invalid_operands(a, b);
    Type* t = UsualArithmetic(ta, tb);
    Expr* e = make(op, t, Cast(a, t, true), Cast(b, t, true));
    // Constant operands that make a NaN (0.0/0.0, inf-inf): the positive quiet NaN, as clang
    // folds it; at run time x86 hosts (the interpreter's and node's) give a negative one.
    if (t->IsFloat()) {
      if (auto v = EvalFloatConst(e); v && std::isnan(*v)) {
        Expr* lit = NewExpr(ExprKind::FloatLit, t, loc);
        lit->float_value = *v;
        lit->begin = e->begin;
        lit->length = e->length;
        return lit;
      }
    }
    return e;
  };
  auto pointee_ok = [&](Type* p) {
    Type* pt = p->base;
    if (!IsComplete(pt) && !pt->IsVoid() && !pt->IsFunction()) {
      comp_.Error(loc, "arithmetic on a pointer to an incomplete type '" + TN(pt) + "'");
      return false;
    }
    return true;
  };
  switch (op) {
  case ExprKind::Mul:
  case ExprKind::Div: {
    Expr* e = arith(false);
    if (!e->invalid && e->type->IsInteger()) {
      auto v = EvalInt(e->rhs);
      if (v && *v == 0 && op == ExprKind::Div) {
        comp_.Warning(loc, "division by zero is undefined");
      }
    }
    return e;
  }
  case ExprKind::Rem: {
    Expr* e = arith(true);
    if (!e->invalid) {
      auto v = EvalInt(e->rhs);
      if (v && *v == 0)
        comp_.Warning(loc, "remainder by zero is undefined");
    }
    return e;
  }
  case ExprKind::BitAnd:
  case ExprKind::BitOr:
  case ExprKind::BitXor: return arith(true);
  case ExprKind::Shl:
  case ExprKind::Shr: {
    if (!ta->IsInteger() || !tb->IsInteger())
      return invalid_operands(a, b);
    if (auto v = EvalInt(b)) {
      if (*v < 0)
        comp_.Warning(loc, "shift count is negative");
      else if (*v >= static_cast<int64_t>(SizeOf(ta) * 8)) {
        comp_.Warning(loc, "shift count >= width of type");
      }
    }
    return make(op, ta, a, b);
  }
  case ExprKind::Add: {
    if (ta->IsArithmetic() && tb->IsArithmetic())
      return arith(false);
    if (tb->IsPointer() && ta->IsInteger())
      std::swap(a, b), std::swap(ta, tb);
    if (ta->IsPointer() && tb->IsInteger()) {
      if (!pointee_ok(ta))
        return Invalid(loc);
      Expr* e = make(ExprKind::PtrAdd, ta, a, ScaleVla(Cast(b, Basic(TypeKind::Long), true), ta));
      e->elem_size = IsVariablyModified(ta->base) ? 1 : SizeOf(ta->base);
      return e;
    }
    return invalid_operands(a, b);
  }
  case ExprKind::Sub: {
    if (ta->IsArithmetic() && tb->IsArithmetic())
      return arith(false);
    if (ta->IsPointer() && tb->IsInteger()) {
      if (!pointee_ok(ta))
        return Invalid(loc);
      Expr* e = make(ExprKind::PtrSub, ta, a, ScaleVla(Cast(b, Basic(TypeKind::Long), true), ta));
      e->elem_size = IsVariablyModified(ta->base) ? 1 : SizeOf(ta->base);
      return e;
    }
    if (ta->IsPointer() && tb->IsPointer()) {
      if (!Compatible(Unqual(ta->base), Unqual(tb->base))) {
        comp_.Error(loc,
                    "'" + TN(ta) + "' and '" + TN(tb) + "' are not pointers to compatible types");
        return Invalid(loc);
      }
      if (!pointee_ok(ta))
        return Invalid(loc);
      Expr* e = make(ExprKind::PtrDiff, Basic(TypeKind::Long), a, b);
      e->elem_size = SizeOf(ta->base);
      if (IsVariablyModified(ta->base)) { // byte difference / run-time element size
        e->elem_size = 1;
        Expr* q = make(ExprKind::Div, Basic(TypeKind::Long), e,
                       Cast(SizeExpr(ta->base, loc), Basic(TypeKind::Long), true));
        return q;
      }
      return e;
    }
    return invalid_operands(a, b);
  }
  case ExprKind::Lt:
  case ExprKind::Gt:
  case ExprKind::Le:
  case ExprKind::Ge:
  case ExprKind::Eq:
  case ExprKind::Ne: {
    bool equality = op == ExprKind::Eq || op == ExprKind::Ne;
    if (ta->IsArithmetic() && tb->IsArithmetic()) {
      Type* t = UsualArithmetic(ta, tb);
      return make(op, Basic(TypeKind::Int), Cast(a, t, true), Cast(b, t, true));
    }
    if (ta->IsPointer() && tb->IsPointer()) {
      Type* pa = Unqual(ta->base);
      Type* pb = Unqual(tb->base);
      bool voidp = pa->IsVoid() || pb->IsVoid();
      if (!Compatible(pa, pb) && !(equality && voidp)) {
        comp_.Warning(loc, std::string("comparison of distinct pointer types ('") + TN(ta) +
                               "' and '" + TN(tb) + "')");
      }
      return make(op, Basic(TypeKind::Int), a, Cast(b, ta, true));
    }
    if (ta->IsPointer() && tb->IsInteger()) {
      if (!IsNullPointerConstant(b) || !equality) {
        comp_.Warning(loc, std::string(equality ? "comparison" : "ordered comparison") +
                               " between pointer and integer ('" + TN(ta) + "' and '" + TN(tb) +
                               "')");
      }
      return make(op, Basic(TypeKind::Int), a, Cast(b, ta, true));
    }
    if (ta->IsInteger() && tb->IsPointer()) {
      if (!IsNullPointerConstant(a) || !equality) {
        comp_.Warning(loc, std::string(equality ? "comparison" : "ordered comparison") +
                               " between pointer and integer ('" + TN(ta) + "' and '" + TN(tb) +
                               "')");
      }
      return make(op, Basic(TypeKind::Int), Cast(a, tb, true), b);
    }
    return invalid_operands(a, b);
  }
  default: return invalid_operands(a, b);
  }
}

Expr* Parser::BuildAssign(ExprKind op, Expr* l, Expr* r, SourceLoc loc) {
  if (l->invalid || r->invalid)
    return Invalid(loc);
  if (!CheckModifiable(l, loc, "assign"))
    return Invalid(loc);
  Type* lt = Unqual(l->type);
  if (op == ExprKind::Assign) {
    Expr* rhs = AssignConvert(r, lt, AssignContext::Assign, loc);
    if (rhs->invalid)
      return Invalid(loc);
    Expr* e = NewExpr(ExprKind::Assign, lt, loc);
    e->lhs = l;
    e->rhs = rhs;
    return e;
  }
  Expr* e = NewExpr(ExprKind::CompoundAssign, lt, loc);
  e->op = op;
  e->lhs = l;
  Expr* b = Promote(r);
  if (lt->IsPointer() && (op == ExprKind::Add || op == ExprKind::Sub) && b->type->IsInteger()) {
    Type* p = lt->base;
    if (!IsComplete(p) && !p->IsVoid() && !p->IsFunction()) {
      comp_.Error(loc, "arithmetic on a pointer to an incomplete type '" + TN(p) + "'");
      return Invalid(loc);
    }
    e->rhs = ScaleVla(Cast(b, Basic(TypeKind::Long), true), lt);
    e->compute_type = lt;
    e->elem_size = IsVariablyModified(p) ? 1 : SizeOf(p);
    return e;
  }
  Type* pl = PromotedType(l);
  bool integer_only = op == ExprKind::Rem || op == ExprKind::Shl || op == ExprKind::Shr ||
                      op == ExprKind::BitAnd || op == ExprKind::BitOr || op == ExprKind::BitXor;
  bool ok = integer_only ? pl->IsInteger() && b->type->IsInteger()
                         : pl->IsArithmetic() && b->type->IsArithmetic();
  if (!ok) {
    comp_.Error(loc, "invalid operands to binary expression ('" + TN(l->type) + "' and '" +
                         TN(b->type) + "')");
    return Invalid(loc);
  }
  if (op == ExprKind::Shl || op == ExprKind::Shr) {
    e->compute_type = pl;
    e->rhs = b;
  } else {
    e->compute_type = UsualArithmetic(pl, b->type);
    e->rhs = Cast(b, e->compute_type, true);
  }
  return e;
}

Expr* Parser::BuildConditional(Expr* c, Expr* a, Expr* b, SourceLoc loc) {
  if (c->invalid || a->invalid || b->invalid)
    return Invalid(loc);
  c = CheckScalar(c, "used type");
  if (c->invalid)
    return c;
  Expr* x = RValue(a);
  Expr* y = RValue(b);
  Type* tx = x->type;
  Type* ty = y->type;
  Type* t = nullptr;
  if (tx->IsArithmetic() && ty->IsArithmetic()) {
    x = Promote(x);
    y = Promote(y);
    t = UsualArithmetic(x->type, y->type);
  } else if (tx->IsVoid() && ty->IsVoid()) {
    t = Basic(TypeKind::Void);
  } else if (tx->IsRecord() && ty->IsRecord() && Compatible(Unqual(tx), Unqual(ty))) {
    t = Unqual(tx);
  } else if (tx->IsPointer() && ty->IsPointer()) {
    Type* px = tx->base;
    Type* py = ty->base;
    uint8_t q = px->quals | py->quals;
    if (IsNullPointerConstant(y))
      t = tx;
    else if (IsNullPointerConstant(x))
      t = ty;
    else if (Unqual(px)->IsVoid() || Unqual(py)->IsVoid()) {
      t = PointerTo(Qualified(Basic(TypeKind::Void), q));
    } else if (Compatible(Unqual(px), Unqual(py))) {
      t = PointerTo(Qualified(Unqual(px), q));
    } else {
      comp_.Warning(loc, "pointer type mismatch ('" + TN(tx) + "' and '" + TN(ty) + "')");
      t = PointerTo(Basic(TypeKind::Void));
    }
  } else if (tx->IsPointer() && ty->IsInteger()) {
    if (!IsNullPointerConstant(y)) {
      comp_.Warning(loc, "pointer/integer type mismatch in conditional expression ('" + TN(tx) +
                             "' and '" + TN(ty) + "')");
    }
    t = tx;
  } else if (tx->IsInteger() && ty->IsPointer()) {
    if (!IsNullPointerConstant(x)) {
      comp_.Warning(loc, "pointer/integer type mismatch in conditional expression ('" + TN(tx) +
                             "' and '" + TN(ty) + "')");
    }
    t = ty;
  } else {
    comp_.Error(loc, "incompatible operand types ('" + TN(tx) + "' and '" + TN(ty) + "')");
    return Invalid(loc);
  }
  Expr* e = NewExpr(ExprKind::Cond, t, loc);
  e->cond = c;
  e->lhs = t->IsVoid() ? x : Cast(x, t, true);
  e->rhs = t->IsVoid() ? y : Cast(y, t, true);
  return e;
}

Expr* Parser::BuildCall(Expr* fn, std::vector<Expr*> args, SourceLoc loc, SourceLoc rparen) {
  if (fn->invalid)
    return Invalid(loc);
  for (Expr* a : args) {
    if (a->invalid)
      return Invalid(loc);
  }
  Decl* callee = fn->kind == ExprKind::VarRef ? fn->var : nullptr;
  Expr* f = RValue(fn);
  if (!f->type->IsPointer() || !f->type->base->IsFunction()) {
    comp_.Error(
        loc, "called object type '" + TN(f->type) + "' is not a function or function pointer", 1);
    return Invalid(loc);
  }
  Type* ft = f->type->base;
  size_t n = ft->params.size();
  if (ft->has_prototype) {
    if (args.size() < n || (args.size() > n && !ft->variadic)) {
      bool few = args.size() < n;
      std::string msg = std::string(few ? "too few" : "too many") +
                        " arguments to function call, " +
                        (ft->variadic ? "at least argument count " : "expected ") +
                        std::to_string(n) + ", have " + std::to_string(args.size());
      if (ft->variadic) {
        msg = "too few arguments to function call, at least argument count " + std::to_string(n) +
              ", have " + std::to_string(args.size());
      } else if (!few && n == 1) {
        auto ps = fn_params_.find(ft);
        if (ps != fn_params_.end() && ps->second.size() == 1 && !ps->second[0]->name.empty()) {
          msg = "too many arguments to function call, expected single argument '" +
                ps->second[0]->name + "', have " + std::to_string(args.size()) + " arguments";
        }
      }
      comp_.Error(few ? rparen : args[n]->begin, msg);
      if (callee)
        comp_.Note(callee->loc, "'" + callee->name + "' declared here");
      return Invalid(loc);
    }
  }
  Expr* call = NewExpr(ExprKind::Call, Unqual(ft->base), loc);
  call->lhs = f;
  for (size_t i = 0; i < args.size(); ++i) {
    Expr* a = args[i];
    Expr* conv;
    if (ft->has_prototype && i < n) {
      conv = AssignConvert(a, Unqual(ft->params[i]), AssignContext::Pass, a->begin);
    } else {
      // Default argument promotions (C99 6.5.2.2p6).
      conv = Promote(a);
      if (!conv->invalid && conv->type->kind == TypeKind::Float) {
        conv = Cast(conv, Basic(TypeKind::Double), true);
      }
      if (!conv->invalid && conv->type->IsVoid()) {
        comp_.Error(a->begin, "argument type 'void' is incomplete", a->length);
        conv = Invalid(a->begin);
      }
      if (!conv->invalid && conv->type->IsRecord() && !IsComplete(conv->type)) {
        comp_.Error(a->begin, "argument type '" + TN(conv->type) + "' is incomplete", a->length);
        conv = Invalid(a->begin);
      }
    }
    if (conv->invalid)
      return Invalid(loc);
    call->args.push_back(conv);
  }
  Type* ret = ft->base;
  if (!ret->IsVoid() && !IsComplete(ret)) {
    comp_.Error(loc, "calling function with incomplete return type '" + TN(ret) + "'");
    return Invalid(loc);
  }
  return call;
}

Expr* Parser::BuildMember(Expr* base, const std::string& name, bool arrow, SourceLoc loc,
                          SourceLoc name_loc) {
  if (base->invalid)
    return base;
  Expr* obj = base;
  if (arrow) {
    Expr* p = RValue(base);
    if (!p->type->IsPointer()) {
      comp_.Error(loc, "member reference type '" + TN(p->type) + "' is not a pointer");
      return Invalid(loc);
    }
    if (!p->type->base->IsRecord()) {
      comp_.Error(loc, "member reference base type '" + TN(p->type->base) +
                           "' is not a structure or union");
      return Invalid(loc);
    }
    obj = NewExpr(ExprKind::Deref, p->type->base, loc);
    obj->lhs = p;
    obj->is_lvalue = true;
    obj->begin = base->begin;
  } else if (!base->type->IsRecord()) {
    if (base->type->IsPointer() && base->type->base->IsRecord()) {
      comp_.Error(loc, "member reference type '" + TN(base->type) +
                           "' is a pointer; did you mean to use '->'?");
    } else {
      comp_.Error(loc, "member reference base type '" + TN(base->type) +
                           "' is not a structure or union");
    }
    return Invalid(loc);
  }
  Type* rt = obj->type;
  if (!rt->record->complete) {
    comp_.Error(loc, "incomplete definition of type '" + TN(rt) + "'");
    return Invalid(loc);
  }
  // Path through anonymous members to the named one.
  std::vector<const Member*> path;
  std::function<bool(const RecordInfo*)> find = [&](const RecordInfo* r) -> bool {
    for (const Member& m : r->members) {
      if (!m.name.empty() && m.name == name) {
        path.push_back(&m);
        return true;
      }
      if (m.name.empty() && m.type->IsRecord()) {
        path.push_back(&m);
        if (find(m.type->record))
          return true;
        path.pop_back();
      }
    }
    return false;
  };
  if (!find(rt->record)) {
    comp_.Error(name_loc, "no member named '" + name + "' in '" + TN(Unqual(rt)) + "'");
    return Invalid(loc);
  }
  Expr* e = obj;
  for (const Member* m : path) {
    Expr* me =
        NewExpr(ExprKind::Member, Qualified(m->type, e->type->quals & (kConst | kVolatile)), loc);
    me->lhs = e;
    me->member = m;
    me->is_lvalue = e->is_lvalue;
    me->begin = base->begin;
    e = me;
  }
  return e;
}

Expr* Parser::BuildSubscript(Expr* a, Expr* i, SourceLoc loc) {
  if (a->invalid || i->invalid)
    return Invalid(loc);
  Expr* array_expr = a;
  Expr* pa = RValue(a);
  Expr* pi = RValue(i);
  if (pa->type->IsInteger() && pi->type->IsPointer()) {
    std::swap(pa, pi);
    array_expr = i;
  }
  if (!pa->type->IsPointer()) {
    comp_.Error(loc, "subscripted value is not an array, pointer, or vector");
    return Invalid(loc);
  }
  if (!pi->type->IsInteger()) {
    comp_.Error(loc, "array subscript is not an integer");
    return Invalid(loc);
  }
  if (comp_.options().wall && Unqual(pi->type)->kind == TypeKind::Char) {
    comp_.Warning(pi->begin, "array subscript is of type 'char'", pi->length);
  }
  // -Warray-bounds on constant indexes into arrays of known size.
  if (array_expr->type->IsArray() && array_expr->type->array_len >= 0 &&
      !array_expr->type->vla_count) {
    if (auto v = EvalInt(pi)) {
      int64_t n = array_expr->type->array_len;
      if (*v < 0) {
        comp_.Warning(array_expr->begin,
                      "array index " + std::to_string(*v) + " is before the beginning of the array",
                      pi->length);
      } else if (*v >= n && !(n == 0 || (n == 1 && array_expr->kind == ExprKind::Member))) {
        comp_.Warning(array_expr->begin,
                      "array index " + std::to_string(*v) +
                          " is past the end of the array (which contains " + std::to_string(n) +
                          " element" + (n == 1 ? "" : "s") + ")",
                      pi->length);
      }
    }
  }
  Expr* sum = BuildBinary(ExprKind::Add, pa, pi, loc);
  if (sum->invalid)
    return sum;
  return BuildUnary(ExprKind::Deref, sum, loc);
}

Expr* Parser::BuildIdentifier(const Token& t) {
  if (t.text == "__func__") {
    if (!fn_) {
      comp_.Warning(t.loc, "predefined identifier is only valid inside function");
      Expr* s = NewExpr(ExprKind::StringLit, ArrayOf(Basic(TypeKind::Char), 1), t.loc);
      s->str = std::string(1, '\0');
      s->is_lvalue = true;
      return s;
    }
    Decl* d = nullptr;
    for (Decl* l : fn_->locals) {
      if (l->name == "__func__")
        d = l;
    }
    if (!d) {
      d = arena_.New<Decl>();
      d->kind = DeclKind::Var;
      d->name = "__func__";
      std::string bytes = fn_->name + '\0';
      d->type =
          ArrayOf(Qualified(Basic(TypeKind::Char), kConst), static_cast<int64_t>(bytes.size()));
      d->loc = t.loc;
      d->storage = StorageClass::Static;
      d->is_global = true;
      d->is_local_static = true;
      d->is_defined = true;
      d->is_used = true;
      Expr* s = NewExpr(ExprKind::StringLit,
                        ArrayOf(Basic(TypeKind::Char), static_cast<int64_t>(bytes.size())), t.loc);
      s->str = bytes;
      s->is_lvalue = true;
      d->init = arena_.New<Initializer>();
      InitEntry e;
      e.type = d->type;
      e.value = s;
      d->init->entries.push_back(e);
      fn_->locals.push_back(d);
    }
    Expr* e = NewExpr(ExprKind::VarRef, d->type, t.loc);
    e->var = d;
    e->is_lvalue = true;
    return e;
  }
  Decl* d = LookupVar(t.text);
  if (!d) {
    comp_.Error(t.loc, "use of undeclared identifier '" + t.text + "'", t.length);
    return Invalid(t.loc);
  }
  d->is_used = true;
  for (Decl* p = d->previous; p; p = p->previous)
    p->is_used = true;
  switch (d->kind) {
  case DeclKind::EnumConst: return IntLit(d->enum_value, Basic(TypeKind::Int), t.loc);
  case DeclKind::Typedef:
    comp_.Error(t.loc, "unexpected type name '" + t.text + "': expected expression", t.length);
    return Invalid(t.loc);
  default: break;
  }
  Expr* e = NewExpr(ExprKind::VarRef, d->type, t.loc);
  e->var = d;
  e->is_lvalue = d->kind != DeclKind::Function;
  return e;
}

Expr* Parser::BuildExplicitCast(Type* to, Expr* e, SourceLoc loc) {
  if (e->invalid)
    return e;
  if (to->IsVoid())
    return Cast(RValue(e), Basic(TypeKind::Void), false);
  Expr* v = RValue(e);
  Type* from = v->type;
  if (!to->IsScalar()) {
    if (to->IsRecord() && from->IsRecord() && Compatible(Unqual(to), Unqual(from))) {
      return Cast(v, Unqual(to), false); // GNU: cast to the same struct type
    }
    comp_.Error(loc, "used type '" + TN(to) + "' where arithmetic or pointer type is required");
    return Invalid(loc);
  }
  if (!from->IsScalar()) {
    comp_.Error(loc,
                "operand of type '" + TN(from) + "' where arithmetic or pointer type is required");
    return Invalid(loc);
  }
  if (to->IsPointer() && from->IsFloat()) {
    comp_.Error(loc, "operand of type '" + TN(from) + "' cannot be cast to a pointer type");
    return Invalid(loc);
  }
  if (to->IsFloat() && from->IsPointer()) {
    comp_.Error(v->begin, "pointer cannot be cast to type '" + TN(to) + "'", v->length);
    return Invalid(loc);
  }
  Expr* c = Cast(v, Unqual(to), false);
  c->is_lvalue = false;
  return c;
}

Expr* Parser::BuildSizeofAlignof(bool is_sizeof, Type* t, SourceLoc loc, uint32_t length) {
  const char* op = is_sizeof ? "sizeof" : "alignof";
  if (t->IsFunction()) {
    comp_.Warning(loc, std::string("invalid application of '") + op + "' to a function type",
                  length);
    return IntLit(1, Basic(TypeKind::ULong), loc);
  }
  if (t->IsVoid())
    return IntLit(1, Basic(TypeKind::ULong), loc);
  if (!IsComplete(t)) {
    comp_.Error(loc,
                std::string("invalid application of '") + op + "' to an incomplete type '" + TN(t) +
                    "'",
                length);
    return Invalid(loc);
  }
  if (is_sizeof && t->IsArray() && IsVariablyModified(t)) {
    Expr* e = SizeExpr(t, loc);
    e->begin = loc;
    e->length = length;
    return e;
  }
  Expr* e = IntLit(is_sizeof ? SizeOf(t) : AlignOf(t), Basic(TypeKind::ULong), loc);
  e->length = length;
  return e;
}

void Parser::WarnUnusedResult(Expr* e) {
  if (!e || e->invalid)
    return;
  switch (e->kind) {
  case ExprKind::Assign:
  case ExprKind::CompoundAssign:
  case ExprKind::PreInc:
  case ExprKind::PreDec:
  case ExprKind::PostInc:
  case ExprKind::PostDec:
  case ExprKind::Call:
  case ExprKind::VaStart:
  case ExprKind::VaEnd:
  case ExprKind::VaCopy:
  case ExprKind::VaArg:
  case ExprKind::MemoryGrow:
  case ExprKind::WasmOp: return;
  case ExprKind::Comma: WarnUnusedResult(e->rhs); return;
  case ExprKind::PtrAdd:
  case ExprKind::PtrSub: // p++ on a pointer to a VLA: (p += size) - size
    if (e->lhs->kind == ExprKind::CompoundAssign)
      return;
    break;
  case ExprKind::Cast:
    if (e->cast == CastKind::ToVoid)
      return;
    if (e->implicit) {
      WarnUnusedResult(e->lhs);
      return;
    }
    break;
  case ExprKind::Cond: return;  // clang warns only when both arms are unused values
  case ExprKind::Deref: return; // clang: a plain load through a pointer is not flagged in C
  case ExprKind::LogAnd:
  case ExprKind::LogOr: return;
  case ExprKind::Eq:
  case ExprKind::Ne:
    comp_.Warning(e->loc, std::string(e->kind == ExprKind::Eq ? "equality" : "inequality") +
                              " comparison result unused");
    return;
  default: break;
  }
  comp_.Warning(e->loc, "expression result unused", e->length);
}

} // namespace minicc::frontend
