// WASI preview1 (`wasi_snapshot_preview1`) as a host module: a table of host functions, each
// reading and writing the calling instance's memory 0 (wasi.cpp), with the fd_* family in
// wasi_fd.cpp, the path_* family in wasi_path.cpp and poll_oneoff in wasi_poll.cpp.
//
// The sandbox: the guest sees the host's stdin, stdout and stderr as fds 0-2, the preopened
// directories as fds 3, 4, ..., the arguments and environment of Config, and nothing else.
// Every path is resolved beneath a directory descriptor the guest holds (sandbox.h), so it
// can never name anything outside the preopens; descriptors carry WASI rights, which can only
// shrink.
#pragma once

#include <cstdio>
#include <memory>
#include <string>
#include <vector>

#include "runtime/store.h"
#include "runtime/wasi/fd_table.h"
#include "support/expected.h"

namespace minicc::runtime::wasi {

struct Preopen {
  std::string host_path;
  std::string guest_path;
};

struct Config {
  std::vector<std::string> args;  // argv, including argv[0]
  std::vector<std::string> env;   // "KEY=VALUE"
  std::vector<Preopen> preopens;  // become fds 3, 4, ...
  std::FILE* out = stdout;        // fd 1 writes go through this stream (fd 2: `err`)
  std::FILE* err = stderr;
};

// The state the functions share (descriptor table, configuration).
struct State {
  Config config;
  FdTable fds;
  bool set_up = false;
};

// Opens the preopened directories and installs fds 0-2 and 3...; an error names the
// directory that cannot be opened. AddToLinker calls it when it has not been called (and then
// leaves out the preopens that fail).
support::Status Setup(State& state);

// Defines every `wasi_snapshot_preview1` function in `linker`. `state` must outlive `store`'s
// use of them.
void AddToLinker(Store& store, Linker& linker, std::shared_ptr<State> state);

inline constexpr const char* kModuleName = "wasi_snapshot_preview1";

}  // namespace minicc::runtime::wasi
