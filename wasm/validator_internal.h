// Shared between the validator's two halves: validator.cpp (module-level rules) and
// validate_code.cpp (function bodies and constant expressions). Not part of the public API.
#pragma once

#include <string>
#include <vector>

#include "support/expected.h"
#include "wasm/module.h"
#include "wasm/validator.h"

namespace minicc::wasm::detail {

// The validation context C of the spec (3.1.1): the types of every index space, imports first.
struct Context {
  const Module* m = nullptr;
  SpecVersion spec = SpecVersion::V3;
  std::vector<uint32_t> func_types; // type index per function
  std::vector<TableType> tables;
  std::vector<MemoryType> memories;
  std::vector<GlobalType> globals;
  std::vector<uint32_t> tags;          // type index per tag
  std::vector<uint8_t> declared_funcs; // C.refs: 1 where `ref.func` may name the function

  bool IsFuncType(uint32_t index) const {
    return index < m->types.size() && m->types[index].kind == CompositeKind::Func;
  }
  const FuncType& Func(uint32_t type_index) const { return m->types[type_index].func; }
};

// Reference subtyping and value-type matching (spec 3.3 "Matching").
bool IsSubtype(const Context& cx, ValType a, ValType b);
bool IsHeapSubtype(const Context& cx, HeapType a, HeapType b);
// A value type is valid when every type index it mentions exists.
bool ValidValType(const Context& cx, ValType t);

// Engines' cap on a function's locals (the binary format allows 2^32-1).
inline constexpr uint64_t kMaxFunctionLocals = 50000;

// Validates every defined function's body, filling one side table per function when
// `side_tables` is not null.
support::Status ValidateFunctions(const Context& cx, std::vector<FunctionSideTable>* side_tables);

// Validates a constant expression producing one value of `expected`. `what` names the entity
// for messages ("global 2", "data segment 0"); `num_globals` is how many globals it may read.
support::Status ValidateConstExpr(const Context& cx, const Expr& expr, ValType expected,
                                  const std::string& what, uint32_t num_globals);

} // namespace minicc::wasm::detail
