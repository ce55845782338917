// Initialisers (C99 6.7.8): brace lists with brace elision, designators (.member and [index],
// nested), string literals for char arrays, and array sizes completed from the initialiser.
// The result is flattened into InitEntry stores at byte offsets (see ast.h); later entries
// override earlier ones, as a later designator overrides an earlier initialisation.
#include <algorithm>
#include <functional>

#include "frontend/parser.h"

namespace minicc::frontend {

namespace {
bool IsCharArray(const Type* t) {
  return t->IsArray() && (t->base->kind == TypeKind::Char || t->base->kind == TypeKind::SChar ||
                          t->base->kind == TypeKind::UChar);
}
// An array a string literal may initialise: of a character type, or of wchar_t (int),
// char16_t (unsigned short) or char32_t (unsigned int) for wide literals.
bool IsStringArray(const Type* t) {
  if (!t->IsArray())
    return false;
  switch (t->base->kind) {
  case TypeKind::Int:
  case TypeKind::UInt:
  case TypeKind::UShort: return true;
  default: return IsCharArray(t);
  }
}
} // namespace

// A string literal initialising an array: its element type must match (clang's messages).
void Parser::CheckStringInit(const Type* array, const Expr* s) {
  TypeKind lit = s->type->base->kind;
  TypeKind elem = Unqual(array->base)->kind;
  bool narrow_lit = lit == TypeKind::Char;
  if (IsCharArray(array)) {
    if (!narrow_lit)
      comp_.Error(init_loc_, "initializing char array with wide string literal");
  } else if (narrow_lit) {
    comp_.Error(init_loc_, "initializing wide char array with non-wide string literal");
  } else if (lit != elem) {
    comp_.Error(init_loc_, "initializing wide char array with incompatible wide string literal");
  }
}

// initializer: assignment-expression | '{' initializer-list ','? '}'
Initializer* Parser::ParseInitializer(Decl* var) {
  Initializer* init = arena_.New<Initializer>();
  Type* t = var->type;
  pending_init_ = nullptr;
  init_loc_ = var->loc;
  top_level_scalar_ = !Is("{");
  if (t->IsArray() && t->array_len < 0) {
    // The size comes from the initialiser.
    int64_t max_index = -1;
    if (Is("{")) {
      InitBraced(t, 0, init, &max_index);
    } else if (Tok().kind == TokenKind::String && IsStringArray(t)) {
      Expr* s = ParseString();
      CheckStringInit(t, s);
      max_index = s->type->array_len - 1;
      InitEntry e;
      e.type = ArrayOf(t->base, s->type->array_len);
      e.value = s;
      init->entries.push_back(e);
    } else {
      Expr* e = ParseAssign();
      if (!e->invalid) {
        comp_.Error(var->loc, IsCharArray(t) ? "array initializer must be an initializer list or "
                                               "string literal"
                                             : "array initializer must be an initializer list or "
                                               "wide string literal");
      }
    }
    var->type = ArrayOf(t->base, max_index + 1);
    if (max_index + 1 == 0 && !comp_.options().no_warnings) {
      // `int a[] = {}`: a zero-length array (GNU), accepted by clang.
    }
    for (auto& e : init->entries) {
      if (e.type == t)
        e.type = var->type;
    }
    return init;
  }
  if (!IsComplete(t) && !t->IsArray()) {
    comp_.Error(var->loc, "variable has incomplete type '" + TN(t) + "'");
    SkipTo({";", ","});
    return init;
  }
  InitFor(t, 0, nullptr, init, true);
  return init;
}

void Parser::InitScalar(Type* t, uint32_t off, const Member* bf, Initializer* out, Expr* e) {
  if (e->invalid)
    return;
  InitEntry entry;
  entry.offset = off;
  entry.type = t;
  entry.bitfield = bf;
  entry.value =
      AssignConvert(e, Unqual(t), AssignContext::Init, top_level_scalar_ ? init_loc_ : e->begin);
  out->entries.push_back(entry);
}

// Initialises one object of type t at `off`: braced, a string for a char array, a whole
// struct value, or (brace elision) the first scalars of an aggregate.
void Parser::InitFor(Type* t, uint32_t off, const Member* bf, Initializer* out, bool top) {
  DepthGuard guard(*this);
  if (guard.TooDeep()) {
    comp_.Error(Tok().loc, "initializer nested too deeply");
    SkipTo({";"});
    return;
  }
  if (!pending_init_ && Is("{")) {
    int64_t max_index = -1;
    InitBraced(t, off, out, &max_index);
    return;
  }
  if (!pending_init_ && IsStringArray(t) && Tok().kind == TokenKind::String) {
    Expr* s = ParseString();
    InitEntry e;
    e.offset = off;
    e.type = t;
    e.value = s;
    if (t->array_len >= 0 && s->type->array_len - 1 > t->array_len) {
      comp_.Warning(s->begin, "initializer-string for char array is too long", s->length);
    }
    CheckStringInit(t, s);
    out->entries.push_back(e);
    return;
  }
  if (t->IsScalar() || t->kind == TypeKind::Enum) {
    Expr* e = pending_init_ ? pending_init_ : ParseAssign();
    pending_init_ = nullptr;
    InitScalar(t, off, bf, out, e);
    return;
  }
  if (t->IsRecord()) {
    Expr* e = pending_init_ ? pending_init_ : ParseAssign();
    pending_init_ = nullptr;
    if (e->invalid)
      return;
    Expr* rv = RValue(e);
    if (rv->type->IsRecord() && Compatible(Unqual(rv->type), Unqual(t))) {
      InitEntry entry;
      entry.offset = off;
      entry.type = t;
      entry.value = rv;
      out->entries.push_back(entry);
      return;
    }
    if (top) {
      // `struct S s = 1;` — clang: initializing 'struct S' with an expression of incompatible
      // type 'int'.
      AssignConvert(e, Unqual(t), AssignContext::Init, e->begin);
      return;
    }
    pending_init_ = e;
    InitElided(t, off, out);
    return;
  }
  if (t->IsArray()) {
    if (top) {
      Expr* e = ParseAssign();
      if (!e->invalid) {
        comp_.Error(init_loc_, IsCharArray(t) ? "array initializer must be an initializer list or "
                                                "string literal"
                                              : "array initializer must be an initializer list or "
                                                "wide string literal");
      }
      return;
    }
    InitElided(t, off, out);
    return;
  }
  Expr* e = ParseAssign();
  if (!e->invalid)
    comp_.Error(e->begin, "cannot initialize object of type '" + TN(t) + "'");
}

// Brace elision: the elements of an aggregate without braces, taken from the enclosing list.
void Parser::InitElided(Type* t, uint32_t off, Initializer* out) {
  if (t->IsArray()) {
    uint32_t es = SizeOf(t->base);
    for (int64_t i = 0; t->array_len < 0 || i < t->array_len; ++i) {
      if (i > 0) {
        if (!Is(",") || PeekTok().text == "}" || PeekTok().text == "." || PeekTok().text == "[") {
          break;
        }
        Next();
      }
      InitFor(t->base, off + static_cast<uint32_t>(i) * es, nullptr, out, false);
      if (t->array_len < 0)
        break;
    }
    return;
  }
  if (t->IsRecord()) {
    const auto& ms = t->record->members;
    bool first = true;
    for (const Member& m : ms) {
      if (m.bit_width >= 0 && m.name.empty())
        continue;
      if (!first) {
        if (!Is(",") || PeekTok().text == "}" || PeekTok().text == "." || PeekTok().text == "[") {
          break;
        }
        Next();
      }
      first = false;
      if (m.type->IsArray() && m.type->array_len < 0)
        break; // flexible array member
      InitFor(m.type, off + m.offset, m.bit_width >= 0 ? &m : nullptr, out, false);
      if (t->record->is_union)
        break;
    }
    return;
  }
  InitFor(t, off, nullptr, out, false);
}

// '{' initializer-list '}' for an object of type t (aggregate or scalar).
void Parser::InitBraced(Type* t, uint32_t off, Initializer* out, int64_t* max_index) {
  top_level_scalar_ = false;
  SourceLoc lbrace = Tok().loc;
  Next(); // '{'
  if (Is("}")) {
    Next();
    return; // zero-initialised (GNU empty initialiser, accepted by clang)
  }
  if (IsStringArray(t) && Tok().kind == TokenKind::String) {
    // `char s[] = {"abc"}`: a string literal optionally enclosed in braces (C99 6.7.8p14).
    size_t before = out->entries.size();
    InitFor(t, off, nullptr, out, false);
    if (out->entries.size() > before && out->entries.back().value &&
        out->entries.back().value->kind == ExprKind::StringLit) {
      *max_index = std::max<int64_t>(*max_index, out->entries.back().value->type->array_len - 1);
    }
    Accept(",");
    if (!Is("}")) {
      comp_.Warning(Tok().loc, "excess elements in char array initializer");
      SkipUntil("}", false);
    }
    Expect("}");
    return;
  }
  if (t->IsScalar() || t->kind == TypeKind::Enum) {
    InitFor(t, off, nullptr, out, false);
    Accept(",");
    if (!Is("}")) {
      comp_.Warning(Tok().loc, "excess elements in scalar initializer");
      SkipUntil("}", false);
    }
    Expect("}");
    return;
  }
  size_t index = 0;
  bool warned = false;
  while (!Is("}") && !AtEof()) {
    if (Is("[") || Is(".")) {
      if (!InitDesignation(t, off, out, &index, max_index)) {
        SkipTo({",", "}"});
      }
    } else if (t->IsArray()) {
      if (t->array_len >= 0 && static_cast<int64_t>(index) >= t->array_len) {
        if (!warned)
          comp_.Warning(Tok().loc, "excess elements in array initializer");
        warned = true;
        Initializer scratch;
        InitFor(t->base, 0, nullptr, &scratch, false);
      } else {
        InitFor(t->base, off + static_cast<uint32_t>(index * SizeOf(t->base)), nullptr, out, false);
      }
      *max_index = std::max<int64_t>(*max_index, static_cast<int64_t>(index));
      ++index;
    } else if (t->IsRecord()) {
      const auto& ms = t->record->members;
      while (index < ms.size() && ms[index].bit_width >= 0 && ms[index].name.empty())
        ++index;
      if (index >= ms.size() || (t->record->is_union && index > 0)) {
        if (!warned) {
          comp_.Warning(Tok().loc, std::string("excess elements in ") +
                                       (t->record->is_union ? "union" : "struct") + " initializer");
        }
        warned = true;
        Expr* e = ParseAssign();
        (void)e;
      } else {
        const Member& m = ms[index];
        if (m.type->IsArray() && m.type->array_len < 0) {
          comp_.Error(Tok().loc, "initialization of flexible array member is not allowed");
          SkipTo({",", "}"});
        } else {
          InitFor(m.type, off + m.offset, m.bit_width >= 0 ? &m : nullptr, out, false);
        }
        ++index;
      }
    } else {
      comp_.Error(lbrace, "cannot initialize object of type '" + TN(t) + "'");
      SkipUntil("}", false);
      break;
    }
    if (!Accept(","))
      break;
  }
  if (!Expect("}"))
    SkipUntil("}", true);
}

// designation: ('[' constant-expression ']' | '.' identifier)+ '='
bool Parser::InitDesignation(Type* t, uint32_t off, Initializer* out, size_t* next_index,
                             int64_t* max_index) {
  bool top = true;
  while (Is("[") || Is(".")) {
    if (Is("[")) {
      SourceLoc l = Tok().loc;
      Next();
      if (!t->IsArray()) {
        comp_.Error(l, "array designator cannot initialize non-array type '" + TN(t) + "'");
        return false;
      }
      bool ok = true;
      SourceLoc el;
      int64_t i = ParseConstInt("array designator", &el, &ok);
      if (!Expect("]") || !ok)
        return false;
      if (i < 0 || (t->array_len >= 0 && i >= t->array_len)) {
        comp_.Error(el, "array designator index (" + std::to_string(i) +
                            ") exceeds array bounds (" + std::to_string(t->array_len) + ")");
        return false;
      }
      if (top) {
        *next_index = static_cast<size_t>(i) + 1;
        *max_index = std::max(*max_index, i);
      }
      off += static_cast<uint32_t>(i * SizeOf(t->base));
      t = t->base;
    } else {
      Next(); // '.'
      if (Tok().kind != TokenKind::Ident) {
        comp_.Error(Tok().loc, "expected a field designator, such as '.field = 4'");
        return false;
      }
      std::string name = Tok().text;
      SourceLoc nl = Tok().loc;
      Next();
      if (!t->IsRecord()) {
        comp_.Error(nl, "field designator cannot initialize a non-struct, non-union type '" +
                            TN(t) + "'");
        return false;
      }
      // Search members, descending into anonymous struct/union members.
      const auto& ms = t->record->members;
      const Member* found = nullptr;
      uint32_t found_off = 0;
      size_t found_index = 0;
      std::function<bool(const RecordInfo*, uint32_t)> find = [&](const RecordInfo* r,
                                                                  uint32_t base) -> bool {
        for (const Member& m : r->members) {
          if (m.name == name) {
            found = &m;
            found_off = base + m.offset;
            return true;
          }
          if (m.name.empty() && m.type->IsRecord() && find(m.type->record, base + m.offset)) {
            return true;
          }
        }
        return false;
      };
      for (size_t k = 0; k < ms.size() && !found; ++k) {
        if (ms[k].name == name) {
          found = &ms[k];
          found_off = ms[k].offset;
          found_index = k;
        } else if (ms[k].name.empty() && ms[k].type->IsRecord() &&
                   find(ms[k].type->record, ms[k].offset)) {
          found_index = k;
        }
      }
      if (!found) {
        comp_.Error(nl, "field designator '" + name + "' does not refer to any field in type '" +
                            TN(t) + "'");
        return false;
      }
      if (top)
        *next_index = found_index + 1;
      off += found_off;
      t = found->type;
      if (found->bit_width >= 0) {
        if (!Expect("="))
          return false;
        InitFor(t, off, found, out, false);
        return true;
      }
    }
    top = false;
  }
  if (!Accept("=")) {
    comp_.Error(Tok().loc, "expected '=' or another designator");
    return false;
  }
  InitFor(t, off, nullptr, out, false);
  return true;
}

// Globals and statics need constant initialisers (C99 6.7.8p4); record the constants.
void Parser::FinishInitConstants(Initializer* init, bool require_constant) {
  if (!init)
    return;
  for (InitEntry& e : init->entries) {
    if (!e.value || e.value->invalid)
      continue;
    if (e.value->kind == ExprKind::StringLit && e.type->IsArray())
      continue;
    e.constant = EvalConst(e.value);
    if (!e.constant && require_constant) {
      comp_.Error(e.value->begin, "initializer element is not a compile-time constant",
                  e.value->length);
    }
  }
}

} // namespace minicc::frontend
