// WASI preview1 (`wasi_snapshot_preview1`) as a host module: a table of host functions, each
// reading and writing the calling instance's memory 0. Extending it means adding one entry to
// the table in wasi.cpp. Functions not implemented yet are still defined (they return ENOSYS)
// so that programs importing them link.
#pragma once

#include <cstdio>
#include <memory>
#include <string>
#include <vector>

#include "runtime/store.h"

namespace minicc::runtime::wasi {

struct Preopen {
  std::string host_path;
  std::string guest_path;
};

struct Config {
  std::vector<std::string> args;  // argv, including argv[0]
  std::vector<std::string> env;   // "KEY=VALUE"
  std::vector<Preopen> preopens;  // become fds 3, 4, ...
  std::FILE* out = stdout;
  std::FILE* err = stderr;
};

// The state the functions share (descriptor table, configuration).
struct State {
  Config config;
};

// Defines every `wasi_snapshot_preview1` function in `linker`. `state` must outlive `store`'s
// use of them.
void AddToLinker(Store& store, Linker& linker, std::shared_ptr<State> state);

inline constexpr const char* kModuleName = "wasi_snapshot_preview1";

}  // namespace minicc::runtime::wasi
