// wasm::Opcode and its properties, generated from opcodes.def (the one opcode table).
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string_view>

namespace minicc::wasm {

enum class Opcode : uint16_t {
#define MINICC_OPCODE(name, prefix, code, text, imm, align, sig, feat) name,
#include "wasm/opcodes.def"
  kCount
};

inline constexpr size_t kOpcodeCount = static_cast<size_t>(Opcode::kCount);

// How an instruction's immediates are encoded. module.h documents where each is stored in
// an Instr.
enum class ImmKind : uint8_t {
  None,
  BlockType,     // blocktype (s33)
  Label,         // labelidx
  BrTable,       // vec(labelidx) labelidx
  Func,          // funcidx
  CallIndirect,  // typeidx tableidx
  Type,          // typeidx
  Local,         // localidx
  Global,        // globalidx
  Table,         // tableidx
  Memory,        // memidx (a 0x00 byte in 2.0)
  MemArg,        // align (with multi-memory flag bit 6) [memidx] offset
  MemArgLane,    // memarg laneidx
  I32,           // i32 (s32)
  I64,           // i64 (s64)
  F32,           // f32 (4 bytes)
  F64,           // f64 (8 bytes)
  V128,          // 16 bytes
  Shuffle,       // 16 lane indices
  Lane,          // laneidx (one byte)
  SelectT,       // vec(valtype)
  HeapType,      // heaptype (s33)
  MemoryInit,    // dataidx memidx
  Data,          // dataidx
  MemoryCopy,    // memidx memidx
  TableInit,     // elemidx tableidx
  Elem,          // elemidx
  TableCopy,     // tableidx tableidx
  Tag,           // tagidx
  TryTable,      // blocktype vec(catch)
  TypeField,     // typeidx fieldidx
  TypeType,      // typeidx typeidx
  TypeU32,       // typeidx u32
  TypeData,      // typeidx dataidx
  TypeElem,      // typeidx elemidx
  BrOnCast,      // castflags labelidx heaptype heaptype
  Fence,         // one 0x00 byte
};

// The proposal an instruction comes from.
enum class Feature : uint8_t {
  Mvp, SignExt, SatConv, BulkMemory, RefTypes, Simd, RelaxedSimd, TailCall, Exceptions,
  LegacyExceptions, FuncRefs, Gc, Threads, WideArith,
};
// True for the features of WebAssembly 2.0.
bool InSpec20(Feature f);

// Operand types of the table's fixed signatures.
enum class SigType : uint8_t { I32, I64, F32, F64, V128, Addr, I31Ref, RefI31 };

struct OpcodeInfo {
  uint8_t prefix;       // 0, 0xFB, 0xFC, 0xFD, 0xFE
  uint32_t code;        // byte (prefix 0) or the LEB128 after the prefix
  std::string_view name;
  ImmKind imm;
  uint8_t natural_align;  // log2 bytes, memory accesses only
  Feature feature;
  bool special;           // typing not given by the signature
  uint8_t num_params, num_results;
  SigType params[4];
  SigType results[2];
  std::string_view signature;  // the table's text, e.g. "i32 i32 -> i32"
};

const OpcodeInfo& Info(Opcode op);
inline std::string_view Name(Opcode op) { return Info(op).name; }

// Decoding: the opcode for a single byte / a prefix and its sub-opcode; nullopt if unknown.
std::optional<Opcode> DecodeOpcode(uint8_t byte);
std::optional<Opcode> DecodePrefixed(uint8_t prefix, uint32_t code);
bool IsPrefixByte(uint8_t byte);

// Text: every opcode with this text name (one or two rows), empty if unknown.
std::span<const Opcode> LookupByName(std::string_view name);

// Bytes of the opcode itself (prefix byte + LEB128 sub-opcode), for encoders.
size_t EncodeOpcode(Opcode op, uint8_t out[6]);

}  // namespace minicc::wasm
