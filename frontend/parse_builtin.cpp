// Builtins the headers and the stdlib rely on: the __builtin_va_* family behind <stdarg.h>,
// __builtin_offsetof behind offsetof, and the WebAssembly memory builtins
// (__builtin_wasm_memory_size / __builtin_wasm_memory_grow). Also the Parse() entry point.
#include "frontend/parser.h"

namespace minicc::frontend {

namespace {
bool IsVaList(const Type* t) {
  return t->IsPointer() && t->base->kind == TypeKind::Char;
}
} // namespace

// __builtin_NAME '(' arguments ')'
Expr* Parser::ParseBuiltin(const Token& name) {
  const std::string& n = name.text;
  SourceLoc loc = name.loc;
  if (!Expect("("))
    return Invalid(loc);
  auto finish = [&](Expr* e) {
    if (!Accept(")")) {
      comp_.Error(Tok().loc, "expected ')'");
      SkipUntil(")", true);
      return Invalid(loc);
    }
    e->begin = loc;
    e->length = PrevEnd().offset - loc.offset;
    return e;
  };
  auto va_operand = [&](Expr* ap) -> bool {
    if (ap->invalid)
      return false;
    if (!ap->is_lvalue || !IsVaList(ap->type)) {
      comp_.Error(ap->begin, "first argument to '" + n + "' must be a 'va_list'", ap->length);
      return false;
    }
    return true;
  };
  auto parse_args = [&] {
    std::vector<Expr*> args;
    if (!Is(")")) {
      while (true) {
        args.push_back(ParseAssign());
        if (!Accept(","))
          break;
      }
    }
    return args;
  };
  if (n == "__builtin_va_start") {
    Expr* ap = ParseAssign();
    Expr* last = nullptr;
    if (Accept(","))
      last = ParseAssign();
    if (!va_operand(ap)) {
      SkipUntil(")", true);
      return Invalid(loc);
    }
    if (!fn_ || !fn_->type->variadic) {
      comp_.Error(loc, "'va_start' used in function with fixed args");
    } else if (last && !last->invalid &&
               !(last->kind == ExprKind::VarRef && !fn_->params.empty() &&
                 last->var == fn_->params.back())) {
      comp_.Warning(last->begin, "second argument to 'va_start' is not the last named parameter",
                    last->length);
    }
    Expr* e = NewExpr(ExprKind::VaStart, Basic(TypeKind::Void), loc);
    e->lhs = ap;
    return finish(e);
  }
  if (n == "__builtin_va_end") {
    Expr* ap = ParseAssign();
    if (!va_operand(ap)) {
      SkipUntil(")", true);
      return Invalid(loc);
    }
    Expr* e = NewExpr(ExprKind::VaEnd, Basic(TypeKind::Void), loc);
    e->lhs = ap;
    return finish(e);
  }
  if (n == "__builtin_va_copy") {
    Expr* dst = ParseAssign();
    if (!Expect(",")) {
      SkipUntil(")", true);
      return Invalid(loc);
    }
    Expr* src = ParseAssign();
    if (!va_operand(dst) || src->invalid) {
      SkipUntil(")", true);
      return Invalid(loc);
    }
    Expr* e = NewExpr(ExprKind::VaCopy, Basic(TypeKind::Void), loc);
    e->lhs = dst;
    e->rhs = RValue(src);
    return finish(e);
  }
  if (n == "__builtin_va_arg") {
    Expr* ap = ParseAssign();
    if (!Expect(",")) {
      SkipUntil(")", true);
      return Invalid(loc);
    }
    Type* t = ParseTypeName();
    if (!va_operand(ap)) {
      SkipUntil(")", true);
      return Invalid(loc);
    }
    if (!IsComplete(t)) {
      comp_.Error(loc, "second argument to 'va_arg' is of incomplete type '" + TN(t) + "'");
    } else if ((t->IsInteger() && SizeOf(t) < 4) || t->kind == TypeKind::Float) {
      comp_.Warning(loc, "second argument to 'va_arg' is of promotable type '" + TN(t) +
                             "'; this va_arg has undefined behavior because arguments will be "
                             "promoted to '" +
                             (t->IsFloat() ? "double" : "int") + "'");
    }
    Expr* e = NewExpr(ExprKind::VaArg, Unqual(t), loc);
    e->lhs = ap;
    return finish(e);
  }
  if (n == "__builtin_offsetof") {
    Type* t = ParseTypeName();
    if (!Expect(",")) {
      SkipUntil(")", true);
      return Invalid(loc);
    }
    int64_t off = 0;
    bool first = true;
    while (true) {
      if (first || Accept(".")) {
        if (Tok().kind != TokenKind::Ident) {
          comp_.Error(Tok().loc, "expected identifier");
          SkipUntil(")", true);
          return Invalid(loc);
        }
        std::string m = Tok().text;
        SourceLoc ml = Tok().loc;
        Next();
        if (!t->IsRecord() || !t->record->complete) {
          comp_.Error(ml,
                      "offsetof requires struct, union, or class type, '" + TN(t) + "' invalid");
          SkipUntil(")", true);
          return Invalid(loc);
        }
        Expr dummy;
        dummy.type = t;
        dummy.is_lvalue = true;
        dummy.loc = ml;
        Expr* me = BuildMember(&dummy, m, false, ml, ml);
        if (me->invalid) {
          SkipUntil(")", true);
          return Invalid(loc);
        }
        for (Expr* x = me; x != &dummy; x = x->lhs)
          off += x->member->offset;
        if (me->member->bit_width >= 0) {
          comp_.Error(ml, "cannot compute offset of bit-field '" + m + "'");
        }
        t = me->type;
        first = false;
        continue;
      }
      if (Accept("[")) {
        bool ok = true;
        int64_t i = ParseConstInt("offsetof index", nullptr, &ok);
        Expect("]");
        if (!t->IsArray()) {
          comp_.Error(Tok().loc, "subscripted value is not an array, pointer, or vector");
          SkipUntil(")", true);
          return Invalid(loc);
        }
        off += i * SizeOf(t->base);
        t = t->base;
        continue;
      }
      break;
    }
    return finish(IntLit(off, Basic(TypeKind::ULong), loc));
  }
  if (n == "__builtin_wasm_memory_size" || n == "__builtin_wasm_memory_grow") {
    bool grow = n == "__builtin_wasm_memory_grow";
    std::vector<Expr*> args = parse_args();
    size_t want = grow ? 2 : 1;
    if (args.size() != want) {
      comp_.Error(Tok().loc, std::string("too ") + (args.size() < want ? "few" : "many") +
                                 " arguments to function call, expected " + std::to_string(want) +
                                 ", have " + std::to_string(args.size()));
      SkipUntil(")", true);
      return Invalid(loc);
    }
    for (Expr* a : args) {
      if (a->invalid) {
        SkipUntil(")", true);
        return Invalid(loc);
      }
    }
    auto idx = EvalInt(args[0]);
    if (!idx || *idx != 0) {
      comp_.Error(args[0]->begin, "argument to '" + n + "' must be the constant 0 (memory index)",
                  args[0]->length);
    }
    Expr* e =
        NewExpr(grow ? ExprKind::MemoryGrow : ExprKind::MemorySize, Basic(TypeKind::ULong), loc);
    if (grow)
      e->lhs = AssignConvert(args[1], Basic(TypeKind::ULong), AssignContext::Pass, args[1]->begin);
    return finish(e);
  }
  // Builtins that are one Wasm instruction on double/float operands (and __builtin_trap).
  // The bit-counting builtins take an unsigned operand and give an int (`arg` is set).
  struct WasmBuiltin {
    const char* name;
    int arity;
    TypeKind type;
    TypeKind arg = TypeKind::Void;
  };
  static const WasmBuiltin kWasmBuiltins[] = {
      {"__builtin_trap", 0, TypeKind::Void},       {"__builtin_sqrt", 1, TypeKind::Double},
      {"__builtin_sqrtf", 1, TypeKind::Float},     {"__builtin_fabs", 1, TypeKind::Double},
      {"__builtin_fabsf", 1, TypeKind::Float},     {"__builtin_floor", 1, TypeKind::Double},
      {"__builtin_floorf", 1, TypeKind::Float},    {"__builtin_ceil", 1, TypeKind::Double},
      {"__builtin_ceilf", 1, TypeKind::Float},     {"__builtin_trunc", 1, TypeKind::Double},
      {"__builtin_truncf", 1, TypeKind::Float},    {"__builtin_rint", 1, TypeKind::Double},
      {"__builtin_rintf", 1, TypeKind::Float},     {"__builtin_nearbyint", 1, TypeKind::Double},
      {"__builtin_nearbyintf", 1, TypeKind::Float}, {"__builtin_copysign", 2, TypeKind::Double},
      {"__builtin_copysignf", 2, TypeKind::Float},
      {"__builtin_unreachable", 0, TypeKind::Void},
      {"__builtin_clz", 1, TypeKind::Int, TypeKind::UInt},
      {"__builtin_clzl", 1, TypeKind::Int, TypeKind::ULong},
      {"__builtin_clzll", 1, TypeKind::Int, TypeKind::ULongLong},
      {"__builtin_ctz", 1, TypeKind::Int, TypeKind::UInt},
      {"__builtin_ctzl", 1, TypeKind::Int, TypeKind::ULong},
      {"__builtin_ctzll", 1, TypeKind::Int, TypeKind::ULongLong},
      {"__builtin_popcount", 1, TypeKind::Int, TypeKind::UInt},
      {"__builtin_popcountl", 1, TypeKind::Int, TypeKind::ULong},
      {"__builtin_popcountll", 1, TypeKind::Int, TypeKind::ULongLong},
  };
  for (const WasmBuiltin& b : kWasmBuiltins) {
    if (n != b.name)
      continue;
    std::vector<Expr*> args = parse_args();
    if (int(args.size()) != b.arity) {
      comp_.Error(Tok().loc, std::string("too ") + (int(args.size()) < b.arity ? "few" : "many") +
                                 " arguments to function call, expected " +
                                 std::to_string(b.arity) + ", have " +
                                 std::to_string(args.size()));
      SkipUntil(")", true);
      return Invalid(loc);
    }
    Expr* e = NewExpr(ExprKind::WasmOp, Basic(b.type), loc);
    e->str = b.name;
    for (Expr* a : args) {
      if (a->invalid) {
        SkipUntil(")", true);
        return Invalid(loc);
      }
      TypeKind arg = b.arg == TypeKind::Void ? b.type : b.arg;
      e->args.push_back(AssignConvert(a, Basic(arg), AssignContext::Pass, a->begin));
    }
    return finish(e);
  }
  if (n == "__builtin_constant_p") {
    Expr* a = ParseAssign();
    bool constant = !a->invalid && a->type->IsInteger() && EvalInt(a).has_value();
    return finish(IntLit(constant ? 1 : 0, Basic(TypeKind::Int), loc));
  }
  if (n == "__builtin_expect") {
    Expr* a = ParseAssign();
    if (Accept(","))
      ParseAssign();
    if (a->invalid) {
      SkipUntil(")", true);
      return a;
    }
    return finish(AssignConvert(a, Basic(TypeKind::Long), AssignContext::Pass, a->begin));
  }
  comp_.Error(loc, "use of unknown builtin '" + n + "'", name.length);
  SkipUntil(")", true);
  return Invalid(loc);
}

TranslationUnit* Parse(Compilation& comp, std::vector<Token> tokens) {
  Parser parser(comp, std::move(tokens));
  return parser.Run();
}

} // namespace minicc::frontend
