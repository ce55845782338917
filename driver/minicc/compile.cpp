// minicc's code generation and `--run`: links the stdlib sources (only what the program
// reaches ends up in the module), generates the module, always validates it (an invalid module
// is a compiler bug and is reported as one), then writes it or runs it on the interpreter.
#include "driver/minicc/compile.h"

#include <fmt/core.h>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <memory>

#include "backend/backend.h"
#include "runtime/runtime.h"
#include "runtime/wasi/wasi.h"
#include "support/file_io.h"
#include "wasm/binary_reader.h"
#include "wasm/binary_writer.h"
#include "wasm/text_printer.h"
#include "wasm/validator.h"

namespace minicc::driver {

namespace {

constexpr int kExitBadInput = 1;
constexpr int kExitUsage = 2;
constexpr int kExitTrap = 134;

std::vector<std::string> StdlibSources(const std::string& dir) {
  namespace fs = std::filesystem;
  std::vector<std::string> out;
  std::error_code ec;
  if (dir.empty() || !fs::is_directory(dir + "/src", ec))
    return out;
  for (const auto& e : fs::directory_iterator(dir + "/src", ec)) {
    std::string p = e.path().string();
    if (p.ends_with(".mc") || p.ends_with(".c"))
      out.push_back(p);
  }
  std::sort(out.begin(), out.end());
  return out;
}

// After a trap: when __stack_pointer (global 0, initially the top of the shadow stack) has
// left the stack's range, the trap came from a shadow-stack overflow (deep recursion or large
// local arrays) that ran below the stack into the data and past address 0.
void PrintStackOverflowNote(const BackendRequest& r, const runtime::Instance& inst) {
  const wasm::Module& m = *inst.module;
  if (inst.globals.empty() || m.globals.empty() || m.globals[0].init.instrs.empty() ||
      m.globals[0].init.instrs[0].op != wasm::Opcode::I32Const)
    return;
  uint32_t top = uint32_t(m.globals[0].init.instrs[0].c);
  uint32_t size = backend::Options{}.stack_size;
  uint32_t bottom = top > size ? top - size : 0;
  uint32_t sp = uint32_t(inst.globals[0]->bits);
  if (sp >= bottom && sp <= top)
    return;
  fmt::print(stderr,
             "{}: note: shadow stack overflow (too deep recursion or too large local arrays): "
             "__stack_pointer is 0x{:x}, the stack is [0x{:x}, 0x{:x}) ({} bytes)\n",
             r.first_input, sp, bottom, top, size);
}

int Run(const BackendRequest& r, wasm::ValidatedModule validated) {
  runtime::Store store;
  runtime::Linker linker;
  auto wasi = std::make_shared<runtime::wasi::State>();
  wasi->config.args.push_back(r.first_input);
  for (const std::string& a : r.run_args)
    wasi->config.args.push_back(a);
  wasi->config.env = r.run_env;
  for (const std::string& d : r.run_dirs) {
    size_t sep = d.find("::");
    if (sep == std::string::npos)
      wasi->config.preopens.push_back({d, d});
    else
      wasi->config.preopens.push_back({d.substr(0, sep), d.substr(sep + 2)});
  }
  if (auto st = runtime::wasi::Setup(*wasi); !st) {
    fmt::print(stderr, "minicc: error: --dir: {}\n", st.error().message);
    return kExitUsage;
  }
  runtime::wasi::AddToLinker(store, linker, wasi);
  const runtime::Instance* instance = nullptr;
  auto report = [&](const runtime::Trap& trap) {
    if (trap.kind == runtime::TrapKind::Exit)
      return trap.exit_code;
    std::fflush(stdout);
    fmt::print(stderr, "{}: trap: {}\n{}", r.first_input, trap.message,
               runtime::FormatBacktrace(trap));
    if (instance != nullptr)
      PrintStackOverflowNote(r, *instance);
    return kExitTrap;
  };
  auto inst = runtime::InstantiateValidated(store, validated.shared_module(), linker.AsResolver());
  if (inst)
    instance = *inst;
  if (!inst) {
    if (inst.trap().kind == runtime::TrapKind::Unlinkable) {
      fmt::print(stderr, "{}: error: {}\n", r.first_input, inst.trap().message);
      return kExitBadInput;
    }
    return report(inst.trap());
  }
  if (!r.invoke.empty()) {
    runtime::Func* f = (*inst)->GetFunc(r.invoke);
    if (f == nullptr) {
      fmt::print(stderr, "minicc: error: no exported function '{}'\n", r.invoke);
      return kExitUsage;
    }
    if (r.run_args.size() != f->type.params.size()) {
      fmt::print(stderr, "minicc: error: '{}' takes {} arguments, got {}\n", r.invoke,
                 f->type.params.size(), r.run_args.size());
      return kExitUsage;
    }
    std::vector<runtime::Value> args;
    for (size_t i = 0; i < r.run_args.size(); ++i) {
      auto v = runtime::ParseValue(r.run_args[i], f->type.params[i]);
      if (!v) {
        fmt::print(stderr, "minicc: error: argument {} ('{}') is not a valid {}\n", i + 1,
                   r.run_args[i], wasm::ToString(f->type.params[i]));
        return kExitUsage;
      }
      args.push_back(*v);
    }
    auto out = runtime::Invoke(store, f, args);
    std::fflush(stdout);
    if (!out)
      return report(out.trap());
    if (!out->empty()) {
      std::string line = "Result:";
      for (const runtime::Value& v : *out)
        line += " " + runtime::ToString(v);
      fmt::print("{}\n", line);
    }
    return 0;
  }
  runtime::Func* start = (*inst)->GetFunc("_start");
  if (start == nullptr) {
    fmt::print(stderr, "minicc: error: '{}' has no main function (use --invoke NAME)\n",
               r.first_input);
    return kExitUsage;
  }
  auto out = runtime::Invoke(store, start, {});
  std::fflush(stdout);
  if (!out)
    return report(out.trap());
  return 0;
}

} // namespace

int CompileAndEmit(const BackendRequest& r) {
  std::vector<backend::Unit> units;
  for (const auto* tu : r.units)
    units.push_back({tu, false});
  // The stdlib sources, compiled with the same options; each is a library unit.
  std::vector<std::unique_ptr<frontend::Compilation>> libs;
  for (const std::string& src : StdlibSources(r.stdlib_dir)) {
    frontend::Options o = r.frontend_options;
    o.macros.clear();
    o.no_warnings = true;
    o.werror = false;
    auto& comp = *libs.emplace_back(std::make_unique<frontend::Compilation>(o));
    auto* tu = comp.Compile(src);
    if (!tu || comp.diags().error_count()) {
      comp.diags().Flush();
      fmt::print(stderr, "minicc: error: the stdlib source '{}' does not compile\n", src);
      return kExitBadInput;
    }
    units.push_back({tu, true});
  }
  backend::Options bo;
  bo.opt_level = r.opt_level;
  auto module = backend::Generate(units, bo);
  if (!module) {
    fmt::print(stderr, "{}\n", module.error().message);
    return kExitBadInput;
  }
  std::vector<uint8_t> bytes = wasm::WriteModule(*module);
  auto validated = wasm::Validate(std::move(*module));
  if (!validated) {
    fmt::print(stderr, "minicc: internal error: the generated module is invalid: {}\n",
               validated.error().message);
    return kExitBadInput;
  }
  if (r.run)
    return Run(r, std::move(*validated));
  std::string out = r.output;
  if (out.empty()) {
    out = std::filesystem::path(r.first_input).stem().string() + (r.asm_out ? ".wat" : ".wasm");
  }
  if (r.asm_out) {
    // The text of the module as written (the printer takes the names from the same module).
    auto reread = wasm::ReadModule(bytes);
    if (!reread) {
      fmt::print(stderr, "minicc: internal error: the generated module does not decode: {}\n",
                 reread.error().message);
      return kExitBadInput;
    }
    std::string text = wasm::PrintModule(*reread);
    if (out == "-") {
      fmt::print("{}", text);
      return 0;
    }
    auto written = support::WriteTextFile(out, text);
    if (!written) {
      fmt::print(stderr, "minicc: error: {}\n", written.error().message);
      return kExitBadInput;
    }
    return 0;
  }
  auto st = support::WriteBinaryFile(out, bytes);
  if (!st) {
    fmt::print(stderr, "minicc: error: {}\n", st.error().message);
    return kExitBadInput;
  }
  fmt::print("Compiled successfully: {} ({} bytes)\n", out, bytes.size());
  return 0;
}

} // namespace minicc::driver
