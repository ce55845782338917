// The embedding API of the minicc runtime: what `mwasm run`, `mwasm wast`, the tests and any
// C++ program use to run WebAssembly.
//
//   runtime::Store store;
//   runtime::Linker linker;                       // host functions, registered instances
//   runtime::wasi::AddToLinker(store, linker, wasi_config);
//   auto inst = runtime::Instantiate(store, validated_module, linker);   // Result<Instance*>
//   auto out = runtime::Invoke(store, (*inst)->GetFunc("fib"), {runtime::Value::I32(30)});
//   if (!out) fmt::print("{}\n", out.trap().message);
//
// Everything fallible returns a Result<T>: the value, or a Trap{kind, message, backtrace}.
// Instantiation failures are traps too: TrapKind::Unlinkable for "unknown import" and
// "incompatible import type", the usual kinds for traps raised while initializing.
#pragma once

#include <memory>
#include <span>
#include <vector>

#include "runtime/store.h"
#include "runtime/trap.h"
#include "runtime/value.h"
#include "wasm/module.h"

#if defined(__clang__)
#pragma clang diagnostic push
#pragma clang diagnostic ignored "-Wmismatched-tags"
#endif
namespace minicc::wasm {
struct ValidatedModule;  // wasm/validator.h: only the validator constructs one
}
#if defined(__clang__)
#pragma clang diagnostic pop
#endif

namespace minicc::runtime {

// Instantiates a validated module per the spec: resolves and type-checks imports, creates
// tables, memories and globals, applies active element and data segments in order (traps on
// the first out-of-bounds segment, keeping earlier writes), then runs the start function.
Result<Instance*> Instantiate(Store& store, const wasm::ValidatedModule& module,
                              const ImportResolver& imports);
Result<Instance*> Instantiate(Store& store, const wasm::ValidatedModule& module,
                              const Linker& linker);

// The same for a module the caller has already validated by other means (the validator's
// ValidatedModule wraps exactly this). Executing an unvalidated module is undefined.
Result<Instance*> InstantiateValidated(Store& store, std::shared_ptr<const wasm::Module> module,
                                       const ImportResolver& imports);

// Calls `func` (Wasm or host) with `args`; the results, or the trap with its backtrace.
// Argument count and types are checked (TrapKind::BadArguments).
Result<std::vector<Value>> Invoke(Store& store, Func* func, std::span<const Value> args);

}  // namespace minicc::runtime
