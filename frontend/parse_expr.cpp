// Expressions (C99 6.5) by precedence climbing: comma, assignment, conditional, the binary
// operators, casts, unary and postfix operators, primary expressions and literals. Each node is
// typed by sema.cpp as soon as it is built.
#include <cerrno>
#include <cmath>
#include <cstdlib>
#include <vector>

#include "frontend/float128.h"
#include "frontend/parser.h"

namespace minicc::frontend {

namespace {

struct BinOp {
  const char* text;
  int prec;
  ExprKind kind;
};
constexpr BinOp kBinOps[] = {
    {"||", 1, ExprKind::LogOr}, {"&&", 2, ExprKind::LogAnd}, {"|", 3, ExprKind::BitOr},
    {"^", 4, ExprKind::BitXor}, {"&", 5, ExprKind::BitAnd},  {"==", 6, ExprKind::Eq},
    {"!=", 6, ExprKind::Ne},    {"<", 7, ExprKind::Lt},      {">", 7, ExprKind::Gt},
    {"<=", 7, ExprKind::Le},    {">=", 7, ExprKind::Ge},     {"<<", 8, ExprKind::Shl},
    {">>", 8, ExprKind::Shr},   {"+", 9, ExprKind::Add},     {"-", 9, ExprKind::Sub},
    {"*", 10, ExprKind::Mul},   {"/", 10, ExprKind::Div},    {"%", 10, ExprKind::Rem},
};

struct AssignOp {
  const char* text;
  ExprKind kind;
};
constexpr AssignOp kAssignOps[] = {
    {"=", ExprKind::Assign}, {"+=", ExprKind::Add},    {"-=", ExprKind::Sub},
    {"*=", ExprKind::Mul},   {"/=", ExprKind::Div},    {"%=", ExprKind::Rem},
    {"<<=", ExprKind::Shl},  {">>=", ExprKind::Shr},   {"&=", ExprKind::BitAnd},
    {"|=", ExprKind::BitOr}, {"^=", ExprKind::BitXor},
};

// Sets the source range of `e` from `begin` to the end of the previous token.
void SetRange(Expr* e, SourceLoc begin, SourceLoc end) {
  e->begin = begin;
  e->length = end.file == begin.file && end.offset > begin.offset ? end.offset - begin.offset : 1;
}

} // namespace

// expression: assignment-expression (',' assignment-expression)*
Expr* Parser::ParseExpr() {
  Expr* e = ParseAssign();
  while (Is(",")) {
    SourceLoc loc = Tok().loc;
    Next();
    Expr* r = ParseAssign();
    if (e->invalid || r->invalid) {
      e = Invalid(loc);
      continue;
    }
    Expr* c = NewExpr(ExprKind::Comma, nullptr, loc);
    c->lhs = e;
    c->rhs = RValue(r);
    c->type = c->rhs->type;
    SetRange(c, e->begin, PrevEnd());
    e = c;
  }
  return e;
}

// assignment-expression: conditional-expression | unary-expression assignment-operator
//                        assignment-expression
Expr* Parser::ParseAssign() {
  DepthGuard guard(*this);
  if (guard.TooDeep()) {
    comp_.Error(Tok().loc, "expression nested too deeply");
    while (!AtEof())
      Next();
    return Invalid(Tok().loc);
  }
  SourceLoc begin = Tok().loc;
  Expr* lhs = ParseConditional();
  if (Tok().kind == TokenKind::Punct) {
    for (const AssignOp& op : kAssignOps) {
      if (Tok().text == op.text) {
        SourceLoc loc = Tok().loc;
        Next();
        Expr* rhs = ParseAssign();
        Expr* e = BuildAssign(op.kind, lhs, rhs, loc);
        SetRange(e, begin, PrevEnd());
        return e;
      }
    }
  }
  return lhs;
}

// conditional-expression: logical-OR-expression ('?' expression ':' conditional-expression)?
Expr* Parser::ParseConditional() {
  SourceLoc begin = Tok().loc;
  Expr* c = ParseBinary(1);
  if (!Is("?"))
    return c;
  SourceLoc q = Tok().loc;
  Next();
  Expr* a = ParseExpr();
  if (!Accept(":")) {
    comp_.Error(Tok().loc, "expected ':'");
    comp_.Note(q, "to match this '?'");
    return Invalid(q);
  }
  Expr* b = ParseConditional();
  Expr* e = BuildConditional(c, a, b, q);
  SetRange(e, begin, PrevEnd());
  return e;
}

// Binary operators by precedence climbing (C99 6.5.5-6.5.14, all left-associative).
Expr* Parser::ParseBinary(int min_prec) {
  SourceLoc begin = Tok().loc;
  Expr* lhs = ParseCast();
  // Each operator of a chain (a + b + c ...) nests the tree one level deeper: the later
  // stages recurse over it, so a chain is bounded like nesting is.
  int chain = 0;
  while (Tok().kind == TokenKind::Punct) {
    if (++chain > kMaxOperatorChain) {
      comp_.Error(Tok().loc, "expression nested too deeply");
      while (!AtEof())
        Next();
      return Invalid(Tok().loc);
    }
    const BinOp* found = nullptr;
    for (const BinOp& op : kBinOps) {
      if (Tok().text == op.text) {
        found = &op;
        break;
      }
    }
    if (!found || found->prec < min_prec)
      break;
    SourceLoc loc = Tok().loc;
    Next();
    Expr* rhs = ParseBinary(found->prec + 1);
    lhs = BuildBinary(found->kind, lhs, rhs, loc);
    SetRange(lhs, begin, PrevEnd());
  }
  return lhs;
}

// cast-expression: unary-expression | '(' type-name ')' cast-expression
//                | '(' type-name ')' '{' initializer-list '}'  (compound literal)
Expr* Parser::ParseCast() {
  DepthGuard guard(*this);
  if (guard.TooDeep()) {
    comp_.Error(Tok().loc, "expression nested too deeply");
    while (!AtEof())
      Next();
    return Invalid(Tok().loc);
  }
  if (Is("(") && IsTypeName(PeekTok())) {
    SourceLoc begin = Tok().loc;
    size_t vla_mark = pending_vla_.size();
    Next();
    Type* t = ParseTypeName();
    if (!Expect(")")) {
      SkipUntil(")", true);
      pending_vla_.resize(vla_mark);
      return Invalid(begin);
    }
    if (Is("{") && IsVariablyModified(t) && t->IsArray()) {
      comp_.Error(begin, "variable-sized object may not be initialized");
      pending_vla_.resize(vla_mark);
      Next();
      SkipUntil("}", true);
      return Invalid(begin);
    }
    if (Is("{")) {
      // Compound literal: an unnamed object with automatic (or static, at file scope) storage.
      Decl* v = arena_.New<Decl>();
      v->kind = DeclKind::Var;
      v->type = t;
      v->loc = begin;
      v->is_global = AtFileScope();
      v->is_defined = true;
      v->address_taken = true;
      if (t->IsFunction() || (!IsComplete(t) && !(t->IsArray() && t->array_len < 0))) {
        comp_.Error(begin, "variable has incomplete type '" + TN(t) + "'");
        SkipUntil("}", true);
        return Invalid(begin);
      }
      v->init = ParseInitializer(v);
      FinishInitConstants(v->init, v->is_global);
      if (fn_ && !v->is_global)
        fn_->locals.push_back(v);
      Expr* e = NewExpr(ExprKind::CompoundLiteral, v->type, begin);
      e->var = v;
      e->is_lvalue = true;
      SetRange(e, begin, PrevEnd());
      return ParsePostfix(e);
    }
    Expr* operand = ParseCast();
    Expr* e = BuildExplicitCast(t, operand, begin);
    SetRange(e, begin, PrevEnd());
    return e->invalid ? e : WrapVla(e, vla_mark);
  }
  return ParseUnary();
}

// unary-expression: postfix-expression | ('++' | '--') unary-expression
//   | unary-operator cast-expression | sizeof unary-expression | sizeof '(' type-name ')'
//   | _Alignof '(' type-name ')'
Expr* Parser::ParseUnary() {
  DepthGuard guard(*this);
  if (guard.TooDeep()) {
    comp_.Error(Tok().loc, "expression nested too deeply");
    while (!AtEof())
      Next();
    return Invalid(Tok().loc);
  }
  SourceLoc begin = Tok().loc;
  const Token& t = Tok();
  if (t.kind == TokenKind::Punct) {
    ExprKind kind;
    bool unary = true;
    if (t.text == "++")
      kind = ExprKind::PreInc;
    else if (t.text == "--")
      kind = ExprKind::PreDec;
    else if (t.text == "&")
      kind = ExprKind::AddrOf;
    else if (t.text == "*")
      kind = ExprKind::Deref;
    else if (t.text == "+")
      kind = ExprKind::Plus;
    else if (t.text == "-")
      kind = ExprKind::Neg;
    else if (t.text == "~")
      kind = ExprKind::BitNot;
    else if (t.text == "!")
      kind = ExprKind::LogNot;
    else
      unary = false;
    if (unary) {
      Next();
      if (kind == ExprKind::AddrOf && Is("&")) {
        comp_.Error(Tok().loc, "address of labels is not supported in mini-C");
      }
      Expr* operand =
          kind == ExprKind::PreInc || kind == ExprKind::PreDec ? ParseUnary() : ParseCast();
      Expr* e = BuildUnary(kind, operand, begin);
      SetRange(e, begin, PrevEnd());
      return e;
    }
  }
  if (t.kind == TokenKind::Keyword &&
      (t.text == "sizeof" || t.text == "_Alignof" || t.text == "__alignof__")) {
    bool is_sizeof = t.text == "sizeof";
    Next();
    if (Is("(") && IsTypeName(PeekTok())) {
      size_t save = pos_;
      size_t vla_mark = pending_vla_.size();
      Next();
      Type* ty = ParseTypeName();
      if (!Expect(")")) {
        SkipUntil(")", true);
        pending_vla_.resize(vla_mark);
        return Invalid(begin);
      }
      if (Is("{") && is_sizeof) {
        // sizeof (T){...}: a compound literal operand.
        pending_vla_.resize(vla_mark);
        pos_ = save;
        Expr* e = ParseUnary();
        if (e->invalid)
          return e;
        return BuildSizeofAlignof(true, e->type, begin, 1);
      }
      SourceLoc end = PrevEnd();
      return WrapVla(BuildSizeofAlignof(is_sizeof, ty, begin, end.offset - begin.offset), vla_mark);
    }
    Expr* e = ParseUnary();
    if (e->invalid)
      return e;
    if (e->kind == ExprKind::Member && e->member && e->member->bit_width >= 0) {
      comp_.Error(begin, std::string("invalid application of '") +
                             (is_sizeof ? "sizeof" : "alignof") + "' to bit-field");
      return Invalid(begin);
    }
    SourceLoc end = PrevEnd();
    return BuildSizeofAlignof(is_sizeof, e->type, begin, end.offset - begin.offset);
  }
  if (t.kind == TokenKind::Keyword && t.text == "__extension__") {
    Next();
    return ParseCast();
  }
  return ParsePostfix(ParsePrimary());
}

// postfix-expression: primary-expression ( '[' expression ']' | '(' arguments? ')'
//                     | '.' identifier | '->' identifier | '++' | '--' )*
Expr* Parser::ParsePostfix(Expr* e) {
  SourceLoc begin = e->begin;
  while (true) {
    SourceLoc loc = Tok().loc;
    if (Accept("[")) {
      Expr* idx = ParseExpr();
      if (!Accept("]")) {
        comp_.Error(Tok().loc, "expected ']'");
        SkipUntil("]", true);
        e = Invalid(loc);
        continue;
      }
      e = BuildSubscript(e, idx, loc);
      SetRange(e, begin, PrevEnd());
      continue;
    }
    if (Accept("(")) {
      std::vector<Expr*> args;
      if (!Is(")")) {
        while (true) {
          args.push_back(ParseAssign());
          if (!Accept(","))
            break;
        }
      }
      SourceLoc rparen = Tok().loc;
      if (!Accept(")")) {
        comp_.Error(Tok().loc, "expected ')'");
        comp_.Note(loc, "to match this '('");
        SkipUntil(")", true);
        e = Invalid(loc);
        continue;
      }
      e = BuildCall(e, std::move(args), loc, rparen);
      SetRange(e, begin, PrevEnd());
      continue;
    }
    if (Is(".") || Is("->")) {
      bool arrow = Is("->");
      Next();
      if (Tok().kind != TokenKind::Ident) {
        comp_.Error(Tok().loc, "expected identifier");
        e = Invalid(loc);
        continue;
      }
      std::string name = Tok().text;
      SourceLoc nl = Tok().loc;
      Next();
      e = BuildMember(e, name, arrow, loc, nl);
      SetRange(e, begin, PrevEnd());
      continue;
    }
    if (Is("++") || Is("--")) {
      ExprKind k = Is("++") ? ExprKind::PostInc : ExprKind::PostDec;
      Next();
      e = BuildUnary(k, e, loc);
      SetRange(e, begin, PrevEnd());
      continue;
    }
    return e;
  }
}

// primary-expression: identifier | constant | string-literal+ | '(' expression ')'
Expr* Parser::ParsePrimary() {
  const Token& t = Tok();
  SourceLoc begin = t.loc;
  if (t.kind == TokenKind::Punct && t.text == "(") {
    Next();
    if (Is("{")) {
      comp_.Error(begin, "statement expressions are not supported in mini-C");
      SkipUntil(")", true);
      return Invalid(begin);
    }
    Expr* e = ParseExpr();
    if (!Accept(")")) {
      comp_.Error(Tok().loc, "expected ')'");
      comp_.Note(begin, "to match this '('");
      SkipTo({")", ";"});
      Accept(")");
      return Invalid(begin);
    }
    if (!e->invalid)
      SetRange(e, begin, PrevEnd());
    return e;
  }
  if (t.kind == TokenKind::Number) {
    Token tok = t;
    Next();
    Expr* e = ParseNumber(tok);
    SetRange(e, begin, PrevEnd());
    return e;
  }
  if (t.kind == TokenKind::Char) {
    Token tok = t;
    Next();
    Expr* e = ParseCharLiteral(tok);
    SetRange(e, begin, PrevEnd());
    return e;
  }
  if (t.kind == TokenKind::String)
    return ParseString();
  if (t.kind == TokenKind::Ident) {
    Token tok = t;
    Next();
    if (tok.text.rfind("__builtin_", 0) == 0 && Is("("))
      return ParseBuiltin(tok);
    if (Is("(") && !LookupVar(tok.text)) {
      // Implicit function declaration (C89; clang-14 warns in C99 and declares int f()).
      // A C library function gets its library type, as clang gives it.
      Type* ft = LibraryFunctionType(tok.text);
      if (ft) {
        comp_.Warning(tok.loc, "implicitly declaring library function '" + tok.text +
                                   "' with type '" + TN(ft) + "'");
      } else {
        comp_.Warning(tok.loc,
                      "implicit declaration of function '" + tok.text + "' is invalid in C99");
        ft = FunctionType(Basic(TypeKind::Int), {}, false, false);
      }
      // Declared at file scope, visible from here on.
      std::vector<Scope> saved;
      Decl* fn = arena_.New<Decl>();
      fn->kind = DeclKind::Function;
      fn->name = tok.text;
      fn->type = ft;
      fn->loc = tok.loc;
      fn->is_global = true;
      fn->storage = StorageClass::Extern;
      scopes_.front().vars[fn->name] = fn;
      scopes_.back().vars[fn->name] = fn;
      tu_->decls.push_back(fn);
    }
    Expr* e = BuildIdentifier(tok);
    SetRange(e, begin, PrevEnd());
    return e;
  }
  if (t.kind == TokenKind::Keyword && t.text == "__func__") {
    Token tok = t;
    Next();
    return BuildIdentifier(tok);
  }
  if (t.kind == TokenKind::Keyword &&
      (t.text == "__builtin_va_arg" || t.text == "__builtin_offsetof")) {
    Token tok = t;
    Next();
    return ParseBuiltin(tok);
  }
  if (t.kind == TokenKind::Keyword && t.text == "_Generic") {
    comp_.Error(t.loc, "'_Generic' is not supported in mini-C");
    Next();
    if (Is("(")) {
      Next();
      SkipUntil(")", true);
    }
    return Invalid(begin);
  }
  if (t.kind == TokenKind::Eof) {
    comp_.Error(t.loc, "expected expression");
    return Invalid(begin);
  }
  comp_.Error(t.loc, "expected expression");
  // Do not consume closers: the enclosing construct recovers at them.
  if (!Is(")") && !Is("]") && !Is("}") && !Is(";") && !Is(","))
    Next();
  return Invalid(begin);
}

// The type of a C library function that clang declares implicitly with its library type
// (clang's LIBBUILTINs), or null. Codes: v void, i int, u unsigned, l long, L size_t,
// d double, p void *, P const void *, s char *, S const char *, X char **; '.' ends the
// parameters of a variadic function.
Type* Parser::LibraryFunctionType(const std::string& name) {
  static const std::map<std::string, const char*> kLibrary = {
      {"printf", "i:S."},   {"sprintf", "i:sS."},  {"snprintf", "i:sLS."}, {"scanf", "i:S."},
      {"sscanf", "i:SS."},  {"puts", "i:S"},       {"putchar", "i:i"},     {"getchar", "i:"},
      {"malloc", "p:L"},    {"calloc", "p:LL"},    {"realloc", "p:pL"},    {"free", "v:p"},
      {"exit", "v:i"},      {"_Exit", "v:i"},      {"abort", "v:"},        {"abs", "i:i"},
      {"labs", "l:l"},      {"atoi", "i:S"},       {"atol", "l:S"},        {"atof", "d:S"},
      {"strtol", "l:SXi"},  {"strtoul", "L:SXi"},  {"strtod", "d:SX"},     {"strlen", "L:S"},
      {"strcpy", "s:sS"},   {"strncpy", "s:sSL"},  {"strcat", "s:sS"},     {"strncat", "s:sSL"},
      {"strcmp", "i:SS"},   {"strncmp", "i:SSL"},  {"strchr", "s:Si"},     {"strrchr", "s:Si"},
      {"strstr", "s:SS"},   {"strdup", "s:S"},     {"strspn", "L:SS"},     {"strcspn", "L:SS"},
      {"strpbrk", "s:SS"},  {"strtok", "s:sS"},    {"memcpy", "p:pPL"},    {"memmove", "p:pPL"},
      {"memset", "p:piL"},  {"memcmp", "i:PPL"},   {"memchr", "p:PiL"},    {"rand", "i:"},
      {"srand", "v:u"},     {"toupper", "i:i"},    {"tolower", "i:i"},     {"isalpha", "i:i"},
      {"isdigit", "i:i"},   {"isspace", "i:i"},    {"isupper", "i:i"},     {"islower", "i:i"},
      {"isalnum", "i:i"},   {"isprint", "i:i"},    {"ispunct", "i:i"},     {"isxdigit", "i:i"},
      {"iscntrl", "i:i"},   {"isgraph", "i:i"},    {"isblank", "i:i"},     {"sqrt", "d:d"},
      {"sin", "d:d"},       {"cos", "d:d"},        {"tan", "d:d"},         {"exp", "d:d"},
      {"log", "d:d"},       {"log10", "d:d"},      {"log2", "d:d"},        {"fabs", "d:d"},
      {"floor", "d:d"},     {"ceil", "d:d"},       {"round", "d:d"},       {"trunc", "d:d"},
      {"asin", "d:d"},      {"acos", "d:d"},       {"atan", "d:d"},        {"sinh", "d:d"},
      {"cosh", "d:d"},      {"tanh", "d:d"},       {"cbrt", "d:d"},        {"exp2", "d:d"},
      {"pow", "d:dd"},      {"atan2", "d:dd"},     {"fmod", "d:dd"},       {"hypot", "d:dd"},
      {"fmin", "d:dd"},     {"fmax", "d:dd"},      {"ldexp", "d:di"},
  };
  auto it = kLibrary.find(name);
  if (it == kLibrary.end())
    return nullptr;
  auto type_of = [&](char c) -> Type* {
    Type* cchar = Qualified(Basic(TypeKind::Char), kConst);
    switch (c) {
    case 'v': return Basic(TypeKind::Void);
    case 'i': return Basic(TypeKind::Int);
    case 'u': return Basic(TypeKind::UInt);
    case 'l': return Basic(TypeKind::Long);
    case 'L': return Basic(TypeKind::ULong);
    case 'd': return Basic(TypeKind::Double);
    case 'p': return PointerTo(Basic(TypeKind::Void));
    case 'P': return PointerTo(Qualified(Basic(TypeKind::Void), kConst));
    case 's': return PointerTo(Basic(TypeKind::Char));
    case 'S': return PointerTo(cchar);
    default: return PointerTo(PointerTo(Basic(TypeKind::Char))); // 'X'
    }
  };
  const char* spec = it->second;
  Type* ret = type_of(spec[0]);
  std::vector<Type*> params;
  bool variadic = false;
  for (const char* c = spec + 2; *c; ++c) {
    if (*c == '.')
      variadic = true;
    else
      params.push_back(type_of(*c));
  }
  return FunctionType(ret, std::move(params), variadic, true);
}

Expr* Parser::ParseNumber(const Token& t) {
  const std::string& s = t.text;
  bool is_hex = s.size() > 1 && s[0] == '0' && (s[1] == 'x' || s[1] == 'X');
  bool is_float = false;
  if (is_hex) {
    is_float = s.find_first_of("pP") != std::string::npos;
  } else {
    is_float = s.find_first_of(".eE") != std::string::npos;
  }
  if (is_float) {
    std::string body = s;
    TypeKind kind = TypeKind::Double;
    char last = body.back();
    if (last == 'f' || last == 'F') {
      kind = TypeKind::Float;
      body.pop_back();
    } else if (last == 'l' || last == 'L') {
      kind = TypeKind::LongDouble;
      body.pop_back();
    }
    errno = 0;
    char* end = nullptr;
    double v = std::strtod(body.c_str(), &end);
    if (end != body.c_str() + body.size()) {
      size_t at = static_cast<size_t>(end - body.c_str());
      comp_.Error(t.loc, "invalid suffix '" + s.substr(at) + "' on floating constant", t.length);
      return Invalid(t.loc);
    }
    if (kind == TypeKind::LongDouble) {
      bool overflow = false;
      auto q = ParseF128(body, &overflow);
      if (!q) {
        comp_.Error(t.loc, "invalid floating constant '" + s + "'", t.length);
        return Invalid(t.loc);
      }
      if (overflow) {
        comp_.Warning(t.loc, "magnitude of floating-point constant too large for type 'long "
                             "double'; maximum is 1.18973149535723176508575932662800702E+4932");
      }
      Expr* e = NewExpr(ExprKind::FloatLit, Basic(kind), t.loc);
      e->ld_lo = q->lo;
      e->ld_hi = q->hi;
      e->float_value = F128ToDouble(*q);
      return e;
    }
    if (kind == TypeKind::Float) {
      float f = static_cast<float>(v);
      if (std::isinf(f) && !std::isinf(v)) {
        comp_.Warning(t.loc, "magnitude of floating-point constant too large for type 'float'; "
                             "maximum is 3.40282347E+38");
      }
      v = f;
    } else if (errno == ERANGE && std::isinf(v)) {
      comp_.Warning(t.loc, "magnitude of floating-point constant too large for type 'double'; "
                           "maximum is 1.7976931348623157E+308");
    }
    Expr* e = NewExpr(ExprKind::FloatLit, Basic(kind), t.loc);
    e->float_value = v;
    return e;
  }
  int base = 10;
  size_t i = 0;
  if (is_hex) {
    base = 16;
    i = 2;
  } else if (s.size() > 2 && s[0] == '0' && (s[1] == 'b' || s[1] == 'B') &&
             (s[2] == '0' || s[2] == '1')) { // GNU/C23 binary constant
    base = 2;
    i = 2;
  } else if (s.size() > 1 && s[0] == '0') {
    base = 8;
    i = 1;
  }
  unsigned __int128 value = 0;
  bool overflow = false;
  size_t digits_start = i;
  for (; i < s.size(); ++i) {
    char c = s[i];
    int d = c >= '0' && c <= '9'   ? c - '0'
            : c >= 'a' && c <= 'f' ? c - 'a' + 10
            : c >= 'A' && c <= 'F' ? c - 'A' + 10
                                   : 99;
    if (d >= 16 || (base != 16 && d >= 10))
      break;
    if (d >= base) {
      comp_.Error(SourceLoc{t.loc.file, t.loc.offset + static_cast<uint32_t>(i)},
                  std::string("invalid digit '") + c + "' in " +
                      (base == 2 ? "binary" : "octal") + " constant");
      return Invalid(t.loc);
    }
    value = value * base + d;
    if (value > UINT64_MAX)
      overflow = true;
  }
  if (is_hex && i == digits_start) {
    comp_.Error(t.loc, "invalid suffix 'x' on integer constant", t.length);
    return Invalid(t.loc);
  }
  std::string suffix = s.substr(i);
  bool u = false;
  int l = 0;
  std::string lower;
  for (char c : suffix)
    lower += static_cast<char>(c | 0x20);
  if (lower == "u")
    u = true;
  else if (lower == "l")
    l = 1;
  else if (lower == "ul" || lower == "lu")
    u = true, l = 1;
  else if (suffix == "ll" || suffix == "LL")
    l = 2;
  else if (lower == "ull" || lower == "llu") {
    u = true;
    l = 2;
    if (suffix.find("lL") != std::string::npos || suffix.find("Ll") != std::string::npos) {
      l = -1;
    }
  } else if (!suffix.empty())
    l = -1;
  if (l < 0 && base != 16 && std::isxdigit(static_cast<unsigned char>(suffix[0]))) {
    comp_.Error(SourceLoc{t.loc.file, t.loc.offset + static_cast<uint32_t>(i)},
                std::string("invalid digit '") + suffix[0] + "' in " +
                    (base == 8 ? "octal" : "decimal") + " constant");
    return Invalid(t.loc);
  }
  if (l < 0) {
    comp_.Error(SourceLoc{t.loc.file, t.loc.offset + static_cast<uint32_t>(i)},
                "invalid suffix '" + suffix + "' on integer constant");
    return Invalid(t.loc);
  }
  if (overflow) {
    comp_.Error(t.loc, "integer literal is too large to be represented in any integer type",
                t.length);
    return Invalid(t.loc);
  }
  uint64_t v = static_cast<uint64_t>(value);
  // C99 6.4.4.1p5: the first type in the list that can represent the value.
  TypeKind kind;
  bool decimal = base == 10;
  auto fits_signed = [&](uint32_t bytes) { return v <= (uint64_t{1} << (bytes * 8 - 1)) - 1; };
  auto fits_unsigned = [&](uint32_t bytes) {
    return bytes >= 8 || v <= (uint64_t{1} << (bytes * 8)) - 1;
  };
  if (l == 0 && !u && fits_signed(4))
    kind = TypeKind::Int;
  else if (l == 0 && (u || !decimal) && fits_unsigned(4))
    kind = TypeKind::UInt;
  else if (l <= 1 && !u && fits_signed(4))
    kind = TypeKind::Long;
  else if (l <= 1 && (u || !decimal) && fits_unsigned(4))
    kind = TypeKind::ULong;
  else if (!u && fits_signed(8))
    kind = TypeKind::LongLong;
  else {
    kind = TypeKind::ULongLong;
    if (!u && decimal) {
      comp_.Warning(t.loc,
                    "integer literal is too large to be represented in a signed integer "
                    "type, interpreting as unsigned",
                    t.length);
    }
  }
  return IntLit(static_cast<int64_t>(v), Basic(kind), t.loc);
}

namespace {

// Decodes one escape sequence at s[i] (after the backslash); advances i.
int64_t DecodeEscape(const std::string& s, size_t& i, bool* bad) {
  char c = s[i++];
  switch (c) {
  case 'n': return '\n';
  case 't': return '\t';
  case 'r': return '\r';
  case 'a': return '\a';
  case 'b': return '\b';
  case 'f': return '\f';
  case 'v': return '\v';
  case 'e': return 27;
  case '\\':
  case '\'':
  case '"':
  case '?': return c;
  case 'x': {
    int64_t v = 0;
    bool any = false;
    while (i < s.size() && std::isxdigit(static_cast<unsigned char>(s[i]))) {
      char d = s[i++];
      v = v * 16 + (d <= '9' ? d - '0' : (d | 0x20) - 'a' + 10);
      if (v > 0xff)
        *bad = true;
      any = true;
    }
    if (!any)
      *bad = true;
    return v & 0xff;
  }
  default:
    if (c >= '0' && c <= '7') {
      int64_t v = c - '0';
      for (int k = 0; k < 2 && i < s.size() && s[i] >= '0' && s[i] <= '7'; ++k) {
        v = v * 8 + (s[i++] - '0');
      }
      if (v > 0xff)
        *bad = true;
      return v & 0xff;
    }
    return static_cast<unsigned char>(c); // unknown escape: clang warns, keeps the char
  }
}

} // namespace

namespace {

// The encoding of a character or string literal, from its prefix (C99 6.4.4.4, 6.4.5; C11's
// u8/u/U): code units of 1 byte (none, u8), 2 (u: char16_t) or 4 (L: wchar_t, U: char32_t).
enum class Enc { Narrow, Utf8, Wide, Utf16, Utf32 };

Enc EncodingOf(const std::string& prefix) {
  if (prefix == "L")
    return Enc::Wide;
  if (prefix == "u")
    return Enc::Utf16;
  if (prefix == "U")
    return Enc::Utf32;
  if (prefix == "u8")
    return Enc::Utf8;
  return Enc::Narrow;
}

uint32_t UnitSize(Enc e) {
  switch (e) {
  case Enc::Utf16: return 2;
  case Enc::Wide:
  case Enc::Utf32: return 4;
  default: return 1;
  }
}

void AppendUtf8(std::vector<uint32_t>* out, uint32_t cp) {
  if (cp < 0x80) {
    out->push_back(cp);
  } else if (cp < 0x800) {
    out->push_back(0xC0 | (cp >> 6));
    out->push_back(0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    out->push_back(0xE0 | (cp >> 12));
    out->push_back(0x80 | ((cp >> 6) & 0x3F));
    out->push_back(0x80 | (cp & 0x3F));
  } else {
    out->push_back(0xF0 | (cp >> 18));
    out->push_back(0x80 | ((cp >> 12) & 0x3F));
    out->push_back(0x80 | ((cp >> 6) & 0x3F));
    out->push_back(0x80 | (cp & 0x3F));
  }
}

// Decodes one UTF-8 sequence of the source at s[i]; a malformed byte stands for itself.
uint32_t DecodeSourceChar(const std::string& s, size_t& i) {
  auto b = [&](size_t k) { return static_cast<unsigned char>(s[k]); };
  uint32_t c = b(i);
  int len = c >= 0xF0 && c <= 0xF4 ? 4 : c >= 0xE0 ? 3 : c >= 0xC2 && c < 0xE0 ? 2 : 1;
  if (c < 0x80 || len == 1 || i + len > s.size()) {
    ++i;
    return c;
  }
  uint32_t cp = c & (0xFF >> (len + 1));
  for (int k = 1; k < len; ++k) {
    if ((b(i + k) & 0xC0) != 0x80) {
      ++i;
      return c;
    }
    cp = (cp << 6) | (b(i + k) & 0x3F);
  }
  i += len;
  return cp;
}

// The code units of a literal's body (between the quotes): source characters and escapes,
// \u/\U (universal character names) encoded as the literal's encoding requires. Errors go to
// `error` (first one wins).
std::vector<uint32_t> DecodeLiteral(const std::string& s, size_t begin, size_t end, Enc enc,
                                    std::string* error, size_t* error_at) {
  std::vector<uint32_t> units;
  uint32_t unit = UnitSize(enc);
  uint64_t max = unit == 1 ? 0xFF : unit == 2 ? 0xFFFF : 0xFFFFFFFF;
  auto put_code_point = [&](uint32_t cp) {
    if (unit == 1) {
      AppendUtf8(&units, cp);
    } else if (unit == 2 && cp > 0xFFFF) {
      cp -= 0x10000;
      units.push_back(0xD800 | (cp >> 10));
      units.push_back(0xDC00 | (cp & 0x3FF));
    } else {
      units.push_back(cp);
    }
  };
  for (size_t i = begin; i < end;) {
    if (s[i] != '\\') {
      if (unit == 1) {
        units.push_back(static_cast<unsigned char>(s[i++]));
      } else {
        put_code_point(DecodeSourceChar(s, i));
      }
      continue;
    }
    size_t escape_at = i++;
    char c = i < end ? s[i] : '\0';
    if (c == 'u' || c == 'U') {
      int digits = c == 'u' ? 4 : 8;
      ++i;
      uint32_t cp = 0;
      int k = 0;
      for (; k < digits && i < end && std::isxdigit(static_cast<unsigned char>(s[i])); ++k, ++i)
        cp = cp * 16 + (s[i] <= '9' ? s[i] - '0' : (s[i] | 0x20) - 'a' + 10);
      if (k < digits) {
        if (error->empty())
          *error = "incomplete universal character name", *error_at = escape_at;
        continue;
      }
      if ((cp < 0xA0 && cp != 0x24 && cp != 0x40 && cp != 0x60) || (cp >= 0xD800 && cp <= 0xDFFF) ||
          cp > 0x10FFFF) {
        if (error->empty()) {
          *error_at = escape_at;
          if (cp < 0x20 || (cp >= 0x7F && cp < 0xA0))
            *error = "universal character name refers to a control character";
          else if (cp < 0xA0)
            *error = std::string("character '") + static_cast<char>(cp) +
                     "' cannot be specified by a universal character name";
          else
            *error = "invalid universal character";
        }
        continue;
      }
      put_code_point(cp);
      continue;
    }
    bool bad = false;
    uint64_t v = 0;
    if (c == 'x') { // hex: any number of digits, the value must fit a code unit
      ++i;
      bool any = false;
      while (i < end && std::isxdigit(static_cast<unsigned char>(s[i]))) {
        char d = s[i++];
        v = v * 16 + (d <= '9' ? d - '0' : (d | 0x20) - 'a' + 10);
        if (v > max)
          bad = true;
        any = true;
      }
      bad = bad || !any;
    } else if (c >= '0' && c <= '7') { // octal: up to three digits
      for (int k = 0; k < 3 && i < end && s[i] >= '0' && s[i] <= '7'; ++k)
        v = v * 8 + static_cast<uint64_t>(s[i++] - '0');
      bad = v > max;
    } else {
      v = static_cast<uint64_t>(DecodeEscape(s, i, &bad));
    }
    if (bad && error->empty())
      *error = "hex escape sequence out of range", *error_at = escape_at;
    units.push_back(static_cast<uint32_t>(v & max));
  }
  return units;
}

} // namespace

Expr* Parser::ParseCharLiteral(const Token& t) {
  const std::string& s = t.text;
  size_t q = s.find('\'');
  Enc enc = EncodingOf(s.substr(0, q));
  if (enc == Enc::Utf8) { // u8'x' is C2x
    comp_.Error(t.loc, "u8 character literals are not supported in C99", t.length);
    return Invalid(t.loc);
  }
  std::string error;
  size_t error_at = 0;
  // Code points first (the literal's value is one character, whatever its encoding).
  std::vector<uint32_t> chars =
      DecodeLiteral(s, q + 1, s.size() - 1, Enc::Utf32, &error, &error_at);
  if (!error.empty()) {
    comp_.Error(error.find("hex") == 0 ? t.loc
                                       : SourceLoc{t.loc.file, t.loc.offset + uint32_t(error_at)},
                error);
    return Invalid(t.loc);
  }
  if (chars.empty()) {
    comp_.Error(t.loc, "empty character constant", t.length);
    return Invalid(t.loc);
  }
  // Escapes \x/octal give code units directly; source characters and UCNs beyond the unit
  // are too large (clang's "character too large for enclosing character literal type").
  size_t body = q + 1;
  bool escaped_unit =
      s[body] == '\\' && body + 1 < s.size() && s[body + 1] != 'u' && s[body + 1] != 'U';
  if (enc == Enc::Narrow) {
    if (chars.size() == 1 && chars[0] > 0x7F && !escaped_unit) {
      comp_.Error(t.loc, "character too large for enclosing character literal type", t.length);
      return Invalid(t.loc);
    }
    if (chars.size() == 1)
      return IntLit(static_cast<signed char>(static_cast<uint8_t>(chars[0])), Basic(TypeKind::Int),
                    t.loc); // char is signed
    for (uint32_t c : chars) {
      if (c > 0xFF) {
        comp_.Error(t.loc, "character too large for enclosing character literal type", t.length);
        return Invalid(t.loc);
      }
    }
    comp_.Warning(t.loc, "multi-character character constant", t.length);
    uint32_t acc = 0;
    for (uint32_t c : chars)
      acc = (acc << 8) | static_cast<uint8_t>(c);
    return IntLit(static_cast<int32_t>(acc), Basic(TypeKind::Int), t.loc);
  }
  if (chars.size() > 1)
    comp_.Warning(t.loc, "extraneous characters in character constant ignored", t.length);
  uint32_t v = chars[0];
  if (enc == Enc::Utf16) {
    if (v > 0xFFFF) {
      comp_.Error(t.loc, "character too large for enclosing character literal type", t.length);
      return Invalid(t.loc);
    }
    return IntLit(v, Basic(TypeKind::UShort), t.loc); // char16_t
  }
  if (enc == Enc::Utf32)
    return IntLit(v, Basic(TypeKind::UInt), t.loc);                    // char32_t
  return IntLit(static_cast<int32_t>(v), Basic(TypeKind::Int), t.loc); // wchar_t
}

// string-literal+: adjacent literals concatenate (C99 6.4.5p5); a narrow piece takes the
// encoding of a prefixed one, two different prefixes are an error (as clang).
Expr* Parser::ParseString() {
  SourceLoc begin = Tok().loc;
  Enc enc = Enc::Narrow;
  bool bad = false;
  std::vector<std::pair<const Token*, Enc>> pieces;
  for (size_t k = pos_; toks_[k].kind == TokenKind::String; ++k) {
    const Token& t = toks_[k];
    Enc e = EncodingOf(t.text.substr(0, t.text.find('"')));
    if (e != Enc::Narrow && enc != Enc::Narrow && e != enc && !bad) {
      comp_.Error(t.loc, "unsupported non-standard concatenation of string literals", t.length);
      bad = true;
    }
    if (e != Enc::Narrow && (enc == Enc::Narrow || enc == Enc::Utf8))
      enc = e;
    pieces.emplace_back(&t, e);
  }
  std::vector<uint32_t> units;
  for (auto [t, e] : pieces) {
    const std::string& s = t->text;
    size_t q = s.find('"');
    std::string error;
    size_t error_at = 0;
    std::vector<uint32_t> u = DecodeLiteral(s, q + 1, s.size() - 1, enc, &error, &error_at);
    if (error.find("hex") == 0)
      comp_.Error(t->loc, error, t->length);
    else if (!error.empty()) // at the escape, when the token is spelled where it is reported
      comp_.Error({t->loc.file, t->loc.offset + uint32_t(t->length == s.size() ? error_at : 0)},
                  error);
    units.insert(units.end(), u.begin(), u.end());
    Next();
  }
  units.push_back(0);
  uint32_t unit = UnitSize(enc);
  std::string bytes;
  for (uint32_t u : units)
    for (uint32_t b = 0; b < unit; ++b)
      bytes += static_cast<char>((u >> (8 * b)) & 0xFF);
  TypeKind elem = enc == Enc::Wide    ? TypeKind::Int
                  : enc == Enc::Utf16 ? TypeKind::UShort
                  : enc == Enc::Utf32 ? TypeKind::UInt
                                      : TypeKind::Char;
  Expr* e =
      NewExpr(ExprKind::StringLit, ArrayOf(Basic(elem), static_cast<int64_t>(units.size())), begin);
  e->str = std::move(bytes);
  e->is_lvalue = true;
  SetRange(e, begin, PrevEnd());
  return e;
}

} // namespace minicc::frontend
