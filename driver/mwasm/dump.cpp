// `mwasm dump FILE...`: prints each module's header, sections with their entries, and the code
// disassembled with offsets and raw bytes (wasm/dump.h). `--sections` prints only the section
// list (as `wasm-objdump -h` does); `-x` adds the reader's annotation of every byte. A file
// that does not decode gets `FILE:0xNN: error: message`; the others are still dumped.
#include <cstdio>
#include <memory>

#include <fmt/core.h>

#include "driver/mwasm/command.h"
#include "driver/mwasm/common.h"
#include "support/file_io.h"
#include "wasm/dump.h"

namespace minicc::driver {
namespace {

struct DumpArgs {
  std::vector<std::string> files;
  bool hex = false;
  bool sections_only = false;
  wasm::SpecVersion spec = wasm::SpecVersion::V3;
};

bool DumpFile(const std::string& file, const DumpArgs& args, bool with_title) {
  wasm::ReadOptions options;
  options.spec = args.spec;
  wasm::AnnotationCollector notes;
  if (args.hex)
    options.observer = &notes;
  std::vector<uint8_t> bytes;
  auto module = LoadModule(file, options, &bytes);
  if (!module)
    return false;
  wasm::DumpOptions dump;
  dump.sections_only = args.sections_only;
  if (args.hex)
    dump.annotations = &notes.annotations;
  if (with_title)
    fmt::print("{}:\n", file);
  fmt::print("{}", wasm::DumpModule(*module, bytes, dump));
  return true;
}

int RunDump(const DumpArgs& args) {
  bool ok = true;
  for (const std::string& file : args.files) {
    std::fflush(stdout); // keep stdout and stderr in file order
    ok = DumpFile(file, args, args.files.size() > 1) && ok;
  }
  return ok ? kExitOk : kExitBadInput;
}

const RegisterCommand kRegister{
    {"dump", "print a module's sections, entries and disassembled code",
     [](CLI::App& sub) -> std::function<int()> {
       auto args = std::make_shared<DumpArgs>();
       sub.add_option("FILE", args->files, "the .wasm files")->required();
       sub.add_flag("-x,--hex", args->hex, "add an annotated hex view of every byte");
       sub.add_flag("--sections", args->sections_only,
                    "only list the sections (like wasm-objdump -h)");
       AddSpecOption(sub, &args->spec);
       return [args] { return RunDump(*args); };
     }}};

} // namespace
} // namespace minicc::driver
