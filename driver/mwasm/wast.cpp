// `mwasm wast [--spec=2.0] FILE.wast...`: runs spec test scripts (driver/mwasm/wast_runner.h).
// Prints each failure as `FILE:LINE: COMMAND: why`, then `FILE: N passed, N failed` per file,
// and a last line `N passed, N failed` over all files. Exit status 0 only if nothing failed.
#include <cstdio>
#include <memory>

#include <fmt/core.h>

#include "driver/mwasm/command.h"
#include "driver/mwasm/wast_runner.h"
#include "support/file_io.h"

namespace minicc::driver {
namespace {

struct WastArgs {
  std::vector<std::string> files;
  wasm::SpecVersion spec = wasm::SpecVersion::V3;
};

int RunWast(const WastArgs& args) {
  wast::Counts total;
  for (const std::string& path : args.files) {
    auto text = support::ReadTextFile(path);
    if (!text) {
      fmt::print("{}: error: {}\n", path, text.error().message);
      fmt::print("{}: 0 passed, 1 failed\n", path);
      ++total.failed;
      continue;
    }
    support::SourceFile file(path, std::move(*text));
    wast::RunOptions options;
    options.spec = args.spec;
    wast::Counts counts = wast::RunScript(file, options);
    fmt::print("{}: {} passed, {} failed\n", path, counts.passed, counts.failed);
    std::fflush(stdout);
    total.passed += counts.passed;
    total.failed += counts.failed;
  }
  fmt::print("{} passed, {} failed\n", total.passed, total.failed);
  return total.failed == 0 ? kExitOk : kExitBadInput;
}

const RegisterCommand kRegister{
    {"wast", "run spec test scripts (.wast): modules, invocations and assertions",
     [](CLI::App& sub) -> std::function<int()> {
       auto args = std::make_shared<WastArgs>();
       sub.add_option("FILE", args->files, "the .wast files")->required();
       AddSpecOption(sub, &args->spec);
       return [args] { return RunWast(*args); };
     }}};

} // namespace
} // namespace minicc::driver
