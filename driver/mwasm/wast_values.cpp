// Script values for `mwasm wast` (see wast_values.h). Numbers are read with the WAT parser's
// own literal rules (text::Parser::ParseInt / ParseFloatBits / ParseV128Const), so a script
// constant means exactly what the same literal means inside a module.
#include "driver/mwasm/wast_values.h"

#include <cstring>

#include <fmt/core.h>

#include "wasm/text_printer.h"

namespace minicc::driver::wast {
namespace {

using runtime::Value;
using support::Expected;
using wasm::Token;
using wasm::TokenKind;
using wasm::ValType;
using wasm::text::Parser;

// Steps over the s-expression at the cursor (used for patterns we only recognise).
void SkipSexpr(Parser& p) {
  p.pos_ = wasm::SkipSexpr(p.toks_, p.pos_);
}

// The source text of the s-expression at the cursor.
std::string SexprText(const Parser& p) {
  auto [begin, end] = wasm::SexprRange(p.toks_, p.pos_);
  return std::string(p.src_.substr(begin, end - begin));
}

Expected<uint64_t> IntAt(Parser& p, int bits) {
  MINICC_TRY_ASSIGN(uint64_t v, p.ParseInt(p.Peek(), bits));
  p.Next();
  return v;
}

// A float literal or `nan:canonical` / `nan:arithmetic`.
Expected<FloatPattern> FloatAt(Parser& p, int bits) {
  const Token& t = p.Peek();
  FloatPattern f;
  if (t.text == "nan:canonical" || t.text == "nan:arithmetic") {
    f.kind = t.text == "nan:canonical" ? FloatPattern::Kind::NanCanonical
                                       : FloatPattern::Kind::NanArithmetic;
    p.Next();
    return f;
  }
  MINICC_TRY_ASSIGN(f.bits, p.ParseFloatBits(t, bits));
  p.Next();
  return f;
}

bool MatchFloat(const FloatPattern& f, uint64_t bits, int width) {
  uint64_t exp = width == 32 ? 0x7F800000u : 0x7FF0000000000000u;
  uint64_t quiet = width == 32 ? 0x00400000u : 0x0008000000000000u;
  uint64_t sign = width == 32 ? 0x80000000u : 0x8000000000000000u;
  switch (f.kind) {
  case FloatPattern::Kind::Bits: return bits == f.bits;
  case FloatPattern::Kind::NanCanonical: return (bits & ~sign) == (exp | quiet);
  case FloatPattern::Kind::NanArithmetic: return (bits & (exp | quiet)) == (exp | quiet);
  }
  return false;
}

uint64_t LaneBits(const wasm::V128& v, int lane, int bits) {
  uint64_t x = 0;
  std::memcpy(&x, v.data() + lane * (bits / 8), size_t(bits / 8));
  return x;
}

} // namespace

Expected<Value> ParseConst(Parser& p) {
  MINICC_TRY(p.Expect(TokenKind::LParen));
  const Token& op = p.Next();
  Value v;
  if (op.text == "i32.const") {
    MINICC_TRY_ASSIGN(uint64_t bits, IntAt(p, 32));
    v = Value::I32(uint32_t(bits));
  } else if (op.text == "i64.const") {
    MINICC_TRY_ASSIGN(uint64_t bits, IntAt(p, 64));
    v = Value::I64(bits);
  } else if (op.text == "f32.const" || op.text == "f64.const") {
    int bits = op.text == "f32.const" ? 32 : 64;
    MINICC_TRY_ASSIGN(uint64_t f, p.ParseFloatBits(p.Peek(), bits));
    p.Next();
    v = bits == 32 ? Value::F32Bits(uint32_t(f)) : Value::F64Bits(f);
  } else if (op.text == "v128.const") {
    wasm::Expr e;
    wasm::Instr in;
    MINICC_TRY(p.ParseV128Const(e, in));
    v = Value::V128(e.v128s[in.a]);
  } else if (op.text == "ref.null") {
    MINICC_TRY_ASSIGN(wasm::HeapType ht, p.ParseHeapType());
    v = Value::MakeRef(ValType::Ref(ht, true), runtime::Ref::Null());
  } else if (op.text == "ref.extern" || op.text == "ref.host") {
    MINICC_TRY_ASSIGN(uint64_t n, IntAt(p, 64));
    v = Value::ExternRef(n);
  } else {
    return support::MakeError(fmt::format("unsupported argument '{}'", op.text), op.offset);
  }
  MINICC_TRY(p.ExpectRParen());
  return v;
}

Expected<ResultPattern> ParseResult(Parser& p) {
  ResultPattern r;
  r.text = SexprText(p);
  MINICC_TRY(p.Expect(TokenKind::LParen));
  const Token& op = p.Next();
  using Kind = ResultPattern::Kind;
  if (op.text == "either") {
    r.kind = Kind::Either;
    while (p.Peek().kind == TokenKind::LParen) {
      MINICC_TRY_ASSIGN(ResultPattern alt, ParseResult(p));
      r.alternatives.push_back(std::move(alt));
    }
  } else if (op.text == "f32.const" || op.text == "f64.const") {
    int bits = op.text == "f32.const" ? 32 : 64;
    MINICC_TRY_ASSIGN(FloatPattern f, FloatAt(p, bits));
    r.kind = Kind::Float;
    r.type = bits == 32 ? ValType::F32() : ValType::F64();
    r.lanes.push_back(f);
  } else if (op.text == "v128.const") {
    const Token& shape = p.Peek();
    int lanes = 0;
    if (shape.text == "i8x16")
      lanes = 16;
    else if (shape.text == "i16x8")
      lanes = 8;
    else if (shape.text == "i32x4" || shape.text == "f32x4")
      lanes = 4;
    else if (shape.text == "i64x2" || shape.text == "f64x2")
      lanes = 2;
    else
      return p.Unexpected(shape);
    p.Next();
    r.kind = Kind::Lanes;
    r.lane_bits = 128 / lanes;
    r.lane_float = shape.text[0] == 'f';
    for (int i = 0; i < lanes; ++i) {
      FloatPattern f;
      if (r.lane_float) {
        MINICC_TRY_ASSIGN(f, FloatAt(p, r.lane_bits));
      } else {
        MINICC_TRY_ASSIGN(f.bits, IntAt(p, r.lane_bits));
        if (r.lane_bits < 64)
          f.bits &= (uint64_t{1} << r.lane_bits) - 1;
      }
      r.lanes.push_back(f);
    }
  } else if (op.text == "ref.null") {
    r.kind = Kind::RefNull;
    if (p.Peek().kind != TokenKind::RParen) {
      MINICC_TRY_ASSIGN(wasm::HeapType ht, p.ParseHeapType());
      r.type = ValType::Ref(ht, true);
    }
  } else if (op.text == "ref.func") {
    r.kind = Kind::RefFunc;
    if (p.Peek().kind != TokenKind::RParen)
      p.Next(); // the function's index or name: any non-null funcref matches
  } else if (op.text == "ref.extern" || op.text == "ref.host") {
    r.kind = Kind::RefExtern;
    if (p.Peek().kind != TokenKind::RParen) {
      MINICC_TRY_ASSIGN(uint64_t n, IntAt(p, 64));
      r.value = Value::ExternRef(n);
      r.has_payload = true;
    }
  } else if (op.text.starts_with("ref.")) {
    // ref.any, ref.eq, ref.i31, ref.struct, ref.array, ...: GC values.
    r.kind = Kind::Unsupported;
    while (p.Peek().kind != TokenKind::RParen && p.Peek().kind != TokenKind::Eof)
      SkipSexpr(p);
  } else {
    p.pos_ -= 2; // back to the `(`: a plain constant
    MINICC_TRY_ASSIGN(r.value, ParseConst(p));
    r.kind = Kind::Exact;
    return r;
  }
  MINICC_TRY(p.ExpectRParen());
  return r;
}

bool Matches(const ResultPattern& r, const Value& v) {
  using Kind = ResultPattern::Kind;
  switch (r.kind) {
  case Kind::Exact: return !v.type.IsRef() && runtime::SameValue(r.value, v);
  case Kind::Float:
    if (v.type.kind != r.type.kind)
      return false;
    return r.type.kind == wasm::ValKind::F32 ? MatchFloat(r.lanes[0], v.f32_bits, 32)
                                             : MatchFloat(r.lanes[0], v.f64_bits, 64);
  case Kind::Lanes:
    if (v.type.kind != wasm::ValKind::V128)
      return false;
    for (size_t i = 0; i < r.lanes.size(); ++i) {
      uint64_t bits = LaneBits(v.v128, int(i), r.lane_bits);
      if (r.lane_float ? !MatchFloat(r.lanes[i], bits, r.lane_bits) : bits != r.lanes[i].bits)
        return false;
    }
    return true;
  case Kind::RefNull: return v.type.IsRef() && v.ref.IsNull();
  case Kind::RefFunc:
    return v.type.IsRef() && !v.ref.IsNull() && v.type.heap.kind != wasm::HeapKind::Extern;
  case Kind::RefExtern:
    return v.type.IsRef() && !v.ref.IsNull() && v.type.heap.kind == wasm::HeapKind::Extern &&
           (!r.has_payload || v.ref == r.value.ref);
  case Kind::Either:
    for (const ResultPattern& alt : r.alternatives)
      if (Matches(alt, v))
        return true;
    return false;
  case Kind::Unsupported: return false;
  }
  return false;
}

std::string ValueText(const Value& v) {
  switch (v.type.kind) {
  case wasm::ValKind::I32: return fmt::format("(i32.const {})", int32_t(v.i32));
  case wasm::ValKind::I64: return fmt::format("(i64.const {})", int64_t(v.i64));
  case wasm::ValKind::F32: return fmt::format("(f32.const {})", wasm::F32Text(v.f32_bits));
  case wasm::ValKind::F64: return fmt::format("(f64.const {})", wasm::F64Text(v.f64_bits));
  case wasm::ValKind::V128: {
    std::string s = "(v128.const i32x4";
    for (int i = 0; i < 4; ++i)
      s += fmt::format(" {:#010x}", LaneBits(v.v128, i, 32));
    return s + ")";
  }
  case wasm::ValKind::Ref:
    if (v.ref.IsNull())
      return "(ref.null " + wasm::ToString(v.type.heap) + ")";
    if (v.type.heap.kind == wasm::HeapKind::Extern)
      return fmt::format("(ref.extern {})", v.ref.ExternPayload());
    return "(ref.func)";
  }
  return "?";
}

void DefineSpectest(runtime::Store& store, runtime::Linker& linker) {
  auto print = [&](const char* name, std::vector<ValType> params) {
    auto ignore = [](runtime::HostContext&, std::span<const Value>,
                     std::span<Value>) -> runtime::HostResult { return std::nullopt; };
    runtime::Func* f = store.CreateHostFunc(wasm::FuncType{std::move(params), {}}, ignore,
                                            std::string("spectest.") + name);
    linker.Define("spectest", name, runtime::Extern::Of(f));
  };
  print("print", {});
  print("print_i32", {ValType::I32()});
  print("print_i64", {ValType::I64()});
  print("print_f32", {ValType::F32()});
  print("print_f64", {ValType::F64()});
  print("print_i32_f32", {ValType::I32(), ValType::F32()});
  print("print_f64_f64", {ValType::F64(), ValType::F64()});

  auto global = [&](const char* name, ValType t, Value v) {
    runtime::Global* g = store.CreateGlobal(wasm::GlobalType{t, false}, v);
    linker.Define("spectest", name, runtime::Extern::Of(g));
  };
  global("global_i32", ValType::I32(), Value::I32(666));
  global("global_i64", ValType::I64(), Value::I64(666));
  global("global_f32", ValType::F32(), Value::F32(666.6f));
  global("global_f64", ValType::F64(), Value::F64(666.6));

  auto table = [&](const char* name, bool is64) {
    wasm::TableType type;
    type.elem = ValType::FuncRef();
    type.limits.min = 10;
    type.limits.max = 20;
    type.limits.is64 = is64;
    if (auto t = store.CreateTable(type))
      linker.Define("spectest", name, runtime::Extern::Of(*t));
  };
  table("table", false);
  table("table64", true);

  auto memory = [&](const char* name, bool shared) {
    wasm::MemoryType type;
    type.limits.min = 1;
    type.limits.max = 2;
    type.limits.shared = shared;
    if (auto m = store.CreateMemory(type))
      linker.Define("spectest", name, runtime::Extern::Of(*m));
  };
  memory("memory", false);
  memory("shared_memory", true);
}

} // namespace minicc::driver::wast
