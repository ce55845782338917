// `mwasm validate FILE...`: reads and validates each module, printing one line per file:
// `FILE: valid` (stdout) or the first error (stderr), either the reader's
// `FILE:0xNN: error: message` or the validator's `FILE: function 1 ($f) at offset 0x2c:
// i32.add: type mismatch: ...`. Exit status 0 only if every file is valid.
#include <fmt/core.h>

#include "driver/mwasm/command.h"
#include "driver/mwasm/common.h"
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
    auto valid = wasm::Validate(std::move(*module), options);
    if (!valid) {
      fmt::print(stderr, "{}: {}\n", file, valid.error().message);
      status = kExitBadInput;
      continue;
    }
    fmt::print("{}: valid\n", file);
  }
  return status;
}

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
