// `mwasm wasm2wat IN.wasm [-o OUT.wat]`: prints a binary module as WAT (wasm/text_printer.h),
// to stdout or to OUT. A module that does not decode gets `IN:0xNN: error: message`, exit 1.
#include <cstdio>
#include <memory>

#include <fmt/core.h>

#include "driver/mwasm/command.h"
#include "driver/mwasm/common.h"
#include "support/file_io.h"
#include "wasm/text_printer.h"

namespace minicc::driver {
namespace {

struct Wasm2WatArgs {
  std::string input;
  std::string output;
  wasm::SpecVersion spec = wasm::SpecVersion::V3;
};

int RunWasm2Wat(const Wasm2WatArgs& args) {
  wasm::ReadOptions options;
  options.spec = args.spec;
  auto module = LoadModule(args.input, options);
  if (!module)
    return kExitBadInput;
  std::string text = wasm::PrintModule(*module);
  if (args.output.empty()) {
    fmt::print("{}", text);
    return kExitOk;
  }
  auto written = support::WriteTextFile(args.output, text);
  if (!written) {
    fmt::print(stderr, "{}: error: {}\n", args.output, written.error().message);
    return kExitBadInput;
  }
  return kExitOk;
}

const RegisterCommand kRegister{{"wasm2wat", "print a binary module in the text format",
                                 [](CLI::App& sub) -> std::function<int()> {
                                   auto args = std::make_shared<Wasm2WatArgs>();
                                   sub.add_option("IN", args->input, "the .wasm file")->required();
                                   sub.add_option("-o,--output", args->output,
                                                  "write the text here instead of stdout");
                                   AddSpecOption(sub, &args->spec);
                                   return [args] { return RunWasm2Wat(*args); };
                                 }}};

} // namespace
} // namespace minicc::driver
