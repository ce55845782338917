// Instructions the interpreter runs out of line: memory.size/grow, bulk memory, table access
// and element/data segment instructions. They are rare in hot loops, so they read their Wasm
// instruction and operate on operands in canonical stack slots instead of having handlers.
// Also the `--trace` printer.
#include <fmt/core.h>

#include <cstring>

#include "runtime/interp/interpreter.h"

namespace minicc::runtime::interp {

namespace {

uint64_t Addr(const Slot& s, bool is64) { return is64 ? s.u64 : s.u32; }
void PutAddr(Slot& s, uint64_t v, bool is64) {
  if (is64) s.u64 = v;
  else s.u64 = uint32_t(v);
}
// [off, off+n) within [0, size)?
bool Fits(uint64_t off, uint64_t n, uint64_t size) { return off <= size && n <= size - off; }

}  // namespace

std::optional<TrapKind> ExecSlow(Store& store, Func* func, uint32_t instr_index, Slot* base) {
  Instance* inst = func->instance;
  const wasm::Module& m = *inst->module;
  const wasm::Expr& body = m.functions[func->index - m.num_imported_funcs].body;
  const wasm::Instr& in = body.instrs[instr_index];
  switch (in.op) {
    case wasm::Opcode::MemorySize: {
      Memory* mem = inst->memories[in.a];
      PutAddr(base[0], mem->pages(), mem->type.limits.is64);
      return std::nullopt;
    }
    case wasm::Opcode::MemoryGrow: {
      Memory* mem = inst->memories[in.a];
      bool is64 = mem->type.limits.is64;
      std::optional<uint64_t> old = mem->Grow(Addr(base[0], is64));
      PutAddr(base[0], old ? *old : ~uint64_t{0}, is64);
      return std::nullopt;
    }
    case wasm::Opcode::MemoryFill: {
      Memory* mem = inst->memories[in.a];
      bool is64 = mem->type.limits.is64;
      uint64_t d = Addr(base[0], is64), n = Addr(base[2], is64);
      if (!Fits(d, n, mem->size)) return TrapKind::OutOfBoundsMemory;
      std::memset(mem->data + d, int(base[1].u32 & 0xFF), n);
      return std::nullopt;
    }
    case wasm::Opcode::MemoryCopy: {
      Memory* dst = inst->memories[in.a];
      Memory* src = inst->memories[in.b];
      bool d64 = dst->type.limits.is64, s64 = src->type.limits.is64;
      uint64_t d = Addr(base[0], d64), s = Addr(base[1], s64);
      uint64_t n = Addr(base[2], d64 && s64);
      if (!Fits(d, n, dst->size) || !Fits(s, n, src->size)) return TrapKind::OutOfBoundsMemory;
      std::memmove(dst->data + d, src->data + s, n);
      return std::nullopt;
    }
    case wasm::Opcode::MemoryInit: {
      Memory* mem = inst->memories[in.b];
      std::span<const uint8_t> data = inst->DataBytes(in.a);
      uint64_t d = Addr(base[0], mem->type.limits.is64);
      uint64_t s = base[1].u32, n = base[2].u32;
      if (!Fits(d, n, mem->size) || !Fits(s, n, data.size())) return TrapKind::OutOfBoundsMemory;
      if (n != 0) std::memcpy(mem->data + d, data.data() + s, n);
      return std::nullopt;
    }
    case wasm::Opcode::DataDrop:
      inst->data_dropped[in.a] = true;
      return std::nullopt;
    case wasm::Opcode::TableSize: {
      Table* t = inst->tables[in.a];
      PutAddr(base[0], t->size(), t->type.limits.is64);
      return std::nullopt;
    }
    case wasm::Opcode::TableGet: {
      Table* t = inst->tables[in.a];
      uint64_t i = Addr(base[0], t->type.limits.is64);
      if (i >= t->size()) return TrapKind::OutOfBoundsTable;
      base[0].u64 = t->elems[i].bits;
      return std::nullopt;
    }
    case wasm::Opcode::TableSet: {
      Table* t = inst->tables[in.a];
      uint64_t i = Addr(base[0], t->type.limits.is64);
      if (i >= t->size()) return TrapKind::OutOfBoundsTable;
      t->elems[i] = Ref{base[1].u64};
      return std::nullopt;
    }
    case wasm::Opcode::TableGrow: {
      Table* t = inst->tables[in.a];
      bool is64 = t->type.limits.is64;
      std::optional<uint64_t> old = t->Grow(Addr(base[1], is64), Ref{base[0].u64});
      PutAddr(base[0], old ? *old : ~uint64_t{0}, is64);
      return std::nullopt;
    }
    case wasm::Opcode::TableFill: {
      Table* t = inst->tables[in.a];
      bool is64 = t->type.limits.is64;
      uint64_t i = Addr(base[0], is64), n = Addr(base[2], is64);
      if (!Fits(i, n, t->size())) return TrapKind::OutOfBoundsTable;
      std::fill_n(t->elems.begin() + i, n, Ref{base[1].u64});
      return std::nullopt;
    }
    case wasm::Opcode::TableCopy: {
      Table* dst = inst->tables[in.a];
      Table* src = inst->tables[in.b];
      bool d64 = dst->type.limits.is64, s64 = src->type.limits.is64;
      uint64_t d = Addr(base[0], d64), s = Addr(base[1], s64);
      uint64_t n = Addr(base[2], d64 && s64);
      if (!Fits(d, n, dst->size()) || !Fits(s, n, src->size())) return TrapKind::OutOfBoundsTable;
      std::memmove(dst->elems.data() + d, src->elems.data() + s, n * sizeof(Ref));
      return std::nullopt;
    }
    case wasm::Opcode::TableInit: {
      Table* t = inst->tables[in.b];
      const std::vector<Ref>& seg = inst->elem_segments[in.a];
      uint64_t d = Addr(base[0], t->type.limits.is64);
      uint64_t s = base[1].u32, n = base[2].u32;
      if (!Fits(d, n, t->size()) || !Fits(s, n, seg.size())) return TrapKind::OutOfBoundsTable;
      std::copy_n(seg.begin() + s, n, t->elems.begin() + d);
      return std::nullopt;
    }
    case wasm::Opcode::ElemDrop:
      inst->elem_segments[in.a].clear();
      inst->elem_segments[in.a].shrink_to_fit();
      return std::nullopt;
    default:
      return TrapKind::Unreachable;
  }
  (void)store;
}

void TraceInstr(Store& store, Func* func, uint32_t instr_index) {
  const wasm::Module& m = *func->instance->module;
  const wasm::Function& fn = m.functions[func->index - m.num_imported_funcs];
  const wasm::Instr& in = fn.body.instrs[instr_index];
  uint32_t off = in.offset >= fn.body_offset ? in.offset - fn.body_offset : in.offset;
  std::string text(wasm::Name(in.op));
  const wasm::OpcodeInfo& info = wasm::Info(in.op);
  switch (info.imm) {
    case wasm::ImmKind::Label: case wasm::ImmKind::Func: case wasm::ImmKind::Local:
    case wasm::ImmKind::Global: case wasm::ImmKind::Table: case wasm::ImmKind::Type:
    case wasm::ImmKind::Data: case wasm::ImmKind::Elem:
      text += fmt::format(" {}", in.a);
      break;
    case wasm::ImmKind::I32: text += fmt::format(" {}", int32_t(in.c)); break;
    case wasm::ImmKind::I64: text += fmt::format(" {}", int64_t(in.c)); break;
    case wasm::ImmKind::F32: text += fmt::format(" 0x{:08x}", uint32_t(in.c)); break;
    case wasm::ImmKind::F64: text += fmt::format(" 0x{:016x}", in.c); break;
    case wasm::ImmKind::MemArg:
      if (in.c != 0) text += fmt::format(" offset={}", in.c);
      break;
    case wasm::ImmKind::CallIndirect: text += fmt::format(" (type {})", in.a); break;
    default: break;
  }
  std::FILE* out = store.options().trace_out ? store.options().trace_out : stdout;
  fmt::print(out, "func[{}]+0x{:x} {}\n", func->index, off, text);
}

}  // namespace minicc::runtime::interp
