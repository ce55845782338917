// Module-level validation (spec 3.5 "Modules"): builds the context C from imports and
// definitions, checks types, limits, globals and their constant expressions, tables, memories,
// tags, element and data segments, the start function and exports, then validates every
// function body (validate_code.cpp), collecting the interpreter's side tables. Also the
// subtyping relation on value types (spec 3.3) used by both halves.
#include <fmt/core.h>

#include <string_view>
#include <unordered_set>

#include "wasm/validator.h"
#include "wasm/validator_internal.h"

namespace minicc::wasm {

namespace detail {

namespace {

// Type equivalence of two type indices: the same index, or (a simplification of the
// iso-recursive rule) two singleton recursion groups with structurally identical definitions.
bool SameType(const Context& cx, uint32_t a, uint32_t b);
bool SameTypeDepth(const Context& cx, uint32_t a, uint32_t b, int depth);

// Value types inside the definitions of types `self_a` and `self_b`: a reference to the type's
// own group (rec.0) matches only the other's reference to its own group. Other references
// are to earlier types, so the recursion ends; `depth` bounds it for malformed input.
bool SameValType(const Context& cx, ValType a, ValType b, uint32_t self_a, uint32_t self_b,
                 int depth) {
  if (a.kind != b.kind)
    return false;
  if (!a.IsRef())
    return true;
  if (a.nullable != b.nullable || a.heap.kind != b.heap.kind)
    return false;
  if (a.heap.kind != HeapKind::Index)
    return true;
  bool a_self = a.heap.index == self_a, b_self = b.heap.index == self_b;
  if (a_self || b_self)
    return a_self && b_self;
  if (a.heap.index == b.heap.index)
    return true;
  return depth < 4 && SameTypeDepth(cx, a.heap.index, b.heap.index, depth);
}

bool SingletonGroup(const Module& m, uint32_t index) {
  if (m.rec_groups.empty())
    return true;
  for (const auto& [first, count] : m.rec_groups) {
    if (index >= first && index < first + count)
      return count == 1;
  }
  return true;
}

bool SameTypeDepth(const Context& cx, uint32_t a, uint32_t b, int depth) {
  if (a == b)
    return true;
  const Module& m = *cx.m;
  if (a >= m.types.size() || b >= m.types.size())
    return false;
  if (!SingletonGroup(m, a) || !SingletonGroup(m, b))
    return false;
  const SubType& x = m.types[a];
  const SubType& y = m.types[b];
  if (x.kind != y.kind || x.final != y.final || x.supertypes != y.supertypes)
    return false;
  auto same_list = [&](const std::vector<ValType>& p, const std::vector<ValType>& q) {
    if (p.size() != q.size())
      return false;
    for (size_t i = 0; i < p.size(); ++i) {
      if (!SameValType(cx, p[i], q[i], a, b, depth + 1))
        return false;
    }
    return true;
  };
  switch (x.kind) {
  case CompositeKind::Func:
    return same_list(x.func.params, y.func.params) && same_list(x.func.results, y.func.results);
  case CompositeKind::Struct:
  case CompositeKind::Array:
    if (x.fields.size() != y.fields.size())
      return false;
    for (size_t i = 0; i < x.fields.size(); ++i) {
      if (x.fields[i].packed != y.fields[i].packed ||
          x.fields[i].mutable_ != y.fields[i].mutable_ ||
          !SameValType(cx, x.fields[i].type, y.fields[i].type, a, b, depth + 1)) {
        return false;
      }
    }
    return true;
  }
  return false;
}

bool SameType(const Context& cx, uint32_t a, uint32_t b) {
  return SameTypeDepth(cx, a, b, 0);
}

} // namespace

bool IsHeapSubtype(const Context& cx, HeapType a, HeapType b) {
  if (a == b)
    return true;
  const Module& m = *cx.m;
  if (b.kind == HeapKind::Index) {
    if (a.kind == HeapKind::Index) {
      // Walk a's declared supertypes (each must precede it, so this terminates).
      uint32_t cur = a.index;
      for (int steps = 0; steps < 64 && cur < m.types.size(); ++steps) {
        if (SameType(cx, cur, b.index))
          return true;
        const SubType& t = m.types[cur];
        if (t.supertypes.empty() || t.supertypes[0] >= cur)
          return false;
        cur = t.supertypes[0];
      }
      return false;
    }
    if (b.index >= m.types.size())
      return false;
    CompositeKind k = m.types[b.index].kind;
    return (a.kind == HeapKind::NoFunc && k == CompositeKind::Func) ||
           (a.kind == HeapKind::None && k != CompositeKind::Func);
  }
  // b is abstract.
  if (a.kind == HeapKind::Index) {
    if (a.index >= m.types.size())
      return false;
    CompositeKind k = m.types[a.index].kind;
    switch (b.kind) {
    case HeapKind::Func: return k == CompositeKind::Func;
    case HeapKind::Any:
    case HeapKind::Eq: return k != CompositeKind::Func;
    case HeapKind::Struct: return k == CompositeKind::Struct;
    case HeapKind::Array: return k == CompositeKind::Array;
    default: return false;
    }
  }
  switch (b.kind) {
  case HeapKind::Func: return a.kind == HeapKind::NoFunc;
  case HeapKind::Extern: return a.kind == HeapKind::NoExtern;
  case HeapKind::Exn: return a.kind == HeapKind::NoExn;
  case HeapKind::Any:
    return a.kind == HeapKind::Eq || a.kind == HeapKind::I31 || a.kind == HeapKind::Struct ||
           a.kind == HeapKind::Array || a.kind == HeapKind::None;
  case HeapKind::Eq:
    return a.kind == HeapKind::I31 || a.kind == HeapKind::Struct || a.kind == HeapKind::Array ||
           a.kind == HeapKind::None;
  case HeapKind::I31:
  case HeapKind::Struct:
  case HeapKind::Array: return a.kind == HeapKind::None;
  default: return false;
  }
}

bool IsSubtype(const Context& cx, ValType a, ValType b) {
  if (a.kind != b.kind)
    return false;
  if (!a.IsRef())
    return true;
  if (a.nullable && !b.nullable)
    return false;
  return IsHeapSubtype(cx, a.heap, b.heap);
}

bool ValidValType(const Context& cx, ValType t) {
  return !t.IsRef() || t.heap.kind != HeapKind::Index || t.heap.index < cx.m->types.size();
}

} // namespace detail

namespace {

using detail::Context;
using support::Error;
using support::MakeError;
using support::Status;

class ModuleValidator {
public:
  ModuleValidator(const Module& m, const ValidateOptions& options) : m_(m), options_(options) {
    cx_.m = &m;
    cx_.spec = options.spec;
  }

  Status Run(std::vector<FunctionSideTable>* side_tables);

private:
  bool V2() const { return Before30(options_.spec); }

  Error Fail(std::string message, uint64_t offset = support::kNoOffset) {
    return MakeError(std::move(message), offset);
  }

  Status Types();
  Status ValidateValType(ValType t, const std::string& what);
  Status ValidateLimits(const Limits& l, bool memory, const std::string& what);
  Status ValidateTableType(const TableType& t, const std::string& what);
  Status ImportsAndDefinitions();
  Status Globals();
  Status Tables();
  Status Elems();
  Status Datas();
  Status StartAndExports();
  void CollectDeclaredFuncs();

  // How many globals constant expressions of non-global entities may read.
  uint32_t ConstGlobals() const {
    return V2() ? m_.num_imported_globals : uint32_t(cx_.globals.size());
  }

  const Module& m_;
  const ValidateOptions& options_;
  Context cx_;
};

// Spec 3.2.1-3.2.3: func / struct / array types (and their value types) must name existing
// types; declared supertypes must precede the type.
Status ModuleValidator::Types() {
  for (uint32_t i = 0; i < m_.types.size(); ++i) {
    const SubType& t = m_.types[i];
    std::string what = fmt::format("type {}", i);
    for (uint32_t s : t.supertypes) {
      if (s >= i)
        return Fail(fmt::format("{}: unknown type {}", what, s));
    }
    for (ValType v : t.func.params)
      MINICC_TRY(ValidateValType(v, what));
    for (ValType v : t.func.results)
      MINICC_TRY(ValidateValType(v, what));
    for (const FieldType& f : t.fields)
      MINICC_TRY(ValidateValType(f.type, what));
  }
  return support::Ok{};
}

Status ModuleValidator::ValidateValType(ValType t, const std::string& what) {
  if (!detail::ValidValType(cx_, t)) {
    return Fail(fmt::format("{}: unknown type {}", what, t.heap.index));
  }
  if (V2() && t.IsRef() &&
      !(t.nullable && (t.heap.kind == HeapKind::Func || t.heap.kind == HeapKind::Extern))) {
    return Fail(fmt::format("{}: {} is not a WebAssembly 2.0 type", what, ToString(t)));
  }
  return support::Ok{};
}

// Spec 3.2.4 (limits), 3.2.5 (tables), 3.2.6 (memories).
Status ModuleValidator::ValidateLimits(const Limits& l, bool memory, const std::string& what) {
  if (memory) {
    uint64_t bound = l.is64 ? kMaxPages64 : kMaxPages32;
    if (l.page_size_log2 && *l.page_size_log2 == 0) {
      bound = l.is64 ? ~uint64_t{0} : uint64_t{0xFFFFFFFF};
    }
    const char* text = l.is64 ? "memory size must be at most 2^48 pages (256TiB)"
                              : "memory size must be at most 65536 pages (4GiB)";
    if (l.min > bound || (l.max && *l.max > bound))
      return Fail(fmt::format("{}: {}", what, text));
    if (l.shared && !l.max)
      return Fail(what + ": shared memory must have maximum");
  } else {
    uint64_t bound = l.is64 ? ~uint64_t{0} : uint64_t{0xFFFFFFFF};
    if (l.min > bound || (l.max && *l.max > bound)) {
      return Fail(what + ": table size must be at most 2^32-1");
    }
  }
  if (l.max && l.min > *l.max) {
    return Fail(what + ": size minimum must not be greater than maximum");
  }
  return support::Ok{};
}

Status ModuleValidator::ValidateTableType(const TableType& t, const std::string& what) {
  MINICC_TRY(ValidateValType(t.elem, what));
  if (!t.elem.IsRef())
    return Fail(what + ": type mismatch: table elements must be references");
  return ValidateLimits(t.limits, false, what);
}

// Builds C.funcs/tables/mems/globals/tags from imports, then definitions (spec 3.5.*).
Status ModuleValidator::ImportsAndDefinitions() {
  uint32_t counts[5] = {};
  for (const Import& imp : m_.imports) {
    std::string what = fmt::format("import \"{}\" \"{}\"", imp.module, imp.name);
    switch (imp.kind) {
    case ExternKind::Func:
      if (!cx_.IsFuncType(imp.func_type)) {
        return Fail(fmt::format("{}: unknown type {}", what, imp.func_type));
      }
      cx_.func_types.push_back(imp.func_type);
      break;
    case ExternKind::Table:
      MINICC_TRY(ValidateTableType(imp.table, what));
      cx_.tables.push_back(imp.table);
      break;
    case ExternKind::Memory:
      MINICC_TRY(ValidateLimits(imp.memory.limits, true, what));
      cx_.memories.push_back(imp.memory);
      break;
    case ExternKind::Global:
      MINICC_TRY(ValidateValType(imp.global.type, what));
      cx_.globals.push_back(imp.global);
      break;
    case ExternKind::Tag:
      if (!cx_.IsFuncType(imp.tag.type_index)) {
        return Fail(fmt::format("{}: unknown type {}", what, imp.tag.type_index));
      }
      if (!cx_.Func(imp.tag.type_index).results.empty()) {
        return Fail(what + ": non-empty tag result type");
      }
      cx_.tags.push_back(imp.tag.type_index);
      break;
    }
    ++counts[size_t(imp.kind)];
  }
  // Modules built in code may not have counted their imports; the index spaces rely on it.
  if (counts[0] != m_.num_imported_funcs || counts[1] != m_.num_imported_tables ||
      counts[2] != m_.num_imported_memories || counts[3] != m_.num_imported_globals ||
      counts[4] != m_.num_imported_tags) {
    return Fail("import counts are inconsistent (Module::CountImports was not called)");
  }
  for (uint32_t i = 0; i < m_.functions.size(); ++i) {
    const Function& f = m_.functions[i];
    if (!cx_.IsFuncType(f.type_index)) {
      return Fail(
          fmt::format("function {}: unknown type {}", m_.num_imported_funcs + i, f.type_index),
          f.body_offset);
    }
    cx_.func_types.push_back(f.type_index);
    // Branch hints (from the text's @metadata.code.branch_hint) are for if and br_if only.
    for (const BranchHint& h : f.branch_hints) {
      if (h.instr >= f.body.instrs.size() ||
          (f.body.instrs[h.instr].op != Opcode::If && f.body.instrs[h.instr].op != Opcode::BrIf))
        return Fail(fmt::format("function {}: @metadata.code.branch_hint annotation: invalid "
                                "target",
                                m_.num_imported_funcs + i));
    }
  }
  for (uint32_t i = 0; i < m_.tables.size(); ++i) {
    MINICC_TRY(
        ValidateTableType(m_.tables[i].type, fmt::format("table {}", m_.num_imported_tables + i)));
    cx_.tables.push_back(m_.tables[i].type);
  }
  for (uint32_t i = 0; i < m_.memories.size(); ++i) {
    MINICC_TRY(ValidateLimits(m_.memories[i].type.limits, true,
                              fmt::format("memory {}", m_.num_imported_memories + i)));
    cx_.memories.push_back(m_.memories[i].type);
  }
  if (V2() && cx_.memories.size() > 1)
    return Fail("multiple memories");
  // The threads proposal's base predates reference types: one table at most.
  if (options_.spec == SpecVersion::Threads && cx_.tables.size() > 1)
    return Fail("multiple tables");
  for (uint32_t i = 0; i < m_.tags.size(); ++i) {
    std::string what = fmt::format("tag {}", m_.num_imported_tags + i);
    uint32_t t = m_.tags[i].type.type_index;
    if (!cx_.IsFuncType(t))
      return Fail(fmt::format("{}: unknown type {}", what, t));
    if (!cx_.Func(t).results.empty())
      return Fail(what + ": non-empty tag result type");
    cx_.tags.push_back(t);
  }
  return support::Ok{};
}

// C.refs (spec 3.5.*, "declared function references"): functions named by ref.func or as
// element items outside function bodies, and exported functions.
void ModuleValidator::CollectDeclaredFuncs() {
  cx_.declared_funcs.assign(cx_.func_types.size(), 0);
  auto mark = [&](uint32_t f) {
    if (f < cx_.declared_funcs.size())
      cx_.declared_funcs[f] = 1;
  };
  auto scan = [&](const Expr& e) {
    for (const Instr& in : e.instrs) {
      if (in.op == Opcode::RefFunc)
        mark(in.a);
    }
  };
  for (const Global& g : m_.globals)
    scan(g.init);
  for (const Table& t : m_.tables) {
    if (t.init)
      scan(*t.init);
  }
  for (const ElemSegment& e : m_.elems) {
    for (uint32_t f : e.func_indices)
      mark(f);
    for (const Expr& x : e.exprs)
      scan(x);
  }
  for (const Export& e : m_.exports) {
    if (e.kind == ExternKind::Func)
      mark(e.index);
  }
}

// Spec 3.5.5: each global's initializer is constant and of its type; 2.0 lets it read imported
// globals only, 3.0 any preceding global.
Status ModuleValidator::Globals() {
  for (uint32_t i = 0; i < m_.globals.size(); ++i) {
    const Global& g = m_.globals[i];
    uint32_t index = m_.num_imported_globals + i;
    std::string what = fmt::format("global {}", index);
    MINICC_TRY(ValidateValType(g.type.type, what));
    MINICC_TRY(detail::ValidateConstExpr(cx_, g.init, g.type.type, what,
                                         V2() ? m_.num_imported_globals : index));
    cx_.globals.push_back(g.type);
  }
  return support::Ok{};
}

// 3.0: a table of a non-nullable element type needs an initializer.
Status ModuleValidator::Tables() {
  for (uint32_t i = 0; i < m_.tables.size(); ++i) {
    const Table& t = m_.tables[i];
    std::string what = fmt::format("table {}", m_.num_imported_tables + i);
    if (t.init) {
      MINICC_TRY(detail::ValidateConstExpr(cx_, *t.init, t.type.elem, what, ConstGlobals()));
    } else if (!t.type.elem.nullable) {
      return Fail(what + ": type mismatch: a table of non-nullable references needs an "
                         "initializer");
    }
  }
  return support::Ok{};
}

// Spec 3.5.7 element segments.
Status ModuleValidator::Elems() {
  for (uint32_t i = 0; i < m_.elems.size(); ++i) {
    const ElemSegment& e = m_.elems[i];
    std::string what = fmt::format("elem segment {}", i);
    MINICC_TRY(ValidateValType(e.elem_type, what));
    if (!e.elem_type.IsRef())
      return Fail(what + ": type mismatch: elements must be references");
    if (e.mode == SegmentMode::Active) {
      if (e.table_index >= cx_.tables.size()) {
        return Fail(fmt::format("{}: unknown table {}", what, e.table_index));
      }
      const TableType& t = cx_.tables[e.table_index];
      if (!detail::IsSubtype(cx_, e.elem_type, t.elem)) {
        return Fail(fmt::format("{}: type mismatch: expected {}, found {}", what, ToString(t.elem),
                                ToString(e.elem_type)));
      }
      MINICC_TRY(detail::ValidateConstExpr(
          cx_, e.offset, t.limits.is64 ? ValType::I64() : ValType::I32(), what, ConstGlobals()));
    }
    for (uint32_t f : e.func_indices) {
      if (f >= cx_.func_types.size())
        return Fail(fmt::format("{}: unknown function {}", what, f));
    }
    for (const Expr& x : e.exprs) {
      MINICC_TRY(detail::ValidateConstExpr(cx_, x, e.elem_type, what, ConstGlobals()));
    }
  }
  return support::Ok{};
}

// Spec 3.5.8 data segments.
Status ModuleValidator::Datas() {
  for (uint32_t i = 0; i < m_.datas.size(); ++i) {
    const DataSegment& d = m_.datas[i];
    if (d.mode != SegmentMode::Active)
      continue;
    std::string what = fmt::format("data segment {}", i);
    if (d.memory_index >= cx_.memories.size()) {
      return Fail(fmt::format("{}: unknown memory {}", what, d.memory_index));
    }
    ValType addr = cx_.memories[d.memory_index].limits.is64 ? ValType::I64() : ValType::I32();
    MINICC_TRY(detail::ValidateConstExpr(cx_, d.offset, addr, what, ConstGlobals()));
  }
  return support::Ok{};
}

// Spec 3.5.9 (start) and 3.5.10 (exports).
Status ModuleValidator::StartAndExports() {
  if (m_.start) {
    uint32_t f = *m_.start;
    if (f >= cx_.func_types.size())
      return Fail(fmt::format("start: unknown function {}", f));
    const FuncType& t = cx_.Func(cx_.func_types[f]);
    if (!t.params.empty() || !t.results.empty()) {
      return Fail(fmt::format("start function {} must have type [] -> [], not {}", f, ToString(t)));
    }
  }
  std::unordered_set<std::string_view> names;
  names.reserve(m_.exports.size());
  for (const Export& e : m_.exports) {
    std::string what = fmt::format("export \"{}\"", e.name);
    uint32_t limit = 0;
    switch (e.kind) {
    case ExternKind::Func: limit = uint32_t(cx_.func_types.size()); break;
    case ExternKind::Table: limit = uint32_t(cx_.tables.size()); break;
    case ExternKind::Memory: limit = uint32_t(cx_.memories.size()); break;
    case ExternKind::Global: limit = uint32_t(cx_.globals.size()); break;
    case ExternKind::Tag: limit = uint32_t(cx_.tags.size()); break;
    }
    if (e.index >= limit) {
      const char* kind = e.kind == ExternKind::Func ? "function" : ToString(e.kind);
      return Fail(fmt::format("{}: unknown {} {}", what, kind, e.index));
    }
    if (!names.insert(e.name).second)
      return Fail(what + ": duplicate export name");
  }
  return support::Ok{};
}

Status ModuleValidator::Run(std::vector<FunctionSideTable>* side_tables) {
  MINICC_TRY(Types());
  MINICC_TRY(ImportsAndDefinitions());
  CollectDeclaredFuncs();
  // Globals are visible to later constant expressions one by one (3.0) or not at all (2.0).
  const uint32_t imported_globals = m_.num_imported_globals;
  cx_.globals.resize(imported_globals);
  MINICC_TRY(Globals());
  MINICC_TRY(Tables());
  MINICC_TRY(Elems());
  MINICC_TRY(Datas());
  MINICC_TRY(StartAndExports());
  return detail::ValidateFunctions(cx_, side_tables);
}

} // namespace

support::Status Check(const Module& module, const ValidateOptions& options) {
  ModuleValidator v(module, options);
  return v.Run(nullptr);
}

support::Expected<ValidatedModule> Validate(Module module, const ValidateOptions& options) {
  ValidatedModule result;
  auto owned = std::make_shared<const Module>(std::move(module));
  ModuleValidator v(*owned, options);
  MINICC_TRY(v.Run(&result.side_tables_));
  result.module_ = std::move(owned);
  return result;
}

} // namespace minicc::wasm
