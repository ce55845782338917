// Parsing declarations (C99 6.7, 6.9): declaration specifiers, struct/union/enum, declarators,
// parameter lists, typedefs, external declarations and function definitions, with the semantic
// checks clang makes on them (redefinitions, conflicting types, incomplete types).
#include <algorithm>

#include "frontend/parser.h"

namespace minicc::frontend {

// ---- token helpers --------------------------------------------------------------------------

bool Parser::Is(const char* text) const {
  const Token& t = Tok();
  return (t.kind == TokenKind::Punct || t.kind == TokenKind::Keyword) && t.text == text;
}
bool Parser::IsKw(const char* text) const {
  return Tok().kind == TokenKind::Keyword && Tok().text == text;
}
bool Parser::Accept(const char* text) {
  if (!Is(text))
    return false;
  Next();
  return true;
}

SourceLoc Parser::PrevEnd() const {
  if (pos_ == 0)
    return Tok().loc;
  const Token& p = toks_[pos_ - 1];
  SourceLoc l = p.loc;
  // A token from a macro expansion is reported at the macro use: put the caret after the use.
  l.offset += p.length;
  return l;
}

bool Parser::Expect(const char* text, const char* context) {
  if (Accept(text))
    return true;
  std::string msg = std::string("expected '") + text + "'";
  if (context)
    msg += context;
  if (std::string(text) == ";" || (std::string(text) == ")" && context)) {
    comp_.Error(PrevEnd(), msg);
  } else {
    comp_.Error(Tok().loc, msg);
  }
  return false;
}

void Parser::SkipUntil(const char* stop, bool consume) {
  int depth = 0;
  while (!AtEof()) {
    if (depth == 0 && Is(stop)) {
      if (consume)
        Next();
      return;
    }
    if (Is("(") || Is("[") || Is("{")) {
      ++depth;
    } else if (Is(")") || Is("]") || Is("}")) {
      if (depth == 0)
        return;
      --depth;
    }
    Next();
  }
}

// Error recovery: skip to one of `stops` at bracket depth 0 (not consumed) or past a '}' that
// closes the current block.
void Parser::SkipTo(std::initializer_list<const char*> stops) {
  int depth = 0;
  while (!AtEof()) {
    if (depth == 0) {
      for (const char* s : stops) {
        if (Is(s))
          return;
      }
    }
    if (Is("(") || Is("[") || Is("{")) {
      ++depth;
    } else if (Is(")") || Is("]") || Is("}")) {
      if (depth == 0)
        return;
      --depth;
    }
    Next();
  }
}

// ---- scopes ---------------------------------------------------------------------------------

Decl* Parser::LookupVar(const std::string& name) const {
  for (auto it = scopes_.rbegin(); it != scopes_.rend(); ++it) {
    auto f = it->vars.find(name);
    if (f != it->vars.end())
      return f->second;
  }
  return nullptr;
}

Type* Parser::LookupTag(const std::string& name, bool current_only) const {
  for (auto it = scopes_.rbegin(); it != scopes_.rend(); ++it) {
    auto f = it->tags.find(name);
    if (f != it->tags.end())
      return f->second;
    if (current_only)
      break;
  }
  return nullptr;
}

// ---- declaration specifiers -----------------------------------------------------------------

bool Parser::IsTypeName(const Token& t) const {
  if (t.kind == TokenKind::Keyword) {
    static const char* kSpec[] = {
        "void",       "_Bool",      "char",         "short",         "int",           "long",
        "signed",     "unsigned",   "float",        "double",        "struct",        "union",
        "enum",       "const",      "volatile",     "restrict",      "typedef",       "extern",
        "static",     "auto",       "register",     "inline",        "_Complex",      "_Imaginary",
        "_Noreturn",  "_Alignas",   "_Atomic",      "_Thread_local", "__attribute__", "__inline",
        "__inline__", "__restrict", "__restrict__", "__const",       "__volatile__",  "__signed__",
        "__typeof__", "typeof",     "__extension__"};
    for (const char* s : kSpec) {
      if (t.text == s)
        return true;
    }
    return false;
  }
  if (t.kind == TokenKind::Ident) {
    Decl* d = LookupVar(t.text);
    return d && d->kind == DeclKind::Typedef;
  }
  return false;
}

bool Parser::StartsDeclaration() const {
  return IsTypeName(Tok());
}

void Parser::ParseAttributes(Attributes* attrs) {
  while (IsKw("__attribute__")) {
    Next();
    if (!Expect("(") || !Expect("(")) {
      SkipUntil(";", false);
      return;
    }
    while (!Is(")") && !AtEof()) {
      std::string name = Tok().text;
      SourceLoc loc = Tok().loc;
      Next();
      std::string arg;
      if (Accept("(")) {
        if (Tok().kind == TokenKind::String) {
          std::string s = Tok().text;
          arg = s.size() >= 2 ? s.substr(1, s.size() - 2) : s;
          Next();
        }
        SkipUntil(")", true);
      }
      if (name == "import_module" || name == "__import_module__") {
        attrs->import_module = arg;
      } else if (name == "import_name" || name == "__import_name__") {
        attrs->import_name = arg;
      } else if (name == "export_name" || name == "__export_name__") {
        attrs->export_name = arg;
      } else if (name == "aligned" || name == "__aligned__" || name == "packed" ||
                 name == "__packed__" || name == "vector_size" || name == "mode" ||
                 name == "__mode__") {
        comp_.Error(loc, "__attribute__((" + name + ")) is not supported in mini-C");
      }
      // Other attributes (noreturn, unused, const, ...) do not change the meaning: ignored.
      if (!Accept(","))
        break;
    }
    Expect(")");
    Expect(")");
  }
}

// declaration-specifiers: (storage-class-specifier | type-specifier | type-qualifier |
//                          function-specifier | attribute)+
DeclSpec Parser::ParseDeclSpec(bool allow_storage) {
  DeclSpec spec;
  spec.loc = Tok().loc;
  enum { kVoid, kBool, kChar, kShort, kInt, kLong, kSigned, kUnsigned, kFloat, kDouble, kOther };
  int counts[11] = {};
  uint8_t quals = 0;
  Type* other = nullptr;
  bool any = false;
  std::string prev_spec;
  while (true) {
    const Token& t = Tok();
    if (t.kind == TokenKind::Keyword) {
      const std::string& s = t.text;
      if (s == "__attribute__") {
        ParseAttributes(&spec.attrs);
        continue;
      }
      if (s == "__extension__") {
        Next();
        continue;
      }
      StorageClass sc = StorageClass::None;
      bool is_storage = true;
      if (s == "typedef")
        sc = StorageClass::Typedef;
      else if (s == "extern")
        sc = StorageClass::Extern;
      else if (s == "static")
        sc = StorageClass::Static;
      else if (s == "auto" || s == "register")
        sc = StorageClass::None;
      else
        is_storage = false;
      if (is_storage) {
        if (!allow_storage && s != "register") {
          comp_.Error(t.loc, "invalid storage class specifier in function declarator");
        } else if (spec.storage != StorageClass::None && sc != StorageClass::None) {
          comp_.Error(t.loc, "cannot combine with previous '" +
                                 std::string(spec.storage == StorageClass::Typedef  ? "typedef"
                                             : spec.storage == StorageClass::Extern ? "extern"
                                                                                    : "static") +
                                 "' declaration specifier");
        } else if (sc != StorageClass::None) {
          spec.storage = sc;
        }
        any = true;
        Next();
        continue;
      }
      if (s == "inline" || s == "__inline" || s == "__inline__") {
        spec.is_inline = true;
        any = true;
        Next();
        continue;
      }
      if (s == "_Noreturn") {
        any = true;
        Next();
        continue;
      }
      if (s == "const" || s == "__const") {
        quals |= kConst;
        any = true;
        Next();
        continue;
      }
      if (s == "volatile" || s == "__volatile__") {
        quals |= kVolatile;
        any = true;
        Next();
        continue;
      }
      if (s == "restrict" || s == "__restrict" || s == "__restrict__") {
        quals |= kRestrict;
        any = true;
        Next();
        continue;
      }
      if (s == "_Complex" || s == "_Imaginary" || s == "_Atomic" || s == "_Thread_local" ||
          s == "_Alignas" || s == "typeof" || s == "__typeof__") {
        comp_.Error(t.loc, "'" + s + "' is not supported in mini-C", t.length);
        Next();
        if (Is("(")) {
          Next();
          SkipUntil(")", true);
        }
        any = true;
        continue;
      }
      int which = -1;
      if (s == "void")
        which = kVoid;
      else if (s == "_Bool")
        which = kBool;
      else if (s == "char")
        which = kChar;
      else if (s == "short")
        which = kShort;
      else if (s == "int")
        which = kInt;
      else if (s == "long")
        which = kLong;
      else if (s == "signed" || s == "__signed__")
        which = kSigned;
      else if (s == "unsigned")
        which = kUnsigned;
      else if (s == "float")
        which = kFloat;
      else if (s == "double")
        which = kDouble;
      if (which >= 0) {
        bool conflict = false;
        int total_base = counts[kVoid] + counts[kBool] + counts[kChar] + counts[kInt] +
                         counts[kFloat] + counts[kDouble] + counts[kOther];
        switch (which) {
        case kVoid:
        case kBool:
        case kChar:
        case kInt:
        case kFloat:
        case kDouble:
          conflict = total_base > 0 ||
                     ((which == kVoid || which == kBool || which == kFloat) &&
                      (counts[kShort] || counts[kLong] || counts[kSigned] || counts[kUnsigned])) ||
                     (which == kChar && (counts[kShort] || counts[kLong])) ||
                     (which == kDouble && (counts[kShort] || counts[kSigned] || counts[kUnsigned] ||
                                           counts[kLong] > 1));
          break;
        case kShort:
          conflict = counts[kShort] || counts[kLong] || counts[kChar] || counts[kVoid] ||
                     counts[kBool] || counts[kFloat] || counts[kDouble] || counts[kOther];
          break;
        case kLong:
          conflict = counts[kLong] >= 2 || counts[kShort] || counts[kChar] || counts[kVoid] ||
                     counts[kBool] || counts[kFloat] || counts[kOther] ||
                     (counts[kDouble] && counts[kLong] >= 1);
          break;
        case kSigned:
        case kUnsigned:
          conflict = counts[kSigned] || counts[kUnsigned] || counts[kVoid] || counts[kBool] ||
                     counts[kFloat] || counts[kDouble] || counts[kOther];
          break;
        }
        if (conflict) {
          comp_.Error(t.loc,
                      "cannot combine with previous '" + prev_spec + "' declaration specifier",
                      t.length);
        } else {
          counts[which]++;
          prev_spec = s == "long" && counts[kLong] == 2 ? "long long" : s;
        }
        any = true;
        Next();
        continue;
      }
      if (s == "struct" || s == "union" || s == "enum") {
        bool conflict = counts[kVoid] + counts[kBool] + counts[kChar] + counts[kInt] +
                            counts[kFloat] + counts[kDouble] + counts[kOther] + counts[kShort] +
                            counts[kLong] + counts[kSigned] + counts[kUnsigned] >
                        0;
        SourceLoc l = t.loc;
        Next();
        Type* ty = s == "enum" ? ParseEnum() : ParseStructUnion(s == "union");
        if (conflict) {
          comp_.Error(l, "cannot combine with previous '" + prev_spec + "' declaration specifier");
        } else {
          other = ty;
          counts[kOther]++;
        }
        any = true;
        continue;
      }
      break;
    }
    if (t.kind == TokenKind::Ident) {
      int total = 0;
      for (int c : counts)
        total += c;
      if (total == 0) {
        Decl* d = LookupVar(t.text);
        if (d && d->kind == DeclKind::Typedef) {
          d->is_used = true;
          other = d->type;
          counts[kOther]++;
          any = true;
          Next();
          continue;
        }
      }
    }
    break;
  }
  (void)any;
  Type* base = nullptr;
  spec.explicit_type = true;
  if (counts[kOther]) {
    base = other;
  } else if (counts[kVoid]) {
    base = Basic(TypeKind::Void);
  } else if (counts[kBool]) {
    base = Basic(TypeKind::Bool);
  } else if (counts[kFloat]) {
    base = Basic(TypeKind::Float);
  } else if (counts[kDouble]) {
    base = Basic(counts[kLong] ? TypeKind::LongDouble : TypeKind::Double);
  } else if (counts[kChar]) {
    base = Basic(counts[kUnsigned] ? TypeKind::UChar
                 : counts[kSigned] ? TypeKind::SChar
                                   : TypeKind::Char);
  } else if (counts[kShort]) {
    base = Basic(counts[kUnsigned] ? TypeKind::UShort : TypeKind::Short);
  } else if (counts[kLong] == 2) {
    base = Basic(counts[kUnsigned] ? TypeKind::ULongLong : TypeKind::LongLong);
  } else if (counts[kLong] == 1) {
    base = Basic(counts[kUnsigned] ? TypeKind::ULong : TypeKind::Long);
  } else if (counts[kInt] || counts[kSigned] || counts[kUnsigned]) {
    base = Basic(counts[kUnsigned] ? TypeKind::UInt : TypeKind::Int);
  } else {
    base = Basic(TypeKind::Int);
    spec.explicit_type = false;
  }
  spec.type = Qualified(base, quals);
  return spec;
}

// struct-or-union-specifier: struct-or-union identifier? '{' struct-declaration-list '}'
//                          | struct-or-union identifier
Type* Parser::ParseStructUnion(bool is_union) {
  SourceLoc kw_loc = toks_[pos_ > 0 ? pos_ - 1 : 0].loc;
  Attributes ignored;
  ParseAttributes(&ignored);
  std::string tag;
  SourceLoc loc = Tok().loc;
  if (Tok().kind == TokenKind::Ident) {
    tag = Tok().text;
    Next();
  }
  auto make = [&]() {
    RecordInfo* r = arena_.New<RecordInfo>();
    r->tag = tag;
    r->is_union = is_union;
    r->loc = loc;
    Type* t = arena_.New<Type>();
    t->kind = is_union ? TypeKind::Union : TypeKind::Struct;
    t->record = r;
    t->unqualified = t;
    return t;
  };
  auto check_kind = [&](Type* t) {
    if (t->kind != (is_union ? TypeKind::Union : TypeKind::Struct)) {
      comp_.Error(loc, "use of '" + tag +
                           "' with tag type that does not match previous "
                           "declaration");
      comp_.Note(t->record ? t->record->loc : t->enum_info->loc, "previous use is here");
      return false;
    }
    return true;
  };
  if (!Is("{")) {
    if (tag.empty()) {
      comp_.Error(kw_loc, std::string("declaration of anonymous ") +
                              (is_union ? "union" : "struct") + " must be a definition");
      return Basic(TypeKind::Int);
    }
    // `struct S;` declares a new incomplete type in this scope.
    Type* found = LookupTag(tag, Is(";"));
    if (found) {
      if (!check_kind(found))
        return make();
      return found;
    }
    Type* t = make();
    scopes_.back().tags[tag] = t;
    return t;
  }
  Type* t = nullptr;
  if (!tag.empty()) {
    Type* found = LookupTag(tag, true);
    if (found && check_kind(found)) {
      if (found->record->complete) {
        comp_.Error(loc, "redefinition of '" + tag + "'");
        comp_.Note(found->record->loc, "previous definition is here");
        t = make();
      } else {
        t = found;
        t->record->loc = loc;
      }
    } else {
      t = make();
      scopes_.back().tags[tag] = t;
    }
  } else {
    t = make();
  }
  RecordInfo* r = t->record;
  Next(); // '{'
  std::vector<Member> members;
  while (!Is("}") && !AtEof() && !comp_.TooManyErrors()) {
    if (IsKw("_Static_assert")) {
      ParseStaticAssert();
      continue;
    }
    if (!StartsDeclaration()) {
      comp_.Error(Tok().loc, Tok().kind == TokenKind::Ident
                                 ? "unknown type name '" + Tok().text + "'"
                                 : "type name requires a specifier or qualifier");
      SkipUntil(";", true);
      continue;
    }
    DeclSpec spec = ParseDeclSpec(false);
    if (Accept(";")) {
      // Anonymous struct/union member (C11, accepted by clang in C99 mode).
      if (spec.type->IsRecord() && spec.type->record->tag.empty()) {
        Member m;
        m.type = spec.type;
        m.loc = spec.loc;
        members.push_back(m);
      } else {
        comp_.Warning(spec.loc, "declaration does not declare anything");
      }
      continue;
    }
    while (true) {
      Member m;
      m.loc = Tok().loc;
      if (Is(":")) {
        m.type = spec.type;
      } else {
        ++in_record_;
        m.type = ParseDeclarator(spec.type, &m.name, &m.loc, false);
        --in_record_;
      }
      ParseAttributes(&spec.attrs);
      if (Accept(":")) {
        SourceLoc wloc = Tok().loc;
        bool ok = true;
        int64_t w = ParseConstInt("bit-field width", &wloc, &ok);
        std::string what = m.name.empty() ? "anonymous bit-field" : "bit-field '" + m.name + "'";
        if (!m.type->IsInteger()) {
          comp_.Error(m.loc, what + " has non-integral type '" + TN(m.type) + "'");
        } else if (ok && w < 0) {
          comp_.Error(m.loc, what + " has negative width (" + std::to_string(w) + ")");
        } else if (ok && w == 0 && !m.name.empty()) {
          comp_.Error(m.loc, "named bit-field '" + m.name + "' has zero width");
        } else if (ok && w > static_cast<int64_t>(SizeOf(m.type)) * 8) {
          comp_.Error(m.loc, "width of " + what + " (" + std::to_string(w) +
                                 " bits) exceeds the width of its type (" +
                                 std::to_string(SizeOf(m.type) * 8) + " bits)");
        } else if (ok) {
          m.bit_width = static_cast<int>(w);
        }
        if (m.bit_width < 0)
          m.bit_width = 1; // recovered
      } else if (m.type->IsFunction()) {
        comp_.Error(m.loc, "field '" + m.name + "' declared as a function");
        m.type = PointerTo(m.type);
      } else if (!IsComplete(m.type)) {
        bool flexible = m.type->IsArray() && m.type->array_len < 0 && IsComplete(m.type->base);
        if (flexible) {
          if (Is(";") && PeekTok().text == "}" && !r->is_union) {
            r->has_flexible_array = true;
          } else if (r->is_union) {
            comp_.Error(m.loc, "flexible array member '" + m.name +
                                   "' in a union is not "
                                   "allowed");
          } else {
            comp_.Error(m.loc, "flexible array member '" + m.name + "' with type '" + TN(m.type) +
                                   "' is not at the end of struct");
          }
        } else {
          comp_.Error(m.loc, "field has incomplete type '" + TN(m.type) + "'");
          m.type = Basic(TypeKind::Int);
        }
      }
      if (!m.name.empty()) {
        for (const Member& o : members) {
          if (o.name == m.name) {
            comp_.Error(m.loc, "duplicate member '" + m.name + "'");
            comp_.Note(o.loc, "previous declaration is here");
          }
        }
      }
      members.push_back(m);
      if (!Accept(","))
        break;
    }
    if (!Expect(";", " at end of declaration list"))
      SkipTo({";", "}"}), Accept(";");
  }
  if (r->has_flexible_array && members.size() == 1) {
    comp_.Error(members.back().loc, "flexible array member '" + members.back().name +
                                        "' not allowed in otherwise empty struct");
  }
  Expect("}");
  r->members = std::move(members);
  LayoutRecord(r);
  ParseAttributes(&ignored);
  return t;
}

// enum-specifier: enum identifier? '{' enumerator-list ','? '}' | enum identifier
Type* Parser::ParseEnum() {
  std::string tag;
  SourceLoc loc = Tok().loc;
  if (Tok().kind == TokenKind::Ident) {
    tag = Tok().text;
    Next();
  }
  auto make = [&]() {
    EnumInfo* e = arena_.New<EnumInfo>();
    e->tag = tag;
    e->loc = loc;
    Type* t = arena_.New<Type>();
    t->kind = TypeKind::Enum;
    t->enum_info = e;
    t->unqualified = t;
    return t;
  };
  if (!Is("{")) {
    if (tag.empty()) {
      comp_.Error(Tok().loc, "expected identifier or '{'");
      return Basic(TypeKind::Int);
    }
    Type* found = LookupTag(tag, false);
    if (found && found->kind == TypeKind::Enum)
      return found;
    if (found) {
      comp_.Error(loc, "use of '" + tag +
                           "' with tag type that does not match previous "
                           "declaration");
      return make();
    }
    // Forward reference to an enum: a GNU extension clang accepts (incomplete until defined).
    Type* t = make();
    scopes_.back().tags[tag] = t;
    return t;
  }
  Type* t = nullptr;
  if (!tag.empty()) {
    Type* found = LookupTag(tag, true);
    if (found && found->kind == TypeKind::Enum && !found->enum_info->complete) {
      t = found;
    } else {
      if (found) {
        comp_.Error(loc, "redefinition of '" + tag + "'");
        comp_.Note(found->kind == TypeKind::Enum ? found->enum_info->loc : found->record->loc,
                   "previous definition is here");
      }
      t = make();
      scopes_.back().tags[tag] = t;
    }
  } else {
    t = make();
  }
  Next(); // '{'
  int64_t next = 0;
  int64_t min = 0, max = 0;
  bool first = true;
  std::vector<Decl*> consts;
  while (!Is("}") && !AtEof()) {
    if (Tok().kind != TokenKind::Ident) {
      comp_.Error(Tok().loc, "expected identifier");
      SkipUntil("}", false);
      break;
    }
    Decl* d = arena_.New<Decl>();
    d->kind = DeclKind::EnumConst;
    d->name = Tok().text;
    d->loc = Tok().loc;
    Next();
    if (Accept("=")) {
      bool ok = true;
      next = ParseConstInt("enumerator value", nullptr, &ok);
    }
    if (next < INT32_MIN || next > UINT32_MAX) {
      comp_.Error(d->loc, "enumerator value outside the range of 'int' and 'unsigned int' "
                          "is not supported in mini-C");
    }
    d->enum_value = next;
    d->type = Basic(TypeKind::Int);
    if (first || next < min)
      min = next;
    if (first || next > max)
      max = next;
    first = false;
    auto prev = scopes_.back().vars.find(d->name);
    if (prev != scopes_.back().vars.end()) {
      comp_.Error(d->loc, "redefinition of enumerator '" + d->name + "'");
      comp_.Note(prev->second->loc, "previous definition is here");
    }
    scopes_.back().vars[d->name] = d;
    consts.push_back(d);
    ++next;
    if (!Accept(","))
      break;
  }
  Expect("}");
  t->enum_unsigned = min >= 0 && max > INT32_MAX;
  t->enum_info->complete = true;
  return t;
}

// declarator: pointer? direct-declarator
// direct-declarator: identifier | '(' declarator ')' | direct-declarator ('[' ... ']' | '(' ...
// ')')
Type* Parser::ParseDeclarator(Type* base, std::string* name, SourceLoc* loc, bool abstract_ok) {
  DepthGuard guard(*this);
  if (guard.TooDeep()) {
    comp_.Error(Tok().loc, "declarator nested too deeply");
    SkipTo({";"});
    return base;
  }
  while (Accept("*")) {
    uint8_t quals = 0;
    while (true) {
      if (IsKw("const") || IsKw("__const"))
        quals |= kConst;
      else if (IsKw("volatile") || IsKw("__volatile__"))
        quals |= kVolatile;
      else if (IsKw("restrict") || IsKw("__restrict") || IsKw("__restrict__"))
        quals |= kRestrict;
      else if (IsKw("__attribute__")) {
        Attributes a;
        ParseAttributes(&a);
        continue;
      } else
        break;
      Next();
    }
    base = Qualified(PointerTo(base), quals);
  }
  if (Is("(")) {
    const Token& n = PeekTok();
    bool grouping = n.text == "*" || (n.text == "(" && !abstract_ok) ||
                    (n.kind == TokenKind::Ident && !IsTypeName(n)) || n.text == "__attribute__";
    if (abstract_ok && n.text == "(")
      grouping = false;
    if (grouping) {
      Next();
      size_t inner = pos_;
      SkipUntil(")", true);
      Type* outer = ParseDeclaratorSuffix(base);
      size_t end = pos_;
      pos_ = inner;
      Type* t = ParseDeclarator(outer, name, loc, abstract_ok);
      Expect(")");
      pos_ = std::max(end, pos_);
      return t;
    }
  }
  if (Tok().kind == TokenKind::Ident) {
    if (name)
      *name = Tok().text;
    if (loc)
      *loc = Tok().loc;
    declarator_name_ = Tok().text;
    declarator_loc_ = Tok().loc;
    Next();
  } else if (!abstract_ok) {
    if (loc)
      *loc = Tok().loc;
    comp_.Error(Tok().loc, "expected identifier or '('");
  } else if (loc) {
    *loc = Tok().loc;
    declarator_name_.clear();
    declarator_loc_ = Tok().loc;
  }
  return ParseDeclaratorSuffix(base);
}

Type* Parser::ParseDeclaratorSuffix(Type* base) {
  if (Is("[")) {
    SourceLoc lb = Tok().loc;
    Next();
    while (IsKw("static") || IsKw("const") || IsKw("volatile") || IsKw("restrict"))
      Next();
    int64_t len = -1;
    Expr* vla_size = nullptr;
    if (Is("*") && PeekTok().text == "]") {
      // `[*]`: a VLA of unspecified size, only in a prototype (never evaluated).
      if (!in_params_)
        comp_.Error(lb, "star modifier used outside of function prototype");
      else
        vla_size = IntLit(1, Basic(TypeKind::ULong), Tok().loc);
      Next();
    } else if (!Is("]")) {
      Expr* e = ParseAssign();
      if (!e->invalid) {
        if (!e->type->IsInteger()) {
          comp_.Error(e->begin, "size of array has non-integer type '" + TN(e->type) + "'",
                      e->length);
        } else if (auto v = EvalInt(e)) {
          len = *v;
          if (IsSigned(e->type) && len < 0) {
            comp_.Error(e->begin,
                        declarator_name_.empty()
                            ? "array size is negative"
                            : "'" + declarator_name_ +
                                  "' declared as an array with a negative size",
                        e->length);
            len = 1;
          } else if (static_cast<uint64_t>(len) > 0x7fffffff) {
            comp_.Error(e->begin,
                        "array is too large (" + std::to_string(static_cast<uint64_t>(len)) +
                            " elements)",
                        e->length);
            len = 1;
          }
        } else if (in_record_) {
          comp_.Error(declarator_loc_, "fields must have a constant size: 'variable length array "
                                       "in structure' extension will never be supported");
          len = 1;
        } else if (AtFileScope()) {
          comp_.Error(declarator_loc_, "variable length array declaration not allowed at file "
                                       "scope");
          len = 1;
        } else {
          vla_size = e;
        }
      }
    }
    if (!Expect("]"))
      SkipUntil("]", true);
    Type* elem = ParseDeclaratorSuffix(base);
    if (elem->IsFunction()) {
      comp_.Error(lb, "'" + declarator_name_ + "' declared as array of functions of type '" +
                          TN(elem) + "'");
      elem = PointerTo(elem);
    } else if (!IsComplete(elem)) {
      comp_.Error(lb, "array has incomplete element type '" + TN(elem) + "'");
      elem = Basic(TypeKind::Int);
    }
    if (vla_size)
      return VlaArrayOf(elem, vla_size);
    if (len >= 0 && SizeOf(elem) && static_cast<uint64_t>(len) * SizeOf(elem) > 0x7fffffff) {
      comp_.Error(lb, "array is too large");
      len = 1;
    }
    return ArrayOf(elem, len);
  }
  if (Is("(")) {
    Next();
    return ParseFunctionParams(base);
  }
  return base;
}

// parameter-type-list: parameter-declaration (',' parameter-declaration)* (',' '...')?
Type* Parser::ParseFunctionParams(Type* ret) {
  std::vector<Type*> types;
  std::vector<Decl*> params;
  bool variadic = false;
  bool proto = true;
  std::optional<SourceLoc> knr_loc;
  // Prototype scope: each named parameter is visible in the declarators after it
  // (`int n, int a[n]`).
  size_t vla_mark = pending_vla_.size();
  PushScope();
  ++in_params_;
  if (Is(")")) {
    Next();
    proto = false;
  } else if (IsKw("void") && PeekTok().text == ")") {
    Next();
    Next();
  } else {
    while (true) {
      if (Is("...")) {
        Next();
        variadic = true;
        if (!Expect(")"))
          SkipUntil(")", true);
        break;
      }
      if (!StartsDeclaration()) {
        if (Tok().kind == TokenKind::Ident && (PeekTok().text == "," || PeekTok().text == ")") &&
            types.empty()) {
          // An identifier list (K&R-style definition): the types come from the declarations
          // before the body (ParseKnrDeclarations); int until then.
          knr_loc = Tok().loc;
          while (Tok().kind == TokenKind::Ident && !IsTypeName(Tok())) {
            Decl* p = arena_.New<Decl>();
            p->kind = DeclKind::Param;
            p->name = Tok().text;
            p->loc = Tok().loc;
            p->type = Basic(TypeKind::Int);
            types.push_back(p->type);
            params.push_back(p);
            Next();
            if (!Accept(","))
              break;
          }
          proto = false;
          if (!Expect(")"))
            SkipUntil(")", true);
          break;
        }
        if (Tok().kind == TokenKind::Ident) {
          comp_.Error(Tok().loc, "unknown type name '" + Tok().text + "'");
        } else {
          comp_.Error(Tok().loc, "expected parameter declarator");
        }
        SkipUntil(")", true);
        break;
      }
      DeclSpec spec = ParseDeclSpec(false);
      Decl* p = arena_.New<Decl>();
      p->kind = DeclKind::Param;
      p->loc = Tok().loc;
      Type* t = ParseDeclarator(spec.type, &p->name, &p->loc, true);
      ParseAttributes(&spec.attrs);
      if (t->IsArray())
        t = Qualified(PointerTo(t->base), 0);
      else if (t->IsFunction())
        t = PointerTo(t);
      if (t->IsVoid()) {
        if (!p->name.empty() || !types.empty() || !Is(")") || t->quals) {
          comp_.Error(p->loc, "'void' must be the first and only parameter if specified");
        } else {
          Next();
          break;
        }
        t = Basic(TypeKind::Int);
      }
      p->type = t;
      types.push_back(t);
      params.push_back(p);
      if (!p->name.empty())
        scopes_.back().vars[p->name] = p;
      if (Accept(","))
        continue;
      if (!Expect(")"))
        SkipUntil(")", true);
      break;
    }
  }
  --in_params_;
  PopScope();
  std::vector<Decl*> param_vla(pending_vla_.begin() + static_cast<std::ptrdiff_t>(vla_mark),
                               pending_vla_.end());
  pending_vla_.resize(vla_mark);
  SourceLoc name_loc = declarator_loc_;
  Type* r = ParseDeclaratorSuffix(ret);
  if (r->IsArray()) {
    comp_.Error(name_loc, "function cannot return array type '" + TN(r) + "'");
    r = PointerTo(r->base);
  } else if (r->IsFunction()) {
    comp_.Error(name_loc, "function cannot return function type '" + TN(r) + "'");
    r = PointerTo(r);
  }
  Type* fn = FunctionType(r, std::move(types), variadic, proto);
  fn_params_[fn] = std::move(params);
  if (knr_loc)
    knr_types_[fn] = *knr_loc;
  if (!param_vla.empty())
    fn_vla_[fn] = std::move(param_vla);
  return fn;
}

// K&R-style definition (C99 6.9.1p6): `int f(a, b) int a; char *b; { ... }`. The parameter
// declarations give each identifier its type (int when not declared, silently as clang-14); the
// function has no prototype, so callers pass the promoted arguments and the parameters arrive
// promoted (char and short as int, float as double); ParseFunctionDefinition converts them back
// to the declared types on entry.
Type* Parser::ParseKnrDeclarations(Type* fn_type) {
  std::vector<Decl*> params = fn_params_[fn_type];
  std::vector<bool> declared(params.size());
  while (!AtEof() && !Is("{")) {
    if (!StartsDeclaration()) {
      comp_.Error(Tok().loc, "expected function body after function declarator");
      SkipTo({"{", ";"});
      if (!Is("{"))
        Accept(";");
      continue;
    }
    SourceLoc spec_loc = Tok().loc;
    DeclSpec spec = ParseDeclSpec(true);
    if (spec.storage != StorageClass::None)
      comp_.Error(spec_loc, "invalid storage class specifier in function declarator");
    while (true) {
      std::string name;
      SourceLoc loc = Tok().loc;
      Type* t = ParseDeclarator(spec.type, &name, &loc, false);
      size_t i = 0;
      while (i < params.size() && params[i]->name != name)
        ++i;
      if (name.empty()) {
        // already reported by the declarator
      } else if (i == params.size()) {
        comp_.Error(loc, "parameter named '" + name + "' is missing");
      } else if (declared[i]) {
        comp_.Error(loc, "redefinition of parameter '" + name + "'");
      } else {
        if (t->IsArray())
          t = PointerTo(t->base);
        else if (t->IsFunction())
          t = PointerTo(t);
        if (t->IsVoid()) {
          comp_.Error(loc, "parameter '" + name + "' has incomplete type 'void'");
          t = Basic(TypeKind::Int);
        }
        params[i]->type = t;
        params[i]->loc = loc;
        declared[i] = true;
      }
      if (!Accept(","))
        break;
    }
    if (!Expect(";", " at end of declaration")) {
      SkipTo({";", "{"});
      Accept(";");
    }
  }
  std::vector<Type*> promoted;
  std::vector<std::pair<Decl*, Type*>> narrow;
  for (size_t i = 0; i < params.size(); ++i) {
    Decl* p = params[i];
    Type* t = Unqual(p->type);
    Type* pt = t;
    switch (t->kind) {
    case TypeKind::Bool:
    case TypeKind::Char:
    case TypeKind::SChar:
    case TypeKind::UChar:
    case TypeKind::Short:
    case TypeKind::UShort: pt = Basic(TypeKind::Int); break;
    case TypeKind::Float: pt = Basic(TypeKind::Double); break;
    default: break;
    }
    if (pt != t || p->type->quals) { // received promoted, converted on entry
      narrow.emplace_back(p, p->type);
      Decl* q = arena_.New<Decl>(*p);
      q->type = pt;
      params[i] = q;
    }
    promoted.push_back(pt);
  }
  Type* fn = FunctionType(fn_type->base, std::move(promoted), false, false);
  fn_params_[fn] = std::move(params);
  if (!narrow.empty())
    knr_narrow_[fn] = std::move(narrow);
  return fn;
}

Type* Parser::VlaArrayOf(Type* elem, Expr* size) {
  Type* ul = Basic(TypeKind::ULong);
  Type* t = ArrayOf(elem, 0);
  if (size->kind == ExprKind::IntLit) { // [*]
    t->vla_count = size;
    return t;
  }
  Decl* h = arena_.New<Decl>();
  h->kind = DeclKind::Var;
  h->type = ul;
  h->loc = size->begin;
  h->is_defined = true;
  h->is_used = true;
  h->is_vla_count = true;
  // Named after the size expression, as clang spells the type (`int[n]`).
  const support::SourceFile* f = size->begin.file;
  if (f && size->begin.offset + size->length <= f->text().size())
    h->name = f->text().substr(size->begin.offset, size->length);
  h->init = arena_.New<Initializer>();
  InitEntry entry;
  entry.type = ul;
  entry.value = AssignConvert(size, ul, AssignContext::Init, size->begin);
  h->init->entries.push_back(entry);
  pending_vla_.push_back(h);
  if (fn_)
    fn_->locals.push_back(h);
  Expr* ref = NewExpr(ExprKind::VarRef, ul, size->begin);
  ref->var = h;
  ref->is_lvalue = true;
  t->vla_count = RValue(ref);
  return t;
}

Expr* Parser::SizeExpr(Type* t, SourceLoc loc) {
  Type* ul = Basic(TypeKind::ULong);
  if (!t->IsArray() || !IsVariablyModified(t))
    return IntLit(SizeOf(t), ul, loc);
  Expr* m = NewExpr(ExprKind::Mul, ul, loc);
  m->lhs = t->vla_count ? t->vla_count : IntLit(t->array_len, ul, loc);
  m->rhs = SizeExpr(t->base, loc);
  return m;
}

void Parser::FlushVla(Stmt* s, size_t mark) {
  for (size_t i = mark; i < pending_vla_.size(); ++i)
    s->decls.push_back(pending_vla_[i]);
  pending_vla_.resize(mark);
}

Expr* Parser::WrapVla(Expr* e, size_t mark) {
  for (size_t i = pending_vla_.size(); i-- > mark;) {
    Decl* h = pending_vla_[i];
    Expr* ref = NewExpr(ExprKind::VarRef, h->type, h->loc);
    ref->var = h;
    ref->is_lvalue = true;
    Expr* assign = NewExpr(ExprKind::Assign, h->type, h->loc);
    assign->lhs = ref;
    assign->rhs = h->init->entries[0].value;
    h->init = nullptr;
    Expr* comma = NewExpr(ExprKind::Comma, e->type, e->loc);
    comma->lhs = assign;
    comma->rhs = e;
    comma->is_lvalue = false;
    comma->begin = e->begin;
    comma->length = e->length;
    e = comma;
  }
  pending_vla_.resize(mark);
  return e;
}

// type-name: specifier-qualifier-list abstract-declarator?
Type* Parser::ParseTypeName() {
  DeclSpec spec = ParseDeclSpec(false);
  std::string name;
  SourceLoc loc;
  Type* t = ParseDeclarator(spec.type, &name, &loc, true);
  if (!name.empty())
    comp_.Error(loc, "expected ')'");
  return t;
}

// static_assert-declaration: _Static_assert '(' constant-expression ',' string-literal ')' ';'
void Parser::ParseStaticAssert() {
  SourceLoc loc = Tok().loc;
  Next();
  if (!Expect("(")) {
    SkipUntil(";", true);
    return;
  }
  bool ok = true;
  SourceLoc expr_loc = Tok().loc;
  int64_t v = ParseConstInt("static assertion", nullptr, &ok);
  std::string expr_text;
  if (expr_loc.file && PrevEnd().file == expr_loc.file && PrevEnd().offset > expr_loc.offset) {
    expr_text = expr_loc.file->text().substr(expr_loc.offset, PrevEnd().offset - expr_loc.offset);
  }
  std::string msg;
  if (Expect(",")) {
    if (Tok().kind == TokenKind::String) {
      Expr* s = ParseString();
      msg = s->str.substr(0, s->str.size() - 1);
    } else {
      comp_.Error(Tok().loc, "expected string literal for diagnostic message in static_assert");
    }
  }
  if (!Expect(")"))
    SkipUntil(";", false);
  if (ok && v == 0) {
    comp_.Error(loc, "static_assert failed due to requirement '" + expr_text + "' \"" + msg + "\"");
  }
  Expect(";", " after static_assert");
}

int64_t Parser::ParseConstInt(const char* what, SourceLoc* loc_out, bool* ok) {
  Expr* e = ParseConditional();
  if (loc_out)
    *loc_out = e->begin;
  if (e->invalid) {
    if (ok)
      *ok = false;
    return 0;
  }
  if (!e->type->IsInteger()) {
    comp_.Error(e->begin,
                std::string("integer constant expression must have integer type, not '") +
                    TN(e->type) + "'",
                e->length);
    if (ok)
      *ok = false;
    return 0;
  }
  auto v = EvalInt(e);
  if (!v) {
    comp_.Error(e->begin, "expression is not an integer constant expression", e->length);
    if (ok)
      *ok = false;
    return 0;
  }
  (void)what;
  return *v;
}

} // namespace minicc::frontend
