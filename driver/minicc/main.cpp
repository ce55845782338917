// minicc: the mini-C compiler driver. Wires the frontend (preprocess, parse, type-check) for
// `-E` and `-fsyntax-only`, then the backend (compile.cpp) for `.wasm` output and `--run`.
#include <cstdio>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include <CLI/CLI.hpp>
#include <fmt/core.h>

#include "driver/minicc/compile.h"
#include "frontend/frontend.h"
#include "support/file_io.h"

namespace {

// The stdlib headers live next to the executable: <exe dir>/../lib/minicc/include.
std::string SystemIncludeDir(const char* argv0) {
  namespace fs = std::filesystem;
  std::error_code ec;
  fs::path exe = fs::read_symlink("/proc/self/exe", ec);
  if (ec)
    exe = fs::absolute(argv0, ec);
  return (exe.parent_path() / ".." / "lib" / "minicc" / "include").lexically_normal().string();
}

// Clang-style spellings that CLI11 does not parse directly become long options.
// `--run FILE.mc... [--invoke NAME] [ARGS...]`: everything after --run is split off here, since
// ARGS belong to the guest program.
struct RunArgs {
  bool run = false;
  std::vector<std::string> files, args;
  std::string invoke;
};

std::vector<std::string> NormaliseArgs(int argc, char** argv, RunArgs* run) {
  std::vector<std::string> out;
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    if (a == "--run") {
      run->run = true;
      int j = i + 1;
      for (; j < argc; ++j) {
        std::string f = argv[j];
        if (!f.ends_with(".mc") && !f.ends_with(".c"))
          break;
        run->files.push_back(f);
      }
      for (; j < argc; ++j) {
        std::string f = argv[j];
        if (f == "--invoke" && j + 1 < argc) {
          run->invoke = argv[++j];
        } else {
          run->args.push_back(f);
        }
      }
      break;
    }
    if (a == "-fsyntax-only")
      a = "--fsyntax-only";
    else if (a == "-nostdlib")
      a = "--nostdlib";
    else if (a == "-nostdinc")
      a = "--nostdinc";
    else if (a.rfind("-std=", 0) == 0)
      a = "-" + a;
    else if (a == "-Werror")
      a = "--Werror";
    else if (a == "-Wall")
      a = "--Wall";
    else if (a == "-Wextra")
      a = "--Wextra";
    else if (a == "-w")
      a = "--no-warnings";
    else if (a.rfind("-W", 0) == 0 && a.size() > 2)
      a = "--Wother=" + a.substr(2);
    out.push_back(a);
  }
  std::reverse(out.begin(), out.end()); // CLI11 parses a reversed vector
  return out;
}

} // namespace

int main(int argc, char** argv) {
  CLI::App app{"minicc: compile mini-C to WebAssembly"};
  app.set_version_flag("--version", "minicc 0.1.0");
  std::vector<std::string> inputs, defines, undefs, includes, other_warnings;
  std::string output, std;
  bool syntax_only = false, preprocess_only = false, wall = false, wextra = false, werror = false,
       no_warnings = false, asm_out = false;
  std::string opt_level;
  bool nostdlib = false, nostdinc = false;
  std::vector<std::string> run_dirs, run_env;
  RunArgs run;
  app.add_flag("--nostdlib", nostdlib, "-nostdlib: do not link the stdlib sources");
  app.add_flag("--nostdinc", nostdinc, "-nostdinc: do not search the stdlib headers");
  app.add_option("--dir", run_dirs, "--run: preopen a host directory for the guest: HOST[::GUEST]")
      ->allow_extra_args(false);
  app.add_option("--env", run_env, "--run: set a guest environment variable: KEY=VALUE")
      ->allow_extra_args(false);
  app.add_flag("--run", run.run,
               "--run FILE.mc [--invoke NAME] [ARGS...]: compile in memory and "
               "run main (or NAME) on the interpreter with WASI");
  app.footer("usage: minicc [OPTIONS] FILE.mc... [-o OUT.wasm]\n"
             "       minicc [OPTIONS] --run FILE.mc [--invoke NAME] [ARGS...]");
  app.add_option("inputs", inputs, "mini-C source files (.mc or .c)");
  app.add_flag("--fsyntax-only", syntax_only, "-fsyntax-only: check the program, write nothing");
  app.add_flag("-E", preprocess_only, "preprocess only, write the result to stdout (or -o)");
  app.add_flag("-S", asm_out, "write WebAssembly text instead of binary");
  app.add_option("-D", defines, "define a macro: -DNAME or -DNAME=VALUE")->allow_extra_args(false);
  app.add_option("-U", undefs, "undefine a macro")->allow_extra_args(false);
  app.add_option("-I", includes, "add a directory to the include search path")
      ->allow_extra_args(false);
  app.add_option("-o", output, "output file");
  app.add_option("-O", opt_level, "optimisation level (0 or 1)");
  app.add_option("--std", std, "-std=c99 (the only dialect)");
  app.add_flag("--Wall", wall, "-Wall: more warnings");
  app.add_flag("--Wextra", wextra, "-Wextra: accepted");
  app.add_flag("--Werror", werror, "-Werror: warnings are errors");
  app.add_flag("--no-warnings", no_warnings, "-w: no warnings");
  app.add_option("--Wother", other_warnings, "-W<name>: accepted, ignored")->group("");
  try {
    app.parse(NormaliseArgs(argc, argv, &run));
  } catch (const CLI::CallForHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForVersion& e) {
    return app.exit(e);
  } catch (const CLI::ParseError& e) {
    app.exit(e);
    return 2;
  }
  if (!std.empty() && std != "c99" && std != "gnu99" && std != "c11" && std != "gnu11") {
    fmt::print(stderr, "minicc: error: invalid value '{}' in '-std={}' (mini-C is C99)\n", std,
               std);
    return 2;
  }
  if (run.run) {
    inputs.insert(inputs.end(), run.files.begin(), run.files.end());
  }
  if (!opt_level.empty() && opt_level != "0" && opt_level != "1" && opt_level != "2" &&
      opt_level != "3" && opt_level != "s") {
    fmt::print(stderr, "minicc: error: invalid optimisation level '-O{}'\n", opt_level);
    return 2;
  }
  if (inputs.empty()) {
    fmt::print(stderr, "minicc: error: no input files\n");
    return 2;
  }
  minicc::frontend::Options opts;
  opts.include_dirs = includes;
  std::string stdlib_include = SystemIncludeDir(argv[0]);
  if (!nostdinc)
    opts.system_include_dir = stdlib_include;
  for (const auto& d : defines) {
    size_t eq = d.find('=');
    if (eq == std::string::npos)
      opts.macros.emplace_back(d, "1");
    else
      opts.macros.emplace_back(d.substr(0, eq), d.substr(eq + 1));
  }
  for (const auto& u : undefs)
    opts.macros.emplace_back(u, std::nullopt);
  opts.wall = wall;
  opts.werror = werror;
  opts.no_warnings = no_warnings;

  int status = 0;
  std::vector<std::unique_ptr<minicc::frontend::Compilation>> comps;
  minicc::driver::BackendRequest request;
  for (const auto& input : inputs) {
    auto& comp = *comps.emplace_back(std::make_unique<minicc::frontend::Compilation>(opts));
    if (preprocess_only) {
      auto text = comp.Preprocess(input);
      comp.diags().Flush();
      if (!text) {
        fmt::print(stderr, "minicc: error: no such file or directory: '{}'\n", input);
        return 1;
      }
      if (comp.diags().error_count())
        status = 1;
      if (!output.empty()) {
        auto st = minicc::support::WriteTextFile(output, *text);
        if (!st) {
          fmt::print(stderr, "minicc: error: {}\n", st.error().message);
          return 1;
        }
      } else {
        std::fwrite(text->data(), 1, text->size(), stdout);
      }
      continue;
    }
    auto* tu = comp.Compile(input);
    if (!tu) {
      fmt::print(stderr, "minicc: error: no such file or directory: '{}'\n", input);
      return 1;
    }
    size_t errors = comp.diags().error_count();
    size_t warnings = comp.diags().warning_count();
    comp.diags().Flush();
    if (errors || warnings) {
      std::string summary;
      if (warnings)
        summary += fmt::format("{} warning{}", warnings, warnings == 1 ? "" : "s");
      if (warnings && errors)
        summary += " and ";
      if (errors)
        summary += fmt::format("{} error{}", errors, errors == 1 ? "" : "s");
      fmt::print(stderr, "{} generated.\n", summary);
    }
    if (errors) {
      status = 1;
      continue;
    }
    request.units.push_back(tu);
  }
  if (status != 0 || syntax_only || preprocess_only)
    return status;
  request.frontend_options = opts;
  if (!nostdlib) {
    request.stdlib_dir =
        (std::filesystem::path(stdlib_include) / "..").lexically_normal().string();
  }
  request.opt_level = opt_level.empty() ? 0 : (opt_level == "0" ? 0 : 1);
  request.asm_out = asm_out;
  request.output = output;
  request.first_input = inputs[0];
  request.run = run.run;
  request.invoke = run.invoke;
  request.run_args = run.args;
  request.run_dirs = run_dirs;
  request.run_env = run_env;
  return minicc::driver::CompileAndEmit(request);
}
