// Hidden `mwasm text-roundtrip [--spec=2.0] FILE.wast...`: a self-check of the text printer
// over every top-level `(module ...)` of spec scripts, including the proposals wabt cannot
// read (GC, exceptions, typed references). Each module that parses and validates is written
// to bytes B, read back, printed (wasm/text_printer.h), parsed again and written to B'; B' must
// equal B (custom sections aside: the printer does not print them). Prints the modules that
// differ and `N modules, N identical, N differ`; exit status 1 if any differs.
#include <memory>

#include <fmt/core.h>

#include "driver/mwasm/command.h"
#include "support/file_io.h"
#include "wasm/binary_reader.h"
#include "wasm/binary_writer.h"
#include "wasm/text_parser.h"
#include "wasm/text_printer.h"
#include "wasm/validator.h"

namespace minicc::driver {
namespace {

struct RoundtripArgs {
  std::vector<std::string> files;
  wasm::SpecVersion spec = wasm::SpecVersion::V3;
  bool show = false; // print the text of each module that differs
};

struct Tally {
  uint32_t modules = 0, identical = 0, differ = 0;
};

// The module of a `(module ...)` command, or nullopt when it does not load (not our concern
// here: the spec runner reports those).
std::optional<wasm::Module> LoadScriptModule(std::string_view source,
                                             const std::vector<wasm::Token>& tokens, size_t pos,
                                             const wasm::TextOptions& text) {
  auto tm = wasm::ParseModuleSexpr(source, tokens, &pos, text);
  if (!tm)
    return std::nullopt;
  wasm::ReadOptions read;
  read.spec = text.spec;
  switch (tm->form) {
  case wasm::TextModule::Form::Text: return std::move(tm->module);
  case wasm::TextModule::Form::Binary: {
    auto m = wasm::ReadModule(tm->bytes, read);
    return m ? std::optional<wasm::Module>(std::move(*m)) : std::nullopt;
  }
  case wasm::TextModule::Form::Quote: {
    auto m = wasm::ParseWatModule(tm->quote, text);
    return m ? std::optional<wasm::Module>(std::move(*m)) : std::nullopt;
  }
  }
  return std::nullopt;
}

void RoundtripFile(const std::string& path, const RoundtripArgs& args, Tally& tally) {
  auto source = support::ReadTextFile(path);
  if (!source)
    return;
  support::SourceFile file(path, std::move(*source));
  auto tokens = wasm::Tokenize(file.text());
  if (!tokens)
    return;
  wasm::TextOptions text;
  text.spec = args.spec;
  for (size_t pos = 0; (*tokens)[pos].kind != wasm::TokenKind::Eof;
       pos = wasm::SkipSexpr(*tokens, pos)) {
    const auto& t = *tokens;
    if (t[pos].kind != wasm::TokenKind::LParen || t[pos + 1].text != "module" ||
        t[pos + 2].text == "instance")
      continue;
    auto module = LoadScriptModule(file.text(), t, pos, text);
    if (!module || !wasm::Check(*module, {args.spec}))
      continue;
    module->customs.clear();
    std::vector<uint8_t> bytes = wasm::WriteModule(*module);
    wasm::ReadOptions read;
    read.spec = args.spec;
    auto reread = wasm::ReadModule(bytes, read);
    ++tally.modules;
    std::string why, wat;
    if (!reread) {
      why = "written bytes do not read back: " + reread.error().message;
    } else {
      wat = wasm::PrintModule(*reread);
      auto again = wasm::ParseWatModule(wat, text);
      if (!again) {
        why = "printed text does not parse: " + again.error().message;
      } else {
        again->customs.clear();
        if (wasm::WriteModule(*again) != bytes)
          why = "printed text assembles to other bytes";
      }
    }
    if (why.empty()) {
      ++tally.identical;
    } else {
      ++tally.differ;
      fmt::print("{}:{}: {}\n", path, file.Line(t[pos].offset), why);
      if (args.show)
        fmt::print("{}", wat);
    }
  }
}

int RunRoundtrip(const RoundtripArgs& args) {
  Tally tally;
  for (const std::string& path : args.files)
    RoundtripFile(path, args, tally);
  fmt::print("{} modules, {} identical, {} differ\n", tally.modules, tally.identical, tally.differ);
  return tally.differ == 0 ? kExitOk : kExitBadInput;
}

const RegisterCommand kRegister{
    {"text-roundtrip", "", [](CLI::App& sub) -> std::function<int()> {
       auto args = std::make_shared<RoundtripArgs>();
       sub.group(""); // hidden: a self-check of the printer for the tests
       sub.add_option("FILE", args->files, "the .wast files")->required();
       sub.add_flag("--show", args->show, "print the text of each module that differs");
       AddSpecOption(sub, &args->spec);
       return [args] { return RunRoundtrip(*args); };
     }}};

} // namespace
} // namespace minicc::driver
