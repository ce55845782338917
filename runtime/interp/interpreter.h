// The interpreter: runs translated code (see code.h) with computed-goto dispatch.
#pragma once

#include <span>
#include <vector>

#include "runtime/store.h"

namespace minicc::runtime::interp {

// Calls a Wasm or host function with checked arguments; results or a trap with backtrace.
Result<std::vector<Value>> Call(Store& store, Func* func, std::span<const Value> args);

// Translates `func`'s body on first use. Null only if the body cannot be translated (resource
// limits); `trap` then says why.
FuncCode* EnsureCode(Store& store, Func* func, Trap* trap);

// Rarely executed instructions (bulk memory, tables, memory.size/grow): operands are in
// canonical stack slots starting at `base`, results are written there. Returns a trap or null.
std::optional<TrapKind> ExecSlow(Store& store, Func* func, uint32_t instr_index, Slot* base);

// `--trace`: prints `func[N]+0xOFF instruction` for one Wasm instruction.
void TraceInstr(Store& store, Func* func, uint32_t instr_index);

// Calls a host function from Wasm: arguments in `base[0..n)`, results written there.
HostResult CallHostFromWasm(Store& store, Func* callee, Instance* caller, Slot* base);

}  // namespace minicc::runtime::interp
