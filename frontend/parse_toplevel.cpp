// The translation unit (C99 6.9): external declarations, function definitions, and the rules
// that tie declarations of one entity together (linkage, redeclaration, tentative definitions,
// conflicting types), plus block-scope declarations.
#include <functional>
#include <unordered_map>

#include "frontend/parser.h"

namespace minicc::frontend {

namespace {
// A call that never returns: exit, abort, _Exit, __builtin_trap, __builtin_unreachable.
bool IsNoReturnCall(const Expr* e) {
  while (e && e->kind == ExprKind::Cast && e->cast == CastKind::ToVoid)
    e = e->lhs;
  if (!e)
    return false;
  if (e->kind == ExprKind::WasmOp)
    return e->str == "__builtin_trap" || e->str == "__builtin_unreachable";
  if (e->kind != ExprKind::Call)
    return false;
  const Expr* f = e->lhs;
  while (f && f->kind == ExprKind::Cast)
    f = f->lhs;
  if (!f || f->kind != ExprKind::VarRef || !f->var)
    return false;
  const std::string& n = f->var->name;
  return n == "exit" || n == "abort" || n == "_Exit";
}
} // namespace

Parser::Parser(Compilation& comp, std::vector<Token> tokens)
    : comp_(comp), arena_(comp.arena()), toks_(std::move(tokens)) {
  if (toks_.empty() || toks_.back().kind != TokenKind::Eof)
    toks_.push_back(Token{});
}

TranslationUnit* Parser::Run() {
  tu_ = arena_.New<TranslationUnit>();
  PushScope();
  // __builtin_va_list is a pointer-sized opaque type on wasm32 (clang: char *).
  Decl* va = arena_.New<Decl>();
  va->kind = DeclKind::Typedef;
  va->name = "__builtin_va_list";
  va->type = PointerTo(Basic(TypeKind::Char));
  scopes_.back().vars[va->name] = va;
  while (!AtEof() && !comp_.TooManyErrors()) {
    size_t before = pos_;
    ParseExternalDeclaration();
    if (pos_ == before)
      Next(); // always make progress
  }
  // Tentative definitions: an array without size gets one element; a struct must be complete.
  for (Decl* d : tu_->decls) {
    if (d->kind != DeclKind::Var || !d->is_tentative || d->definition)
      continue;
    if (d->type->IsArray() && d->type->array_len < 0) {
      comp_.Warning(d->loc, "tentative array definition assumed to have one element");
      d->type = ArrayOf(d->type->base, 1);
    } else if (!IsComplete(d->type) && d->storage != StorageClass::Extern) {
      comp_.Error(d->loc,
                  "tentative definition has type '" + TN(d->type) + "' that is never completed");
    }
  }
  if (comp_.TooManyErrors() && !AtEof()) {
    comp_.diags().Report(
        {support::Severity::Error, nullptr, 0, 1, "too many errors emitted, stopping now"});
  }
  PopScope();
  return tu_;
}

// external-declaration: function-definition | declaration
void Parser::ParseExternalDeclaration() {
  if (Accept(";"))
    return;
  if (IsKw("_Static_assert")) {
    ParseStaticAssert();
    return;
  }
  if (IsKw("asm") || IsKw("__asm__")) {
    comp_.Error(Tok().loc, "inline assembly is not supported in mini-C");
    SkipUntil(";", true);
    return;
  }
  DeclSpec spec;
  bool spec_parsed = false;
  if (!StartsDeclaration()) {
    if (Tok().kind == TokenKind::Ident &&
        (PeekTok().kind == TokenKind::Ident || PeekTok().text == "*")) {
      comp_.Error(Tok().loc, "unknown type name '" + Tok().text + "'", Tok().length);
      Next();
      spec.type = Basic(TypeKind::Int);
      spec.loc = Tok().loc;
    } else if (Tok().kind == TokenKind::Ident) {
      comp_.Warning(Tok().loc, "type specifier missing, defaults to 'int'");
      spec.type = Basic(TypeKind::Int);
      spec.loc = Tok().loc;
    } else {
      comp_.Error(Tok().loc, "expected identifier or '('");
      SkipTo({";", "}"});
      if (!Accept(";"))
        Accept("}");
      return;
    }
  } else {
    spec = ParseDeclSpec(true);
    spec_parsed = true;
  }
  bool warn_implicit_int = !spec.explicit_type && spec_parsed;
  if (Accept(";")) {
    if (!spec.type->IsRecord() && spec.type->kind != TypeKind::Enum) {
      comp_.Warning(spec.loc, "declaration does not declare anything");
    }
    return;
  }
  bool first = true;
  while (true) {
    std::string name;
    SourceLoc loc = Tok().loc;
    size_t before = pos_;
    Type* type = ParseDeclarator(spec.type, &name, &loc, false);
    ParseAttributes(&spec.attrs);
    if (warn_implicit_int && !name.empty()) {
      comp_.Warning(loc, "type specifier missing, defaults to 'int'");
      warn_implicit_int = false;
    }
    if (name.empty()) {
      SkipTo({";", "}"});
      if (!Accept(";") && pos_ == before)
        Next();
      return;
    }
    if (spec.storage == StorageClass::Typedef) {
      Decl* prev = scopes_.back().vars.count(name) ? scopes_.back().vars[name] : nullptr;
      if (prev && prev->kind == DeclKind::Typedef && !Compatible(prev->type, type)) {
        comp_.Error(loc, "typedef redefinition with different types ('" + TN(type) + "' vs '" +
                             TN(prev->type) + "')");
        comp_.Note(prev->loc, "previous definition is here");
      } else if (prev && prev->kind != DeclKind::Typedef) {
        comp_.Error(loc, "redefinition of '" + name + "' as different kind of symbol");
        comp_.Note(prev->loc, "previous definition is here");
      }
      Decl* d = arena_.New<Decl>();
      d->kind = DeclKind::Typedef;
      d->name = name;
      d->type = type;
      d->loc = loc;
      scopes_.back().vars[name] = d;
    } else if (type->IsFunction()) {
      auto knr = knr_types_.find(type);
      if (knr != knr_types_.end()) {
        if (first && (Is("{") || StartsDeclaration())) {
          type = ParseKnrDeclarations(type);
          Decl* fn = DeclareFunction(spec, type, name, loc);
          if (Is("{"))
            ParseFunctionDefinition(fn, type);
          return;
        }
        comp_.Error(knr->second,
                    "a parameter list without types is only allowed in a function definition");
      }
      Decl* fn = DeclareFunction(spec, type, name, loc);
      if (Is("{")) {
        if (!first)
          comp_.Error(Tok().loc, "expected ';' at end of declaration");
        ParseFunctionDefinition(fn, type);
        return;
      }
    } else {
      Decl* var = DeclareVar(spec, type, name, loc, true);
      if (Accept("=")) {
        if (spec.storage == StorageClass::Extern) {
          comp_.Warning(loc, "'extern' variable has an initializer");
        }
        var->init = ParseInitializer(var);
        FinishInitConstants(var->init, true);
        var->is_defined = true;
        var->is_tentative = false;
        for (Decl* p = var->previous; p; p = p->previous) {
          if (p->init) {
            comp_.Error(loc, "redefinition of '" + name + "'");
            comp_.Note(p->loc, "previous definition is here");
            break;
          }
        }
        for (Decl* p = var; p; p = p->previous)
          p->definition = var;
      } else if (!IsComplete(var->type) && !var->is_tentative &&
                 var->storage != StorageClass::Extern && !var->type->IsArray()) {
        // handled at end of translation unit for tentative definitions
      }
    }
    first = false;
    if (Accept(","))
      continue;
    if (!Expect(";", Is("{") || Is("(") ? nullptr : " after top level declarator")) {
      SkipTo({";", "}"});
      Accept(";");
    }
    return;
  }
}

Decl* Parser::DeclareFunction(const DeclSpec& spec, Type* type, const std::string& name,
                              SourceLoc loc) {
  Decl* fn = arena_.New<Decl>();
  fn->kind = DeclKind::Function;
  fn->name = name;
  fn->type = type;
  fn->loc = loc;
  fn->storage = spec.storage;
  fn->is_global = true;
  fn->is_inline = spec.is_inline;
  fn->import_module = spec.attrs.import_module;
  fn->import_name = spec.attrs.import_name;
  fn->export_name = spec.attrs.export_name;
  if (!AtFileScope() && spec.storage == StorageClass::Static) {
    comp_.Error(loc, "function declared in block scope cannot have 'static' storage class");
  }
  // A function is always declared at file scope too (block-scope declarations have linkage).
  Decl* prev = LookupVar(name);
  if (prev && !AtFileScope() && prev->kind != DeclKind::Function) {
    auto it = scopes_.front().vars.find(name);
    prev = it == scopes_.front().vars.end() ? nullptr : it->second;
  }
  if (prev) {
    if (prev->kind != DeclKind::Function) {
      if (scopes_.back().vars.count(name)) {
        comp_.Error(loc, "redefinition of '" + name + "' as different kind of symbol");
        comp_.Note(prev->loc, "previous definition is here");
      }
    } else if (!Compatible(prev->type, type)) {
      comp_.Error(loc, "conflicting types for '" + name + "'");
      comp_.Note(prev->loc, "previous declaration is here");
    } else {
      fn->previous = prev;
      fn->type = Composite(type, prev->type);
      fn->definition = prev->definition;
      if (prev->storage == StorageClass::Static && fn->storage == StorageClass::None) {
        fn->storage = StorageClass::Static;
      } else if (prev->storage != StorageClass::Static && fn->storage == StorageClass::Static) {
        comp_.Error(loc, "static declaration of '" + name + "' follows non-static declaration");
        comp_.Note(prev->loc, "previous declaration is here");
      }
      if (fn->import_module.empty())
        fn->import_module = prev->import_module;
      if (fn->import_name.empty())
        fn->import_name = prev->import_name;
      if (fn->export_name.empty())
        fn->export_name = prev->export_name;
      fn->is_used = prev->is_used;
    }
  }
  scopes_.back().vars[name] = fn;
  if (!AtFileScope() && !scopes_.front().vars.count(name))
    scopes_.front().vars[name] = fn;
  tu_->decls.push_back(fn);
  return fn;
}

Decl* Parser::DeclareVar(const DeclSpec& spec, Type* type, const std::string& name, SourceLoc loc,
                         bool global) {
  Decl* v = arena_.New<Decl>();
  v->kind = DeclKind::Var;
  v->name = name;
  v->type = type;
  v->loc = loc;
  v->storage = spec.storage;
  bool file_scope = AtFileScope();
  v->is_global =
      file_scope || spec.storage == StorageClass::Static || spec.storage == StorageClass::Extern;
  v->is_local_static = !file_scope && spec.storage == StorageClass::Static;
  if (spec.is_inline)
    comp_.Error(spec.loc, "'inline' can only appear on functions");
  if (type->IsVoid() && spec.storage != StorageClass::Extern) {
    comp_.Error(loc, "variable has incomplete type 'void'");
    v->type = Basic(TypeKind::Int);
  }
  auto it = scopes_.back().vars.find(name);
  Decl* prev = it == scopes_.back().vars.end() ? nullptr : it->second;
  if (prev) {
    bool linkage = file_scope ||
                   (spec.storage == StorageClass::Extern && prev->storage == StorageClass::Extern);
    if (prev->kind != DeclKind::Var) {
      comp_.Error(loc, "redefinition of '" + name + "' as different kind of symbol");
      comp_.Note(prev->loc, "previous definition is here");
    } else if (!linkage) {
      comp_.Error(loc, "redefinition of '" + name + "'");
      comp_.Note(prev->loc, "previous definition is here");
    } else if (!Compatible(Unqual(prev->type), Unqual(type)) || prev->type->quals != type->quals) {
      comp_.Error(loc, "redefinition of '" + name + "' with a different type: '" + TN(type) +
                           "' vs '" + TN(prev->type) + "'");
      comp_.Note(prev->loc, "previous definition is here");
    } else {
      v->previous = prev;
      v->type = Composite(type, prev->type);
      v->definition = prev->definition;
      if (prev->storage == StorageClass::Static && v->storage != StorageClass::Static) {
        if (v->storage == StorageClass::None) {
          comp_.Error(loc, "non-static declaration of '" + name + "' follows static declaration");
          comp_.Note(prev->loc, "previous definition is here");
        } else {
          v->storage = StorageClass::Static;
        }
      } else if (prev->storage != StorageClass::Static && v->storage == StorageClass::Static) {
        comp_.Error(loc, "static declaration of '" + name + "' follows non-static declaration");
        comp_.Note(prev->loc, "previous definition is here");
      }
    }
  }
  if (!file_scope && v->type->IsArray() && IsVariablyModified(v->type)) {
    if (spec.storage == StorageClass::Static || spec.storage == StorageClass::Extern) {
      comp_.Error(loc, std::string("variable length array declaration cannot have '") +
                           (spec.storage == StorageClass::Static ? "static' storage duration"
                                                                 : "extern' linkage"));
      v->type = Basic(TypeKind::Int);
    } else {
      v->vla_size = SizeExpr(v->type, loc);
      v->address_taken = true;
      fn_has_vla_ = true;
    }
  }
  if (file_scope) {
    v->is_tentative = spec.storage != StorageClass::Extern;
    tu_->decls.push_back(v);
  } else {
    if (spec.storage != StorageClass::Extern) {
      // Block-scope objects must be complete unless initialised with a brace list/string.
      // (`int a[];` without initialiser: "needs an explicit size", reported by the caller.)
      if (!IsComplete(v->type) && !(v->type->IsArray() && (Is("=") || v->type->array_len < 0))) {
        comp_.Error(loc, "variable has incomplete type '" + TN(v->type) + "'");
        v->type = Basic(TypeKind::Int);
      }
      v->is_defined = true;
      if (fn_)
        fn_->locals.push_back(v);
    } else {
      // Link to a file-scope declaration of the same name.
      auto g = scopes_.front().vars.find(name);
      if (g != scopes_.front().vars.end() && g->second->kind == DeclKind::Var) {
        if (!Compatible(Unqual(g->second->type), Unqual(type))) {
          comp_.Error(loc, "redefinition of '" + name + "' with a different type: '" + TN(type) +
                               "' vs '" + TN(g->second->type) + "'");
          comp_.Note(g->second->loc, "previous definition is here");
        }
        v->previous = g->second;
      } else {
        tu_->decls.push_back(v);
      }
    }
  }
  (void)global;
  scopes_.back().vars[name] = v;
  return v;
}

// function-definition: declaration-specifiers declarator compound-statement
// C99 6.8.6.1p1: a goto (or a switch, to its case labels) must not jump from outside the scope
// of a VLA into it. The scope of a VLA declared as statement i of a block is statements i+1...
void Parser::CheckVlaJumps(Decl* fn) {
  struct Place {
    const Stmt* parent;
    size_t index;
  };
  std::unordered_map<const Stmt*, Place> up;
  std::vector<const Stmt*> vla_decls, switches;
  std::function<void(const Stmt*, const Stmt*, size_t)> walk =
      [&](const Stmt* s, const Stmt* parent, size_t index) {
        if (!s)
          return;
        up[s] = {parent, index};
        if (s->kind == StmtKind::Decl) {
          for (const Decl* d : s->decls) {
            if (d->vla_size) {
              vla_decls.push_back(s);
              break;
            }
          }
        }
        if (s->kind == StmtKind::Switch)
          switches.push_back(s);
        for (size_t i = 0; i < s->body.size(); ++i)
          walk(s->body[i], s, i);
        if (s->kind != StmtKind::Decl)
          walk(s->init, s, 0);
        walk(s->then, s, 1);
        walk(s->els, s, 2);
      };
  walk(fn->body, nullptr, 0);
  // Is statement x in the scope of the VLA declaration `decl`? (Inside its block, after it; a
  // VLA in a for header is in scope in the whole loop.)
  auto inside = [&](const Stmt* x, const Stmt* decl) {
    const Place& d = up[decl];
    for (const Stmt* s = x; s;) {
      auto it = up.find(s);
      if (it == up.end())
        return false;
      if (it->second.parent == d.parent && d.parent)
        return d.parent->kind == StmtKind::Compound ? it->second.index > d.index : s != decl;
      s = it->second.parent;
    }
    return false;
  };
  auto vla_var = [](const Stmt* decl) -> const Decl* {
    for (const Decl* d : decl->decls)
      if (d->vla_size)
        return d;
    return decl->decls.front();
  };
  for (const Stmt* sw : switches) {
    for (const Stmt* c : sw->cases) {
      for (const Stmt* d : vla_decls) {
        if (inside(c, d) && !inside(sw, d)) {
          comp_.Error(c->loc, "cannot jump from switch statement to this case label");
          comp_.Note(vla_var(d)->loc, "jump bypasses initialization of variable length array");
          break;
        }
      }
    }
  }
  for (const Stmt* g : gotos_) {
    if (!g->target)
      continue;
    for (const Stmt* d : vla_decls) {
      if (inside(g->target, d) && !inside(g, d)) {
        comp_.Error(goto_kw_.count(g) ? goto_kw_[g] : g->loc,
                    "cannot jump from this goto statement to its label");
        comp_.Note(vla_var(d)->loc, "jump bypasses initialization of variable length array");
        break;
      }
    }
  }
}

void Parser::ParseFunctionDefinition(Decl* fn, Type* type) {
  if (fn->previous && fn->previous->definition) {
    comp_.Error(fn->loc, "redefinition of '" + fn->name + "'");
    comp_.Note(fn->previous->definition->loc, "previous definition is here");
  }
  if (!AtFileScope()) {
    comp_.Error(Tok().loc, "function definition is not allowed here");
  }
  for (Decl* d = fn; d; d = d->previous)
    d->definition = fn;
  fn->is_defined = true;
  Type* ret = type->base;
  if (!ret->IsVoid() && !IsComplete(ret)) {
    comp_.Error(fn->loc, "incomplete result type '" + TN(ret) + "' in function definition");
  }
  fn_ = fn;
  labels_.clear();
  gotos_.clear();
  goto_kw_.clear();
  saw_return_value_ = false;
  fn_has_vla_ = false;
  PushScope();
  auto it = fn_params_.find(type);
  if (it == fn_params_.end() && fn->previous)
    it = fn_params_.find(fn->type);
  if (it != fn_params_.end()) {
    for (Decl* p : it->second) {
      if (p->name.empty()) {
        fn->params.push_back(p); // unnamed (a C2x extension clang accepts): not in scope
        fn->locals.push_back(p);
        continue;
      }
      if (!IsComplete(p->type)) {
        comp_.Error(p->loc, "variable has incomplete type '" + TN(p->type) + "'");
      }
      if (scopes_.back().vars.count(p->name)) {
        comp_.Error(p->loc, "redefinition of parameter '" + p->name + "'");
      }
      scopes_.back().vars[p->name] = p;
      fn->params.push_back(p);
      fn->locals.push_back(p);
    }
  }
  // K&R parameters declared char, short or float arrive promoted: a local of the declared type,
  // initialised from the parameter, takes its name.
  Stmt* knr_init = nullptr;
  auto knr = knr_narrow_.find(type);
  if (knr != knr_narrow_.end()) {
    knr_init = arena_.New<Stmt>();
    knr_init->kind = StmtKind::Decl;
    knr_init->loc = fn->loc;
    for (auto [p, declared] : knr->second) {
      Decl* q = nullptr; // the promoted parameter of this definition
      for (Decl* c : fn->params)
        if (c->name == p->name)
          q = c;
      if (!q)
        continue;
      Decl* v = arena_.New<Decl>();
      v->kind = DeclKind::Var;
      v->name = q->name;
      v->type = declared;
      v->loc = q->loc;
      v->is_defined = true;
      v->is_used = true;
      Expr* ref = NewExpr(ExprKind::VarRef, q->type, q->loc);
      ref->var = q;
      ref->is_lvalue = true;
      q->is_used = true;
      v->init = arena_.New<Initializer>();
      InitEntry entry;
      entry.type = Unqual(declared);
      entry.value = Cast(RValue(ref), Unqual(declared), true);
      v->init->entries.push_back(entry);
      scopes_.back().vars[v->name] = v;
      fn->locals.push_back(v);
      knr_init->decls.push_back(v);
    }
  }
  // The VLA sizes in parameter types (`int m[][n]`) are evaluated on entry.
  Stmt* param_vla = nullptr;
  auto vla = fn_vla_.find(type);
  if (vla != fn_vla_.end()) {
    param_vla = arena_.New<Stmt>();
    param_vla->kind = StmtKind::Decl;
    param_vla->loc = fn->loc;
    for (Decl* h : vla->second) {
      param_vla->decls.push_back(h);
      fn->locals.push_back(h);
    }
  }
  fn->body = ParseCompound(false);
  if (param_vla && fn->body)
    fn->body->body.insert(fn->body->body.begin(), param_vla);
  if (knr_init && fn->body)
    fn->body->body.insert(fn->body->body.begin(), knr_init);
  PopScope();
  for (Stmt* g : gotos_) {
    auto l = labels_.find(g->label);
    if (l == labels_.end()) {
      comp_.Error(g->loc, "use of undeclared label '" + g->label + "'");
    } else {
      g->target = l->second;
    }
  }
  if (fn_has_vla_ && fn->body)
    CheckVlaJumps(fn);
  // -Wreturn-type: a non-void function (other than main) whose end is reachable (a call of
  // exit/abort/_Exit or __builtin_trap/__builtin_unreachable does not return).
  if (!ret->IsVoid() && fn->name != "main" && fn->body) {
    std::function<bool(const Stmt*)> falls = [&](const Stmt* s) -> bool {
      if (!s)
        return true;
      switch (s->kind) {
      case StmtKind::Return:
      case StmtKind::Goto: return false;
      case StmtKind::Expr: return !IsNoReturnCall(s->expr);
      case StmtKind::Compound: {
        for (const Stmt* c : s->body) {
          if (c->kind == StmtKind::Label || c->kind == StmtKind::Case ||
              c->kind == StmtKind::Default) {
            continue;
          }
        }
        return s->body.empty() || falls(s->body.back());
      }
      case StmtKind::If: return !s->els || falls(s->then) || falls(s->els);
      case StmtKind::Switch: {
        // Without default, or with a break out of it, a switch can fall off its end.
        if (!s->default_case || falls(s->then))
          return true;
        std::function<bool(const Stmt*)> breaks = [&](const Stmt* b) -> bool {
          if (!b)
            return false;
          if (b->kind == StmtKind::Break && b->target == s)
            return true;
          for (const Stmt* c : b->body)
            if (breaks(c))
              return true;
          return breaks(b->then) || breaks(b->els);
        };
        return breaks(s->then);
      }
      case StmtKind::Label:
      case StmtKind::Case:
      case StmtKind::Default: return falls(s->then);
      case StmtKind::While:
      case StmtKind::For:
      case StmtKind::DoWhile: {
        bool infinite = !s->expr;
        if (s->expr) {
          auto v = EvalInt(s->expr);
          infinite = v && *v != 0;
        }
        if (!infinite)
          return true;
        // An infinite loop falls through only via break.
        std::function<bool(const Stmt*)> has_break = [&](const Stmt* b) -> bool {
          if (!b)
            return false;
          if (b->kind == StmtKind::Break && b->target == s)
            return true;
          for (const Stmt* c : b->body) {
            if (has_break(c))
              return true;
          }
          return has_break(b->then) || has_break(b->els);
        };
        return has_break(s->then);
      }
      default: return true;
      }
    };
    if (falls(fn->body)) {
      SourceLoc end = PrevEnd();
      end.offset -= 1;
      comp_.Warning(end, saw_return_value_
                             ? "non-void function does not return a value in all control paths"
                             : "non-void function does not return a value");
    }
  }
  if (comp_.options().wall) {
    for (Decl* d : fn->locals) {
      if (d->kind == DeclKind::Var && !d->is_used && !d->name.empty() &&
          d->storage != StorageClass::Extern && d->name != "__func__") {
        comp_.Warning(d->loc, "unused variable '" + d->name + "'");
      }
    }
  }
  fn_ = nullptr;
}

// declaration (block scope): declaration-specifiers init-declarator-list? ';'
Stmt* Parser::ParseLocalDeclaration() {
  Stmt* s = arena_.New<Stmt>();
  s->kind = StmtKind::Decl;
  s->loc = Tok().loc;
  if (IsKw("_Static_assert")) {
    ParseStaticAssert();
    return s;
  }
  DeclSpec spec = ParseDeclSpec(true);
  bool warn_implicit_int = !spec.explicit_type;
  if (Accept(";")) {
    if (!spec.type->IsRecord() && spec.type->kind != TypeKind::Enum) {
      comp_.Warning(spec.loc, "declaration does not declare anything");
    }
    return s;
  }
  while (true) {
    std::string name;
    SourceLoc loc = Tok().loc;
    size_t vla_mark = pending_vla_.size();
    Type* type = ParseDeclarator(spec.type, &name, &loc, false);
    ParseAttributes(&spec.attrs);
    // The VLA sizes of this declarator are evaluated when the declaration is reached, before
    // the object is allocated.
    if (type->IsFunction())
      pending_vla_.resize(vla_mark);
    else
      FlushVla(s, vla_mark);
    if (warn_implicit_int && !name.empty()) {
      comp_.Warning(loc, "type specifier missing, defaults to 'int'");
      warn_implicit_int = false;
    }
    if (name.empty()) {
      SkipTo({";", "}"});
      Accept(";");
      return s;
    }
    if (spec.storage == StorageClass::Typedef) {
      auto it = scopes_.back().vars.find(name);
      if (it != scopes_.back().vars.end() &&
          (it->second->kind != DeclKind::Typedef || !Compatible(it->second->type, type))) {
        comp_.Error(loc, it->second->kind == DeclKind::Typedef
                             ? "typedef redefinition with different types ('" + TN(type) +
                                   "' vs '" + TN(it->second->type) + "')"
                             : "redefinition of '" + name + "' as different kind of symbol");
        comp_.Note(it->second->loc, "previous definition is here");
      }
      Decl* d = arena_.New<Decl>();
      d->kind = DeclKind::Typedef;
      d->name = name;
      d->type = type;
      d->loc = loc;
      scopes_.back().vars[name] = d;
    } else if (type->IsFunction()) {
      if (knr_types_.count(type))
        comp_.Error(knr_types_[type],
                    "a parameter list without types is only allowed in a function definition");
      DeclareFunction(spec, type, name, loc);
      if (Is("{")) {
        comp_.Error(Tok().loc, "function definition is not allowed here");
        SkipUntil("}", true);
        return s;
      }
    } else {
      Decl* v = DeclareVar(spec, type, name, loc, false);
      if (v->vla_size && Is("=")) {
        const Type* a = v->type;
        while (a->IsArray() && !a->vla_count)
          a = a->base;
        SourceLoc at = a->vla_count && a->vla_count->lhs ? a->vla_count->lhs->loc : loc;
        comp_.Error(at, "variable-sized object may not be initialized");
        Next();
        if (Accept("{"))
          SkipUntil("}", true);
        else
          ParseAssign();
      } else if (Accept("=")) {
        if (spec.storage == StorageClass::Extern) {
          comp_.Error(loc, "declaration of block scope identifier with linkage cannot have an "
                           "initializer");
        }
        v->init = ParseInitializer(v);
        FinishInitConstants(v->init, v->is_global);
      } else if (v->type->IsArray() && v->type->array_len < 0 &&
                 spec.storage != StorageClass::Extern) {
        comp_.Error(loc, "definition of variable with array type needs an explicit size or an "
                         "initializer");
        v->type = ArrayOf(v->type->base, 1);
      }
      if (v->is_local_static)
        v->is_defined = true;
      s->decls.push_back(v);
    }
    if (Accept(","))
      continue;
    if (!Expect(";", " at end of declaration")) {
      SkipTo({";", "}"});
      Accept(";");
    }
    return s;
  }
}

} // namespace minicc::frontend
