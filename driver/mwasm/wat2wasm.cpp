// `mwasm wat2wasm IN.wat [-o OUT.wasm]`: assembles a text module (wasm/text_parser) and writes it
// with the binary writer. Like wabt's wat2wasm it then validates the result (unless --no-check);
// validation reads the written bytes back, so its messages carry binary offsets. Text errors are
// printed clang-style with the source line and a caret. Without -o the output is IN with its
// extension replaced by .wasm.
#include <fmt/core.h>

#include "driver/mwasm/command.h"
#include "driver/mwasm/common.h"
#include "support/diagnostics.h"
#include "support/file_io.h"
#include "wasm/binary_writer.h"
#include "wasm/text_parser.h"
#include "wasm/validator.h"

namespace minicc::driver {
namespace {

struct Wat2WasmArgs {
  std::string input;
  std::string output;
  bool no_check = false;
  wasm::SpecVersion spec = wasm::SpecVersion::V3;
};

std::string DefaultOutput(const std::string& input) {
  size_t slash = input.find_last_of('/');
  size_t dot = input.find_last_of('.');
  if (dot == std::string::npos || (slash != std::string::npos && dot < slash))
    return input + ".wasm";
  return input.substr(0, dot) + ".wasm";
}

int RunWat2Wasm(const Wat2WasmArgs& args) {
  auto text = support::ReadTextFile(args.input);
  if (!text) {
    fmt::print(stderr, "{}: error: {}\n", args.input, text.error().message);
    return kExitBadInput;
  }
  support::SourceFile file(args.input, *text);
  wasm::TextOptions text_options;
  text_options.spec = args.spec;
  auto module = wasm::ParseWatModule(file.text(), text_options);
  if (!module) {
    fmt::print(stderr, "{}", wasm::FormatTextError(file, module.error()));
    return kExitBadInput;
  }
  std::vector<uint8_t> bytes = wasm::WriteModule(*module);
  if (!args.no_check) {
    wasm::ReadOptions read_options;
    read_options.spec = args.spec;
    auto reread = wasm::ReadModule(bytes, read_options);
    if (!reread) {
      fmt::print(stderr, "{}: error: {}\n", args.input, reread.error().message);
      return kExitBadInput;
    }
    wasm::ValidateOptions options;
    options.spec = args.spec;
    auto valid = wasm::Check(*reread, options);
    if (!valid) {
      fmt::print(stderr, "{}: error: {}\n", args.input, valid.error().message);
      return kExitBadInput;
    }
  }
  std::string out = args.output.empty() ? DefaultOutput(args.input) : args.output;
  if (auto st = support::WriteBinaryFile(out, bytes); !st) {
    fmt::print(stderr, "{}: error: {}\n", out, st.error().message);
    return kExitBadInput;
  }
  return kExitOk;
}

const RegisterCommand kRegister{
    {"wat2wasm", "assemble a WebAssembly text module into a binary",
     [](CLI::App& sub) -> std::function<int()> {
       auto args = std::make_shared<Wat2WasmArgs>();
       sub.add_option("IN", args->input, "the .wat file")->required();
       sub.add_option("-o,--output", args->output, "the .wasm file to write");
       sub.add_flag("--no-check", args->no_check, "do not validate the module");
       AddSpecOption(sub, &args->spec);
       return [args] { return RunWat2Wasm(*args); };
     }}};

} // namespace
} // namespace minicc::driver
