// The .wast script runner (see wast_runner.h). A script is tokenized once; each command is one
// s-expression, and after each the runner resumes at the token after it, whatever happened
// inside, so that one bad command never derails the rest of the file.
//
// Modules go through the same stages as `mwasm run`: text (or `binary`/`quote`) -> Module ->
// wasm::Validate -> runtime::InstantiateValidated with the script's Linker (the `spectest` host
// module plus every `register`ed instance). A module that fails to load leaves no current
// module behind, so that later commands fail instead of silently using an older module.
#include "driver/mwasm/wast_runner.h"

#include <cstdio>
#include <map>
#include <memory>
#include <optional>

#include <fmt/core.h>

#include "driver/mwasm/wast_values.h"
#include "runtime/runtime.h"
#include "wasm/binary_reader.h"
#include "wasm/text_parser.h"
#include "wasm/validator.h"

namespace minicc::driver::wast {
namespace {

using runtime::Value;
using support::Expected;
using wasm::Token;
using wasm::TokenKind;

// A parsed (and for `binary`/`quote`, decoded) script module.
struct ScriptModule {
  wasm::Module module;
  std::optional<std::string> name;
  bool definition = false;
};

// What running an action (`invoke` or `get`) gave.
struct ActionOutcome {
  std::optional<std::string> error; // the action could not run (unknown module, export, ...)
  std::optional<runtime::Trap> trap;
  std::vector<Value> values;
};

bool Contains(std::string_view message, std::string_view expected) {
  return message.find(expected) != std::string_view::npos;
}

class ScriptRunner {
public:
  ScriptRunner(const support::SourceFile& file, const RunOptions& options)
      : file_(file), options_(options) {
    text_options_.spec = options.spec;
    DefineSpectest(store_, linker_);
  }

  Counts Run() {
    auto tokens = wasm::Tokenize(file_.text(), &annotations_);
    text_options_.annotations = &annotations_;
    if (!tokens) {
      Fail(tokens.error().HasOffset() ? tokens.error().offset : 0, "script",
           "cannot tokenize: " + tokens.error().message);
      return counts_;
    }
    tokens_ = std::move(*tokens);
    size_t pos = 0;
    if (IsModuleField(0))
      pos = InlineModule();
    while (tokens_[pos].kind != TokenKind::Eof) {
      size_t end = wasm::SkipSexpr(tokens_, pos);
      if (tokens_[pos].kind != TokenKind::LParen || tokens_[pos + 1].kind != TokenKind::Keyword) {
        Fail(tokens_[pos].offset, "script", "expected a command");
      } else {
        Command(pos);
      }
      std::fflush(stdout);
      pos = end > pos ? end : pos + 1;
    }
    return counts_;
  }

private:
  // --- reporting
  void Pass() { ++counts_.passed; }
  void Fail(uint64_t offset, std::string_view command, std::string_view why) {
    ++counts_.failed;
    fmt::print("{}:{}: {}: {}\n", file_.name(), file_.Line(offset), command, why);
  }

  wasm::text::Parser Cursor(size_t pos) const {
    return wasm::text::Parser(file_.text(), tokens_, pos, text_options_);
  }

  // --- commands
  void Command(size_t pos) {
    const Token& open = tokens_[pos];
    std::string_view cmd = tokens_[pos + 1].text;
    if (cmd == "module") {
      ModuleCommand(pos);
    } else if (cmd == "register") {
      Register(pos);
    } else if (cmd == "invoke" || cmd == "get") {
      ActionOutcome out = Action(pos);
      if (out.error)
        Fail(open.offset, cmd, *out.error);
      else if (out.trap)
        Fail(open.offset, cmd, "trapped: " + out.trap->message);
      else
        Pass();
    } else if (cmd == "assert_return") {
      AssertReturn(pos);
    } else if (cmd == "assert_trap" || cmd == "assert_exhaustion") {
      AssertTrap(pos, cmd);
    } else if (cmd == "assert_invalid" || cmd == "assert_malformed" || cmd == "assert_unlinkable" ||
               cmd == "assert_uninstantiable") {
      AssertModule(pos, cmd, cmd);
    } else if (cmd == "assert_malformed_custom" || cmd == "assert_invalid_custom") {
      // The custom annotations (@custom, @name, @metadata.code.branch_hint) are part of the
      // text parser and the branch hints of the validator: malformed or invalid as usual.
      AssertModule(pos, cmd, cmd.substr(0, cmd.size() - 7));
    } else if (cmd == "assert_exception") {
      Fail(open.offset, cmd, "exceptions are not supported by the runtime");
    } else {
      Fail(open.offset, cmd, "command not implemented");
    }
  }

  // A script may be the fields of one module without the `(module ...)` around them.
  bool IsModuleField(size_t pos) const {
    static constexpr std::string_view kFields[] = {"type",  "rec",    "import", "func",
                                                   "table", "memory", "global", "export",
                                                   "start", "elem",   "data",   "tag"};
    if (tokens_[pos].kind != TokenKind::LParen || tokens_[pos + 1].kind != TokenKind::Keyword)
      return false;
    for (std::string_view f : kFields)
      if (tokens_[pos + 1].text == f)
        return true;
    return false;
  }

  // Loads the inline module made of every field of the file; returns where it ended.
  size_t InlineModule() {
    size_t pos = 0;
    auto module = wasm::ParseModuleFields(file_.text(), tokens_, &pos, text_options_);
    if (!module) {
      Fail(module.error().HasOffset() ? module.error().offset : 0, "module",
           "cannot parse: " + module.error().message);
      return wasm::SkipSexpr(tokens_, 0);
    }
    auto validated = wasm::Validate(std::move(*module), {options_.spec});
    if (!validated) {
      Fail(0, "module", "invalid: " + validated.error().message);
      return pos;
    }
    Instantiated(0, *validated, std::nullopt);
    return pos;
  }

  // (module $id? ...) | (module definition $id? ...) | (module instance $id? $def?)
  void ModuleCommand(size_t pos) {
    uint32_t offset = tokens_[pos].offset;
    if (tokens_[pos + 2].kind == TokenKind::Keyword && tokens_[pos + 2].text == "instance") {
      ModuleInstance(pos);
      return;
    }
    current_ = nullptr;
    auto sm = ParseScriptModule(pos);
    if (!sm) {
      Fail(offset, "module", "cannot parse: " + sm.error().message);
      return;
    }
    if (sm->name)
      instances_.erase(*sm->name);
    auto validated = wasm::Validate(std::move(sm->module), {options_.spec});
    if (!validated) {
      Fail(offset, "module", "invalid: " + validated.error().message);
      return;
    }
    auto vm = std::make_shared<wasm::ValidatedModule>(std::move(*validated));
    if (sm->name)
      definitions_[*sm->name] = vm;
    if (sm->definition) {
      Pass();
      return;
    }
    Instantiated(offset, *vm, sm->name);
  }

  // (module instance $id? $def?): a new instance of a module definition.
  void ModuleInstance(size_t pos) {
    uint32_t offset = tokens_[pos].offset;
    current_ = nullptr;
    auto p = Cursor(pos + 3);
    std::optional<std::string> name, def;
    if (p.Peek().kind == TokenKind::Id)
      name = IdText(p.Next());
    if (p.Peek().kind == TokenKind::Id)
      def = IdText(p.Next());
    if (!def) {
      def = name;
      name.reset();
    }
    if (name)
      instances_.erase(*name);
    auto it = def ? definitions_.find(*def) : definitions_.end();
    if (it == definitions_.end()) {
      Fail(offset, "module", "unknown module definition");
      return;
    }
    Instantiated(offset, *it->second, name);
  }

  void Instantiated(uint32_t offset, const wasm::ValidatedModule& vm,
                    const std::optional<std::string>& name) {
    auto inst = runtime::InstantiateValidated(store_, vm.shared_module(), linker_.AsResolver());
    if (!inst) {
      Fail(offset, "module", "cannot instantiate: " + inst.trap().message);
      return;
    }
    current_ = *inst;
    if (name)
      instances_[*name] = *inst;
    Pass();
  }

  // (register "name" $id?)
  void Register(size_t pos) {
    uint32_t offset = tokens_[pos].offset;
    auto p = Cursor(pos + 2);
    auto as = p.ParseString();
    if (!as) {
      Fail(offset, "register", as.error().message);
      return;
    }
    runtime::Instance* inst = current_;
    if (p.Peek().kind == TokenKind::Id) {
      auto it = instances_.find(IdText(p.Next()));
      inst = it == instances_.end() ? nullptr : it->second;
    }
    if (!inst) {
      Fail(offset, "register", "no such module instance");
      return;
    }
    linker_.DefineInstance(*as, *inst);
    Pass();
  }

  // (invoke $id? "name" const*) | (get $id? "name")
  ActionOutcome Action(size_t pos) {
    ActionOutcome out;
    auto p = Cursor(pos + 1);
    std::string_view kind = p.Next().text;
    if (tokens_[pos].kind != TokenKind::LParen || (kind != "invoke" && kind != "get")) {
      out.error = "expected (invoke ...) or (get ...)";
      return out;
    }
    bool invoke = kind == "invoke";
    runtime::Instance* inst = current_;
    if (p.Peek().kind == TokenKind::Id) {
      auto it = instances_.find(IdText(p.Next()));
      inst = it == instances_.end() ? nullptr : it->second;
    }
    auto name = p.ParseString();
    if (!name) {
      out.error = name.error().message;
      return out;
    }
    if (!inst) {
      out.error = "no module instance";
      return out;
    }
    if (!invoke) {
      runtime::Global* g = inst->GetGlobal(*name);
      if (!g)
        out.error = fmt::format("no exported global \"{}\"", *name);
      else
        out.values.push_back(g->Get());
      return out;
    }
    std::vector<Value> args;
    while (p.Peek().kind == TokenKind::LParen) {
      auto v = ParseConst(p);
      if (!v) {
        out.error = "bad argument: " + v.error().message;
        return out;
      }
      args.push_back(*v);
    }
    runtime::Func* f = inst->GetFunc(*name);
    if (!f) {
      out.error = fmt::format("no exported function \"{}\"", *name);
      return out;
    }
    // A reference argument takes the parameter's exact reference type ((ref null $t), ...).
    for (size_t i = 0; i < args.size() && i < f->type.params.size(); ++i)
      if (args[i].type.IsRef() && f->type.params[i].IsRef())
        args[i].type = f->type.params[i];
    auto r = runtime::Invoke(store_, f, args);
    if (!r)
      out.trap = r.trap();
    else
      out.values = std::move(*r);
    return out;
  }

  // (assert_return action result*)
  void AssertReturn(size_t pos) {
    uint32_t offset = tokens_[pos].offset;
    const char* cmd = "assert_return";
    size_t action_end = wasm::SkipSexpr(tokens_, pos + 2);
    auto p = Cursor(action_end);
    std::vector<ResultPattern> expected;
    while (p.Peek().kind == TokenKind::LParen) {
      auto r = ParseResult(p);
      if (!r) {
        Fail(offset, cmd, "bad result: " + r.error().message);
        return;
      }
      expected.push_back(std::move(*r));
    }
    ActionOutcome out = Action(pos + 2);
    if (out.error) {
      Fail(offset, cmd, *out.error);
      return;
    }
    if (out.trap) {
      Fail(offset, cmd, "trapped: " + out.trap->message);
      return;
    }
    bool same = out.values.size() == expected.size();
    for (size_t i = 0; same && i < expected.size(); ++i)
      same = Matches(expected[i], out.values[i]);
    if (same) {
      Pass();
      return;
    }
    std::string got, want;
    for (const Value& v : out.values)
      got += (got.empty() ? "" : " ") + ValueText(v);
    for (const ResultPattern& r : expected)
      want += (want.empty() ? "" : " ") + r.text;
    Fail(offset, cmd, fmt::format("got [{}], expected [{}]", got, want));
  }

  // (assert_trap action "msg") | (assert_trap module "msg") | (assert_exhaustion action "msg")
  void AssertTrap(size_t pos, std::string_view cmd) {
    uint32_t offset = tokens_[pos].offset;
    size_t inner = pos + 2;
    auto expected = ExpectedText(inner);
    if (!expected) {
      Fail(offset, cmd, "expected a message string");
      return;
    }
    if (tokens_[inner + 1].text == "module") {
      AssertModule(pos, cmd, cmd); // a trap while instantiating: as assert_uninstantiable
      return;
    }
    ActionOutcome out = Action(inner);
    if (out.error) {
      Fail(offset, cmd, *out.error);
      return;
    }
    if (!out.trap) {
      std::string got;
      for (const Value& v : out.values)
        got += (got.empty() ? "" : " ") + ValueText(v);
      Fail(offset, cmd, fmt::format("returned [{}], expected a trap \"{}\"", got, *expected));
      return;
    }
    if (cmd == "assert_exhaustion" && out.trap->kind != runtime::TrapKind::CallStackExhausted) {
      Fail(offset, cmd, "trapped with \"" + out.trap->message + "\", not call stack exhaustion");
      return;
    }
    CheckMessage(offset, cmd, out.trap->message, *expected);
  }

  // (assert_invalid|assert_malformed|assert_unlinkable|assert_uninstantiable module "msg"),
  // and (assert_trap module "msg"), which means assert_uninstantiable. `cmd` is the command as
  // written (for reports), `kind` the check it makes.
  void AssertModule(size_t pos, std::string_view cmd, std::string_view kind) {
    uint32_t offset = tokens_[pos].offset;
    size_t inner = pos + 2;
    auto expected = ExpectedText(inner);
    if (!expected || tokens_[inner + 1].text != "module") {
      Fail(offset, cmd, "expected a module and a message string");
      return;
    }
    auto sm = ParseScriptModule(inner);
    if (kind == "assert_malformed") {
      if (sm)
        Fail(offset, cmd, "accepted by the parser/decoder");
      else
        CheckMessage(offset, cmd, sm.error().message, *expected);
      return;
    }
    if (!sm) {
      // Rejected before validation: right only when for the expected reason.
      if (kind == "assert_invalid" && Contains(sm.error().message, *expected))
        Pass();
      else
        Fail(offset, cmd, "cannot parse: " + sm.error().message);
      return;
    }
    auto validated = wasm::Validate(std::move(sm->module), {options_.spec});
    if (kind == "assert_invalid") {
      if (validated)
        Fail(offset, cmd, fmt::format("valid, expected \"{}\"", *expected));
      else
        CheckMessage(offset, cmd, validated.error().message, *expected);
      return;
    }
    if (!validated) {
      Fail(offset, cmd, "invalid: " + validated.error().message);
      return;
    }
    auto inst =
        runtime::InstantiateValidated(store_, validated->shared_module(), linker_.AsResolver());
    if (inst) {
      Fail(offset, cmd, fmt::format("instantiated, expected \"{}\"", *expected));
      return;
    }
    bool unlinkable = inst.trap().kind == runtime::TrapKind::Unlinkable;
    if (kind == "assert_unlinkable" && !unlinkable) {
      Fail(offset, cmd, "trapped instead: " + inst.trap().message);
      return;
    }
    if ((kind == "assert_uninstantiable" || kind == "assert_trap") && unlinkable) {
      Fail(offset, cmd, "unlinkable instead: " + inst.trap().message);
      return;
    }
    CheckMessage(offset, cmd, inst.trap().message, *expected);
  }

  void CheckMessage(uint32_t offset, std::string_view cmd, std::string_view got,
                    std::string_view expected) {
    if (Contains(got, expected))
      Pass();
    else
      Fail(offset, cmd, fmt::format("got \"{}\", expected \"{}\"", got, expected));
  }

  // The message string after the s-expression at `inner`.
  std::optional<std::string> ExpectedText(size_t inner) {
    auto p = Cursor(wasm::SkipSexpr(tokens_, inner));
    if (p.Peek().kind != TokenKind::String)
      return std::nullopt;
    auto s = p.ParseString();
    return s ? std::optional<std::string>(std::move(*s)) : std::nullopt;
  }

  std::string IdText(const Token& t) const {
    auto name = wasm::IdName(t);
    return name ? *name : std::string(t.text);
  }

  // --- modules
  // The (module ...) at `pos` as a Module: text parsed, `binary` decoded, `quote` parsed.
  Expected<ScriptModule> ParseScriptModule(size_t pos) {
    size_t p = pos;
    MINICC_TRY_ASSIGN(wasm::TextModule tm,
                      wasm::ParseModuleSexpr(file_.text(), tokens_, &p, text_options_));
    ScriptModule sm;
    sm.name = tm.name;
    sm.definition = tm.definition;
    switch (tm.form) {
    case wasm::TextModule::Form::Text: sm.module = std::move(tm.module); break;
    case wasm::TextModule::Form::Binary: {
      wasm::ReadOptions read;
      read.spec = options_.spec;
      MINICC_TRY_ASSIGN(sm.module, wasm::ReadModule(tm.bytes, read));
      break;
    }
    case wasm::TextModule::Form::Quote:
      MINICC_TRY_ASSIGN(sm.module, wasm::ParseWatModule(tm.quote, text_options_));
      break;
    }
    return sm;
  }

  const support::SourceFile& file_;
  RunOptions options_;
  wasm::TextOptions text_options_;
  std::vector<Token> tokens_;
  std::vector<wasm::TextAnnotation> annotations_;
  Counts counts_;
  runtime::Store store_;
  runtime::Linker linker_;
  runtime::Instance* current_ = nullptr;
  std::map<std::string, runtime::Instance*> instances_;
  std::map<std::string, std::shared_ptr<wasm::ValidatedModule>> definitions_;
};

} // namespace

Counts RunScript(const support::SourceFile& file, const RunOptions& options) {
  return ScriptRunner(file, options).Run();
}

} // namespace minicc::driver::wast
