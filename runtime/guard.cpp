// The SIGSEGV/SIGBUS handler behind guarded memories (see guard.h). The list of guarded
// regions is the one piece of process-wide state: it is guarded by a mutex for writers, and the
// handler only reads it (lock-free snapshot of a fixed-size table).
#include "runtime/guard.h"

#include <signal.h>

#include <atomic>
#include <cstring>
#include <mutex>

namespace minicc::runtime {

namespace {

constexpr int kMaxRegions = 4096;
struct Region {
  std::atomic<uintptr_t> base{0};
  std::atomic<uint64_t> size{0};
};
Region g_regions[kMaxRegions];
std::mutex g_regions_mutex;
struct sigaction g_old_segv, g_old_bus;
std::once_flag g_install_once;

bool InGuardRegion(uintptr_t addr) {
  for (const Region& r : g_regions) {
    uintptr_t b = r.base.load(std::memory_order_acquire);
    if (b != 0 && addr >= b && addr - b < r.size.load(std::memory_order_relaxed)) return true;
  }
  return false;
}

void Handler(int sig, siginfo_t* info, void* uctx) {
  GuardScope* scope = CurrentGuardScope();
  if (scope != nullptr && InGuardRegion(reinterpret_cast<uintptr_t>(info->si_addr))) {
    siglongjmp(scope->env, 1);
  }
  // Not ours: restore the previous disposition and let the fault happen again.
  struct sigaction* old = sig == SIGSEGV ? &g_old_segv : &g_old_bus;
  if (old->sa_flags & SA_SIGINFO) {
    old->sa_sigaction(sig, info, uctx);
  } else if (old->sa_handler != SIG_DFL && old->sa_handler != SIG_IGN) {
    old->sa_handler(sig);
  } else {
    sigaction(sig, old, nullptr);
  }
}

}  // namespace

GuardScope*& CurrentGuardScope() {
  thread_local GuardScope* scope = nullptr;
  return scope;
}

bool RegisterGuardRegion(const uint8_t* base, uint64_t size) {
  std::lock_guard<std::mutex> lock(g_regions_mutex);
  for (Region& r : g_regions) {
    if (r.base.load(std::memory_order_relaxed) == 0) {
      r.size.store(size, std::memory_order_relaxed);
      r.base.store(reinterpret_cast<uintptr_t>(base), std::memory_order_release);
      return true;
    }
  }
  return false;
}

void UnregisterGuardRegion(const uint8_t* base) {
  std::lock_guard<std::mutex> lock(g_regions_mutex);
  for (Region& r : g_regions) {
    if (r.base.load(std::memory_order_relaxed) == reinterpret_cast<uintptr_t>(base)) {
      r.base.store(0, std::memory_order_release);
      return;
    }
  }
}

void InstallGuardHandler() {
  std::call_once(g_install_once, [] {
    struct sigaction sa;
    std::memset(&sa, 0, sizeof sa);
    sa.sa_sigaction = Handler;
    sa.sa_flags = SA_SIGINFO | SA_NODEFER | SA_ONSTACK;
    sigemptyset(&sa.sa_mask);
    sigaction(SIGSEGV, &sa, &g_old_segv);
    sigaction(SIGBUS, &sa, &g_old_bus);
  });
}

}  // namespace minicc::runtime
