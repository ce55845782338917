// Binary writer: Module -> bytes (spec chapter 5), the inverse of the binary reader.
//
// Every integer is written in its minimal LEB128 form, so a module read from a canonical
// binary (as wabt's wat2wasm writes them) is written back byte for byte. Sections appear in
// the required order and only when they have content; custom sections are put back after the
// known section they followed when read (CustomSection::after_section).
#include "wasm/binary_writer.h"

#include <cstring>

#include "wasm/leb128.h"

namespace minicc::wasm {
namespace {

class Writer {
public:
  explicit Writer(std::vector<uint8_t>* out) : out_(*out) {}

  void Byte(uint8_t b) { out_.push_back(b); }
  void U32(uint64_t v) {
    uint8_t buf[10];
    out_.insert(out_.end(), buf, buf + EncodeULeb128(v, buf));
  }
  void S64(int64_t v) {
    uint8_t buf[10];
    out_.insert(out_.end(), buf, buf + EncodeSLeb128(v, buf));
  }
  void Raw(const void* p, size_t n) {
    auto* b = static_cast<const uint8_t*>(p);
    out_.insert(out_.end(), b, b + n);
  }
  void Name(const std::string& s) {
    U32(s.size());
    Raw(s.data(), s.size());
  }

  void Heap(const HeapType& h) {
    switch (h.kind) {
    case HeapKind::Func: Byte(0x70); return;
    case HeapKind::Extern: Byte(0x6F); return;
    case HeapKind::Any: Byte(0x6E); return;
    case HeapKind::Eq: Byte(0x6D); return;
    case HeapKind::I31: Byte(0x6C); return;
    case HeapKind::Struct: Byte(0x6B); return;
    case HeapKind::Array: Byte(0x6A); return;
    case HeapKind::Exn: Byte(0x69); return;
    case HeapKind::NoExn: Byte(0x74); return;
    case HeapKind::NoFunc: Byte(0x73); return;
    case HeapKind::NoExtern: Byte(0x72); return;
    case HeapKind::None: Byte(0x71); return;
    case HeapKind::Index: S64(h.index); return;
    }
  }

  // Nullable abstract references use their one-byte shorthand (funcref = 0x70).
  void Val(const ValType& t) {
    switch (t.kind) {
    case ValKind::I32: Byte(0x7F); return;
    case ValKind::I64: Byte(0x7E); return;
    case ValKind::F32: Byte(0x7D); return;
    case ValKind::F64: Byte(0x7C); return;
    case ValKind::V128: Byte(0x7B); return;
    case ValKind::Ref:
      if (t.nullable && t.heap.kind != HeapKind::Index) {
        Heap(t.heap);
      } else {
        Byte(t.nullable ? 0x63 : 0x64);
        Heap(t.heap);
      }
      return;
    }
  }

  void Vals(const std::vector<ValType>& ts) {
    U32(ts.size());
    for (const ValType& t : ts)
      Val(t);
  }

  void Field(const FieldType& f) {
    if (f.packed == Packed::I8)
      Byte(0x78);
    else if (f.packed == Packed::I16)
      Byte(0x77);
    else
      Val(f.type);
    Byte(f.mutable_ ? 1 : 0);
  }

  void Sub(const SubType& st) {
    if (st.explicit_sub || !st.final || !st.supertypes.empty()) {
      Byte(st.final ? 0x4F : 0x50);
      U32(st.supertypes.size());
      for (uint32_t s : st.supertypes)
        U32(s);
    }
    switch (st.kind) {
    case CompositeKind::Func:
      Byte(0x60);
      Vals(st.func.params);
      Vals(st.func.results);
      break;
    case CompositeKind::Struct:
      Byte(0x5F);
      U32(st.fields.size());
      for (const FieldType& f : st.fields)
        Field(f);
      break;
    case CompositeKind::Array:
      Byte(0x5E);
      if (st.fields.empty())
        Field(FieldType{});
      else
        Field(st.fields[0]);
      break;
    }
  }

  void Lim(const Limits& l) {
    uint8_t flags =
        (l.max ? 1 : 0) | (l.shared ? 2 : 0) | (l.is64 ? 4 : 0) | (l.page_size_log2 ? 8 : 0);
    Byte(flags);
    U32(l.min);
    if (l.max)
      U32(*l.max);
    if (l.page_size_log2)
      U32(*l.page_size_log2);
  }

  void Table(const TableType& t) {
    Val(t.elem);
    Lim(t.limits);
  }
  void Global(const GlobalType& g) {
    Val(g.type);
    Byte(g.mutable_ ? 1 : 0);
  }
  void Tag(const TagType& t) {
    Byte(t.attribute);
    U32(t.type_index);
  }

  void Block(const Expr& e, uint32_t index) {
    const BlockType& bt = e.block_types[index];
    switch (bt.kind) {
    case BlockType::Kind::Empty: Byte(0x40); break;
    case BlockType::Kind::Value: Val(bt.value); break;
    case BlockType::Kind::Index: S64(bt.index); break;
    }
  }

  void MemArg(const Instr& in) {
    if (in.b != 0) {
      U32(in.a | 0x40);
      U32(in.b);
    } else {
      U32(in.a);
    }
    U32(in.c);
  }

  void Instruction(const Expr& e, const Instr& in) {
    uint8_t op[6];
    Raw(op, EncodeOpcode(in.op, op));
    switch (Info(in.op).imm) {
    case ImmKind::None: break;
    case ImmKind::BlockType: Block(e, in.a); break;
    case ImmKind::BrTable:
      U32(in.b - 1);
      for (uint32_t i = 0; i < in.b; ++i)
        U32(e.u32s[in.a + i]);
      break;
    case ImmKind::Label:
    case ImmKind::Func:
    case ImmKind::Type:
    case ImmKind::Local:
    case ImmKind::Global:
    case ImmKind::Table:
    case ImmKind::Memory:
    case ImmKind::Data:
    case ImmKind::Elem:
    case ImmKind::Tag: U32(in.a); break;
    case ImmKind::CallIndirect:
    case ImmKind::MemoryInit:
    case ImmKind::MemoryCopy:
    case ImmKind::TableInit:
    case ImmKind::TableCopy:
    case ImmKind::TypeField:
    case ImmKind::TypeType:
    case ImmKind::TypeU32:
    case ImmKind::TypeData:
    case ImmKind::TypeElem:
      U32(in.a);
      U32(in.b);
      break;
    case ImmKind::MemArg: MemArg(in); break;
    case ImmKind::MemArgLane:
      MemArg(in);
      Byte(in.lane);
      break;
    case ImmKind::I32: S64(int32_t(uint32_t(in.c))); break;
    case ImmKind::I64: S64(int64_t(in.c)); break;
    case ImmKind::F32: {
      uint32_t bits = uint32_t(in.c);
      Raw(&bits, 4); // little-endian host
      break;
    }
    case ImmKind::F64: Raw(&in.c, 8); break;
    case ImmKind::V128:
    case ImmKind::Shuffle: Raw(e.v128s[in.a].data(), 16); break;
    case ImmKind::Lane: Byte(in.lane); break;
    case ImmKind::SelectT:
      U32(in.b);
      for (uint32_t i = 0; i < in.b; ++i)
        Val(e.val_types[in.a + i]);
      break;
    case ImmKind::HeapType: Heap(e.heap_types[in.a]); break;
    case ImmKind::TryTable:
      Block(e, in.a);
      U32(in.c);
      for (uint64_t i = 0; i < in.c; ++i) {
        const Catch& c = e.catches[in.b + i];
        Byte(uint8_t(c.kind));
        if (c.kind == Catch::Kind::Catch || c.kind == Catch::Kind::CatchRef)
          U32(c.tag);
        U32(c.label);
      }
      break;
    case ImmKind::BrOnCast:
      Byte(in.lane);
      U32(in.a);
      Heap(e.heap_types[in.b]);
      Heap(e.heap_types[in.b + 1]);
      break;
    case ImmKind::Fence: Byte(0); break;
    }
  }

  void Code(const Expr& e) {
    for (const Instr& in : e.instrs)
      Instruction(e, in);
  }

  // A function body whose branch hints are given: appends each hinted instruction's offset
  // (from the start of out) to `offsets`.
  void Code(const Expr& e, const std::vector<BranchHint>& hints, std::vector<uint32_t>* offsets) {
    size_t h = 0;
    for (uint32_t i = 0; i < e.instrs.size(); ++i) {
      if (h < hints.size() && hints[h].instr == i) {
        offsets->push_back(uint32_t(out_.size()));
        ++h;
      }
      Instruction(e, e.instrs[i]);
    }
  }

private:
  std::vector<uint8_t>& out_;
};

// The binary form (0..7) of an element segment: the recorded one when it still describes the
// segment, else the shortest that does.
uint8_t ElemFlags(const ElemSegment& e) {
  bool default_table = e.table_index == 0 && e.elem_type == ValType::FuncRef();
  uint8_t exprs = e.uses_exprs ? 4 : 0;
  switch (e.mode) {
  case SegmentMode::Active:
    if ((e.flags == (0 | exprs) && default_table) || e.flags == (2 | exprs))
      return e.flags;
    return (default_table ? 0 : 2) | exprs;
  case SegmentMode::Passive: return 1 | exprs;
  case SegmentMode::Declarative: return 3 | exprs;
  }
  return 0;
}

uint8_t DataFlags(const DataSegment& d) {
  if (d.mode == SegmentMode::Passive)
    return 1;
  if (d.flags == 2 || d.memory_index != 0)
    return 2;
  return 0;
}

class ModuleWriter {
public:
  explicit ModuleWriter(const Module& m) : m_(m) {}

  std::vector<uint8_t> Run() {
    static constexpr uint8_t kHeader[8] = {0x00, 0x61, 0x73, 0x6D, 0x01, 0x00, 0x00, 0x00};
    out_.assign(kHeader, kHeader + 8);
    Customs(0);
    // The required order: tag (13) after memory, data count (12) before code.
    static constexpr uint8_t kOrder[] = {1, 2, 3, 4, 5, 13, 6, 7, 8, 9, 12, 10, 11};
    for (uint8_t id : kOrder) {
      if (id == 10)
        BranchHints();
      Section(id);
      Customs(id);
    }
    return std::move(out_);
  }

private:
  void Customs(uint8_t after) {
    for (const CustomSection& c : m_.customs) {
      if (c.after_section != after)
        continue;
      std::vector<uint8_t> payload;
      Writer w(&payload);
      w.Name(c.name);
      w.Raw(c.bytes.data(), c.bytes.size());
      Emit(0, payload);
    }
  }

  // The `metadata.code.branch_hint` section, right before the code section: per hinted function
  // (function index) the hints (offset in the body, after its size; 1; the hint byte).
  void BranchHints() {
    std::vector<uint8_t> payload, funcs;
    Writer w(&funcs);
    uint32_t count = 0;
    for (uint32_t i = 0; i < m_.functions.size(); ++i) {
      const Function& f = m_.functions[i];
      if (f.branch_hints.empty())
        continue;
      std::vector<uint8_t> body;
      std::vector<uint32_t> offsets;
      Body(f, &body, &offsets);
      ++count;
      w.U32(m_.num_imported_funcs + i);
      w.U32(f.branch_hints.size());
      for (size_t k = 0; k < offsets.size(); ++k) {
        w.U32(offsets[k]);
        w.U32(1);
        w.Byte(f.branch_hints[k].value);
      }
    }
    if (count == 0)
      return;
    Writer p(&payload);
    p.Name("metadata.code.branch_hint");
    p.U32(count);
    p.Raw(funcs.data(), funcs.size());
    Emit(0, payload);
  }

  // A function body (locals and code, without its size); the hinted instructions' offsets.
  static void Body(const Function& f, std::vector<uint8_t>* body, std::vector<uint32_t>* offsets) {
    Writer b(body);
    b.U32(f.locals.size());
    for (const LocalGroup& g : f.locals) {
      b.U32(g.count);
      b.Val(g.type);
    }
    if (offsets)
      b.Code(f.body, f.branch_hints, offsets);
    else
      b.Code(f.body);
  }

  void Emit(uint8_t id, const std::vector<uint8_t>& payload) {
    Writer w(&out_);
    w.Byte(id);
    w.U32(payload.size());
    w.Raw(payload.data(), payload.size());
  }

  void Section(uint8_t id) {
    std::vector<uint8_t> p;
    Writer w(&p);
    switch (id) {
    case 1: {
      if (m_.types.empty())
        return;
      std::vector<std::pair<uint32_t, uint32_t>> groups = m_.rec_groups;
      if (groups.empty())
        for (uint32_t i = 0; i < m_.types.size(); ++i)
          groups.emplace_back(i, 1);
      w.U32(groups.size());
      for (auto [first, count] : groups) {
        if (count != 1) {
          w.Byte(0x4E);
          w.U32(count);
        }
        for (uint32_t i = first; i < first + count; ++i)
          w.Sub(m_.types[i]);
      }
      break;
    }
    case 2:
      if (m_.imports.empty())
        return;
      w.U32(m_.imports.size());
      for (const Import& imp : m_.imports) {
        w.Name(imp.module);
        w.Name(imp.name);
        w.Byte(uint8_t(imp.kind));
        switch (imp.kind) {
        case ExternKind::Func: w.U32(imp.func_type); break;
        case ExternKind::Table: w.Table(imp.table); break;
        case ExternKind::Memory: w.Lim(imp.memory.limits); break;
        case ExternKind::Global: w.Global(imp.global); break;
        case ExternKind::Tag: w.Tag(imp.tag); break;
        }
      }
      break;
    case 3:
      if (m_.functions.empty())
        return;
      w.U32(m_.functions.size());
      for (const Function& f : m_.functions)
        w.U32(f.type_index);
      break;
    case 4:
      if (m_.tables.empty())
        return;
      w.U32(m_.tables.size());
      for (const Table& t : m_.tables) {
        if (t.init) {
          w.Byte(0x40);
          w.Byte(0x00);
          w.Table(t.type);
          w.Code(*t.init);
        } else {
          w.Table(t.type);
        }
      }
      break;
    case 5:
      if (m_.memories.empty())
        return;
      w.U32(m_.memories.size());
      for (const Memory& mem : m_.memories)
        w.Lim(mem.type.limits);
      break;
    case 13:
      if (m_.tags.empty())
        return;
      w.U32(m_.tags.size());
      for (const Tag& t : m_.tags)
        w.Tag(t.type);
      break;
    case 6:
      if (m_.globals.empty())
        return;
      w.U32(m_.globals.size());
      for (const Global& g : m_.globals) {
        w.Global(g.type);
        w.Code(g.init);
      }
      break;
    case 7:
      if (m_.exports.empty())
        return;
      w.U32(m_.exports.size());
      for (const Export& e : m_.exports) {
        w.Name(e.name);
        w.Byte(uint8_t(e.kind));
        w.U32(e.index);
      }
      break;
    case 8:
      if (!m_.start)
        return;
      w.U32(*m_.start);
      break;
    case 9:
      if (m_.elems.empty())
        return;
      w.U32(m_.elems.size());
      for (const ElemSegment& e : m_.elems)
        Elem(w, e);
      break;
    case 12:
      if (!m_.data_count)
        return;
      w.U32(*m_.data_count);
      break;
    case 10:
      if (m_.functions.empty())
        return;
      w.U32(m_.functions.size());
      for (const Function& f : m_.functions) {
        std::vector<uint8_t> body;
        Body(f, &body, nullptr);
        w.U32(body.size());
        w.Raw(body.data(), body.size());
      }
      break;
    case 11:
      if (m_.datas.empty())
        return;
      w.U32(m_.datas.size());
      for (const DataSegment& d : m_.datas) {
        uint8_t flags = DataFlags(d);
        w.U32(flags);
        if (flags == 2)
          w.U32(d.memory_index);
        if (flags != 1)
          w.Code(d.offset);
        w.U32(d.bytes.size());
        w.Raw(d.bytes.data(), d.bytes.size());
      }
      break;
    default: return;
    }
    Emit(id, p);
  }

  static void Elem(Writer& w, const ElemSegment& e) {
    uint8_t flags = ElemFlags(e);
    w.U32(flags);
    if ((flags & 3) == 2)
      w.U32(e.table_index);
    if (!(flags & 1))
      w.Code(e.offset);
    if (flags & 3) {
      if (e.uses_exprs)
        w.Val(e.elem_type);
      else
        w.Byte(0x00); // elemkind funcref
    }
    w.U32(e.size());
    if (e.uses_exprs) {
      for (const Expr& x : e.exprs)
        w.Code(x);
    } else {
      for (uint32_t f : e.func_indices)
        w.U32(f);
    }
  }

  const Module& m_;
  std::vector<uint8_t> out_;
};

} // namespace

std::vector<uint8_t> WriteModule(const Module& module) {
  return ModuleWriter(module).Run();
}

} // namespace minicc::wasm
