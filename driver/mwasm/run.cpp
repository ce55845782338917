// `mwasm run [OPTIONS] FILE.wasm [ARGS...]`: decodes, validates and instantiates a module with
// WASI, then runs `_start` (ARGS become the guest's argv[1..]) or, with `--invoke NAME`, calls
// one export with ARGS parsed by its parameter types and prints `Result: v1 v2 ...`.
// A trap prints its message and backtrace to stderr and exits with 134; `proc_exit(n)` exits n.
#include <fmt/core.h>

#include <cerrno>
#include <cmath>
#include <cstdlib>
#include <cstring>

#include <unistd.h>  // environ

#include "driver/mwasm/command.h"
#include "runtime/runtime.h"
#include "runtime/wasi/wasi.h"
#include "support/file_io.h"
#include "wasm/binary_reader.h"

namespace minicc::driver {

namespace {

struct RunOptions {
  std::string file;
  std::vector<std::string> args;
  std::string invoke;
  bool trace = false;
  bool bounds_checks = false;
  std::vector<std::string> dirs;
  std::vector<std::string> envs;
  bool inherit_env = false;
  wasm::SpecVersion spec = wasm::SpecVersion::V3;
};

int ReportTrap(const RunOptions& o, const runtime::Trap& trap) {
  if (trap.kind == runtime::TrapKind::Exit) return trap.exit_code;
  std::fflush(stdout);
  fmt::print(stderr, "{}: trap: {}\n{}", o.file, trap.message, runtime::FormatBacktrace(trap));
  return kExitTrap;
}

int Run(const RunOptions& o) {
  auto bytes = support::ReadBinaryFile(o.file);
  if (!bytes) {
    fmt::print(stderr, "error: {}\n", bytes.error().message);
    return kExitBadInput;
  }
  wasm::ReadOptions ro;
  ro.spec = o.spec;
  auto module = wasm::ReadModule(*bytes, ro);
  if (!module) {
    fmt::print(stderr, "{}:0x{:x}: error: {}\n", o.file,
               module.error().HasOffset() ? module.error().offset : 0, module.error().message);
    return kExitBadInput;
  }
  // TODO(validator): validate here once wasm/validator.h lands; until then the runtime's own
  // structural checks keep execution memory-safe (type errors are not diagnosed).
  auto shared = std::make_shared<const wasm::Module>(std::move(*module));

  runtime::StoreOptions so;
  so.trace = o.trace;
  so.guard_pages = !o.bounds_checks;
  runtime::Store store(so);
  runtime::Linker linker;
  auto wasi = std::make_shared<runtime::wasi::State>();
  wasi->config.args.push_back(o.file);
  for (const std::string& a : o.args) wasi->config.args.push_back(a);
  if (o.inherit_env) {
    for (char** e = environ; *e != nullptr; ++e) wasi->config.env.push_back(*e);
  }
  for (const std::string& e : o.envs) {
    // --env KEY=VALUE replaces an inherited KEY.
    std::string prefix = e.substr(0, e.find('=')) + "=";
    std::erase_if(wasi->config.env, [&](const std::string& v) { return v.starts_with(prefix); });
    wasi->config.env.push_back(e);
  }
  for (const std::string& d : o.dirs) {
    size_t sep = d.find("::");
    if (sep == std::string::npos) wasi->config.preopens.push_back({d, d});
    else wasi->config.preopens.push_back({d.substr(0, sep), d.substr(sep + 2)});
  }
  if (auto st = runtime::wasi::Setup(*wasi); !st) {
    fmt::print(stderr, "error: --dir: {}\n", st.error().message);
    return kExitUsage;
  }
  runtime::wasi::AddToLinker(store, linker, wasi);

  auto inst = runtime::InstantiateValidated(store, shared, linker.AsResolver());
  if (!inst) {
    if (inst.trap().kind == runtime::TrapKind::Unlinkable ||
        inst.trap().message.starts_with("invalid module")) {
      fmt::print(stderr, "{}: error: {}\n", o.file, inst.trap().message);
      return kExitBadInput;
    }
    return ReportTrap(o, inst.trap());
  }

  if (!o.invoke.empty()) {
    runtime::Func* f = (*inst)->GetFunc(o.invoke);
    if (f == nullptr) {
      fmt::print(stderr, "{}: error: no exported function '{}'\n", o.file, o.invoke);
      return kExitUsage;
    }
    if (o.args.size() != f->type.params.size()) {
      fmt::print(stderr, "error: '{}' takes {} arguments, got {}\n", o.invoke,
                 f->type.params.size(), o.args.size());
      return kExitUsage;
    }
    std::vector<runtime::Value> args;
    for (size_t i = 0; i < o.args.size(); ++i) {
      auto v = runtime::ParseValue(o.args[i], f->type.params[i]);
      if (!v) {
        fmt::print(stderr, "error: argument {} ('{}') is not a valid {}\n", i + 1, o.args[i],
                   wasm::ToString(f->type.params[i]));
        return kExitUsage;
      }
      args.push_back(*v);
    }
    auto r = runtime::Invoke(store, f, args);
    std::fflush(stdout);
    if (!r) return ReportTrap(o, r.trap());
    if (!r->empty()) {
      std::string line = "Result:";
      for (const runtime::Value& v : *r) line += " " + runtime::ToString(v);
      fmt::print("{}\n", line);
    }
    return kExitOk;
  }

  runtime::Func* start = (*inst)->GetFunc("_start");
  if (start == nullptr) {
    fmt::print(stderr, "{}: error: no '_start' export (use --invoke NAME)\n", o.file);
    return kExitUsage;
  }
  auto r = runtime::Invoke(store, start, {});
  std::fflush(stdout);
  if (!r) return ReportTrap(o, r.trap());
  return kExitOk;
}

RegisterCommand reg{Command{
    "run", "Run a WebAssembly module (WASI `_start`, or one export with --invoke)",
    [](CLI::App& sub) -> std::function<int()> {
      auto o = std::make_shared<RunOptions>();
      sub.add_option("--invoke", o->invoke, "Call this export with ARGS and print its results");
      sub.add_flag("--trace", o->trace, "Print each executed instruction: func[N]+0xOFF instr");
      sub.add_option("--dir", o->dirs, "Preopen a host directory: HOST[::GUEST]")
          ->allow_extra_args(false);
      sub.add_option("--env", o->envs, "Set a guest environment variable: KEY=VALUE")
          ->allow_extra_args(false);
      sub.add_flag("--inherit-env", o->inherit_env,
                   "Pass the host environment to the guest (--env entries override it)");
      sub.add_flag("--bounds-checks", o->bounds_checks,
                   "Check memory bounds explicitly instead of using guard pages");
      AddSpecOption(sub, &o->spec);
      // FILE is not declared as a positional: with prefix_command, parsing stops at the first
      // positional, so FILE and everything after it (options included) land in remaining().
      sub.prefix_command();
      sub.footer("usage: mwasm run [OPTIONS] FILE.wasm [ARGS...]\nARGS after FILE are passed to the guest (or to the --invoke function).");
      CLI::App* app = &sub;
      return [o, app] {
        std::vector<std::string> rest = app->remaining();
        if (rest.empty()) {
          fmt::print(stderr, "error: mwasm run: missing FILE.wasm\n");
          return kExitUsage;
        }
        o->file = rest[0];
        o->args.assign(rest.begin() + 1, rest.end());
        return Run(*o);
      };
    }}};

}  // namespace

}  // namespace minicc::driver
