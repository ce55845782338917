// `mwasm validate FILE...`: reads and validates each module, printing one line per file:
// `FILE: valid` (stdout) or the first error (stderr), either the reader's
// `FILE:0xNN: error: message` or the validator's `FILE: function 1 ($f) at offset 0x2c:
// i32.add: type mismatch: ...`. Exit status 0 only if every file is valid.
// Also the hidden `mwasm validate-bench [-n N] FILE`: times the reader and the validator
// in-process (best of N) and prints their MB/s (bench/validate.sh uses it).
#include <algorithm>
#include <chrono>

#include <fmt/core.h>

#include "driver/mwasm/command.h"
#include "driver/mwasm/common.h"
#include "support/file_io.h"
#include "wasm/validator.h"

namespace minicc::driver {
namespace {

struct ValidateArgs {
  std::vector<std::string> files;
  wasm::SpecVersion spec = wasm::SpecVersion::V3;
};

int RunValidate(const ValidateArgs& args) {
  int status = kExitOk;
  for (const std::string& file : args.files) {
    wasm::ReadOptions read_options;
    read_options.spec = args.spec;
    auto module = LoadModule(file, read_options);
    if (!module) {
      status = kExitBadInput;
      continue;
    }
    wasm::ValidateOptions options;
    options.spec = args.spec;
    auto valid = wasm::Check(*module, options); // the verdict only: no side tables
    if (!valid) {
      fmt::print(stderr, "{}: {}\n", file, valid.error().message);
      status = kExitBadInput;
      continue;
    }
    fmt::print("{}: valid\n", file);
  }
  return status;
}

struct BenchArgs {
  std::string file;
  int iterations = 10;
  wasm::SpecVersion spec = wasm::SpecVersion::V3;
};

int RunValidateBench(const BenchArgs& args) {
  auto bytes = support::ReadBinaryFile(args.file);
  if (!bytes) {
    fmt::print(stderr, "{}: error: {}\n", args.file, bytes.error().message);
    return kExitBadInput;
  }
  wasm::ReadOptions read_options;
  read_options.spec = args.spec;
  wasm::ValidateOptions options;
  options.spec = args.spec;
  using Clock = std::chrono::steady_clock;
  double best_read = 1e300, best_check = 1e300, best_validate = 1e300;
  size_t instrs = 0;
  for (int i = 0; i < args.iterations; ++i) {
    auto t0 = Clock::now();
    auto module = wasm::ReadModule(*bytes, read_options);
    auto t1 = Clock::now();
    if (!module) {
      ReportBinaryError(args.file, module.error());
      return kExitBadInput;
    }
    instrs = 0;
    for (const auto& f : module->functions)
      instrs += f.body.instrs.size();
    auto t2 = Clock::now();
    auto checked = wasm::Check(*module, options);
    auto t3 = Clock::now();
    auto valid = wasm::Validate(std::move(*module), options);
    auto t4 = Clock::now();
    if (!valid || !checked) {
      fmt::print(stderr, "{}: {}\n", args.file,
                 (!checked ? checked.error() : valid.error()).message);
      return kExitBadInput;
    }
    best_read = std::min(best_read, std::chrono::duration<double>(t1 - t0).count());
    best_check = std::min(best_check, std::chrono::duration<double>(t3 - t2).count());
    best_validate = std::min(best_validate, std::chrono::duration<double>(t4 - t3).count());
  }
  double mb = double(bytes->size()) / 1e6;
  fmt::print("validate-bench: {} bytes, {} instructions, best of {}\n", bytes->size(), instrs,
             args.iterations);
  fmt::print("read:                     {:8.3f} ms {:8.1f} MB/s\n", best_read * 1e3,
             mb / best_read);
  fmt::print("check (verdict only):     {:8.3f} ms {:8.1f} MB/s\n", best_check * 1e3,
             mb / best_check);
  fmt::print("validate (+ side tables): {:8.3f} ms {:8.1f} MB/s\n", best_validate * 1e3,
             mb / best_validate);
  fmt::print("read + check:             {:8.3f} ms {:8.1f} MB/s\n", (best_read + best_check) * 1e3,
             mb / (best_read + best_check));
  return kExitOk;
}

const RegisterCommand kBench{{"validate-bench", "", [](CLI::App& sub) -> std::function<int()> {
                                auto args = std::make_shared<BenchArgs>();
                                sub.group(""); // hidden
                                sub.add_option("FILE", args->file)->required();
                                sub.add_option("-n,--iterations", args->iterations,
                                               "runs (the best is reported)");
                                AddSpecOption(sub, &args->spec);
                                return [args] { return RunValidateBench(*args); };
                              }}};

const RegisterCommand kRegister{
    {"validate", "check that modules are valid WebAssembly",
     [](CLI::App& sub) -> std::function<int()> {
       auto args = std::make_shared<ValidateArgs>();
       sub.add_option("FILE", args->files, "the .wasm files")->required();
       AddSpecOption(sub, &args->spec);
       return [args] { return RunValidate(*args); };
     }}};

} // namespace
} // namespace minicc::driver
