// Errors as values. Every fallible function in minicc returns Expected<T> (or Status for
// no value); no exception crosses a library boundary. An Error carries a message and, for
// binary input, the byte offset it refers to.
#pragma once

#include <cstdint>
#include <string>
#include <utility>
#include <variant>

namespace minicc::support {

inline constexpr uint64_t kNoOffset = ~uint64_t{0};

struct Error {
  std::string message;
  uint64_t offset = kNoOffset;  // byte offset in the input, when it is binary

  bool HasOffset() const { return offset != kNoOffset; }
};

template <typename T>
class [[nodiscard]] Expected {
 public:
  Expected(T value) : v_(std::move(value)) {}
  Expected(Error error) : v_(std::move(error)) {}

  bool ok() const { return v_.index() == 0; }
  explicit operator bool() const { return ok(); }

  T& value() & { return std::get<0>(v_); }
  const T& value() const& { return std::get<0>(v_); }
  T&& value() && { return std::get<0>(std::move(v_)); }
  T& operator*() & { return value(); }
  const T& operator*() const& { return value(); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }

  const Error& error() const& { return std::get<1>(v_); }
  Error&& error() && { return std::get<1>(std::move(v_)); }

 private:
  std::variant<T, Error> v_;
};

struct Ok {};

// Expected<void>: success or an Error.
class [[nodiscard]] Status {
 public:
  Status() = default;
  Status(Ok) {}
  Status(Error error) : error_(std::move(error)), failed_(true) {}

  bool ok() const { return !failed_; }
  explicit operator bool() const { return ok(); }
  const Error& error() const& { return error_; }
  Error&& error() && { return std::move(error_); }

 private:
  Error error_;
  bool failed_ = false;
};

inline Error MakeError(std::string message, uint64_t offset = kNoOffset) {
  return Error{std::move(message), offset};
}

}  // namespace minicc::support

#define MINICC_CONCAT_INNER(a, b) a##b
#define MINICC_CONCAT(a, b) MINICC_CONCAT_INNER(a, b)

// TRY(expr): evaluate a Status; return its error from the enclosing function on failure.
#define MINICC_TRY(expr)                                  \
  do {                                                    \
    auto minicc_try_status_ = (expr);                     \
    if (!minicc_try_status_) return std::move(minicc_try_status_).error(); \
  } while (0)

// TRY_ASSIGN(lhs, expr): evaluate an Expected<T>; on success move its value into lhs
// (which may be a declaration, e.g. `auto x`), else return its error.
#define MINICC_TRY_ASSIGN(lhs, expr) \
  MINICC_TRY_ASSIGN_IMPL(MINICC_CONCAT(minicc_try_tmp_, __LINE__), lhs, expr)
#define MINICC_TRY_ASSIGN_IMPL(tmp, lhs, expr)     \
  auto tmp = (expr);                               \
  if (!tmp) return std::move(tmp).error();         \
  lhs = std::move(tmp).value()
