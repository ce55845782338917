// The store and its objects: creation of embedder-made objects, type interning, the Linker,
// and the small accessors of instances, tables and globals.
#include "runtime/store.h"

#include <algorithm>

namespace minicc::runtime {

bool ReserveMemory(Memory& m, uint64_t initial_pages, uint64_t max_pages, bool want_guard);

namespace {
constexpr uint64_t kMaxTableElems = uint64_t{1} << 26;  // practical limit on table growth
}

Memory* HostContext::memory(uint32_t index) const {
  if (caller == nullptr || index >= caller->memories.size()) return nullptr;
  return caller->memories[index];
}

Store::Store(StoreOptions options) : options_(options) {}
Store::~Store() = default;

Func* Store::CreateHostFunc(wasm::FuncType type, HostCallback callback, std::string name) {
  Func* f = NewFunc();
  f->type_id = InternType(type);
  f->type = std::move(type);
  f->host = std::move(callback);
  f->name = std::move(name);
  return f;
}

Result<Memory*> Store::CreateMemory(const wasm::MemoryType& type) {
  auto m = std::make_unique<Memory>();
  m->type = type;
  const wasm::Limits& l = type.limits;
  uint64_t limit = l.is64 ? wasm::kMaxPages64 : wasm::kMaxPages32;
  uint64_t max_pages = l.max ? std::min(*l.max, limit) : limit;
  if (l.min > max_pages || !ReserveMemory(*m, l.min, max_pages, options_.guard_pages)) {
    return Trap::Make(TrapKind::Resource, "cannot allocate memory");
  }
  return memories_.emplace_back(std::move(m)).get();
}

Result<Table*> Store::CreateTable(const wasm::TableType& type, Ref init) {
  const wasm::Limits& l = type.limits;
  if (l.min > kMaxTableElems) return Trap::Make(TrapKind::Resource, "cannot allocate table");
  Table* t = NewTable();
  t->type = type;
  uint64_t limit = l.is64 ? ~uint64_t{0} : uint64_t{0xFFFFFFFF};
  t->max = l.max ? std::min(*l.max, limit) : limit;
  t->elems.assign(l.min, init);
  return t;
}

Global* Store::CreateGlobal(const wasm::GlobalType& type, const Value& init) {
  Global* g = NewGlobal();
  g->type = type;
  g->Set(init);
  return g;
}

uint32_t Store::InternType(const wasm::FuncType& type) {
  std::string key = wasm::ToString(type);
  auto [it, inserted] = type_ids_.try_emplace(key, uint32_t(type_ids_.size()));
  return it->second;
}

std::optional<uint64_t> Table::Grow(uint64_t delta, Ref init) {
  uint64_t old = size();
  if (delta > max - old || old + delta > kMaxTableElems) return std::nullopt;
  elems.resize(old + delta, init);
  return old;
}

Value Global::Get() const {
  switch (type.type.kind) {
    case wasm::ValKind::I32: return Value::I32(uint32_t(bits));
    case wasm::ValKind::F32: return Value::F32Bits(uint32_t(bits));
    case wasm::ValKind::I64: return Value::I64(bits);
    case wasm::ValKind::F64: return Value::F64Bits(bits);
    case wasm::ValKind::V128: return Value::V128(v128);
    case wasm::ValKind::Ref: return Value::MakeRef(type.type, Ref{bits});
  }
  return Value();
}

void Global::Set(const Value& v) {
  switch (type.type.kind) {
    case wasm::ValKind::I32: case wasm::ValKind::F32: bits = v.i32; break;
    case wasm::ValKind::I64: case wasm::ValKind::F64: bits = v.i64; break;
    case wasm::ValKind::V128: v128 = v.v128; break;
    case wasm::ValKind::Ref: bits = v.ref.bits; break;
  }
}

std::optional<Extern> Instance::GetExport(std::string_view name) const {
  auto it = exports.find(name);
  if (it == exports.end()) return std::nullopt;
  return it->second;
}
Func* Instance::GetFunc(std::string_view name) const {
  auto e = GetExport(name);
  return e && e->kind == wasm::ExternKind::Func ? e->func : nullptr;
}
Memory* Instance::GetMemory(std::string_view name) const {
  auto e = GetExport(name);
  return e && e->kind == wasm::ExternKind::Memory ? e->memory : nullptr;
}
Table* Instance::GetTable(std::string_view name) const {
  auto e = GetExport(name);
  return e && e->kind == wasm::ExternKind::Table ? e->table : nullptr;
}
Global* Instance::GetGlobal(std::string_view name) const {
  auto e = GetExport(name);
  return e && e->kind == wasm::ExternKind::Global ? e->global : nullptr;
}
std::span<const uint8_t> Instance::DataBytes(uint32_t index) const {
  if (data_dropped[index]) return {};
  return module->datas[index].bytes;
}

void Linker::Define(std::string module, std::string name, Extern e) {
  defs_[{std::move(module), std::move(name)}] = e;
}

void Linker::DefineInstance(const std::string& module, const Instance& instance) {
  for (const auto& [name, e] : instance.exports) Define(module, name, e);
}

std::optional<Extern> Linker::Resolve(std::string_view module, std::string_view name) const {
  auto it = defs_.find(std::pair<std::string, std::string>(module, name));
  if (it == defs_.end()) return std::nullopt;
  return it->second;
}

ImportResolver Linker::AsResolver() const {
  return [this](std::string_view module, std::string_view name) { return Resolve(module, name); };
}

}  // namespace minicc::runtime
