// Traps: the outcome of guest code that stopped abnormally. A trap is a value (never a C++
// exception): its kind, the spec test suite's message, and a backtrace of Wasm frames.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <variant>
#include <vector>

namespace minicc::runtime {

enum class TrapKind : uint8_t {
  Unreachable,              // "unreachable"
  IntegerDivideByZero,      // "integer divide by zero"
  IntegerOverflow,          // "integer overflow"
  InvalidConversion,        // "invalid conversion to integer"
  OutOfBoundsMemory,        // "out of bounds memory access"
  OutOfBoundsTable,         // "out of bounds table access"
  UndefinedElement,         // "undefined element"
  UninitializedElement,     // "uninitialized element"
  IndirectCallTypeMismatch, // "indirect call type mismatch"
  NullReference,            // "null reference" (call_ref and friends)
  CallStackExhausted,       // "call stack exhausted"
  Unlinkable,               // instantiation: "unknown import", "incompatible import type"
  BadArguments,             // Invoke called with the wrong number or types of arguments
  Exit,                     // the guest asked to exit (WASI proc_exit); see exit_code
  Host,                     // a host function failed
  Resource,                 // the engine ran out of a resource (memory for a table, ...)
};

// The spec test suite's message for a kind.
const char* DefaultMessage(TrapKind kind);

struct TraceFrame {
  uint32_t func_index = 0;  // in its module's function index space
  std::string name;         // from the name section, or empty
  uint32_t offset = 0;      // byte offset of the instruction, relative to the function body
};

struct Trap {
  TrapKind kind = TrapKind::Unreachable;
  std::string message;
  std::vector<TraceFrame> backtrace;  // innermost first
  int exit_code = 0;                  // TrapKind::Exit

  static Trap Make(TrapKind kind) { return Trap{kind, DefaultMessage(kind), {}, 0}; }
  static Trap Make(TrapKind kind, std::string message) {
    return Trap{kind, std::move(message), {}, 0};
  }
};

// "  at func[3] $fib+0x12" lines, one per frame, innermost first.
std::string FormatBacktrace(const Trap& trap);

// A value or a trap.
template <typename T>
class [[nodiscard]] Result {
 public:
  Result(T value) : v_(std::move(value)) {}
  Result(Trap trap) : v_(std::move(trap)) {}

  bool ok() const { return v_.index() == 0; }
  explicit operator bool() const { return ok(); }
  T& value() & { return std::get<0>(v_); }
  const T& value() const& { return std::get<0>(v_); }
  T&& value() && { return std::get<0>(std::move(v_)); }
  T& operator*() & { return value(); }
  const T& operator*() const& { return value(); }
  T&& operator*() && { return std::move(*this).value(); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }
  const Trap& trap() const& { return std::get<1>(v_); }
  Trap&& trap() && { return std::get<1>(std::move(v_)); }

 private:
  std::variant<T, Trap> v_;
};

// MINICC_RESULT_TRY(decl, expr): evaluate a Result<T>; on a trap return it from the enclosing
// function, else move the value into `decl`.
#define MINICC_RESULT_TRY(decl, expr) \
  MINICC_RESULT_TRY_IMPL(MINICC_RESULT_CONCAT(minicc_result_tmp_, __LINE__), decl, expr)
#define MINICC_RESULT_CONCAT_INNER(a, b) a##b
#define MINICC_RESULT_CONCAT(a, b) MINICC_RESULT_CONCAT_INNER(a, b)
#define MINICC_RESULT_TRY_IMPL(tmp, decl, expr) \
  auto tmp = (expr);                            \
  if (!tmp) return std::move(tmp).trap();       \
  decl = std::move(tmp).value()

// Success or a trap (what host functions return).
using HostResult = std::optional<Trap>;

}  // namespace minicc::runtime
