// The opcode property table and decoding lookups, all generated from opcodes.def. Signatures
// are parsed once from the table's text at start-up into fixed arrays, so lookups are O(1).
#include "wasm/opcodes.h"

#include <algorithm>
#include <array>
#include <cstdlib>
#include <string>
#include <unordered_map>
#include <vector>

#include "wasm/leb128.h"

namespace minicc::wasm {
namespace {

struct RawRow {
  uint8_t prefix;
  uint32_t code;
  const char* text;
  ImmKind imm;
  uint8_t align;
  const char* sig;
  Feature feature;
};

constexpr RawRow kRows[] = {
#define MINICC_OPCODE(name, prefix, code, text, imm, align, sig, feat) \
  {prefix, code, text, ImmKind::imm, align, sig, Feature::feat},
#include "wasm/opcodes.def"
};
static_assert(std::size(kRows) == kOpcodeCount);

SigType ParseSigType(std::string_view tok) {
  if (tok == "i32") return SigType::I32;
  if (tok == "i64") return SigType::I64;
  if (tok == "f32") return SigType::F32;
  if (tok == "f64") return SigType::F64;
  if (tok == "v128") return SigType::V128;
  if (tok == "addr") return SigType::Addr;
  if (tok == "i31ref") return SigType::I31Ref;
  if (tok == "(ref i31)") return SigType::RefI31;
  std::abort();  // a malformed row in opcodes.def: caught by the unit tests at start-up
}

// Splits "a b -> c" into tokens; "(ref i31)" is one token.
void ParseSide(std::string_view side, uint8_t& count, SigType* out, size_t cap) {
  count = 0;
  size_t i = 0;
  while (i < side.size()) {
    if (side[i] == ' ') { ++i; continue; }
    size_t j = side[i] == '(' ? side.find(')', i) + 1 : side.find(' ', i);
    if (j == std::string_view::npos) j = side.size();
    if (count >= cap) std::abort();
    out[count++] = ParseSigType(side.substr(i, j - i));
    i = j;
  }
}

struct Tables {
  std::array<OpcodeInfo, kOpcodeCount> info{};
  std::array<int16_t, 256> single{};
  std::vector<int16_t> fb, fc, fd, fe;
  std::unordered_map<std::string_view, std::vector<Opcode>> by_name;

  Tables() {
    single.fill(-1);
    for (size_t i = 0; i < kOpcodeCount; ++i) {
      const RawRow& r = kRows[i];
      OpcodeInfo& o = info[i];
      o.prefix = r.prefix;
      o.code = r.code;
      o.name = r.text;
      o.imm = r.imm;
      o.natural_align = r.align;
      o.feature = r.feature;
      o.signature = r.sig;
      std::string_view sig(r.sig);
      o.special = sig == "special";
      if (!o.special) {
        size_t arrow = sig.find("->");
        ParseSide(sig.substr(0, arrow), o.num_params, o.params, 4);
        ParseSide(sig.substr(arrow + 2), o.num_results, o.results, 2);
      }
      std::vector<int16_t>* sub = Sub(r.prefix);
      if (!sub) {
        single[r.code] = static_cast<int16_t>(i);
      } else {
        if (sub->size() <= r.code) sub->resize(r.code + 1, -1);
        (*sub)[r.code] = static_cast<int16_t>(i);
      }
      by_name[o.name].push_back(static_cast<Opcode>(i));
    }
  }

  std::vector<int16_t>* Sub(uint8_t prefix) {
    switch (prefix) {
      case 0xFB: return &fb;
      case 0xFC: return &fc;
      case 0xFD: return &fd;
      case 0xFE: return &fe;
      default: return nullptr;
    }
  }
};

const Tables& GetTables() {
  static const Tables tables;
  return tables;
}

}  // namespace

bool InSpec20(Feature f) {
  switch (f) {
    case Feature::Mvp:
    case Feature::SignExt:
    case Feature::SatConv:
    case Feature::BulkMemory:
    case Feature::RefTypes:
    case Feature::Simd:
      return true;
    default:
      return false;
  }
}

const OpcodeInfo& Info(Opcode op) { return GetTables().info[static_cast<size_t>(op)]; }

std::optional<Opcode> DecodeOpcode(uint8_t byte) {
  int16_t i = GetTables().single[byte];
  if (i < 0) return std::nullopt;
  return static_cast<Opcode>(i);
}

bool IsPrefixByte(uint8_t byte) { return byte >= 0xFB && byte <= 0xFE; }

std::optional<Opcode> DecodePrefixed(uint8_t prefix, uint32_t code) {
  auto* sub = const_cast<Tables&>(GetTables()).Sub(prefix);
  if (!sub || code >= sub->size() || (*sub)[code] < 0) return std::nullopt;
  return static_cast<Opcode>((*sub)[code]);
}

std::span<const Opcode> LookupByName(std::string_view name) {
  const auto& m = GetTables().by_name;
  auto it = m.find(name);
  if (it == m.end()) return {};
  return it->second;
}

size_t EncodeOpcode(Opcode op, uint8_t out[6]) {
  const OpcodeInfo& o = Info(op);
  if (o.prefix == 0) {
    out[0] = static_cast<uint8_t>(o.code);
    return 1;
  }
  out[0] = o.prefix;
  return 1 + EncodeULeb128(o.code, out + 1);
}

}  // namespace minicc::wasm
