// The store and the runtime objects it owns: functions (Wasm or host), memories, tables,
// globals and module instances. Objects are created by instantiation or by the embedder, live
// as long as their Store, and are referred to by plain pointers (stable addresses).
//
// Layout notes for the JIT and for threads: Memory keeps its base and byte size as its first
// two fields; a 32-bit memory never moves (its whole range is reserved up front), so generated
// code may cache the base. The interpreter keeps no mutable global state: everything an
// execution needs hangs off the Store and the per-call execution stack.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "runtime/interp/code.h"
#include "runtime/trap.h"
#include "runtime/value.h"
#include "wasm/module.h"

namespace minicc::runtime {

class Store;
struct Instance;
struct Memory;

// What a host function sees of its caller.
struct HostContext {
  Store& store;
  Instance* caller = nullptr;  // the calling instance; null when the embedder calls directly
  // The caller's memory `index` (WASI uses memory 0), or null.
  Memory* memory(uint32_t index = 0) const;
};

// A host function: reads `args` (already checked against its type), writes every element of
// `results`, returns nullopt on success or the Trap to raise in the guest.
using HostCallback =
    std::function<HostResult(HostContext& ctx, std::span<const Value> args, std::span<Value> results)>;

struct Func {
  wasm::FuncType type;
  uint32_t type_id = 0;        // canonical in the store: equal ids <=> equal function types
  Instance* instance = nullptr;  // defining instance; null for host functions
  uint32_t index = 0;          // index in the defining module's function index space
  std::string name;            // for backtraces (name section, export name or host name)
  HostCallback host;           // host functions only

  // Filled by the interpreter when the body is first translated.
  std::unique_ptr<interp::FuncCode> code;

  bool IsHost() const { return instance == nullptr; }
};

struct Memory {
  uint8_t* data = nullptr;  // base address; never moves for the life of the memory
  uint64_t size = 0;        // accessible bytes (a multiple of the page size)
  wasm::MemoryType type;
  uint64_t max_pages = 0;   // the effective limit (declared max or the address-space limit)
  uint64_t reserved = 0;    // bytes of address space reserved at `data`
  bool guarded = false;     // a 32-bit memory whose reservation covers every addr+offset

  Memory() = default;
  Memory(const Memory&) = delete;
  Memory& operator=(const Memory&) = delete;
  ~Memory();

  uint64_t pages() const { return size / wasm::kPageSize; }
  // memory.grow: the old size in pages, or nullopt when the memory cannot grow by `delta`.
  std::optional<uint64_t> Grow(uint64_t delta_pages);
  // Bounds-checked copies; false when [offset, offset+n) is out of bounds.
  bool Read(uint64_t offset, void* out, uint64_t n) const;
  bool Write(uint64_t offset, const void* in, uint64_t n);
  bool InBounds(uint64_t offset, uint64_t n) const { return offset <= size && n <= size - offset; }
};

struct Table {
  std::vector<Ref> elems;
  wasm::TableType type;
  uint64_t max = 0;  // effective maximum size

  uint64_t size() const { return elems.size(); }
  // table.grow: the old size, or nullopt when the table cannot grow by `delta`.
  std::optional<uint64_t> Grow(uint64_t delta, Ref init);
};

struct Global {
  union {
    uint64_t bits;     // i32/f32 in the low half; i64/f64; refs
    wasm::V128 v128;
  };
  wasm::GlobalType type;

  Global() : v128{} {}
  Value Get() const;
  void Set(const Value& v);  // the caller checks mutability and type
};

// An exported or importable entity.
struct Extern {
  wasm::ExternKind kind = wasm::ExternKind::Func;
  Func* func = nullptr;
  Table* table = nullptr;
  Memory* memory = nullptr;
  Global* global = nullptr;

  static Extern Of(Func* f) { Extern e; e.kind = wasm::ExternKind::Func; e.func = f; return e; }
  static Extern Of(Table* t) { Extern e; e.kind = wasm::ExternKind::Table; e.table = t; return e; }
  static Extern Of(Memory* m) { Extern e; e.kind = wasm::ExternKind::Memory; e.memory = m; return e; }
  static Extern Of(Global* g) { Extern e; e.kind = wasm::ExternKind::Global; e.global = g; return e; }
};

struct Instance {
  // Index spaces (imports first), as generated code addresses them.
  std::vector<Func*> funcs;
  std::vector<Table*> tables;
  std::vector<Memory*> memories;
  std::vector<Global*> globals;
  Memory* memory0 = nullptr;  // memories[0], or null: the interpreter's fast path

  Store* store = nullptr;
  std::shared_ptr<const wasm::Module> module;
  std::vector<uint32_t> type_ids;           // canonical id of each module type index
  std::vector<std::vector<Ref>> elem_segments;  // evaluated; emptied by elem.drop
  std::vector<bool> data_dropped;
  std::map<std::string, Extern, std::less<>> exports;

  std::optional<Extern> GetExport(std::string_view name) const;
  Func* GetFunc(std::string_view name) const;
  Memory* GetMemory(std::string_view name) const;
  Table* GetTable(std::string_view name) const;
  Global* GetGlobal(std::string_view name) const;
  // The bytes of a data segment (empty once dropped).
  std::span<const uint8_t> DataBytes(uint32_t index) const;
};

struct StoreOptions {
  uint32_t max_call_depth = 20000;      // Wasm frames before "call stack exhausted"
  uint32_t value_stack_slots = 1 << 20; // 8-byte slots per execution (8 MiB, touched lazily)
  bool guard_pages = true;              // 32-bit memories: guard region instead of checks
  bool trace = false;                   // print every executed instruction (slow path)
  std::FILE* trace_out = nullptr;       // defaults to stdout
};

class Store {
 public:
  explicit Store(StoreOptions options = {});
  ~Store();
  Store(const Store&) = delete;
  Store& operator=(const Store&) = delete;

  const StoreOptions& options() const { return options_; }
  StoreOptions& options() { return options_; }

  // Embedder-created objects (spectest's table, memory and globals, WASI functions, ...).
  Func* CreateHostFunc(wasm::FuncType type, HostCallback callback, std::string name = {});
  Result<Memory*> CreateMemory(const wasm::MemoryType& type);
  Result<Table*> CreateTable(const wasm::TableType& type, Ref init = {});
  Global* CreateGlobal(const wasm::GlobalType& type, const Value& init);

  // Canonical id of a function type (equal types get equal ids).
  uint32_t InternType(const wasm::FuncType& type);

  // Used by instantiation.
  Func* NewFunc() { return funcs_.emplace_back(std::make_unique<Func>()).get(); }
  Instance* NewInstance() { return instances_.emplace_back(std::make_unique<Instance>()).get(); }
  Table* NewTable() { return tables_.emplace_back(std::make_unique<Table>()).get(); }
  Global* NewGlobal() { return globals_.emplace_back(std::make_unique<Global>()).get(); }

  // Execution state shared by nested calls on this store (host -> guest -> host ...).
  uint32_t host_nesting = 0;
  // Execution stacks not in use (reused by the next call).
  std::vector<std::unique_ptr<interp::ExecStack>> stack_pool;

 private:
  StoreOptions options_;
  std::vector<std::unique_ptr<Func>> funcs_;
  std::vector<std::unique_ptr<Memory>> memories_;
  std::vector<std::unique_ptr<Table>> tables_;
  std::vector<std::unique_ptr<Global>> globals_;
  std::vector<std::unique_ptr<Instance>> instances_;
  std::unordered_map<std::string, uint32_t> type_ids_;
};

// Import resolution: returns the entity for (module, name), or nullopt ("unknown import").
using ImportResolver = std::function<std::optional<Extern>(std::string_view module,
                                                           std::string_view name)>;

// A name -> entity table for imports, filled with host functions and other instances' exports.
class Linker {
 public:
  void Define(std::string module, std::string name, Extern e);
  // Registers every export of `instance` under `module` (the spec runner's `register`).
  void DefineInstance(const std::string& module, const Instance& instance);
  std::optional<Extern> Resolve(std::string_view module, std::string_view name) const;
  ImportResolver AsResolver() const;

 private:
  std::map<std::pair<std::string, std::string>, Extern, std::less<>> defs_;
};

}  // namespace minicc::runtime
