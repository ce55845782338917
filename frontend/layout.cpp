// Types for wasm32 as clang-14 lays them out (ILP32, char signed): sizes, alignments, struct and
// union layout including bit-fields (the Itanium/SysV rules clang uses for WebAssembly), type
// compatibility (C99 6.2.7) and clang's spelling of types in diagnostics.
#include <algorithm>

#include "frontend/parser.h"

namespace minicc::frontend {

uint32_t SizeOf(const Type* t) {
  switch (t->kind) {
  case TypeKind::Void: return 1; // GNU: sizeof(void) == 1 (clang warns)
  case TypeKind::Bool:
  case TypeKind::Char:
  case TypeKind::SChar:
  case TypeKind::UChar: return 1;
  case TypeKind::Short:
  case TypeKind::UShort: return 2;
  case TypeKind::Int:
  case TypeKind::UInt:
  case TypeKind::Long:
  case TypeKind::ULong:
  case TypeKind::Float:
  case TypeKind::Enum:
  case TypeKind::Pointer: return 4;
  case TypeKind::LongLong:
  case TypeKind::ULongLong:
  case TypeKind::Double: return 8;
  case TypeKind::LongDouble: return 16;
  case TypeKind::Function: return 1;
  case TypeKind::Array:
    return t->array_len < 0 ? 0 : static_cast<uint32_t>(t->array_len * SizeOf(t->base));
  case TypeKind::Struct:
  case TypeKind::Union: return t->record->complete ? t->record->size : 0;
  }
  return 0;
}

uint32_t AlignOf(const Type* t) {
  switch (t->kind) {
  case TypeKind::Array: return AlignOf(t->base);
  case TypeKind::Struct:
  case TypeKind::Union: return t->record->complete ? t->record->align : 1;
  case TypeKind::Function:
  case TypeKind::Void: return 1;
  default: return SizeOf(t);
  }
}

bool IsSigned(const Type* t) {
  switch (t->kind) {
  case TypeKind::Char:
  case TypeKind::SChar:
  case TypeKind::Short:
  case TypeKind::Int:
  case TypeKind::Long:
  case TypeKind::LongLong:
  case TypeKind::Float:
  case TypeKind::Double:
  case TypeKind::LongDouble: return true;
  case TypeKind::Enum: return !t->enum_unsigned;
  default: return false;
  }
}

bool IsComplete(const Type* t) {
  switch (t->kind) {
  case TypeKind::Void: return false;
  case TypeKind::Array: return (t->array_len >= 0 || t->vla_count) && IsComplete(t->base);
  case TypeKind::Struct:
  case TypeKind::Union: return t->record->complete;
  case TypeKind::Enum: return true;
  default: return true;
  }
}

bool IsVariablyModified(const Type* t) {
  for (; t && (t->kind == TypeKind::Array || t->kind == TypeKind::Pointer); t = t->base) {
    if (t->vla_count)
      return true;
  }
  return false;
}

namespace {

std::string BaseName(const Type* t) {
  switch (t->kind) {
  case TypeKind::Void: return "void";
  case TypeKind::Bool: return "_Bool";
  case TypeKind::Char: return "char";
  case TypeKind::SChar: return "signed char";
  case TypeKind::UChar: return "unsigned char";
  case TypeKind::Short: return "short";
  case TypeKind::UShort: return "unsigned short";
  case TypeKind::Int: return "int";
  case TypeKind::UInt: return "unsigned int";
  case TypeKind::Long: return "long";
  case TypeKind::ULong: return "unsigned long";
  case TypeKind::LongLong: return "long long";
  case TypeKind::ULongLong: return "unsigned long long";
  case TypeKind::Float: return "float";
  case TypeKind::Double: return "double";
  case TypeKind::LongDouble: return "long double";
  case TypeKind::Enum:
    return t->enum_info->tag.empty() ? "enum (unnamed enum)" : "enum " + t->enum_info->tag;
  case TypeKind::Struct:
  case TypeKind::Union: {
    std::string kw = t->kind == TypeKind::Struct ? "struct" : "union";
    if (!t->record->tag.empty())
      return kw + " " + t->record->tag;
    std::string where;
    if (t->record->loc.file) {
      where = " at " + t->record->loc.file->name() + ":" +
              std::to_string(t->record->loc.file->Line(t->record->loc.offset)) + ":" +
              std::to_string(t->record->loc.file->Column(t->record->loc.offset));
    }
    return kw + " (unnamed " + kw + where + ")";
  }
  default: return "";
  }
}

std::string QualPrefix(uint8_t q) {
  std::string s;
  if (q & kConst)
    s += "const ";
  if (q & kVolatile)
    s += "volatile ";
  if (q & kRestrict)
    s += "restrict ";
  return s;
}

// Builds clang's declarator spelling inside-out: `inner` is what has been built so far.
std::string Spell(const Type* t, std::string inner) {
  switch (t->kind) {
  case TypeKind::Pointer: {
    std::string q;
    if (t->quals & kConst)
      q += " const";
    if (t->quals & kVolatile)
      q += " volatile";
    if (t->quals & kRestrict)
      q += " restrict";
    std::string s = "*" + (q.empty() ? "" : q.substr(1) + (inner.empty() ? "" : " ")) + inner;
    if (t->base->kind == TypeKind::Array || t->base->kind == TypeKind::Function) {
      s = "(" + s + ")";
    }
    return Spell(t->base, s);
  }
  case TypeKind::Array: {
    std::string dims = t->array_len < 0 ? "[]" : "[" + std::to_string(t->array_len) + "]";
    if (t->vla_count) // clang spells the size expression; its hidden local is named after it
      dims = "[" +
             (t->vla_count->lhs && t->vla_count->lhs->var ? t->vla_count->lhs->var->name : "*") +
             "]";
    return Spell(t->base, inner + dims);
  }
  case TypeKind::Function: {
    std::string ps = "(";
    for (size_t i = 0; i < t->params.size(); ++i) {
      if (i)
        ps += ", ";
      ps += TypeName(t->params[i]);
    }
    if (t->variadic)
      ps += t->params.empty() ? "..." : ", ...";
    if (t->params.empty() && !t->variadic && t->has_prototype)
      ps += "void";
    ps += ")";
    return Spell(t->base, inner + ps);
  }
  default: {
    std::string base = QualPrefix(t->quals) + BaseName(t);
    if (inner.empty())
      return base;
    return base + " " + inner;
  }
  }
}

} // namespace

std::string TypeName(const Type* t) {
  if (!t)
    return "<null>";
  std::string s = Spell(t, "");
  // clang writes "int *" but "int[4]" and "int (*)[4]".
  size_t sp = s.find(" [");
  if (sp != std::string::npos && s.find('(') == std::string::npos)
    s.erase(sp, 1);
  return s;
}

// ---- the type factory --------------------------------------------------------------------

Type* Parser::Basic(TypeKind k) {
  auto it = basic_.find(k);
  if (it != basic_.end())
    return it->second;
  Type* t = arena_.New<Type>();
  t->kind = k;
  t->unqualified = t;
  basic_[k] = t;
  return t;
}

Type* Parser::PointerTo(Type* base) {
  Type* t = arena_.New<Type>();
  t->kind = TypeKind::Pointer;
  t->base = base;
  t->unqualified = t;
  return t;
}

Type* Parser::ArrayOf(Type* base, int64_t len) {
  Type* t = arena_.New<Type>();
  t->kind = TypeKind::Array;
  t->base = base;
  t->array_len = len;
  t->unqualified = t;
  return t;
}

Type* Parser::FunctionType(Type* ret, std::vector<Type*> params, bool variadic, bool proto) {
  Type* t = arena_.New<Type>();
  t->kind = TypeKind::Function;
  t->base = ret;
  t->params = std::move(params);
  t->variadic = variadic;
  t->has_prototype = proto;
  t->unqualified = t;
  return t;
}

// Qualifiers on an array apply to its elements (C99 6.7.3p8).
Type* Parser::Qualified(Type* t, uint8_t quals) {
  if (quals == 0 || (t->quals | quals) == t->quals)
    return t;
  if (t->kind == TypeKind::Array) {
    Type* a = ArrayOf(Qualified(t->base, quals), t->array_len);
    a->vla_count = t->vla_count;
    return a;
  }
  Type* q = arena_.New<Type>(*t);
  q->quals = t->quals | quals;
  q->unqualified = Unqual(t);
  return q;
}

bool Parser::Compatible(const Type* a, const Type* b) const {
  if (a == b)
    return true;
  if (a->quals != b->quals)
    return false;
  // An enum is compatible with its underlying type.
  auto kind = [](const Type* t) {
    if (t->kind == TypeKind::Enum)
      return t->enum_unsigned ? TypeKind::UInt : TypeKind::Int;
    return t->kind;
  };
  if (kind(a) != kind(b))
    return false;
  switch (a->kind) {
  case TypeKind::Pointer: return Compatible(a->base, b->base);
  case TypeKind::Array:
    if (a->array_len >= 0 && b->array_len >= 0 && !a->vla_count && !b->vla_count &&
        a->array_len != b->array_len)
      return false;
    return Compatible(a->base, b->base);
  case TypeKind::Struct:
  case TypeKind::Union: return a->record == b->record;
  case TypeKind::Enum: return b->kind != TypeKind::Enum || a->enum_info == b->enum_info;
  case TypeKind::Function: {
    if (!Compatible(a->base, b->base))
      return false;
    if (!a->has_prototype || !b->has_prototype)
      return true;
    if (a->variadic != b->variadic || a->params.size() != b->params.size())
      return false;
    for (size_t i = 0; i < a->params.size(); ++i) {
      const Type* pa = a->params[i]->unqualified ? a->params[i]->unqualified : a->params[i];
      const Type* pb = b->params[i]->unqualified ? b->params[i]->unqualified : b->params[i];
      if (!Compatible(pa, pb))
        return false;
    }
    return true;
  }
  default: return true;
  }
}

// The composite type of two compatible types (C99 6.2.7p3): array sizes and prototypes merge.
Type* Parser::Composite(Type* a, Type* b) {
  if (a->kind == TypeKind::Array && (a->array_len < 0 || a->vla_count) &&
      b->kind == TypeKind::Array && !b->vla_count)
    return b;
  // (A K&R definition's parameter types beat an earlier `int f();`.)
  if (a->kind == TypeKind::Function && !a->has_prototype && b->kind == TypeKind::Function &&
      (b->has_prototype || a->params.empty())) {
    return b;
  }
  return a;
}

// Struct and union layout for wasm32 (clang, Itanium rules): members at their alignment;
// a bit-field goes at the next free bit unless it would cross a boundary of its declared type's
// size, then it starts at the next such boundary; a zero-width bit-field rounds up to its type's
// alignment; unnamed bit-fields do not raise the record's alignment.
void Parser::LayoutRecord(RecordInfo* r) {
  uint64_t bit = 0;       // next free bit (struct)
  uint64_t size_bits = 0; // union: max size
  uint32_t align = 1;
  for (Member& m : r->members) {
    uint32_t msize = SizeOf(m.type);
    uint32_t malign = AlignOf(m.type);
    if (m.bit_width >= 0) {
      uint64_t unit = static_cast<uint64_t>(msize) * 8;
      if (m.bit_width == 0) {
        if (!r->is_union)
          bit = (bit + malign * 8 - 1) / (malign * 8) * (malign * 8);
        m.offset = static_cast<uint32_t>(bit / 8);
        continue;
      }
      uint64_t start = r->is_union ? 0 : bit;
      if (unit && start / unit != (start + m.bit_width - 1) / unit) {
        start = (start + unit - 1) / unit * unit;
      }
      uint64_t unit_start = unit ? start / unit * unit : 0;
      m.offset = static_cast<uint32_t>(unit_start / 8);
      m.bit_offset = static_cast<uint32_t>(start - unit_start);
      if (!m.name.empty())
        align = std::max(align, malign);
      if (r->is_union) {
        size_bits = std::max<uint64_t>(size_bits, m.bit_width);
      } else {
        bit = start + m.bit_width;
      }
      continue;
    }
    align = std::max(align, malign);
    if (r->is_union) {
      m.offset = 0;
      size_bits = std::max<uint64_t>(size_bits, static_cast<uint64_t>(msize) * 8);
    } else {
      uint64_t a = static_cast<uint64_t>(malign) * 8;
      bit = (bit + a - 1) / a * a;
      m.offset = static_cast<uint32_t>(bit / 8);
      bit += static_cast<uint64_t>(msize) * 8;
    }
  }
  uint64_t total = r->is_union ? size_bits : bit;
  uint64_t bytes = (total + 7) / 8;
  bytes = (bytes + align - 1) / align * align;
  r->size = static_cast<uint32_t>(bytes);
  r->align = align;
  r->complete = true;
}

} // namespace minicc::frontend
