// Linear memories. Every memory reserves its whole possible range of address space up front
// (PROT_NONE) and makes pages accessible as it grows, so its base never moves. A 32-bit memory
// with guard pages reserves 8 GiB + one page: every i32 address plus every u32 offset lands
// inside the reservation, so the interpreter can skip bounds checks and let the SIGSEGV handler
// (guard.cpp) turn a stray access into the "out of bounds memory access" trap.
#include <sys/mman.h>

#include <cstring>

#include "runtime/guard.h"
#include "runtime/store.h"

namespace minicc::runtime {

namespace {

constexpr uint64_t kGuardedReservation = (uint64_t{8} << 30) + wasm::kPageSize;
constexpr uint64_t kMaxUnguarded64 = uint64_t{16} << 30;  // memory64: cap the reservation

}  // namespace

Memory::~Memory() {
  if (data != nullptr) {
    if (guarded) UnregisterGuardRegion(data);
    munmap(data, reserved);
  }
}

// Reserves the address space for `m` with `initial_pages` accessible. False on failure.
bool ReserveMemory(Memory& m, uint64_t initial_pages, uint64_t max_pages, bool want_guard) {
  const bool is64 = m.type.limits.is64;
  m.max_pages = max_pages;
  // max_pages * page size can overflow for memory64 (2^48 pages): cap before multiplying.
  const uint64_t cap = is64 ? kMaxUnguarded64 : wasm::kMaxPages32 * wasm::kPageSize;
  const uint64_t max_bytes = max_pages >= cap / wasm::kPageSize ? cap : max_pages * wasm::kPageSize;
  if (!is64 && want_guard) {
    m.reserved = kGuardedReservation;
    m.guarded = true;
  } else {
    m.reserved = std::max<uint64_t>(max_bytes, wasm::kPageSize);  // keep `data` non-null
  }
  if (initial_pages * wasm::kPageSize > m.reserved) return false;
  void* p = mmap(nullptr, m.reserved, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE,
                 -1, 0);
  if (p == MAP_FAILED) {
    if (!m.guarded) return false;
    // Address space is scarce (many memories alive): fall back to explicit checks.
    m.guarded = false;
    m.reserved = std::max<uint64_t>(max_bytes, wasm::kPageSize);
    p = mmap(nullptr, m.reserved, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
    if (p == MAP_FAILED) return false;
  }
  m.data = static_cast<uint8_t*>(p);
  m.size = 0;
  if (m.guarded && !RegisterGuardRegion(m.data, m.reserved)) m.guarded = false;
  return m.Grow(initial_pages).has_value();
}

std::optional<uint64_t> Memory::Grow(uint64_t delta_pages) {
  uint64_t old_pages = pages();
  if (delta_pages > max_pages - old_pages) return std::nullopt;
  uint64_t new_size = (old_pages + delta_pages) * wasm::kPageSize;
  if (new_size > reserved) return std::nullopt;
  if (new_size > size) {
    if (mprotect(data + size, new_size - size, PROT_READ | PROT_WRITE) != 0) return std::nullopt;
  }
  size = new_size;
  return old_pages;
}

bool Memory::Read(uint64_t offset, void* out, uint64_t n) const {
  if (!InBounds(offset, n)) return false;
  if (n != 0) std::memcpy(out, data + offset, n);
  return true;
}

bool Memory::Write(uint64_t offset, const void* in, uint64_t n) {
  if (!InBounds(offset, n)) return false;
  if (n != 0) std::memcpy(data + offset, in, n);
  return true;
}

}  // namespace minicc::runtime
