// minicc: the mini-C compiler driver. The frontend and backend land with their issues; until
// then the driver reports that compilation is not available rather than pretending.
#include <cstdio>

#include <CLI/CLI.hpp>
#include <fmt/core.h>

int main(int argc, char** argv) {
  CLI::App app{"minicc: compile mini-C to WebAssembly"};
  app.set_version_flag("--version", "minicc 0.1.0");
  std::vector<std::string> inputs;
  app.add_option("inputs", inputs, "mini-C source files");
  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForVersion& e) {
    return app.exit(e);
  } catch (const CLI::ParseError& e) {
    app.exit(e);
    return 2;
  }
  fmt::print(stderr, "minicc: error: the mini-C compiler is not implemented yet\n");
  return 1;
}
