// The back half of the minicc driver: type-checked units -> backend -> validated module ->
// a .wasm file, or (`--run`) straight into the interpreter with WASI.
#pragma once

#include <string>
#include <vector>

#include "frontend/frontend.h"

namespace minicc::driver {

struct BackendRequest {
  std::vector<const frontend::TranslationUnit*> units; // the program's files, type-checked
  frontend::Options frontend_options;                  // for compiling the stdlib sources
  std::string stdlib_dir; // <exe>/../lib/minicc (src/*.mc are linked in); empty: none
  int opt_level = 0;
  bool asm_out = false; // -S
  std::string output;   // -o (default: first input with .wasm / .wat)
  std::string first_input;
  bool run = false;   // --run: execute instead of writing
  std::string invoke; // --invoke NAME
  std::vector<std::string> run_args;
  std::vector<std::string> run_dirs; // --dir HOST[::GUEST]: preopened for the guest
  std::vector<std::string> run_env;  // --env KEY=VALUE
};

// Returns the process exit status: 0 ok, 1 bad input, 2 bad command line, 134 trap, or the
// program's own exit status under --run.
int CompileAndEmit(const BackendRequest& request);

} // namespace minicc::driver
