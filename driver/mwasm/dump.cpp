// `mwasm dump FILE`: prints a module section by section (stub; the full dump follows).
#include <fmt/core.h>

#include "driver/mwasm/command.h"
#include "driver/mwasm/common.h"

namespace minicc::driver {
namespace {

struct DumpArgs {
  std::string file;
  bool hex = false;
  wasm::SpecVersion spec = wasm::SpecVersion::V3;
};

int RunDump(const DumpArgs& args) {
  wasm::ReadOptions options;
  options.spec = args.spec;
  auto module = LoadModule(args.file, options);
  if (!module)
    return kExitBadInput;
  for (const auto& s : module->sections)
    fmt::print("{} {:#x} {}\n", s.id, s.offset, s.size);
  return kExitOk;
}

const RegisterCommand kRegister{{"dump", "print a module's sections, entries and code",
                                 [](CLI::App& sub) -> std::function<int()> {
                                   auto args = std::make_shared<DumpArgs>();
                                   sub.add_option("FILE", args->file, "the .wasm file")->required();
                                   sub.add_flag("-x,--hex", args->hex, "annotated hex view");
                                   AddSpecOption(sub, &args->spec);
                                   return [args] { return RunDump(*args); };
                                 }}};

} // namespace
} // namespace minicc::driver
