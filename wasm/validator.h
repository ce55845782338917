// Validator: Module -> ValidatedModule (spec chapter 3, "Validation"). Checks every rule of
// WebAssembly 3.0 the module uses (2.0 only with SpecVersion::V2): the module-level rules
// (limits, imports/exports, start, segments, constant expressions, declared function
// references) and, per function body, the operand-stack / control-stack algorithm of the spec's
// appendix. In the same pass over a body it records the side table the interpreter needs, so
// that loading validated code is one pass, not two.
//
// Error messages carry the spec test suite's text and where it was found:
//   "function 1 ($f) at offset 0x2c: i32.add: type mismatch: expected i32, found f32"
// Error::offset is the byte offset of the instruction (or entity) in the binary.
#pragma once

#include <cstdint>
#include <memory>
#include <vector>

#include "support/expected.h"
#include "wasm/module.h"

namespace minicc::wasm {

struct ValidateOptions {
  SpecVersion spec = SpecVersion::V3;
};

inline constexpr uint32_t kNoIndex = ~0u;

// What the validator learned about one defined function's body, index-aligned with
// `Function::body.instrs` (entry i describes instrs[i]). Computed in the validation pass itself.
//
// Heights count values (not bytes) on the function's operand stack, which is empty at function
// entry (parameters and locals are not on it). For a block with type [t1*] -> [t2*] opened at i:
//   label base  = height[i] - |t1|  (for `if`: height[i] - 1 - |t1|, the condition is popped)
//   a branch to the block keeps its top |t2| values (|t1| for a loop) and drops to the base;
//   after the matching `end` the height is base + |t2|; height[end] is the height before the
//   `end` executes (base + |t2| when the end is reachable).
// In dead code (unreachable[i] == 1: after unreachable/br/br_table/return/throw/return_call*
// up to the end of the enclosing block, or the next else/catch) heights are those of the
// validator's polymorphic stack: consistent but meaningless, so the interpreter should skip
// such instructions (the `end`/`else` closing the dead region has unreachable = 1 as well; the
// height after that `end` is still base + |t2|).
struct FunctionSideTable {
  std::vector<uint32_t> height; // operand-stack height before each instruction
  // block/loop/if/try_table/try, else, catch, catch_all: index of the `end` that closes the
  // construct (for `delegate`-terminated try: the delegate); kNoIndex elsewhere.
  std::vector<uint32_t> match;
  // if: index of its `else`, or kNoIndex when it has none; kNoIndex elsewhere.
  std::vector<uint32_t> else_index;
  std::vector<uint8_t> unreachable; // 1 where the instruction is dead code
  uint32_t max_height = 0;          // largest operand-stack height anywhere in the body
  uint32_t num_locals = 0;          // parameters + declared locals
  std::vector<ValType> local_types; // num_locals entries, parameters first
};

// A module that passed validation. Only Validate() constructs one; it owns the module (shared,
// so instances can keep it alive) and one side table per defined function.
// (A struct, not a class, because runtime.h forward-declares it as one.)
struct ValidatedModule {
public:
  const Module& module() const { return *module_; }
  std::shared_ptr<const Module> shared_module() const { return module_; }
  // Side table of defined function `defined_index` (index into Module::functions: imports
  // excluded).
  const FunctionSideTable& side_table(uint32_t defined_index) const {
    return side_tables_[defined_index];
  }
  const std::vector<FunctionSideTable>& side_tables() const { return side_tables_; }

private:
  ValidatedModule() = default;
  friend support::Expected<ValidatedModule> Validate(Module module, const ValidateOptions&);

  std::shared_ptr<const Module> module_;
  std::vector<FunctionSideTable> side_tables_;
};

// Validates `module` (spec 3.5 and 3.4); on success the result owns it. Returns the first error.
support::Expected<ValidatedModule> Validate(Module module, const ValidateOptions& options = {});

// The same verdict and message as Validate(), for tools that need only that (`mwasm validate`):
// no side tables are built and the module is not taken over.
support::Status Check(const Module& module, const ValidateOptions& options = {});

} // namespace minicc::wasm
