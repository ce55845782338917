// mwasm: the WebAssembly tool. Parses the command line (CLI11) and dispatches to the
// subcommand registered in one of the sibling files (dump.cpp, validate.cpp, ...).
#include <cstdio>

#include <fmt/core.h>

#include "driver/mwasm/command.h"

namespace minicc::driver {

std::vector<Command>& Commands() {
  static std::vector<Command> commands;
  return commands;
}

void AddSpecOption(CLI::App& sub, wasm::SpecVersion* spec) {
  sub.add_option_function<std::string>(
         "--spec",
         [spec](const std::string& v) {
           *spec = v == "2.0"       ? wasm::SpecVersion::V2
                   : v == "threads" ? wasm::SpecVersion::Threads
                                    : wasm::SpecVersion::V3;
         },
         "WebAssembly version to follow: 2.0, 3.0 (default) or threads (the threads proposal: "
         "2.0 plus shared memories and atomics)")
      ->check(CLI::IsMember({"2.0", "3.0", "threads"}));
}

}  // namespace minicc::driver

int main(int argc, char** argv) {
  using namespace minicc::driver;
  CLI::App app{"mwasm: inspect, validate, assemble and run WebAssembly modules"};
  app.set_version_flag("--version", "mwasm 0.1.0");
  app.require_subcommand(1);
  std::function<int()> action;
  for (Command& c : Commands()) {
    CLI::App* sub = app.add_subcommand(c.name, c.description);
    auto run = c.setup(*sub);
    sub->callback([&action, run] { action = run; });
  }
  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForAllHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForVersion& e) {
    return app.exit(e);
  } catch (const CLI::ParseError& e) {
    app.exit(e);  // prints the message to stderr
    return kExitUsage;
  }
  return action ? action() : kExitUsage;
}
