// WebAssembly types: value types (numbers, vectors, references incl. typed/GC references),
// function/struct/array types with subtyping, limits, and the external types of imports.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace minicc::wasm {

// Which version of the spec a tool follows. 2.0 forbids what 3.0 allows (several memories,
// non-zero memory index bytes, global.get of defined globals in constant expressions, ...).
// Threads is the threads proposal as its own spec text and test suite define it: 2.0 (so no
// multi-memory or memory64: memory limits are u32 in the text and binary formats) plus shared
// memories and the atomic instructions.
enum class SpecVersion : uint8_t { V2, V3, Threads };
// True for the versions that follow the 2.0 rules (all but 3.0).
inline bool Before30(SpecVersion spec) { return spec != SpecVersion::V3; }

// Binary type codes (the negative s33 values as their one-byte encodings).
enum class TypeCode : uint8_t {
  I32 = 0x7F,
  I64 = 0x7E,
  F32 = 0x7D,
  F64 = 0x7C,
  V128 = 0x7B,
  I8 = 0x78,   // packed storage types (GC fields)
  I16 = 0x77,
  // abstract heap types
  NoExn = 0x74,
  NoFunc = 0x73,
  NoExtern = 0x72,
  None = 0x71,
  Func = 0x70,
  Extern = 0x6F,
  Any = 0x6E,
  Eq = 0x6D,
  I31 = 0x6C,
  Struct = 0x6B,
  Array = 0x6A,
  Exn = 0x69,
  RefNull = 0x63,  // (ref null ht)
  Ref = 0x64,      // (ref ht)
  EmptyBlock = 0x40,
  FuncType = 0x60,
  StructType = 0x5F,
  ArrayType = 0x5E,
  SubType = 0x50,
  SubFinal = 0x4F,
  RecType = 0x4E,
};

enum class ValKind : uint8_t { I32, I64, F32, F64, V128, Ref };

// A heap type: abstract (func, extern, any, ...) or a concrete type index.
enum class HeapKind : uint8_t {
  Func, Extern, Any, Eq, I31, Struct, Array, Exn, NoExn, NoFunc, NoExtern, None,
  Index,  // concrete: `index` names a type of the module
};

struct HeapType {
  HeapKind kind = HeapKind::Func;
  uint32_t index = 0;  // when kind == Index

  static HeapType Abstract(HeapKind k) { return {k, 0}; }
  static HeapType Concrete(uint32_t idx) { return {HeapKind::Index, idx}; }
  bool operator==(const HeapType&) const = default;
};

struct ValType {
  ValKind kind = ValKind::I32;
  bool nullable = false;  // references only
  HeapType heap{};        // references only

  static constexpr ValType I32() { return {ValKind::I32}; }
  static constexpr ValType I64() { return {ValKind::I64}; }
  static constexpr ValType F32() { return {ValKind::F32}; }
  static constexpr ValType F64() { return {ValKind::F64}; }
  static constexpr ValType V128() { return {ValKind::V128}; }
  static ValType Ref(HeapType h, bool nullable) { return {ValKind::Ref, nullable, h}; }
  static ValType FuncRef() { return Ref(HeapType::Abstract(HeapKind::Func), true); }
  static ValType ExternRef() { return Ref(HeapType::Abstract(HeapKind::Extern), true); }

  bool IsRef() const { return kind == ValKind::Ref; }
  bool IsNum() const { return kind <= ValKind::F64; }
  bool operator==(const ValType& o) const {
    return kind == o.kind && (kind != ValKind::Ref || (nullable == o.nullable && heap == o.heap));
  }
};

// Text name: i32, funcref, (ref null $3), (ref func), ...
std::string ToString(ValType t);
std::string ToString(HeapType h);
std::string ToString(const std::vector<ValType>& types);  // "(i32, i64)"

struct FuncType {
  std::vector<ValType> params;
  std::vector<ValType> results;
  bool operator==(const FuncType&) const = default;
};
// "(i32, i32) -> i32"
std::string ToString(const FuncType& f);

enum class Packed : uint8_t { None, I8, I16 };

struct FieldType {
  ValType type;                 // unpacked type (i32 when packed)
  Packed packed = Packed::None;
  bool mutable_ = false;
  bool operator==(const FieldType&) const = default;
};

enum class CompositeKind : uint8_t { Func, Struct, Array };

// One entry of the type section (GC: a subtype inside a recursion group).
struct SubType {
  CompositeKind kind = CompositeKind::Func;
  bool final = true;                  // `sub final` or no `sub` at all
  bool explicit_sub = false;          // written with 0x50/0x4F (keeps round trips exact)
  std::vector<uint32_t> supertypes;   // at most one in 3.0
  FuncType func;                      // kind == Func
  std::vector<FieldType> fields;      // kind == Struct (fields) or Array (one field)
};

struct Limits {
  uint64_t min = 0;
  std::optional<uint64_t> max;
  bool shared = false;  // threads
  bool is64 = false;    // memory64 / table64: address type i64
  std::optional<uint32_t> page_size_log2;  // custom-page-sizes proposal
};

struct TableType {
  ValType elem = ValType::FuncRef();
  Limits limits;
};

struct MemoryType {
  Limits limits;
};

struct GlobalType {
  ValType type;
  bool mutable_ = false;
};

struct TagType {
  uint8_t attribute = 0;  // 0 = exception
  uint32_t type_index = 0;
};

enum class ExternKind : uint8_t { Func = 0, Table = 1, Memory = 2, Global = 3, Tag = 4 };
const char* ToString(ExternKind k);

inline constexpr uint64_t kPageSize = 65536;
inline constexpr uint64_t kMaxPages32 = 65536;          // 4 GiB
inline constexpr uint64_t kMaxPages64 = uint64_t{1} << 48;  // 2^64 bytes / 64 KiB

}  // namespace minicc::wasm
