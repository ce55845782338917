// The module IR: a WebAssembly module as plain data. Produced by the binary reader and the text
// parser, consumed by the writer, printer, dumper, validator and runtime. Instructions are
// decoded once into fixed-size Instr records; variable-length immediates live in per-Expr pools.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "wasm/opcodes.h"
#include "wasm/types.h"

namespace minicc::wasm {

using V128 = std::array<uint8_t, 16>;

// Block type: empty, one value type, or a type index (multi-value).
struct BlockType {
  enum class Kind : uint8_t { Empty, Value, Index } kind = Kind::Empty;
  ValType value{};     // Kind::Value
  uint32_t index = 0;  // Kind::Index
};

// One catch clause of try_table.
struct Catch {
  enum class Kind : uint8_t { Catch = 0, CatchRef = 1, CatchAll = 2, CatchAllRef = 3 } kind;
  uint32_t tag = 0;  // Catch, CatchRef
  uint32_t label = 0;
};

// One decoded instruction. Where each ImmKind keeps its immediates:
//   BlockType      block_types[a]
//   Label, Func, Type, Local, Global, Table, Memory, Data, Elem, Tag   a
//   BrTable        u32s[a .. a+b) are the targets; the last is the default (b = count + 1)
//   CallIndirect   a = typeidx, b = tableidx
//   MemArg         a = align exponent (flag bit 6 removed), b = memidx, c = offset
//   MemArgLane     as MemArg, plus lane in `lane`
//   I32 / I64      c (sign-extended bits); F32 / F64: c holds the raw bits
//   V128, Shuffle  v128s[a]
//   Lane           lane
//   SelectT        val_types[a .. a+b)
//   HeapType       heap_types[a]   (ref.null, ref.test, ref.cast)
//   MemoryInit     a = dataidx, b = memidx; TableInit: a = elemidx, b = tableidx
//   MemoryCopy     a = dst memidx, b = src memidx; TableCopy: a = dst, b = src tableidx
//   TryTable       block_types[a]; catches[b .. b+c)
//   TypeField / TypeType / TypeU32 / TypeData / TypeElem   a = first index, b = second
//   BrOnCast       a = label, lane = cast flags, heap_types[b], heap_types[b+1]
//   Fence          nothing (the byte must be 0)
struct Instr {
  Opcode op = Opcode::Nop;
  uint8_t lane = 0;
  uint32_t offset = 0;  // byte offset of the opcode in the binary (or in the text source)
  uint32_t a = 0;
  uint32_t b = 0;
  uint64_t c = 0;
};
static_assert(sizeof(Instr) == 24);

// An instruction sequence (function body or constant expression), always ending with `end`,
// and the pools holding its variable-length immediates.
struct Expr {
  std::vector<Instr> instrs;
  std::vector<uint32_t> u32s;
  std::vector<V128> v128s;
  std::vector<ValType> val_types;
  std::vector<HeapType> heap_types;
  std::vector<BlockType> block_types;
  std::vector<Catch> catches;
};

struct Import {
  std::string module;
  std::string name;
  ExternKind kind = ExternKind::Func;
  uint32_t func_type = 0;  // Func: type index
  TableType table;         // Table
  MemoryType memory;       // Memory
  GlobalType global;       // Global
  TagType tag;             // Tag
};

struct LocalGroup {
  uint32_t count = 0;
  ValType type;
};

// A branch hint (text annotation @metadata.code.branch_hint): the instruction it is for, an index
// into the body's instrs (an `if` or `br_if` when valid), and 0 (unlikely) or 1 (likely).
struct BranchHint {
  uint32_t instr = 0;
  uint8_t value = 0;
};

struct Function {
  uint32_t type_index = 0;
  std::vector<LocalGroup> locals;  // as declared (groups kept for exact round trips)
  Expr body;
  std::vector<BranchHint> branch_hints;  // by increasing instr; the writer encodes them
  uint32_t body_offset = 0;  // offset of the body's size LEB in the binary
  uint32_t body_size = 0;    // bytes after the size LEB
};

struct Table {
  TableType type;
  std::optional<Expr> init;  // 3.0: table with an initialiser expression (0x40 0x00)
};

struct Memory {
  MemoryType type;
};

struct Global {
  GlobalType type;
  Expr init;
};

struct Export {
  std::string name;
  ExternKind kind = ExternKind::Func;
  uint32_t index = 0;
};

enum class SegmentMode : uint8_t { Active, Passive, Declarative };

struct ElemSegment {
  SegmentMode mode = SegmentMode::Active;
  uint8_t flags = 0;        // the binary form 0..7, kept for exact round trips
  uint32_t table_index = 0;
  Expr offset;              // Active
  ValType elem_type = ValType::FuncRef();
  bool uses_exprs = false;  // flags 4..7: the items are expressions
  std::vector<uint32_t> func_indices;  // !uses_exprs
  std::vector<Expr> exprs;             // uses_exprs
  size_t size() const { return uses_exprs ? exprs.size() : func_indices.size(); }
};

struct DataSegment {
  SegmentMode mode = SegmentMode::Active;
  uint8_t flags = 0;  // binary form 0..2
  uint32_t memory_index = 0;
  Expr offset;  // Active
  std::vector<uint8_t> bytes;
};

struct Tag {
  TagType type;
};

// Placement of a custom section: after which known section (0 = before any).
struct CustomSection {
  std::string name;
  std::vector<uint8_t> bytes;  // payload after the name
  uint8_t after_section = 0;   // id of the last non-custom section before it
  uint32_t offset = 0;         // offset of the section id byte in the binary
};

// Names from the `name` custom section (or from text-format $ids).
struct NameMap {
  std::optional<std::string> module;
  std::vector<std::pair<uint32_t, std::string>> functions;
  std::vector<std::pair<uint32_t, std::vector<std::pair<uint32_t, std::string>>>> locals;
};

// Where each section sat in the binary (for dump and diagnostics).
struct SectionInfo {
  uint8_t id = 0;
  uint32_t offset = 0;          // of the id byte
  uint32_t payload_offset = 0;  // first byte after the size LEB
  uint32_t size = 0;            // payload size
  std::string name;             // custom sections
};

struct Module {
  std::vector<SubType> types;              // flattened; rec groups below
  std::vector<std::pair<uint32_t, uint32_t>> rec_groups;  // [first, count) per group
  std::vector<Import> imports;
  std::vector<Function> functions;         // defined functions (imports not included)
  std::vector<Table> tables;               // defined
  std::vector<Memory> memories;            // defined
  std::vector<Global> globals;             // defined
  std::vector<Tag> tags;                   // defined
  std::vector<Export> exports;
  std::optional<uint32_t> start;
  std::vector<ElemSegment> elems;
  std::vector<DataSegment> datas;
  std::optional<uint32_t> data_count;
  std::vector<CustomSection> customs;
  NameMap names;
  std::vector<SectionInfo> sections;  // filled by the binary reader

  // Counts of imported entities (the index spaces start with imports).
  uint32_t num_imported_funcs = 0;
  uint32_t num_imported_tables = 0;
  uint32_t num_imported_memories = 0;
  uint32_t num_imported_globals = 0;
  uint32_t num_imported_tags = 0;

  uint32_t NumFuncs() const { return num_imported_funcs + uint32_t(functions.size()); }
  uint32_t NumTables() const { return num_imported_tables + uint32_t(tables.size()); }
  uint32_t NumMemories() const { return num_imported_memories + uint32_t(memories.size()); }
  uint32_t NumGlobals() const { return num_imported_globals + uint32_t(globals.size()); }
  uint32_t NumTags() const { return num_imported_tags + uint32_t(tags.size()); }

  // Type index of function `func_index` (imports first); caller ensures it is in range.
  uint32_t FuncTypeIndex(uint32_t func_index) const;
  // The import of the n-th imported entity of a kind, or null.
  const Import* ImportOf(ExternKind kind, uint32_t index) const;
  // Function name from the name section, if any.
  const std::string* FuncName(uint32_t func_index) const;

  // Recomputes num_imported_* from `imports` (after building a module by hand).
  void CountImports();
};

}  // namespace minicc::wasm
