// WAT parser, part 3: numeric literals (spec 6.3.3: integers with underscores and hex, floats in
// decimal and hex, inf, nan, nan:0x payloads), value and reference types, limits and type uses.
// Floats are converted with strtof/strtod (correctly rounded for decimal and hex input); f32 is
// converted directly, never through double, to avoid double rounding.
#include <cerrno>
#include <cmath>
#include <cstdlib>
#include <cstring>

#include "wasm/text_parser_internal.h"

namespace minicc::wasm::text {
namespace {

// Digits of a nat (decimal or 0x hex, underscores allowed) into *out; false on overflow of
// 64 bits or on a non-digit.
bool ParseNat(std::string_view s, uint64_t* out) {
  bool hex = s.size() > 2 && s[0] == '0' && s[1] == 'x';
  if (hex)
    s.remove_prefix(2);
  if (s.empty())
    return false;
  uint64_t v = 0;
  for (char c : s) {
    if (c == '_')
      continue;
    int d;
    if (c >= '0' && c <= '9')
      d = c - '0';
    else if (hex && c >= 'a' && c <= 'f')
      d = c - 'a' + 10;
    else if (hex && c >= 'A' && c <= 'F')
      d = c - 'A' + 10;
    else
      return false;
    uint64_t base = hex ? 16 : 10;
    if (v > (UINT64_MAX - d) / base)
      return false;
    v = v * base + d;
  }
  *out = v;
  return true;
}

bool LooksLikeInt(std::string_view s) {
  if (!s.empty() && (s[0] == '+' || s[0] == '-'))
    s.remove_prefix(1);
  if (s.empty() || !(s[0] >= '0' && s[0] <= '9'))
    return false;
  bool hex = s.substr(0, 2) == "0x";
  for (char c : s.substr(hex ? 2 : 0)) {
    bool ok = (c >= '0' && c <= '9') || c == '_' ||
              (hex && ((c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F')));
    if (!ok)
      return false;
  }
  return true;
}

}  // namespace

Expected<uint64_t> Parser::ParseU64() {
  const Token& t = Peek();
  if (t.kind != TokenKind::Number || t.text[0] == '+' || t.text[0] == '-' ||
      !LooksLikeInt(t.text))
    return Unexpected(t);
  uint64_t v;
  if (!ParseNat(t.text, &v))
    return ErrorAt(t, "i64 constant out of range");
  Next();
  return v;
}

Expected<uint32_t> Parser::ParseU32() {
  const Token& t = Peek();
  if (t.kind != TokenKind::Number || t.text[0] == '+' || t.text[0] == '-' ||
      !LooksLikeInt(t.text))
    return Unexpected(t);
  uint64_t v;
  if (!ParseNat(t.text, &v) || v > UINT32_MAX)
    return ErrorAt(t, "i32 constant out of range");
  Next();
  return uint32_t(v);
}

Expected<uint64_t> Parser::ParseInt(const Token& t, int bits) {
  if (t.kind != TokenKind::Number || !LooksLikeInt(t.text))
    return Unexpected(t);
  std::string_view s = t.text;
  char sign = 0;
  if (s[0] == '+' || s[0] == '-') {
    sign = s[0];
    s.remove_prefix(1);
  }
  uint64_t v;
  uint64_t umax = bits == 64 ? UINT64_MAX : (uint64_t{1} << bits) - 1;
  uint64_t smax = uint64_t{1} << (bits - 1);  // magnitude of the most negative value
  if (!ParseNat(s, &v) || (sign == 0 && v > umax) || (sign == '+' && v > smax - 1) ||
      (sign == '-' && v > smax))
    return ErrorAt(t, "constant out of range");
  if (sign == '-')
    v = ~v + 1;
  return bits == 64 ? v : v & umax;
}

Expected<uint64_t> Parser::ParseFloatBits(const Token& t, int bits) {
  if (t.kind != TokenKind::Number)
    return Unexpected(t);
  std::string_view s = t.text;
  bool negative = false;
  if (s[0] == '+' || s[0] == '-') {
    negative = s[0] == '-';
    s.remove_prefix(1);
  }
  int mant_bits = bits == 32 ? 23 : 52;
  uint64_t sign_bit = uint64_t{1} << (bits - 1);
  uint64_t exp_mask = bits == 32 ? 0x7F800000u : 0x7FF0000000000000ull;
  uint64_t sign = negative ? sign_bit : 0;
  if (s == "inf")
    return sign | exp_mask;
  if (s == "nan")
    return sign | exp_mask | (uint64_t{1} << (mant_bits - 1));
  if (s.substr(0, 4) == "nan:") {
    uint64_t payload;
    if (!ParseNat(s.substr(4), &payload) || payload == 0 ||
        payload >= (uint64_t{1} << mant_bits))
      return ErrorAt(t, "constant out of range");
    return sign | exp_mask | payload;
  }
  std::string clean;
  clean.reserve(t.text.size());
  for (char c : t.text)
    if (c != '_')
      clean += c;
  errno = 0;
  if (bits == 32) {
    float f = std::strtof(clean.c_str(), nullptr);
    if (std::isinf(f))
      return ErrorAt(t, "constant out of range");
    uint32_t b;
    std::memcpy(&b, &f, 4);
    return b;
  }
  double d = std::strtod(clean.c_str(), nullptr);
  if (std::isinf(d))
    return ErrorAt(t, "constant out of range");
  uint64_t b;
  std::memcpy(&b, &d, 8);
  return b;
}

Expected<uint32_t> Parser::ParseIndex(Space space) {
  const Token& t = Peek();
  if (t.kind == TokenKind::Number)
    return ParseU32();
  if (t.kind != TokenKind::Id)
    return Unexpected(t);
  auto name = IdName(t);
  if (!name)
    return std::move(name).error();
  auto& names = names_[size_t(space)];
  auto it = names.find(*name);
  if (it == names.end()) {
    static constexpr const char* kWhat[] = {"type", "function", "table", "memory",
                                            "global", "tag", "elem", "data"};
    return ErrorAt(t, std::string("unknown ") + kWhat[size_t(space)] + " " + std::string(t.text));
  }
  Next();
  return it->second;
}

namespace {

std::optional<HeapKind> AbstractHeap(std::string_view s) {
  static const std::pair<std::string_view, HeapKind> kHeaps[] = {
      {"func", HeapKind::Func},     {"extern", HeapKind::Extern},     {"any", HeapKind::Any},
      {"eq", HeapKind::Eq},         {"i31", HeapKind::I31},           {"struct", HeapKind::Struct},
      {"array", HeapKind::Array},   {"exn", HeapKind::Exn},           {"noexn", HeapKind::NoExn},
      {"nofunc", HeapKind::NoFunc}, {"noextern", HeapKind::NoExtern}, {"none", HeapKind::None},
  };
  for (auto& [name, kind] : kHeaps)
    if (s == name)
      return kind;
  return std::nullopt;
}

// funcref, externref, ... : the nullable abstract reference of the prefix.
std::optional<HeapKind> RefShorthand(std::string_view s) {
  static const std::pair<std::string_view, HeapKind> kRefs[] = {
      {"funcref", HeapKind::Func},         {"externref", HeapKind::Extern},
      {"anyref", HeapKind::Any},           {"eqref", HeapKind::Eq},
      {"i31ref", HeapKind::I31},           {"structref", HeapKind::Struct},
      {"arrayref", HeapKind::Array},       {"exnref", HeapKind::Exn},
      {"nullexnref", HeapKind::NoExn},     {"nullfuncref", HeapKind::NoFunc},
      {"nullexternref", HeapKind::NoExtern}, {"nullref", HeapKind::None},
  };
  for (auto& [name, kind] : kRefs)
    if (s == name)
      return kind;
  return std::nullopt;
}

}  // namespace

// heaptype ::= func | extern | ... | typeidx
Expected<HeapType> Parser::ParseHeapType() {
  const Token& t = Peek();
  if (t.kind == TokenKind::Keyword) {
    if (auto k = AbstractHeap(t.text)) {
      Next();
      return HeapType::Abstract(*k);
    }
    return Unexpected(t);
  }
  MINICC_TRY_ASSIGN(uint32_t index, ParseIndex(Space::Type));
  return HeapType::Concrete(index);
}

// reftype ::= funcref | externref | ... | (ref null? heaptype)
Expected<ValType> Parser::ParseRefType() {
  const Token& t = Peek();
  if (t.kind == TokenKind::Keyword) {
    if (auto k = RefShorthand(t.text)) {
      Next();
      return ValType::Ref(HeapType::Abstract(*k), true);
    }
    return Unexpected(t);
  }
  if (!IsSexpr("ref"))
    return Unexpected(t);
  Next();
  Next();
  bool nullable = false;
  if (IsKeyword("null")) {
    Next();
    nullable = true;
  }
  MINICC_TRY_ASSIGN(HeapType h, ParseHeapType());
  MINICC_TRY(ExpectRParen());
  return ValType::Ref(h, nullable);
}

bool Parser::PeekValType() const {
  const Token& t = Peek();
  if (t.kind == TokenKind::Keyword)
    return t.text == "i32" || t.text == "i64" || t.text == "f32" || t.text == "f64" ||
           t.text == "v128" || RefShorthand(t.text).has_value();
  return IsSexpr("ref");
}

// valtype ::= i32 | i64 | f32 | f64 | v128 | reftype
Expected<ValType> Parser::ParseValType() {
  const Token& t = Peek();
  if (t.kind == TokenKind::Keyword) {
    std::optional<ValType> v;
    if (t.text == "i32") v = ValType::I32();
    else if (t.text == "i64") v = ValType::I64();
    else if (t.text == "f32") v = ValType::F32();
    else if (t.text == "f64") v = ValType::F64();
    else if (t.text == "v128") v = ValType::V128();
    if (v) {
      Next();
      return *v;
    }
  }
  return ParseRefType();
}

// limits ::= (i32|i64)? min max? shared?
Expected<Limits> Parser::ParseLimits(bool allow_addr_type) {
  Limits l;
  if (allow_addr_type && (IsKeyword("i32") || IsKeyword("i64"))) {
    l.is64 = Next().text == "i64";
  }
  // 3.0 leaves limits beyond 32 bits of a 32-bit memory/table to the validator ("memory size").
  if (l.is64 || !Before30(options_.spec)) {
    MINICC_TRY_ASSIGN(l.min, ParseU64());
    if (Peek().kind == TokenKind::Number) {
      MINICC_TRY_ASSIGN(l.max, ParseU64());
    }
  } else {
    MINICC_TRY_ASSIGN(l.min, ParseU32());
    if (Peek().kind == TokenKind::Number) {
      MINICC_TRY_ASSIGN(l.max, ParseU32());
    }
  }
  if (IsKeyword("shared")) {
    Next();
    l.shared = true;
  } else if (IsKeyword("unshared")) {
    Next();
  }
  return l;
}

// typeuse ::= (type x)? (param $id? t | param t*)* (result t*)*
Expected<TypeUse> Parser::ParseTypeUse(bool allow_names) {
  TypeUse use;
  use.offset = Peek().offset;
  if (IsSexpr("type")) {
    Next();
    Next();
    MINICC_TRY_ASSIGN(use.index, ParseIndex(Space::Type));
    MINICC_TRY(ExpectRParen());
  }
  while (IsSexpr("param")) {
    use.has_inline = true;
    if (IsSexpr("type"))
      return Unexpected(Peek(1));
    Next();
    Next();
    if (Peek().kind == TokenKind::Id) {
      const Token& id = Peek();
      if (!allow_names)
        return Unexpected(id);
      MINICC_TRY_ASSIGN(std::string name, IdName(id));
      Next();
      MINICC_TRY_ASSIGN(ValType t, ParseValType());
      use.sig.params.push_back(t);
      use.param_names.push_back(std::move(name));
    } else {
      while (Peek().kind != TokenKind::RParen) {
        MINICC_TRY_ASSIGN(ValType t, ParseValType());
        use.sig.params.push_back(t);
        use.param_names.emplace_back();
      }
    }
    MINICC_TRY(ExpectRParen());
  }
  while (IsSexpr("result")) {
    use.has_inline = true;
    Next();
    Next();
    while (Peek().kind != TokenKind::RParen) {
      MINICC_TRY_ASSIGN(ValType t, ParseValType());
      use.sig.results.push_back(t);
    }
    MINICC_TRY(ExpectRParen());
  }
  if (IsSexpr("param") || IsSexpr("type"))
    return Unexpected(Peek(1));
  return use;
}

const FuncType* Parser::TypeAt(uint32_t index) const {
  if (index >= m_.types.size() || m_.types[index].kind != CompositeKind::Func)
    return nullptr;
  return &m_.types[index].func;
}

bool Parser::InSingletonGroup(uint32_t index) const {
  for (auto [first, count] : m_.rec_groups)
    if (index >= first && index < first + count)
      return count == 1;
  return true;
}

std::optional<uint32_t> Parser::FindFuncType(const FuncType& sig) const {
  for (uint32_t i = 0; i < m_.types.size(); ++i) {
    const SubType& st = m_.types[i];
    if (st.kind == CompositeKind::Func && st.final && st.supertypes.empty() && st.func == sig &&
        InSingletonGroup(i))
      return i;
  }
  return std::nullopt;
}

Expected<uint32_t> Parser::ResolveTypeUse(const TypeUse& use) {
  if (use.index) {
    if (use.has_inline) {
      if (*use.index >= m_.types.size())
        return MakeError("unknown type", use.offset);
      const FuncType* ft = TypeAt(*use.index);
      if (!ft || !(*ft == use.sig))
        return MakeError("inline function type", use.offset);
    }
    return *use.index;
  }
  if (auto found = FindFuncType(use.sig))
    return *found;
  SubType st;
  st.kind = CompositeKind::Func;
  st.func = use.sig;
  m_.types.push_back(std::move(st));
  if (!m_.rec_groups.empty())
    m_.rec_groups.emplace_back(uint32_t(m_.types.size() - 1), 1);
  return uint32_t(m_.types.size() - 1);
}

}  // namespace minicc::wasm::text
