// Instantiation (spec 2.0 §4.5.4): resolve and check imports, allocate functions, tables,
// memories and globals, export, then apply element segments, data segments (trapping on the
// first out-of-bounds one and keeping the writes before it) and run the start function.
// Also Invoke, the API's entry into execution.
#include <fmt/core.h>

#include "runtime/interp/interpreter.h"
#include "runtime/runtime.h"

namespace minicc::runtime {

namespace {

Trap Unlinkable(std::string message) { return Trap::Make(TrapKind::Unlinkable, std::move(message)); }

bool LimitsMatch(uint64_t actual_min, std::optional<uint64_t> actual_max, const wasm::Limits& want) {
  if (actual_min < want.min) return false;
  if (want.max) {
    if (!actual_max || *actual_max > *want.max) return false;
  }
  return true;
}

// Evaluates a constant expression (2.0 plus extended constants and 3.0's global.get of any
// earlier global).
Result<Value> EvalConst(const wasm::Expr& e, const Instance& inst, wasm::ValType type) {
  std::vector<Value> st;
  for (const wasm::Instr& in : e.instrs) {
    switch (in.op) {
      case wasm::Opcode::I32Const: st.push_back(Value::I32(uint32_t(in.c))); break;
      case wasm::Opcode::I64Const: st.push_back(Value::I64(in.c)); break;
      case wasm::Opcode::F32Const: st.push_back(Value::F32Bits(uint32_t(in.c))); break;
      case wasm::Opcode::F64Const: st.push_back(Value::F64Bits(in.c)); break;
      case wasm::Opcode::V128Const: st.push_back(Value::V128(e.v128s[in.a])); break;
      case wasm::Opcode::RefNull: st.push_back(Value::MakeRef(type, Ref::Null())); break;
      case wasm::Opcode::RefFunc:
        if (in.a >= inst.funcs.size()) return Trap::Make(TrapKind::Resource, "invalid module: unknown function");
        st.push_back(Value::MakeRef(wasm::ValType::Ref(wasm::HeapType::Abstract(wasm::HeapKind::Func), false),
                                    Ref::FromFunc(inst.funcs[in.a])));
        break;
      case wasm::Opcode::GlobalGet:
        if (in.a >= inst.globals.size()) return Trap::Make(TrapKind::Resource, "invalid module: unknown global");
        st.push_back(inst.globals[in.a]->Get());
        break;
      case wasm::Opcode::I32Add: case wasm::Opcode::I32Sub: case wasm::Opcode::I32Mul:
      case wasm::Opcode::I64Add: case wasm::Opcode::I64Sub: case wasm::Opcode::I64Mul: {
        if (st.size() < 2) return Trap::Make(TrapKind::Resource, "malformed constant expression");
        Value b = st.back();
        st.pop_back();
        Value& a = st.back();
        switch (in.op) {
          case wasm::Opcode::I32Add: a.i32 += b.i32; break;
          case wasm::Opcode::I32Sub: a.i32 -= b.i32; break;
          case wasm::Opcode::I32Mul: a.i32 *= b.i32; break;
          case wasm::Opcode::I64Add: a.i64 += b.i64; break;
          case wasm::Opcode::I64Sub: a.i64 -= b.i64; break;
          default: a.i64 *= b.i64; break;
        }
        break;
      }
      case wasm::Opcode::End: break;
      default:
        return Trap::Make(TrapKind::Resource, "unsupported constant expression: " +
                                                  std::string(wasm::Name(in.op)));
    }
  }
  if (st.size() != 1) return Trap::Make(TrapKind::Resource, "malformed constant expression");
  return st.back();
}

uint64_t OffsetValue(const Value& v) { return v.type.kind == wasm::ValKind::I64 ? v.i64 : v.i32; }

std::string FuncDebugName(const wasm::Module& m, uint32_t index) {
  if (const std::string* n = m.FuncName(index)) return *n;
  for (const wasm::Export& e : m.exports) {
    if (e.kind == wasm::ExternKind::Func && e.index == index) return e.name;
  }
  return {};
}

// Index checks that keep instantiation memory-safe for modules the validator has not seen.
std::optional<Trap> CheckIndices(const wasm::Module& m) {
  auto bad = [](const char* what) {
    return Trap::Make(TrapKind::Resource, std::string("invalid module: ") + what);
  };
  auto func_type = [&](uint32_t t) {
    return t < m.types.size() && m.types[t].kind == wasm::CompositeKind::Func;
  };
  for (const wasm::Import& imp : m.imports) {
    if (imp.kind == wasm::ExternKind::Func && !func_type(imp.func_type)) return bad("unknown type");
  }
  for (const wasm::Function& f : m.functions) {
    if (!func_type(f.type_index)) return bad("unknown type");
  }
  for (const wasm::Export& e : m.exports) {
    uint32_t n = e.kind == wasm::ExternKind::Func     ? m.NumFuncs()
                 : e.kind == wasm::ExternKind::Table  ? m.NumTables()
                 : e.kind == wasm::ExternKind::Memory ? m.NumMemories()
                 : e.kind == wasm::ExternKind::Global ? m.NumGlobals()
                                                      : m.NumTags();
    if (e.index >= n) return bad("unknown export index");
  }
  if (m.start && *m.start >= m.NumFuncs()) return bad("unknown start function");
  for (const wasm::ElemSegment& seg : m.elems) {
    if (seg.mode == wasm::SegmentMode::Active && seg.table_index >= m.NumTables()) return bad("unknown table");
    for (uint32_t f : seg.func_indices) {
      if (f >= m.NumFuncs()) return bad("unknown function");
    }
  }
  for (const wasm::DataSegment& seg : m.datas) {
    if (seg.mode == wasm::SegmentMode::Active && seg.memory_index >= m.NumMemories()) return bad("unknown memory");
  }
  return std::nullopt;
}

}  // namespace

Result<Instance*> InstantiateValidated(Store& store, std::shared_ptr<const wasm::Module> module,
                                       const ImportResolver& imports) {
  const wasm::Module& m = *module;
  if (std::optional<Trap> t = CheckIndices(m)) return std::move(*t);
  Instance* inst = store.NewInstance();
  inst->store = &store;
  inst->module = module;
  inst->type_ids.reserve(m.types.size());
  for (const wasm::SubType& t : m.types) {
    inst->type_ids.push_back(t.kind == wasm::CompositeKind::Func ? store.InternType(t.func) : ~0u);
  }

  // Imports.
  for (const wasm::Import& imp : m.imports) {
    std::optional<Extern> e = imports ? imports(imp.module, imp.name) : std::nullopt;
    if (!e) return Unlinkable("unknown import");
    if (e->kind != imp.kind) return Unlinkable("incompatible import type");
    switch (imp.kind) {
      case wasm::ExternKind::Func:
        if (e->func->type_id != inst->type_ids[imp.func_type]) {
          return Unlinkable("incompatible import type");
        }
        inst->funcs.push_back(e->func);
        break;
      case wasm::ExternKind::Table: {
        Table* t = e->table;
        if (!(t->type.elem == imp.table.elem) || t->type.limits.is64 != imp.table.limits.is64 ||
            !LimitsMatch(t->size(), t->type.limits.max, imp.table.limits)) {
          return Unlinkable("incompatible import type");
        }
        inst->tables.push_back(t);
        break;
      }
      case wasm::ExternKind::Memory: {
        Memory* mem = e->memory;
        if (mem->type.limits.is64 != imp.memory.limits.is64 ||
            mem->type.limits.shared != imp.memory.limits.shared ||
            !LimitsMatch(mem->pages(), mem->type.limits.max, imp.memory.limits)) {
          return Unlinkable("incompatible import type");
        }
        inst->memories.push_back(mem);
        break;
      }
      case wasm::ExternKind::Global: {
        Global* g = e->global;
        if (g->type.mutable_ != imp.global.mutable_ || !(g->type.type == imp.global.type)) {
          return Unlinkable("incompatible import type");
        }
        inst->globals.push_back(g);
        break;
      }
      case wasm::ExternKind::Tag:
        return Unlinkable("incompatible import type");
    }
  }

  // Definitions.
  for (size_t i = 0; i < m.functions.size(); ++i) {
    Func* f = store.NewFunc();
    f->instance = inst;
    f->index = uint32_t(m.num_imported_funcs + i);
    f->type = m.types[m.functions[i].type_index].func;
    f->type_id = inst->type_ids[m.functions[i].type_index];
    f->name = FuncDebugName(m, f->index);
    inst->funcs.push_back(f);
  }
  for (const wasm::Table& t : m.tables) {
    Ref init;
    if (t.init) {
      MINICC_RESULT_TRY(Value v, EvalConst(*t.init, *inst, t.type.elem));
      init = v.ref;
    }
    Result<Table*> table = store.CreateTable(t.type, init);
    if (!table) return std::move(table).trap();
    inst->tables.push_back(*table);
  }
  for (const wasm::Memory& mem : m.memories) {
    Result<Memory*> r = store.CreateMemory(mem.type);
    if (!r) return std::move(r).trap();
    inst->memories.push_back(*r);
  }
  inst->memory0 = inst->memories.empty() ? nullptr : inst->memories[0];
  for (const wasm::Global& g : m.globals) {
    Result<Value> v = EvalConst(g.init, *inst, g.type.type);
    if (!v) return std::move(v).trap();
    inst->globals.push_back(store.CreateGlobal(g.type, *v));
  }
  for (const wasm::Export& e : m.exports) {
    Extern x;
    switch (e.kind) {
      case wasm::ExternKind::Func: x = Extern::Of(inst->funcs[e.index]); break;
      case wasm::ExternKind::Table: x = Extern::Of(inst->tables[e.index]); break;
      case wasm::ExternKind::Memory: x = Extern::Of(inst->memories[e.index]); break;
      case wasm::ExternKind::Global: x = Extern::Of(inst->globals[e.index]); break;
      case wasm::ExternKind::Tag: continue;
    }
    inst->exports.emplace(e.name, x);
  }

  // Element segments: evaluate, then apply the active ones in order.
  inst->elem_segments.resize(m.elems.size());
  for (size_t i = 0; i < m.elems.size(); ++i) {
    const wasm::ElemSegment& seg = m.elems[i];
    std::vector<Ref>& refs = inst->elem_segments[i];
    refs.reserve(seg.size());
    if (seg.uses_exprs) {
      for (const wasm::Expr& e : seg.exprs) {
        Result<Value> v = EvalConst(e, *inst, seg.elem_type);
        if (!v) return std::move(v).trap();
        refs.push_back(v->ref);
      }
    } else {
      for (uint32_t f : seg.func_indices) refs.push_back(Ref::FromFunc(inst->funcs[f]));
    }
  }
  inst->data_dropped.assign(m.datas.size(), false);
  for (size_t i = 0; i < m.elems.size(); ++i) {
    const wasm::ElemSegment& seg = m.elems[i];
    if (seg.mode == wasm::SegmentMode::Active) {
      Result<Value> off = EvalConst(seg.offset, *inst, wasm::ValType::I32());
      if (!off) return std::move(off).trap();
      Table* t = inst->tables[seg.table_index];
      uint64_t d = OffsetValue(*off);
      std::vector<Ref>& refs = inst->elem_segments[i];
      if (d > t->size() || refs.size() > t->size() - d) {
        return Trap::Make(TrapKind::OutOfBoundsTable);
      }
      std::copy(refs.begin(), refs.end(), t->elems.begin() + d);
    }
    if (seg.mode != wasm::SegmentMode::Passive) inst->elem_segments[i].clear();
  }
  for (size_t i = 0; i < m.datas.size(); ++i) {
    const wasm::DataSegment& seg = m.datas[i];
    if (seg.mode != wasm::SegmentMode::Active) continue;
    Result<Value> off = EvalConst(seg.offset, *inst, wasm::ValType::I32());
    if (!off) return std::move(off).trap();
    Memory* mem = inst->memories[seg.memory_index];
    if (!mem->Write(OffsetValue(*off), seg.bytes.data(), seg.bytes.size())) {
      return Trap::Make(TrapKind::OutOfBoundsMemory);
    }
    inst->data_dropped[i] = true;
  }

  if (m.start) {
    Result<std::vector<Value>> r = interp::Call(store, inst->funcs[*m.start], {});
    if (!r) return std::move(r).trap();
  }
  return inst;
}

Result<std::vector<Value>> Invoke(Store& store, Func* func, std::span<const Value> args) {
  if (func == nullptr) return Trap::Make(TrapKind::BadArguments, "no such function");
  return interp::Call(store, func, args);
}

}  // namespace minicc::runtime
