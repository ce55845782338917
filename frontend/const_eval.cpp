// Constant expressions (C99 6.6): integer constant expressions (array sizes, case labels,
// enumerators, bit-field widths, static assertions) and the arithmetic and address constants
// that initialise objects with static storage. Arithmetic wraps to the width of each node's type.
#include <cmath>
#include <limits>

#include "frontend/float128.h"
#include "frontend/parser.h"

namespace minicc::frontend {

namespace {

// Truncates v to the width of t and sign- or zero-extends it back.
int64_t Wrap(int64_t v, const Type* t) {
  if (t->kind == TypeKind::Bool)
    return v != 0;
  uint32_t bits = SizeOf(t) * 8;
  if (bits >= 64 || bits == 0)
    return v;
  uint64_t mask = (uint64_t{1} << bits) - 1;
  uint64_t u = static_cast<uint64_t>(v) & mask;
  if (IsSigned(t) && (u >> (bits - 1)))
    u |= ~mask;
  return static_cast<int64_t>(u);
}

std::optional<double> EvalFloat(Parser& p, const Expr* e);
std::optional<F128> EvalLongDouble(Parser& p, const Expr* e);

std::optional<int64_t> EvalIntImpl(Parser& p, const Expr* e, bool strict = true) {
  if (!e || e->invalid)
    return std::nullopt;
  const Type* t = e->type;
  switch (e->kind) {
  case ExprKind::IntLit: return Wrap(e->int_value, t);
  case ExprKind::Cast: {
    if (e->cast == CastKind::LValueToRValue || e->cast == CastKind::ArrayToPointer ||
        e->cast == CastKind::FunctionToPointer) {
      return std::nullopt;
    }
    if (e->lhs->type->IsFloat()) {
      // C99 6.6p6: in an integer constant expression a floating constant may only be the
      // immediate operand of a cast.
      const Expr* lit = e->lhs;
      while (lit->kind == ExprKind::Cast && lit->implicit && lit->lhs->type->IsFloat()) {
        lit = lit->lhs;
      }
      if (strict && lit->kind != ExprKind::FloatLit)
        return std::nullopt;
      if (e->lhs->type->IsLongDouble()) {
        auto q = EvalLongDouble(p, e->lhs);
        if (!q)
          return std::nullopt;
        if (t->kind == TypeKind::Bool)
          return !F128IsZero(*q);
        if (!t->IsInteger())
          return std::nullopt;
        auto v = F128ToInt(*q, !IsSigned(t) && SizeOf(t) == 8);
        if (!v)
          return std::nullopt;
        return Wrap(*v, t);
      }
      auto f = EvalFloat(p, e->lhs);
      if (!f)
        return std::nullopt;
      if (t->kind == TypeKind::Bool)
        return *f != 0;
      if (!t->IsInteger())
        return std::nullopt;
      double d = std::trunc(*f);
      if (!(d > -9.3e18 && d < 1.85e19))
        return std::nullopt;
      if (d >= 9.2e18)
        return Wrap(static_cast<int64_t>(static_cast<uint64_t>(d)), t);
      return Wrap(static_cast<int64_t>(d), t);
    }
    if (!e->lhs->type->IsInteger() || !(t->IsInteger() || t->IsVoid()))
      return std::nullopt;
    auto v = EvalIntImpl(p, e->lhs, strict);
    if (!v)
      return std::nullopt;
    if (t->kind == TypeKind::Bool)
      return *v != 0;
    return Wrap(*v, t);
  }
  case ExprKind::Neg:
  case ExprKind::Plus:
  case ExprKind::BitNot:
  case ExprKind::LogNot: {
    if (e->kind == ExprKind::LogNot && e->lhs->type->IsFloat()) {
      if (strict)
        return std::nullopt;
      if (e->lhs->type->IsLongDouble()) {
        auto q = EvalLongDouble(p, e->lhs);
        if (!q)
          return std::nullopt;
        return F128IsZero(*q);
      }
      auto f = EvalFloat(p, e->lhs);
      if (!f)
        return std::nullopt;
      return *f == 0;
    }
    auto v = EvalIntImpl(p, e->lhs, strict);
    if (!v)
      return std::nullopt;
    switch (e->kind) {
    case ExprKind::Neg: return Wrap(static_cast<int64_t>(0 - static_cast<uint64_t>(*v)), t);
    case ExprKind::Plus: return *v;
    case ExprKind::BitNot: return Wrap(~*v, t);
    default: return *v == 0;
    }
  }
  case ExprKind::LogAnd:
  case ExprKind::LogOr: {
    auto a = EvalIntImpl(p, e->lhs, strict);
    if (!a)
      return std::nullopt;
    if (e->kind == ExprKind::LogAnd && !*a)
      return 0;
    if (e->kind == ExprKind::LogOr && *a)
      return 1;
    auto b = EvalIntImpl(p, e->rhs, strict);
    if (!b)
      return std::nullopt;
    return *b != 0;
  }
  case ExprKind::Cond: {
    auto c = EvalIntImpl(p, e->cond, strict);
    if (!c)
      return std::nullopt;
    return EvalIntImpl(p, *c ? e->lhs : e->rhs, strict);
  }
  case ExprKind::Add:
  case ExprKind::Sub:
  case ExprKind::Mul:
  case ExprKind::Div:
  case ExprKind::Rem:
  case ExprKind::Shl:
  case ExprKind::Shr:
  case ExprKind::BitAnd:
  case ExprKind::BitOr:
  case ExprKind::BitXor:
  case ExprKind::Lt:
  case ExprKind::Gt:
  case ExprKind::Le:
  case ExprKind::Ge:
  case ExprKind::Eq:
  case ExprKind::Ne: {
    const Type* ot = e->lhs->type; // operand type (comparisons: the common type)
    if (ot->IsLongDouble()) {
      if (strict)
        return std::nullopt;
      auto a = EvalLongDouble(p, e->lhs);
      auto b = EvalLongDouble(p, e->rhs);
      if (!a || !b)
        return std::nullopt;
      int c = F128Compare(*a, *b);
      switch (e->kind) {
      case ExprKind::Lt: return c == -1;
      case ExprKind::Gt: return c == 1;
      case ExprKind::Le: return c == -1 || c == 0;
      case ExprKind::Ge: return c == 1 || c == 0;
      case ExprKind::Eq: return c == 0;
      case ExprKind::Ne: return c != 0;
      default: return std::nullopt;
      }
    }
    if (ot->IsFloat()) {
      if (strict)
        return std::nullopt;
      auto a = EvalFloat(p, e->lhs);
      auto b = EvalFloat(p, e->rhs);
      if (!a || !b)
        return std::nullopt;
      switch (e->kind) {
      case ExprKind::Lt: return *a < *b;
      case ExprKind::Gt: return *a > *b;
      case ExprKind::Le: return *a <= *b;
      case ExprKind::Ge: return *a >= *b;
      case ExprKind::Eq: return *a == *b;
      case ExprKind::Ne: return *a != *b;
      default: return std::nullopt;
      }
    }
    if (!ot->IsInteger())
      return std::nullopt;
    auto a = EvalIntImpl(p, e->lhs, strict);
    auto b = EvalIntImpl(p, e->rhs, strict);
    if (!a || !b)
      return std::nullopt;
    bool u = !IsSigned(ot);
    uint64_t ua = static_cast<uint64_t>(*a), ub = static_cast<uint64_t>(*b);
    if (u && SizeOf(ot) < 8) {
      uint64_t mask = (uint64_t{1} << (SizeOf(ot) * 8)) - 1;
      ua &= mask;
      ub &= mask;
    }
    switch (e->kind) {
    case ExprKind::Add: return Wrap(static_cast<int64_t>(ua + ub), t);
    case ExprKind::Sub: return Wrap(static_cast<int64_t>(ua - ub), t);
    case ExprKind::Mul: return Wrap(static_cast<int64_t>(ua * ub), t);
    case ExprKind::Div:
    case ExprKind::Rem:
      if (ub == 0)
        return std::nullopt;
      if (u)
        return Wrap(static_cast<int64_t>(e->kind == ExprKind::Div ? ua / ub : ua % ub), t);
      if (*a == INT64_MIN && *b == -1)
        return std::nullopt;
      return Wrap(e->kind == ExprKind::Div ? *a / *b : *a % *b, t);
    case ExprKind::Shl:
      if (*b < 0 || *b >= static_cast<int64_t>(SizeOf(t) * 8))
        return std::nullopt;
      return Wrap(static_cast<int64_t>(ua << *b), t);
    case ExprKind::Shr:
      if (*b < 0 || *b >= static_cast<int64_t>(SizeOf(t) * 8))
        return std::nullopt;
      return Wrap(u ? static_cast<int64_t>(ua >> *b) : *a >> *b, t);
    case ExprKind::BitAnd: return Wrap(*a & *b, t);
    case ExprKind::BitOr: return Wrap(*a | *b, t);
    case ExprKind::BitXor: return Wrap(*a ^ *b, t);
    case ExprKind::Lt: return u ? ua < ub : *a < *b;
    case ExprKind::Gt: return u ? ua > ub : *a > *b;
    case ExprKind::Le: return u ? ua <= ub : *a <= *b;
    case ExprKind::Ge: return u ? ua >= ub : *a >= *b;
    case ExprKind::Eq: return ua == ub;
    case ExprKind::Ne: return ua != ub;
    default: return std::nullopt;
    }
  }
  default: return std::nullopt;
  }
}

std::optional<double> EvalFloat(Parser& p, const Expr* e) {
  if (!e || e->invalid)
    return std::nullopt;
  auto narrow = [&](double d) -> double {
    return e->type->kind == TypeKind::Float ? static_cast<float>(d) : d;
  };
  switch (e->kind) {
  case ExprKind::FloatLit: return narrow(e->float_value);
  case ExprKind::Cast: {
    if (e->cast == CastKind::LValueToRValue)
      return std::nullopt;
    if (e->lhs->type->IsLongDouble()) {
      auto q = EvalLongDouble(p, e->lhs);
      if (!q)
        return std::nullopt;
      return narrow(F128ToDouble(*q));
    }
    if (e->lhs->type->IsFloat()) {
      auto f = EvalFloat(p, e->lhs);
      if (!f)
        return std::nullopt;
      return narrow(*f);
    }
    if (e->lhs->type->IsInteger()) {
      auto v = EvalIntImpl(p, e->lhs, false);
      if (!v)
        return std::nullopt;
      return narrow(IsSigned(e->lhs->type) ? static_cast<double>(*v)
                                           : static_cast<double>(static_cast<uint64_t>(*v)));
    }
    return std::nullopt;
  }
  case ExprKind::Neg:
  case ExprKind::Plus: {
    auto v = EvalFloat(p, e->lhs);
    if (!v)
      return std::nullopt;
    return e->kind == ExprKind::Neg ? -*v : *v;
  }
  case ExprKind::Add:
  case ExprKind::Sub:
  case ExprKind::Mul:
  case ExprKind::Div: {
    auto a = EvalFloat(p, e->lhs);
    auto b = EvalFloat(p, e->rhs);
    if (!a || !b)
      return std::nullopt;
    double r = e->kind == ExprKind::Add   ? *a + *b
               : e->kind == ExprKind::Sub ? *a - *b
               : e->kind == ExprKind::Mul ? *a * *b
                                          : *a / *b;
    // A NaN made from non-NaN operands (0/0, inf-inf, 0*inf) is the positive quiet NaN, as
    // clang folds it (x86's default NaN, which the host gives, has the sign bit set).
    if (std::isnan(r) && !std::isnan(*a) && !std::isnan(*b))
      r = std::numeric_limits<double>::quiet_NaN();
    return narrow(r);
  }
  case ExprKind::Cond: {
    auto c = EvalIntImpl(p, e->cond, false);
    if (!c) {
      auto cf = EvalFloat(p, e->cond);
      if (!cf)
        return std::nullopt;
      c = *cf != 0;
    }
    return EvalFloat(p, *c ? e->lhs : e->rhs);
  }
  default:
    if (e->type->IsInteger()) {
      auto v = EvalIntImpl(p, e, false);
      if (v)
        return static_cast<double>(*v);
    }
    return std::nullopt;
  }
}

std::optional<F128> EvalLongDouble(Parser& p, const Expr* e) {
  if (!e || e->invalid)
    return std::nullopt;
  if (!e->type->IsLongDouble()) {
    if (e->type->IsInteger()) {
      auto v = EvalIntImpl(p, e, false);
      if (!v)
        return std::nullopt;
      return F128FromInt(*v, !IsSigned(e->type));
    }
    if (e->type->IsFloat()) {
      auto f = EvalFloat(p, e);
      if (!f)
        return std::nullopt;
      return F128FromDouble(*f);
    }
    return std::nullopt;
  }
  switch (e->kind) {
  case ExprKind::FloatLit: return F128{e->ld_lo, e->ld_hi};
  case ExprKind::Cast:
    if (e->cast == CastKind::LValueToRValue)
      return std::nullopt;
    return EvalLongDouble(p, e->lhs);
  case ExprKind::Neg:
  case ExprKind::Plus: {
    auto v = EvalLongDouble(p, e->lhs);
    if (!v)
      return std::nullopt;
    return e->kind == ExprKind::Neg ? F128Neg(*v) : *v;
  }
  case ExprKind::Add:
  case ExprKind::Sub:
  case ExprKind::Mul:
  case ExprKind::Div: {
    auto a = EvalLongDouble(p, e->lhs);
    auto b = EvalLongDouble(p, e->rhs);
    if (!a || !b)
      return std::nullopt;
    char op = e->kind == ExprKind::Add ? '+' : e->kind == ExprKind::Sub ? '-'
              : e->kind == ExprKind::Mul ? '*' : '/';
    return F128Arith(op, *a, *b);
  }
  case ExprKind::Cond: {
    auto c = EvalIntImpl(p, e->cond, false);
    if (!c)
      return std::nullopt;
    return EvalLongDouble(p, *c ? e->lhs : e->rhs);
  }
  default: return std::nullopt;
  }
}

// The address an lvalue designates, for address constants: a static object plus an offset.
std::optional<ConstValue> EvalAddressOfLValue(Parser& p, const Expr* e);

std::optional<ConstValue> EvalAddress(Parser& p, const Expr* e) {
  if (!e || e->invalid)
    return std::nullopt;
  switch (e->kind) {
  case ExprKind::Cast:
    if (e->cast == CastKind::ArrayToPointer || e->cast == CastKind::FunctionToPointer) {
      return EvalAddressOfLValue(p, e->lhs);
    }
    if (e->cast == CastKind::BitCast || e->cast == CastKind::NoOp ||
        ((e->cast == CastKind::PointerToIntegral || e->cast == CastKind::IntegralCast) &&
         SizeOf(e->type) == 4) ||
        e->cast == CastKind::IntegralToPointer) {
      if (e->cast == CastKind::IntegralToPointer) {
        if (auto v = EvalIntImpl(p, e->lhs, false)) {
          ConstValue c;
          c.kind = ConstValue::Kind::Int;
          c.i = static_cast<int64_t>(static_cast<uint32_t>(*v));
          return c;
        }
      }
      return EvalAddress(p, e->lhs);
    }
    return std::nullopt;
  case ExprKind::AddrOf: return EvalAddressOfLValue(p, e->lhs);
  case ExprKind::PtrAdd:
  case ExprKind::PtrSub: {
    auto base = EvalAddress(p, e->lhs);
    auto off = EvalIntImpl(p, e->rhs, false);
    if (!base || !off)
      return std::nullopt;
    int64_t d = *off * static_cast<int64_t>(e->elem_size);
    base->i += e->kind == ExprKind::PtrAdd ? d : -d;
    return base;
  }
  case ExprKind::Cond: {
    auto c = EvalIntImpl(p, e->cond, false);
    if (!c)
      return std::nullopt;
    return EvalAddress(p, *c ? e->lhs : e->rhs);
  }
  default: return std::nullopt;
  }
}

std::optional<ConstValue> EvalAddressOfLValue(Parser& p, const Expr* e) {
  switch (e->kind) {
  case ExprKind::VarRef:
    if (e->var && (e->var->is_global || e->var->kind == DeclKind::Function)) {
      ConstValue c;
      c.kind = ConstValue::Kind::Address;
      c.symbol = e->var;
      return c;
    }
    return std::nullopt;
  case ExprKind::CompoundLiteral:
    if (e->var && e->var->is_global) {
      ConstValue c;
      c.kind = ConstValue::Kind::Address;
      c.symbol = e->var;
      return c;
    }
    return std::nullopt;
  case ExprKind::StringLit: {
    ConstValue c;
    c.kind = ConstValue::Kind::Address;
    c.string = e;
    return c;
  }
  case ExprKind::Member: {
    auto base = EvalAddressOfLValue(p, e->lhs);
    if (!base)
      return std::nullopt;
    base->i += e->member->offset;
    return base;
  }
  case ExprKind::Deref: return EvalAddress(p, e->lhs);
  default: return std::nullopt;
  }
}

} // namespace

std::optional<int64_t> Parser::EvalInt(const Expr* e) {
  return EvalIntImpl(*this, e, true);
}

std::optional<double> Parser::EvalFloatConst(const Expr* e) { return EvalFloat(*this, e); }

std::optional<ConstValue> Parser::EvalConst(const Expr* e) {
  if (!e || e->invalid)
    return std::nullopt;
  if (e->type->IsInteger()) {
    if (auto v = EvalIntImpl(*this, e, false)) {
      ConstValue c;
      c.i = *v;
      return c;
    }
    // An address cast to a pointer-sized integer is still an address constant.
    if (SizeOf(e->type) == 4)
      return EvalAddress(*this, e);
    return std::nullopt;
  }
  if (e->type->IsLongDouble()) {
    if (auto q = EvalLongDouble(*this, e)) {
      ConstValue c;
      c.kind = ConstValue::Kind::Float;
      c.f = F128ToDouble(*q);
      c.ld_lo = q->lo;
      c.ld_hi = q->hi;
      return c;
    }
    return std::nullopt;
  }
  if (e->type->IsFloat()) {
    if (auto v = EvalFloat(*this, e)) {
      ConstValue c;
      c.kind = ConstValue::Kind::Float;
      c.f = *v;
      return c;
    }
    return std::nullopt;
  }
  if (e->type->IsPointer()) {
    if (auto v = EvalIntImpl(*this, e, false)) {
      ConstValue c;
      c.i = *v;
      return c;
    }
    return EvalAddress(*this, e);
  }
  return std::nullopt;
}

} // namespace minicc::frontend
