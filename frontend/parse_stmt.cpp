// Statements (C99 6.8): blocks, selection, iteration and jumps. Break/continue are bound to
// their loop or switch here; case labels are collected on their switch with duplicate checks;
// gotos are resolved against the function's labels when the function ends (parse_toplevel.cpp).
#include "frontend/parser.h"

namespace minicc::frontend {

namespace {
Stmt* NewStmt(Arena& arena, StmtKind kind, SourceLoc loc) {
  Stmt* s = arena.New<Stmt>();
  s->kind = kind;
  s->loc = loc;
  return s;
}
} // namespace

// compound-statement: '{' block-item* '}'
Stmt* Parser::ParseCompound(bool new_scope) {
  Stmt* s = NewStmt(arena_, StmtKind::Compound, Tok().loc);
  if (!Expect("{"))
    return s;
  if (new_scope)
    PushScope();
  while (!Is("}") && !AtEof() && !comp_.TooManyErrors()) {
    size_t before = pos_;
    if (StartsDeclaration() && !(Tok().kind == TokenKind::Ident && PeekTok().text == ":")) {
      s->body.push_back(ParseLocalDeclaration());
    } else if (IsKw("_Static_assert")) {
      ParseStaticAssert();
    } else if (Tok().kind == TokenKind::Ident && PeekTok().kind == TokenKind::Ident &&
               !LookupVar(Tok().text)) {
      // `foo x;` with foo unknown: a declaration with a misspelt type.
      comp_.Error(Tok().loc, "unknown type name '" + Tok().text + "'", Tok().length);
      SkipTo({";", "}"});
      Accept(";");
    } else {
      s->body.push_back(ParseStatement());
    }
    if (pos_ == before)
      Next();
  }
  if (new_scope)
    PopScope();
  if (!Expect("}")) {
    // Missing '}' at end of file: clang points at the end and notes the '{'.
    comp_.Note(s->loc, "to match this '{'");
  }
  return s;
}

Expr* Parser::ParseCondition(const char* stmt_name, SourceLoc stmt_loc) {
  if (!Expect("(")) {
    SkipTo({")", ";", "{"});
    Accept(")");
    return Invalid(Tok().loc);
  }
  Expr* e = ParseExpr();
  if (!Accept(")")) {
    comp_.Error(Tok().loc, "expected ')'");
    SkipUntil(")", true);
  }
  (void)stmt_name;
  if (e->kind == ExprKind::Assign && !e->invalid) {
    comp_.Warning(e->loc, "using the result of an assignment as a condition without "
                          "parentheses");
  }
  if (!e->invalid && !RValue(e)->type->IsScalar() && std::string(stmt_name) != "switch") {
    comp_.Error(stmt_loc, "statement requires expression of scalar type ('" + TN(RValue(e)->type) +
                              "' invalid)");
    return Invalid(stmt_loc);
  }
  if (std::string(stmt_name) == "switch")
    return e;
  return CheckScalar(e, "statement requires expression of scalar type");
}

// statement: labeled | compound | expression | selection | iteration | jump
Stmt* Parser::ParseStatement() {
  DepthGuard guard(*this);
  SourceLoc loc = Tok().loc;
  if (guard.TooDeep()) {
    comp_.Error(loc, "statement nested too deeply");
    while (!AtEof())
      Next();
    return NewStmt(arena_, StmtKind::Null, loc);
  }
  if (Is("{"))
    return ParseCompound(true);
  if (Accept(";"))
    return NewStmt(arena_, StmtKind::Null, loc);
  const Token& t = Tok();
  if (t.kind == TokenKind::Ident && PeekTok().text == ":") {
    Stmt* s = NewStmt(arena_, StmtKind::Label, loc);
    s->label = t.text;
    Next();
    Next();
    auto it = labels_.find(s->label);
    if (it != labels_.end()) {
      comp_.Error(loc, "redefinition of label '" + s->label + "'");
      comp_.Note(it->second->loc, "previous definition is here");
    } else {
      labels_[s->label] = s;
    }
    if (Is("}")) {
      comp_.Error(Tok().loc, "expected statement");
      s->then = NewStmt(arena_, StmtKind::Null, loc);
    } else if (StartsDeclaration()) {
      comp_.Error(Tok().loc, "expected expression");
      s->then = ParseLocalDeclaration();
    } else {
      s->then = ParseStatement();
    }
    return s;
  }
  if (t.kind == TokenKind::Keyword) {
    const std::string kw = t.text;
    if (kw == "if") {
      Next();
      Stmt* s = NewStmt(arena_, StmtKind::If, loc);
      s->expr = ParseCondition("if", loc);
      s->then = ParseStatement();
      if (IsKw("else")) {
        Next();
        s->els = ParseStatement();
      }
      if (s->then->kind == StmtKind::Null && !s->els && toks_[pos_ - 1].loc.file &&
          toks_[pos_ - 1].loc.file->Line(toks_[pos_ - 1].loc.offset) ==
              loc.file->Line(loc.offset)) {
        comp_.Warning(s->then->loc, "if statement has empty body");
      }
      return s;
    }
    if (kw == "while") {
      Next();
      Stmt* s = NewStmt(arena_, StmtKind::While, loc);
      s->expr = ParseCondition("while", loc);
      breakables_.push_back(s);
      loops_.push_back(s);
      s->then = ParseStatement();
      breakables_.pop_back();
      loops_.pop_back();
      return s;
    }
    if (kw == "do") {
      Next();
      Stmt* s = NewStmt(arena_, StmtKind::DoWhile, loc);
      breakables_.push_back(s);
      loops_.push_back(s);
      s->then = ParseStatement();
      breakables_.pop_back();
      loops_.pop_back();
      if (!IsKw("while")) {
        comp_.Error(Tok().loc, "expected 'while' in do/while loop");
        SkipTo({";", "}"});
        Accept(";");
        return s;
      }
      Next();
      s->expr = ParseCondition("do", loc);
      if (!Expect(";", " after do/while statement"))
        SkipTo({";", "}"}), Accept(";");
      return s;
    }
    if (kw == "for") {
      Next();
      Stmt* s = NewStmt(arena_, StmtKind::For, loc);
      PushScope();
      if (!Expect("(")) {
        PopScope();
        SkipTo({";", "}"});
        return s;
      }
      if (StartsDeclaration()) {
        s->init = ParseLocalDeclaration();
        for (Decl* d : s->init->decls) {
          if (d->storage == StorageClass::Static || d->storage == StorageClass::Extern) {
            comp_.Error(d->loc, "declaration of non-local variable in 'for' loop");
          }
        }
      } else if (!Accept(";")) {
        Stmt* e = NewStmt(arena_, StmtKind::Expr, Tok().loc);
        e->expr = ParseExpr();
        WarnUnusedResult(e->expr);
        s->init = e;
        if (!Expect(";", " in 'for' statement specifier"))
          SkipTo({";", ")"}), Accept(";");
      }
      if (!Is(";")) {
        Expr* c = ParseExpr();
        if (!c->invalid && !RValue(c)->type->IsScalar()) {
          comp_.Error(loc, "statement requires expression of scalar type ('" + TN(RValue(c)->type) +
                               "' invalid)");
          c = Invalid(loc);
        }
        s->expr = CheckScalar(c, "statement requires expression of scalar type");
      }
      if (!Expect(";", " in 'for' statement specifier"))
        SkipTo({";", ")"}), Accept(";");
      if (!Is(")")) {
        s->inc = ParseExpr();
        WarnUnusedResult(s->inc);
      }
      if (!Expect(")"))
        SkipUntil(")", true);
      breakables_.push_back(s);
      loops_.push_back(s);
      s->then = ParseStatement();
      breakables_.pop_back();
      loops_.pop_back();
      PopScope();
      return s;
    }
    if (kw == "switch") {
      Next();
      Stmt* s = NewStmt(arena_, StmtKind::Switch, loc);
      Expr* e = ParseCondition("switch", loc);
      if (!e->invalid && !e->type->IsInteger()) {
        comp_.Error(loc, "statement requires expression of integer type ('" + TN(e->type) +
                             "' invalid)");
        e = Invalid(e->begin);
      }
      if (!e->invalid)
        e = Promote(e);
      s->expr = e;
      breakables_.push_back(s);
      switches_.push_back(s);
      s->then = ParseStatement();
      breakables_.pop_back();
      switches_.pop_back();
      return s;
    }
    if (kw == "case" || kw == "default") {
      Next();
      Stmt* s = NewStmt(arena_, kw == "case" ? StmtKind::Case : StmtKind::Default, loc);
      bool ok = true;
      SourceLoc vloc = Tok().loc;
      if (kw == "case") {
        Expr* e = ParseConditional();
        vloc = e->begin;
        if (e->invalid) {
          ok = false;
        } else if (!e->type->IsInteger()) {
          comp_.Error(e->begin,
                      "integer constant expression must have integer type, not '" + TN(e->type) +
                          "'",
                      e->length);
          ok = false;
        } else if (auto v = EvalInt(e)) {
          s->case_value = *v;
        } else {
          comp_.Error(e->begin, "expression is not an integer constant expression", e->length);
          ok = false;
        }
        if (Is("...")) {
          comp_.Error(Tok().loc, "case ranges are not supported in mini-C");
          Next();
          ParseConditional();
        }
      }
      if (!Accept(":")) {
        comp_.Error(PrevEnd(), std::string("expected ':' after '") + kw + "'");
      }
      if (switches_.empty()) {
        comp_.Error(loc, "'" + kw + "' statement not in switch statement");
      } else {
        Stmt* sw = switches_.back();
        if (s->kind == StmtKind::Default) {
          if (sw->default_case) {
            comp_.Error(sw->default_case->loc, "multiple default labels in one switch");
            comp_.Note(loc, "previous case defined here");
          } else {
            sw->default_case = s;
          }
        } else if (ok && sw->expr && !sw->expr->invalid) {
          // Convert the value to the promoted type of the controlling expression.
          Type* st = sw->expr->type;
          int64_t v = s->case_value;
          uint32_t bits = SizeOf(st) * 8;
          if (bits < 64) {
            uint64_t mask = (uint64_t{1} << bits) - 1;
            uint64_t u = static_cast<uint64_t>(v) & mask;
            v = IsSigned(st) && (u >> (bits - 1)) ? static_cast<int64_t>(u | ~mask)
                                                  : static_cast<int64_t>(u);
          }
          s->case_value = v;
          for (Stmt* c : sw->cases) {
            if (c->kind == StmtKind::Case && c->case_value == v) {
              std::string shown =
                  IsSigned(st) ? std::to_string(v) : std::to_string(static_cast<uint64_t>(v));
              comp_.Error(vloc, "duplicate case value '" + shown + "'");
              comp_.Note(c->loc, "previous case defined here");
              break;
            }
          }
        }
        sw->cases.push_back(s);
      }
      if (Is("}")) {
        comp_.Error(Tok().loc, "expected statement");
        s->then = NewStmt(arena_, StmtKind::Null, loc);
      } else {
        s->then = ParseStatement();
      }
      return s;
    }
    if (kw == "break" || kw == "continue") {
      Next();
      Stmt* s = NewStmt(arena_, kw == "break" ? StmtKind::Break : StmtKind::Continue, loc);
      if (kw == "break") {
        if (breakables_.empty()) {
          comp_.Error(loc, "'break' statement not in loop or switch statement");
        } else {
          s->target = breakables_.back();
        }
      } else if (loops_.empty()) {
        comp_.Error(loc, "'continue' statement not in loop statement");
      } else {
        s->target = loops_.back();
      }
      if (!Expect(";", (" after " + kw + " statement").c_str()))
        SkipTo({";", "}"}), Accept(";");
      return s;
    }
    if (kw == "goto") {
      SourceLoc kw_loc = Tok().loc;
      Next();
      Stmt* s = NewStmt(arena_, StmtKind::Goto, Tok().loc);
      goto_kw_[s] = kw_loc;
      if (Tok().kind != TokenKind::Ident) {
        comp_.Error(Tok().loc,
                    Is("*") ? "computed goto is not supported in mini-C" : "expected identifier");
        SkipTo({";", "}"});
        Accept(";");
        return s;
      }
      s->label = Tok().text;
      Next();
      gotos_.push_back(s);
      if (!Expect(";", " after goto statement"))
        SkipTo({";", "}"}), Accept(";");
      return s;
    }
    if (kw == "return") {
      Next();
      Stmt* s = NewStmt(arena_, StmtKind::Return, loc);
      Type* ret = fn_ ? fn_->type->base : Basic(TypeKind::Int);
      if (!Is(";")) {
        saw_return_value_ = true;
        Expr* e = ParseExpr();
        if (!e->invalid) {
          if (ret->IsVoid()) {
            if (!e->type->IsVoid()) {
              comp_.Error(loc, "void function '" + fn_->name + "' should not return a value", 6);
            }
            s->expr = e;
          } else if (e->type->IsVoid()) {
            comp_.Error(loc, "returning 'void' from a function with incompatible result type '" +
                                 TN(ret) + "'");
          } else {
            s->expr = AssignConvert(e, Unqual(ret), AssignContext::Return, e->begin);
          }
        }
      } else if (!ret->IsVoid()) {
        comp_.Error(loc, "non-void function '" + (fn_ ? fn_->name : std::string()) +
                             "' should return a value");
      }
      if (!Expect(";", " after return statement"))
        SkipTo({";", "}"}), Accept(";");
      return s;
    }
    if (kw == "else") {
      comp_.Error(loc, "expected expression");
      Next();
      return ParseStatement();
    }
    if (kw == "asm" || kw == "__asm__") {
      comp_.Error(loc, "inline assembly is not supported in mini-C");
      SkipTo({";", "}"});
      Accept(";");
      return NewStmt(arena_, StmtKind::Null, loc);
    }
  }
  // expression-statement: expression ';'
  Stmt* s = NewStmt(arena_, StmtKind::Expr, loc);
  s->expr = ParseExpr();
  if (!s->expr->invalid) {
    s->expr = PrintfToPuts(s->expr);
    WarnUnusedResult(s->expr);
  }
  if (!Expect(";", " after expression")) {
    SkipTo({";", "}"});
    Accept(";");
  }
  return s;
}

// `printf("text\n");` as a statement, with no '%' in the text, is `puts("text");` (as gcc
// and clang rewrite it): the same output without linking the formatter. Only when printf is
// a declaration (the library's) and puts is declared with one parameter.
Expr* Parser::PrintfToPuts(Expr* e) {
  auto strip = [](Expr* x) {
    while (x && x->kind == ExprKind::Cast)
      x = x->lhs;
    return x;
  };
  if (e->kind != ExprKind::Call || e->args.size() != 1)
    return e;
  Expr* callee = strip(e->lhs);
  if (!callee || callee->kind != ExprKind::VarRef || !callee->var ||
      callee->var->name != "printf" || callee->var->body)
    return e;
  Expr* lit = strip(e->args[0]);
  if (!lit || lit->kind != ExprKind::StringLit || lit->type->base->kind != TypeKind::Char)
    return e;
  const std::string& str = lit->str;
  if (str.size() < 2 || str[str.size() - 2] != '\n' || str.back() != '\0' ||
      str.find('%') != std::string::npos || str.find('\0') != str.size() - 1)
    return e;
  Decl* puts = LookupVar("puts");
  if (!puts || puts->kind != DeclKind::Function || !puts->type->IsFunction() ||
      puts->type->params.size() != 1 || puts->body)
    return e;
  Expr* ref = NewExpr(ExprKind::VarRef, puts->type, e->loc);
  ref->var = puts;
  puts->is_used = true;
  Expr* text = NewExpr(ExprKind::StringLit, ArrayOf(lit->type->base, int64_t(str.size() - 1)),
                       lit->loc);
  text->is_lvalue = lit->is_lvalue;
  text->str = str.substr(0, str.size() - 2) + std::string(1, '\0');
  Expr* call = BuildCall(ref, {text}, e->loc, e->loc);
  return call->invalid ? e : call;
}

} // namespace minicc::frontend
