// Trap messages (the spec test suite's wording) and backtrace formatting.
#include "runtime/trap.h"

#include <fmt/core.h>

namespace minicc::runtime {

const char* DefaultMessage(TrapKind kind) {
  switch (kind) {
    case TrapKind::Unreachable: return "unreachable";
    case TrapKind::IntegerDivideByZero: return "integer divide by zero";
    case TrapKind::IntegerOverflow: return "integer overflow";
    case TrapKind::InvalidConversion: return "invalid conversion to integer";
    case TrapKind::OutOfBoundsMemory: return "out of bounds memory access";
    case TrapKind::OutOfBoundsTable: return "out of bounds table access";
    case TrapKind::UndefinedElement: return "undefined element";
    case TrapKind::UninitializedElement: return "uninitialized element";
    case TrapKind::IndirectCallTypeMismatch: return "indirect call type mismatch";
    case TrapKind::NullReference: return "null reference";
    case TrapKind::CallStackExhausted: return "call stack exhausted";
    case TrapKind::Unlinkable: return "unknown import";
    case TrapKind::BadArguments: return "wrong arguments";
    case TrapKind::Exit: return "exit";
    case TrapKind::Host: return "host function failed";
    case TrapKind::Resource: return "out of resources";
  }
  return "trap";
}

std::string FormatBacktrace(const Trap& trap) {
  std::string out;
  for (const TraceFrame& f : trap.backtrace) {
    out += fmt::format("  at func[{}]", f.func_index);
    if (!f.name.empty()) out += " $" + f.name;
    out += fmt::format("+0x{:x}\n", f.offset);
  }
  return out;
}

}  // namespace minicc::runtime
