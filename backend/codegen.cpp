// The backend's whole-program half: gathers the symbols of every unit (linking non-static
// names across units), keeps only what the program reaches (so unused stdlib functions never
// reach the module), lays out static data, assigns function, import and table indices, runs
// FuncGen on each function, and assembles the module: memory, __stack_pointer, __heap_base,
// exports, the function table, data, `_start`, and the `name` section.
#include <algorithm>
#include <cstring>
#include <functional>
#include <set>

#include "backend/codegen.h"
#include "backend/func_gen.h"
#include "frontend/float128.h"
#include "support/diagnostics.h"
#include "wasm/leb128.h"

namespace minicc::backend {

using wasm::Opcode;
using wasm::ValType;

std::optional<ValType> WasmType(const Type* t) {
  switch (t->kind) {
  case TypeKind::Void: return std::nullopt;
  case TypeKind::Float: return ValType::F32();
  case TypeKind::Double: return ValType::F64();
  case TypeKind::LongLong:
  case TypeKind::ULongLong: return ValType::I64();
  default: return ValType::I32();
  }
}

bool IsSignedType(const Type* t) {
  if (t->IsPointer() || t->IsArray() || t->IsFunction() || t->IsRecord())
    return false;
  if (t->kind == TypeKind::Enum)
    return !t->enum_unsigned;
  return frontend::IsSigned(t);
}

wasm::FuncType Signature(const Type* fn) {
  wasm::FuncType sig;
  if (IsMemValue(fn->base)) {
    sig.params.push_back(ValType::I32());
  } else if (auto r = WasmType(fn->base)) {
    sig.results.push_back(*r);
  }
  for (const Type* p : fn->params) {
    if (p->IsLongDouble()) {
      sig.params.push_back(ValType::I64());
      sig.params.push_back(ValType::I64());
    } else {
      sig.params.push_back(WasmType(p).value_or(ValType::I32()));
    }
  }
  if (fn->variadic)
    sig.params.push_back(ValType::I32());
  return sig;
}

namespace {

// Calls `f` on every expression and every declaration with an initialiser below `s`.
void WalkExpr(const Expr* e, const std::function<void(const Expr*)>& f);

void WalkInit(const frontend::Initializer* init, const std::function<void(const Expr*)>& f) {
  if (!init)
    return;
  for (const auto& en : init->entries) {
    if (en.value)
      WalkExpr(en.value, f);
  }
}

void WalkExpr(const Expr* e, const std::function<void(const Expr*)>& f) {
  if (!e)
    return;
  f(e);
  WalkExpr(e->lhs, f);
  WalkExpr(e->rhs, f);
  WalkExpr(e->cond, f);
  for (const Expr* a : e->args)
    WalkExpr(a, f);
  if (e->kind == ExprKind::CompoundLiteral && e->var)
    WalkInit(e->var->init, f);
}

void WalkStmt(const Stmt* s, const std::function<void(const Expr*)>& f) {
  if (!s)
    return;
  WalkExpr(s->expr, f);
  WalkExpr(s->inc, f);
  WalkStmt(s->init, f);
  WalkStmt(s->then, f);
  WalkStmt(s->els, f);
  for (const Stmt* c : s->body)
    WalkStmt(c, f);
  for (const Decl* d : s->decls)
    WalkInit(d->init, f);
}

bool IsStaticDecl(const Decl* d) {
  for (; d; d = d->previous) {
    if (d->storage == frontend::StorageClass::Static)
      return true;
  }
  return false;
}

void PutLeb(std::vector<uint8_t>& out, uint64_t v) {
  uint8_t buf[10];
  size_t n = wasm::EncodeULeb128(v, buf);
  out.insert(out.end(), buf, buf + n);
}

void PutName(std::vector<uint8_t>& out, const std::string& s) {
  PutLeb(out, s.size());
  out.insert(out.end(), s.begin(), s.end());
}

} // namespace

Generator::Generator(const std::vector<Unit>& units, const Options& options)
    : units_(units), options_(options) {}

void Generator::Fail(const frontend::SourceLoc& loc, const std::string& message) {
  if (error_)
    return;
  if (loc.file) {
    support::Diagnostic d;
    d.file = loc.file;
    d.offset = loc.offset;
    d.message = message;
    error_ = support::FormatDiagnostic(d);
  } else {
    error_ = "error: " + message;
  }
}

void Generator::CollectSymbols() {
  for (const Unit& u : units_) {
    // C99 6.7.4p7: when every file-scope declaration of a function in a unit says `inline`
    // and none says `extern`, its definition there is an inline definition, which other units
    // may repeat; the external definition (from a unit that declares it otherwise) wins.
    std::set<std::string> external;
    for (const Decl* d : u.tu->decls) {
      if (d->kind == frontend::DeclKind::Function &&
          (!d->is_inline || d->storage == frontend::StorageClass::Extern)) {
        external.insert(d->name);
      }
    }
    for (const Decl* d : u.tu->decls) {
      if (d->kind != frontend::DeclKind::Function && d->kind != frontend::DeclKind::Var)
        continue;
      bool is_static = IsStaticDecl(d);
      Symbol*& slot = is_static ? statics_[{u.tu, d->name}] : by_name_[d->name];
      if (!slot) {
        symbols_.push_back(std::make_unique<Symbol>());
        slot = symbols_.back().get();
        slot->name = d->name;
        slot->is_function = d->kind == frontend::DeclKind::Function;
        slot->is_static = is_static;
        slot->from_library = u.is_library;
        slot->any = d;
      }
      Symbol* s = slot;
      by_decl_[d] = s;
      decl_unit_[d] = u.tu;
      if (!d->import_module.empty() || !d->import_name.empty()) {
        s->import_module = d->import_module.empty() ? "env" : d->import_module;
        s->import_name = d->import_name.empty() ? d->name : d->import_name;
      }
      bool defines = s->is_function ? d->body != nullptr
                                    : d->is_defined && d->storage != frontend::StorageClass::Extern;
      bool inline_def = s->is_function && !is_static && !external.count(d->name);
      if (defines && !d->is_tentative) {
        if (s->def && !s->def->is_tentative && s->def != d) {
          if (inline_def)
            continue; // the definition already seen serves
          if (!s->def_is_inline)
            Fail(d->loc, "redefinition of '" + d->name + "'");
        }
        s->def = d;
        s->def_is_inline = inline_def;
        s->from_library = u.is_library;
      } else if (!s->is_function && d->is_tentative && !s->def) {
        s->def = d;
        s->from_library = u.is_library;
      }
    }
  }
}

Symbol* Generator::Resolve(const Decl* d) {
  if (!d || (d->kind != frontend::DeclKind::Function && d->kind != frontend::DeclKind::Var)) {
    return nullptr;
  }
  auto it = by_decl_.find(d);
  if (it != by_decl_.end())
    return it->second;
  Symbol* s = nullptr;
  if (d->previous)
    s = Resolve(d->previous);
  if (!s && !d->is_local_static && !d->name.empty() &&
      d->storage != frontend::StorageClass::Static) {
    auto n = by_name_.find(d->name);
    if (n != by_name_.end())
      s = n->second;
  }
  if (!s) {
    // A local static, a compound literal at file scope, or an entity only declared in a block.
    symbols_.push_back(std::make_unique<Symbol>());
    s = symbols_.back().get();
    s->name = d->name.empty() ? "__compound_literal" : d->name;
    s->is_function = d->kind == frontend::DeclKind::Function;
    s->is_static = true;
    s->any = d;
    bool defines = s->is_function ? d->body != nullptr
                                  : d->is_defined || d->is_local_static || d->name.empty();
    if (defines)
      s->def = d;
    if (!d->is_local_static && !d->name.empty() && d->storage != frontend::StorageClass::Static) {
      by_name_[d->name] = s;
    }
  }
  by_decl_[d] = s;
  return s;
}

void Generator::MarkReachable() {
  std::vector<Symbol*> work;
  auto reach = [&](Symbol* s) {
    if (s && !s->reachable) {
      s->reachable = true;
      work.push_back(s);
    }
  };
  for (const Unit& u : units_) {
    if (u.is_library)
      continue;
    for (const Decl* d : u.tu->decls) {
      Symbol* s = Resolve(d);
      if (s && s->def && !s->is_static && !s->from_library)
        reach(s);
      if (s && s->def && !s->is_function)
        reach(s);
    }
  }
  if (options_.emit_start) {
    auto m = by_name_.find("main");
    if (m != by_name_.end() && m->second->def && m->second->is_function) {
      reach(m->second);
      reach(StartExit());
      if (!m->second->def->params.empty()) {
        auto a = by_name_.find("__minicc_argv");
        if (a != by_name_.end())
          reach(a->second);
      }
    }
  }
  std::vector<const char*> helpers;
  auto visit = [&](const Expr* e) {
    helpers.clear();
    LongDoubleHelpers(e, helpers);
    for (const char* h : helpers)
      reach(RuntimeFunction(h));
    if ((e->kind == ExprKind::VarRef || e->kind == ExprKind::CompoundLiteral) && e->var) {
      const Decl* d = e->var;
      if (d->kind == frontend::DeclKind::Function ||
          (d->kind == frontend::DeclKind::Var &&
           (d->is_global || d->storage == frontend::StorageClass::Extern))) {
        reach(Resolve(d));
      }
    }
  };
  while (!work.empty()) {
    Symbol* s = work.back();
    work.pop_back();
    if (!s->def)
      continue;
    if (s->is_function) {
      WalkStmt(s->def->body, visit);
    } else if (s->def->init) {
      WalkInit(s->def->init, visit);
      for (const auto& en : s->def->init->entries) {
        if (en.constant && en.constant->symbol)
          reach(Resolve(en.constant->symbol));
      }
    }
  }
}

uint32_t Generator::TypeIndex(const wasm::FuncType& type) {
  for (size_t i = 0; i < module_.types.size(); ++i) {
    if (module_.types[i].func == type)
      return uint32_t(i);
  }
  wasm::SubType st;
  st.func = type;
  module_.types.push_back(st);
  return uint32_t(module_.types.size() - 1);
}

void Generator::AssignFunctionIndices() {
  std::vector<Symbol*> ordered;
  for (auto& s : symbols_)
    ordered.push_back(s.get());
  auto add_import = [&](const std::string& mod, const std::string& name,
                        const wasm::FuncType& sig) -> uint32_t {
    auto key = std::make_pair(mod, name);
    auto it = imports_.find(key);
    if (it != imports_.end())
      return it->second;
    wasm::Import im;
    im.module = mod;
    im.name = name;
    im.kind = wasm::ExternKind::Func;
    im.func_type = TypeIndex(sig);
    module_.imports.push_back(im);
    uint32_t idx = uint32_t(module_.imports.size() - 1);
    imports_[key] = idx;
    module_.names.functions.emplace_back(idx, name);
    return idx;
  };
  for (Symbol* s : ordered) {
    if (!s->reachable || !s->is_function || s->def)
      continue;
    if (s->import_module.empty()) {
      Fail(s->any->loc, "undefined reference to function '" + s->name + "'");
      continue;
    }
    s->func_index = add_import(s->import_module, s->import_name, Signature(s->any->type));
  }
  bool start = false;
  if (options_.emit_start) {
    auto m = by_name_.find("main");
    start = m != by_name_.end() && m->second->def && m->second->is_function;
    if (start && !StartExit()) {
      wasm::FuncType exit_sig;
      exit_sig.params.push_back(ValType::I32());
      add_import("wasi_snapshot_preview1", "proc_exit", exit_sig);
    }
  }
  uint32_t next = uint32_t(module_.imports.size());
  for (const Unit& u : units_) {
    for (const Decl* d : u.tu->decls) {
      Symbol* s = Resolve(d);
      if (!s || !s->reachable || !s->is_function || !s->def || s->func_index != kNone)
        continue;
      s->func_index = next++;
      functions_.push_back(s);
    }
  }
  module_.CountImports();
}

uint32_t Generator::AllocData(uint32_t size, uint32_t align) {
  align = std::max<uint32_t>(align, 1);
  uint32_t addr = kDataBase + uint32_t(data_.size());
  addr = (addr + align - 1) / align * align;
  data_.resize(addr - kDataBase + size, 0);
  return addr;
}

uint32_t Generator::LongDoubleConstant(uint64_t lo, uint64_t hi) {
  auto it = ld_constants_.find({lo, hi});
  if (it != ld_constants_.end())
    return it->second;
  uint32_t addr = AllocData(16, 16);
  for (int i = 0; i < 8; ++i) {
    data_[addr - kDataBase + uint32_t(i)] = uint8_t(lo >> (8 * i));
    data_[addr - kDataBase + 8 + uint32_t(i)] = uint8_t(hi >> (8 * i));
  }
  ld_constants_[{lo, hi}] = addr;
  return addr;
}

Symbol* Generator::RuntimeFunction(const char* name) {
  auto it = by_name_.find(name);
  if (it == by_name_.end() || !it->second->is_function)
    return nullptr;
  return it->second;
}

uint32_t Generator::StringAddress(const std::string& bytes) {
  auto it = strings_.find(bytes);
  if (it != strings_.end())
    return it->second;
  uint32_t addr = AllocData(uint32_t(bytes.size()), 1);
  std::memcpy(data_.data() + (addr - kDataBase), bytes.data(), bytes.size());
  strings_[bytes] = addr;
  return addr;
}

uint32_t Generator::TableIndex(Symbol* fn) {
  if (!fn)
    return 0;
  if (fn->table_index == 0) {
    table_.push_back(fn);
    fn->table_index = uint32_t(table_.size());
  }
  return fn->table_index;
}

uint32_t Generator::GlobalAddress(Symbol* var) {
  if (var->address != kNone)
    return var->address;
  const Decl* d = var->def ? var->def : var->any;
  if (!var->def) {
    Fail(d->loc, "undefined reference to variable '" + var->name + "'");
    var->address = 0;
    return 0;
  }
  uint32_t size = SizeOf(d->type);
  if (d->type->IsArray() && d->type->array_len < 0)
    size = 0;
  var->address = AllocData(std::max<uint32_t>(size, 1), std::max<uint32_t>(AlignOf(d->type), 1));
  WriteInitializer(var);
  return var->address;
}

void Generator::WriteInitializer(Symbol* var) {
  const Decl* d = var->def;
  if (!d->init)
    return;
  auto put = [&](uint32_t addr, uint64_t bits, uint32_t size) {
    for (uint32_t i = 0; i < size; ++i)
      data_[addr - kDataBase + i] = uint8_t(bits >> (8 * i));
  };
  for (const frontend::InitEntry& en : d->init->entries) {
    uint32_t at = var->address + en.offset;
    if (en.type->IsArray() && en.value && en.value->kind == ExprKind::StringLit) {
      uint32_t n = std::min<uint32_t>(uint32_t(en.value->str.size()), SizeOf(en.type));
      std::memcpy(data_.data() + (at - kDataBase), en.value->str.data(), n);
      continue;
    }
    if (!en.constant) {
      Fail(en.value ? en.value->loc : d->loc, "initializer element is not a compile-time constant");
      return;
    }
    const frontend::ConstValue& c = *en.constant;
    uint32_t size = SizeOf(en.type);
    uint64_t bits = 0;
    if (en.type->IsLongDouble()) {
      frontend::F128 q{c.ld_lo, c.ld_hi};
      if (c.kind == frontend::ConstValue::Kind::Int)
        q = frontend::F128FromInt(c.i, false);
      put(at, q.lo, 8);
      put(at + 8, q.hi, 8);
      continue;
    }
    if (en.type->IsFloat()) {
      double v = c.kind == frontend::ConstValue::Kind::Float ? c.f : double(c.i);
      if (en.type->kind == TypeKind::Float) {
        float f = float(v);
        uint32_t b;
        std::memcpy(&b, &f, 4);
        bits = b;
      } else {
        std::memcpy(&bits, &v, 8);
      }
    } else if (c.kind == frontend::ConstValue::Kind::Address) {
      uint32_t base = 0;
      if (c.string) {
        base = StringAddress(c.string->str);
      } else if (c.symbol) {
        Symbol* s = Resolve(c.symbol);
        base = s->is_function ? TableIndex(s) : GlobalAddress(s);
      }
      bits = uint64_t(uint32_t(base + uint32_t(c.i)));
    } else if (c.kind == frontend::ConstValue::Kind::Float) {
      bits = en.type->kind == TypeKind::Bool ? (c.f != 0) : uint64_t(int64_t(c.f));
    } else {
      bits = uint64_t(c.i);
      if (en.type->kind == TypeKind::Bool)
        bits = bits != 0;
    }
    if (en.bitfield) {
      uint32_t w = uint32_t(en.bitfield->bit_width);
      uint64_t mask = w >= 64 ? ~uint64_t{0} : (uint64_t{1} << w) - 1;
      uint64_t unit = 0;
      for (uint32_t i = 0; i < size; ++i)
        unit |= uint64_t(data_[at - kDataBase + i]) << (8 * i);
      unit &= ~(mask << en.bitfield->bit_offset);
      unit |= (bits & mask) << en.bitfield->bit_offset;
      bits = unit;
    }
    put(at, bits, size);
  }
}

Symbol* Generator::StartExit() {
  auto e = by_name_.find("exit");
  if (e == by_name_.end())
    return nullptr;
  Symbol* s = e->second;
  if (!s->is_function || !s->def || !s->from_library)
    return nullptr;
  return s;
}

void Generator::BuildStart() {
  auto m = by_name_.find("main");
  Symbol* main = m->second;
  wasm::Function f;
  f.type_index = TypeIndex({});
  auto emit = [&](Opcode op, uint32_t a = 0, uint64_t c = 0) {
    wasm::Instr in;
    in.op = op;
    in.a = a;
    in.c = c;
    f.body.instrs.push_back(in);
  };
  const Decl* md = main->def;
  if (!md->params.empty()) {
    auto a = by_name_.find("__minicc_argv");
    if (a == by_name_.end() || a->second->func_index == kNone) {
      Fail(md->loc, "main with parameters needs the stdlib's __minicc_argv");
      return;
    }
    uint32_t cell = AllocData(4, 4);
    f.locals.push_back({1, ValType::I32()});
    emit(Opcode::I32Const, 0, cell);
    emit(Opcode::Call, a->second->func_index);
    emit(Opcode::LocalSet, 0);
    emit(Opcode::I32Const, 0, cell);
    emit(Opcode::I32Load, 2, 0);
    emit(Opcode::LocalGet, 0);
    for (size_t i = 2; i < md->params.size(); ++i)
      emit(Opcode::I32Const, 0, 0);
  }
  emit(Opcode::Call, main->func_index);
  if (md->type->base->IsVoid())
    emit(Opcode::I32Const, 0, 0);
  // Returning from main is exit(status): the stdlib's exit runs atexit handlers and flushes
  // stdio; without the stdlib, _start calls proc_exit itself.
  if (Symbol* ex = StartExit())
    emit(Opcode::Call, ex->func_index);
  else
    emit(Opcode::Call, imports_[{"wasi_snapshot_preview1", "proc_exit"}]);
  emit(Opcode::End);
  uint32_t idx = module_.NumFuncs();
  module_.functions.push_back(std::move(f));
  module_.exports.push_back({"_start", wasm::ExternKind::Func, idx});
  module_.names.functions.emplace_back(idx, "_start");
}

void Generator::Finish() {
  // Layout: [0, 1024) unused, data, 16-byte aligned stack growing down, heap.
  uint32_t data_end = kDataBase + uint32_t(data_.size());
  uint32_t stack_top = (data_end + 15) / 16 * 16 + options_.stack_size;
  uint32_t heap_base = stack_top;
  wasm::Memory mem;
  mem.type.limits.min = (heap_base + wasm::kPageSize - 1) / wasm::kPageSize;
  module_.memories.push_back(mem);
  auto const_global = [&](bool mut, uint32_t v) {
    wasm::Global g;
    g.type.type = ValType::I32();
    g.type.mutable_ = mut;
    wasm::Instr c;
    c.op = Opcode::I32Const;
    c.c = uint64_t(int64_t(int32_t(v)));
    g.init.instrs.push_back(c);
    wasm::Instr e;
    e.op = Opcode::End;
    g.init.instrs.push_back(e);
    module_.globals.push_back(g);
  };
  const_global(true, stack_top);  // 0: __stack_pointer
  const_global(false, heap_base); // 1: __heap_base
  module_.exports.insert(module_.exports.begin(), {"memory", wasm::ExternKind::Memory, 0});
  module_.exports.push_back({"__heap_base", wasm::ExternKind::Global, 1});
  if (!table_.empty() || uses_call_indirect_) {
    wasm::Table t;
    t.type.limits.min = table_.size() + 1;
    t.type.limits.max = table_.size() + 1;
    module_.tables.push_back(t);
    wasm::ElemSegment es;
    es.mode = wasm::SegmentMode::Active;
    wasm::Instr c;
    c.op = Opcode::I32Const;
    c.c = 1;
    es.offset.instrs.push_back(c);
    wasm::Instr e;
    e.op = Opcode::End;
    es.offset.instrs.push_back(e);
    for (Symbol* s : table_)
      es.func_indices.push_back(s->func_index);
    module_.elems.push_back(es);
  }
  // Memory starts zeroed: zeros need no bytes. One segment per run of data, split where at
  // least kZeroRun zero bytes lie between (a segment costs about 8 bytes).
  constexpr size_t kZeroRun = 16;
  size_t pos = 0;
  while (pos < data_.size()) {
    while (pos < data_.size() && data_[pos] == 0)
      ++pos;
    if (pos == data_.size())
      break;
    size_t end = pos, zeros = 0;
    for (size_t i = pos; i < data_.size() && zeros < kZeroRun; ++i) {
      if (data_[i] == 0) {
        ++zeros;
      } else {
        zeros = 0;
        end = i + 1;
      }
    }
    wasm::DataSegment ds;
    ds.mode = wasm::SegmentMode::Active;
    wasm::Instr c;
    c.op = Opcode::I32Const;
    c.c = kDataBase + pos;
    ds.offset.instrs.push_back(c);
    wasm::Instr e;
    e.op = Opcode::End;
    ds.offset.instrs.push_back(e);
    ds.bytes.assign(data_.begin() + long(pos), data_.begin() + long(end));
    module_.datas.push_back(std::move(ds));
    pos = end;
  }
  // The `name` section: function names (1) and local names (2).
  std::sort(module_.names.functions.begin(), module_.names.functions.end());
  std::vector<uint8_t> payload;
  std::vector<uint8_t> sub;
  PutLeb(sub, module_.names.functions.size());
  for (auto& [idx, name] : module_.names.functions) {
    PutLeb(sub, idx);
    PutName(sub, name);
  }
  payload.push_back(1);
  PutLeb(payload, sub.size());
  payload.insert(payload.end(), sub.begin(), sub.end());
  sub.clear();
  size_t nfuncs = 0;
  std::vector<uint8_t> body;
  for (auto& [fidx, locals] : module_.names.locals) {
    std::vector<std::pair<uint32_t, std::string>> named;
    for (auto& l : locals) {
      if (!l.second.empty())
        named.push_back(l);
    }
    if (named.empty())
      continue;
    ++nfuncs;
    PutLeb(body, fidx);
    PutLeb(body, named.size());
    for (auto& [li, n] : named) {
      PutLeb(body, li);
      PutName(body, n);
    }
  }
  PutLeb(sub, nfuncs);
  sub.insert(sub.end(), body.begin(), body.end());
  payload.push_back(2);
  PutLeb(payload, sub.size());
  payload.insert(payload.end(), sub.begin(), sub.end());
  wasm::CustomSection cs;
  cs.name = "name";
  cs.bytes = std::move(payload);
  cs.after_section = 11;
  module_.customs.push_back(std::move(cs));
}

support::Expected<wasm::Module> Generator::Run() {
  CollectSymbols();
  MarkReachable();
  AssignFunctionIndices();
  // Program globals first, in source order (local statics and literals follow on first use).
  for (const Unit& u : units_) {
    for (const Decl* d : u.tu->decls) {
      Symbol* s = Resolve(d);
      if (s && s->reachable && !s->is_function && s->def)
        GlobalAddress(s);
    }
  }
  for (Symbol* s : functions_) {
    if (error_)
      break;
    wasm::Function f;
    std::vector<std::string> local_names;
    FuncGen(*this, s).Run(f, local_names);
    module_.functions.push_back(std::move(f));
    module_.names.functions.emplace_back(s->func_index, s->name);
    std::vector<std::pair<uint32_t, std::string>> ln;
    for (size_t i = 0; i < local_names.size(); ++i)
      ln.emplace_back(uint32_t(i), local_names[i]);
    module_.names.locals.emplace_back(s->func_index, std::move(ln));
    if (!s->is_static && !s->from_library) {
      module_.exports.push_back({s->name, wasm::ExternKind::Func, s->func_index});
    }
  }
  if (!error_ && options_.emit_start) {
    auto m = by_name_.find("main");
    if (m != by_name_.end() && m->second->def && m->second->is_function)
      BuildStart();
  }
  if (error_)
    return support::MakeError(*error_);
  Finish();
  return std::move(module_);
}

support::Expected<wasm::Module> Generate(const std::vector<Unit>& units, const Options& options) {
  Generator g(units, options);
  return g.Run();
}

} // namespace minicc::backend
