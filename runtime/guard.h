// Guard-page traps: a SIGSEGV inside the reservation of a guarded memory, raised while this
// thread runs Wasm code, becomes an "out of bounds memory access" trap (a siglongjmp back to the
// innermost RunGuarded on this thread). Faults anywhere else keep their default behaviour.
#pragma once

#include <csetjmp>
#include <cstdint>

namespace minicc::runtime {

// False when the region table is full (the memory then uses explicit checks).
bool RegisterGuardRegion(const uint8_t* base, uint64_t size);
void UnregisterGuardRegion(const uint8_t* base);

// Per-thread landing point for a guard-page fault. Nested guest executions (host -> guest)
// chain through `prev`.
struct GuardScope {
  sigjmp_buf env;
  GuardScope* prev = nullptr;
};

// Installs the signal handler once (idempotent, thread-safe).
void InstallGuardHandler();
// The innermost scope of this thread (null outside Wasm code).
GuardScope*& CurrentGuardScope();

}  // namespace minicc::runtime
