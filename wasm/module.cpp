// Module IR helpers: index-space lookups that span imports and definitions.
#include "wasm/module.h"

namespace minicc::wasm {

void Module::CountImports() {
  num_imported_funcs = num_imported_tables = num_imported_memories = 0;
  num_imported_globals = num_imported_tags = 0;
  for (const Import& imp : imports) {
    switch (imp.kind) {
      case ExternKind::Func: ++num_imported_funcs; break;
      case ExternKind::Table: ++num_imported_tables; break;
      case ExternKind::Memory: ++num_imported_memories; break;
      case ExternKind::Global: ++num_imported_globals; break;
      case ExternKind::Tag: ++num_imported_tags; break;
    }
  }
}

const Import* Module::ImportOf(ExternKind kind, uint32_t index) const {
  uint32_t n = 0;
  for (const Import& imp : imports) {
    if (imp.kind != kind) continue;
    if (n == index) return &imp;
    ++n;
  }
  return nullptr;
}

uint32_t Module::FuncTypeIndex(uint32_t func_index) const {
  if (func_index < num_imported_funcs) return ImportOf(ExternKind::Func, func_index)->func_type;
  return functions[func_index - num_imported_funcs].type_index;
}

const std::string* Module::FuncName(uint32_t func_index) const {
  for (const auto& [idx, name] : names.functions) {
    if (idx == func_index) return &name;
  }
  return nullptr;
}

}  // namespace minicc::wasm
