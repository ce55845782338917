// Internal to the backend: the whole-program Generator (symbols, data layout, module assembly)
// and the per-function FuncGen (lowering of statements and expressions to Wasm instructions).
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "backend/backend.h"
#include "frontend/ast.h"
#include "wasm/module.h"

namespace minicc::backend {

using frontend::Decl;
using frontend::Expr;
using frontend::ExprKind;
using frontend::Stmt;
using frontend::StmtKind;
using frontend::Type;
using frontend::TypeKind;

inline constexpr uint32_t kNone = ~uint32_t{0};
inline constexpr uint32_t kDataBase = 1024; // as wasm-ld's --global-base default

// A program-wide entity: a function or a variable with static storage. Non-static entities of
// all units with one name share one Symbol.
struct Symbol {
  std::string name;
  const Decl* def = nullptr; // defining declaration (function body / variable definition)
  const Decl* any = nullptr; // some declaration (for the type, when there is no definition)
  bool is_function = false;
  bool is_static = false;
  bool from_library = false;
  bool def_is_inline = false; // `def` is a C99 inline definition (no external definition)
  bool reachable = false;
  uint32_t func_index = kNone;
  uint32_t table_index = 0;               // 0: not in the table yet (index 0 is the null pointer)
  uint32_t address = kNone;               // variables: address in linear memory
  std::string import_module, import_name; // functions declared with import attributes
};

// Types whose values the backend handles by address, copied with memory.copy: records, and
// long double (16 bytes; passed to functions as two i64 halves, returned through sret).
inline bool IsMemValue(const Type* t) {
  return t->IsRecord() || t->IsLongDouble();
}
// The compiler-rt helpers (stdlib/src/ldouble.mc) that lowering `e` itself calls, for the
// reachability walk (lower_ldouble.cpp).
void LongDoubleHelpers(const Expr* e, std::vector<const char*>& out);

// The wasm value kind of a C scalar type; nullopt for void. Records, arrays and long double
// are addresses.
std::optional<wasm::ValType> WasmType(const Type* t);
// The Wasm signature of a C function type (sret pointer first, va buffer pointer last).
wasm::FuncType Signature(const Type* fn_type);
bool IsSignedType(const Type* t);
// C type of a 64-bit integer?
inline bool Is64(const Type* t) {
  auto v = WasmType(t);
  return v && v->kind == wasm::ValKind::I64;
}

class Generator {
public:
  Generator(const std::vector<Unit>& units, const Options& options);
  support::Expected<wasm::Module> Run();

  // Symbol lookup for a declaration referenced anywhere (creates local statics on demand).
  Symbol* Resolve(const Decl* d);
  uint32_t TypeIndex(const wasm::FuncType& type);
  uint32_t TableIndex(Symbol* fn); // assigns one on first use
  uint32_t StringAddress(const std::string& bytes);
  uint32_t GlobalAddress(Symbol* var); // lays out the variable on first use
  uint32_t AllocData(uint32_t size, uint32_t align);
  uint32_t LongDoubleConstant(uint64_t lo, uint64_t hi); // 16-byte constant in the data
  Symbol* RuntimeFunction(const char* name); // a stdlib function by name (null when missing)
  uint32_t stack_pointer_global() const { return 0; }
  void NoteCallIndirect() { uses_call_indirect_ = true; }
  const Options& options() const { return options_; }
  // Records the first error (formatted with location when `loc` has a file).
  void Fail(const frontend::SourceLoc& loc, const std::string& message);
  bool failed() const { return error_.has_value(); }

private:
  void CollectSymbols();
  void MarkReachable();
  void AssignFunctionIndices();
  void WriteInitializer(Symbol* var);
  void BuildStart();
  Symbol* StartExit(); // the stdlib's exit(), which _start calls with main's result, or null
  void Finish();

  const std::vector<Unit>& units_;
  Options options_;
  wasm::Module module_;
  std::vector<std::unique_ptr<Symbol>> symbols_;
  std::unordered_map<const Decl*, Symbol*> by_decl_;
  std::map<std::string, Symbol*> by_name_;
  std::map<std::pair<const void*, std::string>, Symbol*> statics_; // (unit, name)
  std::unordered_map<const Decl*, const void*> decl_unit_;
  std::vector<Symbol*> functions_; // defined, reachable, in function-index order
  std::vector<Symbol*> table_;     // table slot i+1
  std::vector<uint8_t> data_;      // image of memory from kDataBase
  std::map<std::string, uint32_t> strings_;
  std::map<std::pair<uint64_t, uint64_t>, uint32_t> ld_constants_;
  std::map<std::pair<std::string, std::string>, uint32_t> imports_;
  std::vector<std::pair<Symbol*, uint32_t>> pending_inits_;
  std::optional<std::string> error_;
  bool uses_call_indirect_ = false; // a table is needed even when no function is in it
  friend class FuncGen;
};

} // namespace minicc::backend
