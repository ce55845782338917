// Translation of a validated function body into the interpreter's register form (code.h),
// done once, on the function's first call.
//
// The translator walks the body keeping a virtual operand stack. An entry is a temporary in its
// canonical slot (num_locals + stack position), or still a local or a constant that no code has
// copied yet: `local.get` and `*.const` emit nothing, and the instruction that consumes them
// reads the local's slot or takes the constant as an immediate. Entries are copied to their
// canonical slots ("materialized") only where the stack must have its canonical layout: block
// boundaries, branches, calls, and before a `local.set` overwrites a local still referenced
// lazily. Peepholes: an instruction whose result goes straight into `local.set` writes the
// local directly, and an i32 comparison followed by `br_if` / `if` becomes one
// compare-and-branch instruction. Unreachable code is skipped.
#include <algorithm>
#include <cstdlib>
#include <array>

#include <fmt/core.h>

#include "runtime/interp/interpreter.h"

namespace minicc::runtime::interp {

namespace {

using wasm::Opcode;

enum class Kind : uint8_t { None, Un, Bin, IBin, Cmp, Load, Store };

// The handlers of one Wasm operation. Loads and stores reuse the fields: rr = checked,
// ri = guarded, br_if = generic (_X); loads also br_if_ri = checked+add (_A),
// br_unless = guarded+add (_GA).
struct OpMap {
  Kind kind = Kind::None;
  IOp rr{}, ri{}, br_if{}, br_if_ri{}, br_unless{}, br_unless_ri{};
  // Binary operations: the fused form whose b operand is `load_op` from guarded memory 0.
  IOp with_load{};
  Opcode load_op = Opcode::Nop;
  // ... and the form that stores the result back with `store_op` to the loaded address.
  IOp with_load_store{};
  Opcode store_op = Opcode::Nop;
  // Float binary operations with a constant b; loads and stores at a constant address.
  IOp konst{};
  // Stores of a constant value into guarded memory 0.
  IOp store_imm{};
  // i32 comparisons with an immediate, fused with a preceding `i32.add` of an immediate.
  IOp add_br_if{}, add_br_unless{};
};

const std::array<OpMap, wasm::kOpcodeCount>& Map() {
  static const auto map = [] {
    std::array<OpMap, wasm::kOpcodeCount> m{};
#define IOP_UN(Name, in, out, expr) m[size_t(Opcode::Name)] = {Kind::Un, IOp::Name};
#define IOP_UNT(Name, in, out, expr) m[size_t(Opcode::Name)] = {Kind::Un, IOp::Name};
#define IOP_BIN(Name, in, out, expr) m[size_t(Opcode::Name)] = {Kind::Bin, IOp::Name};
#define IOP_FBIN(Name, in, out, expr) \
  m[size_t(Opcode::Name)] = {Kind::Bin, IOp::Name}; \
  m[size_t(Opcode::Name)].konst = IOp::Name##_K;
#define IOP_IBIN(Name, in, out, expr) \
  m[size_t(Opcode::Name)] = {Kind::IBin, IOp::Name, IOp::Name##_RI};
#define IOP_IBINT(Name, in, out, expr) \
  m[size_t(Opcode::Name)] = {Kind::IBin, IOp::Name, IOp::Name##_RI};
#define IOP_CMP(Name, in, expr)                                                      \
  m[size_t(Opcode::Name)] = {Kind::Cmp,           IOp::Name,                         \
                             IOp::Name##_RI,      IOp::Name##_BrIf,                  \
                             IOp::Name##_BrIf_RI, IOp::Name##_BrUnless,              \
                             IOp::Name##_BrUnless_RI};                               \
  m[size_t(Opcode::Name)].add_br_if = IOp::Name##_AddBrIf_RI;                        \
  m[size_t(Opcode::Name)].add_br_unless = IOp::Name##_AddBrUnless_RI;
#include "runtime/interp/iops.def"
#define IOP_LOAD(Name, field, MemT) \
  m[size_t(Opcode::Name)] = {Kind::Load,     IOp::Name,     IOp::Name##_G, \
                             IOp::Name##_X, IOp::Name##_A, IOp::Name##_GA}; \
  m[size_t(Opcode::Name)].konst = IOp::Name##_K;
#define IOP_STORE(Name, field, MemT) \
  m[size_t(Opcode::Name)] = {Kind::Store, IOp::Name, IOp::Name##_G, IOp::Name##_X}; \
  m[size_t(Opcode::Name)].konst = IOp::Name##_K;                                    \
  m[size_t(Opcode::Name)].store_imm = IOp::Name##_GI;
#include "runtime/interp/memops.def"
#define IOP_LOAD_BIN(Bin, Load, Store, MemT)              \
  m[size_t(Opcode::Bin)].with_load = IOp::Bin##_M;        \
  m[size_t(Opcode::Bin)].with_load_store = IOp::Bin##_MS; \
  m[size_t(Opcode::Bin)].load_op = Opcode::Load;          \
  m[size_t(Opcode::Bin)].store_op = Opcode::Store;
#include "runtime/interp/memops.def"
    return m;
  }();
  return map;
}

constexpr uint32_t kNone = ~0u;
constexpr uint64_t kMaxLocals = 1 << 20;

class Translator {
 public:
  Translator(Store& store, Func* func)
      : store_(store), func_(func), inst_(func->instance), m_(*inst_->module),
        fn_(m_.functions[func->index - m_.num_imported_funcs]), body_(fn_.body),
        handlers_(HandlerTable()), trace_(store.options().trace) {}

  std::optional<Trap> Run(FuncCode& out);

 private:
  struct Opd {
    enum Kind : uint8_t { Temp, Local, Const } kind = Temp;
    uint32_t local = 0;
    uint64_t bits = 0;
  };
  struct Fixup {
    uint32_t instr, field;
  };
  struct Ctrl {
    Ctrl(Opcode o, uint32_t h, uint32_t np, uint32_t nr) : op(o), height(h), nparams(np), nresults(nr) {}
    Opcode op;
    uint32_t height;  // stack height below the block's parameters
    uint32_t nparams, nresults;
    uint32_t loop_pos = 0;
    std::vector<Fixup> fixups;  // forward branches to the end
    Fixup else_fixup{kNone, kNone};
  };

  // --- emission
  uint32_t Emit(IOp op) {
    uint32_t pos = uint32_t(code_->size());
    uintptr_t h = reinterpret_cast<uintptr_t>(handlers_[size_t(op)]);
    code_->push_back(Word(h));
    code_->push_back(Word(h >> 32));
    out_->offsets.push_back({pos, cur_offset_});
    result_field_ = kNone;
    cmp_.op = kNone;
    prev_add_ = add_.instr;
    add_.instr = kNone;
    load_.instr = kNone;
    copy_instr_ = kNone;
    binm_.instr = kNone;
    return pos;
  }
  void W(uint32_t w) { code_->push_back(w); }
  void W64(uint64_t v) {
    W(Word(v));
    W(Word(v >> 32));
  }
  void Ptr(const void* p) { W64(reinterpret_cast<uintptr_t>(p)); }
  uint32_t Here() {
    result_field_ = kNone;
    cmp_.op = kNone;
    add_.instr = kNone;
    prev_add_ = kNone;
    load_.instr = kNone;
    copy_instr_ = kNone;
    binm_.instr = kNone;
    return uint32_t(code_->size());
  }
  void Patch(Fixup f, uint32_t target) { (*code_)[f.field] = Word(int32_t(target - f.instr)); }
  void Bind(std::vector<Fixup>& fixups) {
    uint32_t here = Here();
    for (Fixup f : fixups) Patch(f, here);
    fixups.clear();
  }

  // --- the virtual stack
  uint32_t TempSlot(size_t pos) const { return nlocals_ + uint32_t(pos); }
  void Push(Opd o) {
    vs_.push_back(o);
    max_height_ = std::max<uint32_t>(max_height_, uint32_t(vs_.size()));
  }
  void PushTemp() { Push(Opd{}); }
  void EmitConstTo(uint32_t dst, uint64_t bits) {
    Emit(IOp::Const64);
    W(dst);
    W64(bits);
  }
  void EmitCopy(uint32_t dst, uint32_t src) {
    if (dst == src) return;
    if (copy_instr_ != kNone) {
      // The last instruction is a Copy: make it a Copy2 (the copies stay in order).
      uintptr_t h = reinterpret_cast<uintptr_t>(handlers_[size_t(IOp::Copy2)]);
      (*code_)[copy_instr_] = Word(h);
      (*code_)[copy_instr_ + 1] = Word(h >> 32);
      W(dst);
      W(src);
      copy_instr_ = kNone;
      return;
    }
    uint32_t pos = Emit(IOp::Copy);
    W(dst);
    W(src);
    copy_instr_ = pos;
  }
  void Materialize(size_t pos) {
    Opd& o = vs_[pos];
    if (o.kind == Opd::Local) {
      EmitCopy(TempSlot(pos), o.local);
    } else if (o.kind == Opd::Const) {
      EmitConstTo(TempSlot(pos), o.bits);
    }
    o = Opd{};
  }
  void MaterializeTop(size_t n) {
    for (size_t i = vs_.size() - n; i < vs_.size(); ++i) Materialize(i);
  }
  void MaterializeAll() { MaterializeTop(vs_.size()); }
  uint32_t SlotOf(size_t pos) {
    Opd& o = vs_[pos];
    if (o.kind == Opd::Const) Materialize(pos);
    return o.kind == Opd::Local ? o.local : TempSlot(pos);
  }
  uint32_t TopSlot() { return SlotOf(vs_.size() - 1); }
  void Pop(size_t n = 1) { vs_.resize(vs_.size() - n); }
  // Pushes the result of the instruction just emitted, whose dst operand is at `field`.
  void PushResult(uint32_t field) {
    PushTemp();
    result_field_ = field;
    result_pos_ = vs_.size() - 1;
  }

  // --- control
  uint32_t LabelArity(const Ctrl& c) const { return c.op == Opcode::Loop ? c.nparams : c.nresults; }
  void BlockArity(const wasm::BlockType& bt, uint32_t* np, uint32_t* nr) const {
    switch (bt.kind) {
      case wasm::BlockType::Kind::Empty: *np = *nr = 0; break;
      case wasm::BlockType::Kind::Value: *np = 0; *nr = 1; break;
      case wasm::BlockType::Kind::Index:
        *np = uint32_t(m_.types[bt.index].func.params.size());
        *nr = uint32_t(m_.types[bt.index].func.results.size());
        break;
    }
  }
  // Copies the top `arity` entries to the label's slots (without popping them).
  void EmitBranchCopies(const Ctrl& c) {
    uint32_t n = LabelArity(c);
    size_t first = vs_.size() - n;
    for (uint32_t i = 0; i < n; ++i) {
      const Opd& o = vs_[first + i];
      uint32_t dst = TempSlot(c.height + i);
      if (o.kind == Opd::Const) EmitConstTo(dst, o.bits);
      else EmitCopy(dst, o.kind == Opd::Local ? o.local : TempSlot(first + i));
    }
  }
  bool BranchNeedsCopies(const Ctrl& c) const {
    uint32_t n = LabelArity(c);
    size_t first = vs_.size() - n;
    for (uint32_t i = 0; i < n; ++i) {
      if (vs_[first + i].kind != Opd::Temp || first + i != c.height + i) return true;
    }
    return false;
  }
  // A jump (Br, or the displacement of a conditional branch at `field`) to label `depth`.
  void LinkTo(uint32_t depth, uint32_t instr, uint32_t field) {
    Ctrl& c = ctrl_[ctrl_.size() - 1 - depth];
    if (c.op == Opcode::Loop) {
      Patch({instr, field}, c.loop_pos);
    } else {
      c.fixups.push_back({instr, field});
    }
  }
  void EmitReturn() {
    uint32_t n = uint32_t(func_->type.results.size());
    if (n > 1) MaterializeTop(n);  // parallel move: results may come from locals 0..n-1
    size_t first = vs_.size() - n;
    for (uint32_t i = 0; i < n; ++i) {
      const Opd& o = vs_[first + i];
      if (o.kind == Opd::Const) EmitConstTo(i, o.bits);
      else EmitCopy(i, o.kind == Opd::Local ? o.local : TempSlot(first + i));
    }
    Emit(IOp::Return);
  }
  // Unconditional branch to label `depth` (a return for the function's label).
  void EmitBranch(uint32_t depth) {
    if (depth == ctrl_.size() - 1) {
      EmitReturn();
      return;
    }
    Ctrl& c = ctrl_[ctrl_.size() - 1 - depth];
    EmitBranchCopies(c);
    uint32_t pos = Emit(IOp::Br);
    W(0);
    LinkTo(depth, pos, pos + 2);
  }
  // Emits a conditional jump on the condition on top of the stack (popped): taken when the
  // condition is non-zero (`when_true`) or zero. Fuses a preceding i32 comparison. Returns the
  // fixup of the jump's displacement.
  Fixup EmitCondJump(bool when_true, bool materialize_rest);

  std::optional<Trap> Unsupported(const wasm::Instr& in) {
    return Trap::Make(TrapKind::Resource,
                      "unsupported instruction in the interpreter: " + std::string(wasm::Name(in.op)));
  }
  std::optional<Trap> Translate(uint32_t index, const wasm::Instr& in);
  // Structural checks (operand counts, index ranges) that keep the translator memory-safe even
  // on a module that did not go through the validator. Types are the validator's business.
  std::optional<Trap> Check(const wasm::Instr& in);
  size_t Avail() const { return vs_.size() - ctrl_.back().height; }
  void EmitSlow(uint32_t index, uint32_t npop, uint32_t npush) {
    MaterializeTop(npop);
    uint32_t base = uint32_t(vs_.size() - npop);
    Emit(IOp::Slow);
    W(index);
    W(TempSlot(base));
    Pop(npop);
    for (uint32_t i = 0; i < npush; ++i) PushTemp();
  }
  void EmitCall(Func* callee) {
    uint32_t np = uint32_t(callee->type.params.size());
    MaterializeTop(np);
    uint32_t base = uint32_t(vs_.size() - np);
    uint32_t pos = Emit(IOp::Call);
    (void)pos;
    Ptr(callee);
    W(TempSlot(base));
    Pop(np);
    for (size_t i = 0; i < callee->type.results.size(); ++i) PushTemp();
  }

  Store& store_;
  Func* func_;
  Instance* inst_;
  const wasm::Module& m_;
  const wasm::Function& fn_;
  const wasm::Expr& body_;
  void* const* handlers_;
  bool trace_;

  FuncCode* out_ = nullptr;
  std::vector<Word>* code_ = nullptr;
  uint32_t nlocals_ = 0;
  uint32_t max_height_ = 0;
  uint32_t cur_offset_ = 0;
  std::vector<Opd> vs_;
  std::vector<Ctrl> ctrl_;
  bool dead_ = false;
  uint32_t dead_depth_ = 0;
  // Peephole state: valid only right after the instruction that set it.
  uint32_t result_field_ = kNone;  // dst operand of the last instruction
  size_t result_pos_ = 0;          // ... and the stack position of its result
  struct {
    uint32_t op = kNone;  // index into Map() of the last i32 comparison
    bool ri = false;
    uint32_t a = 0, b = 0, instr = 0;
    uint32_t prev_add = kNone;  // the instruction before it, if it was i32.add with an immediate
  } cmp_;
  uint32_t prev_add_ = kNone;  // set by Emit: the instruction before the one just emitted, if
                               // it was i32.add with an immediate
  struct {
    uint32_t instr = kNone;  // the last instruction, if it was a load from guarded memory 0
    Opcode op = Opcode::Nop;
    uint32_t addr = 0, offset = 0;
  } load_;
  uint32_t copy_instr_ = kNone;  // the last instruction, if it was a Copy
  struct {
    uint32_t instr = kNone;  // the last instruction, if it was a fused load+operation (_M)
    Opcode op = Opcode::Nop;
    uint32_t a = 0, addr = 0, offset = 0;
  } binm_;
  struct {
    uint32_t instr = kNone;  // the last instruction, if it was i32.add with an immediate
    uint32_t base = 0, imm = 0;
  } add_;
};

Translator::Fixup Translator::EmitCondJump(bool when_true, bool materialize_rest) {
  // The condition is the result of the comparison (or i32.eqz) just emitted: fuse.
  if (cmp_.op != kNone && vs_.size() - 1 == result_pos_ && vs_.back().kind == Opd::Temp) {
    auto c = cmp_;
    code_->resize(c.instr);
    out_->offsets.pop_back();
    Pop();
    // The comparison's operands live in locals or in slots above the remaining stack, so
    // materializing the rest cannot clobber them.
    if (materialize_rest) MaterializeAll();
    if (c.op == uint32_t(Opcode::I32Eqz)) {
      uint32_t pos = Emit(when_true ? IOp::BrUnless : IOp::BrIf);
      W(c.a);
      W(0);
      return {pos, pos + 3};
    }
    const OpMap& om = Map()[c.op];
    if (c.ri && !materialize_rest && c.prev_add != kNone && (*code_)[c.prev_add + 2] == c.a) {
      // `d = a + k` just before compares d: one instruction. (Only without materialized
      // copies, which would otherwise move before the add.)
      uint32_t d = (*code_)[c.prev_add + 2], a = (*code_)[c.prev_add + 3];
      uint32_t k = (*code_)[c.prev_add + 4];
      code_->resize(c.prev_add);
      out_->offsets.pop_back();
      uint32_t pos = Emit(when_true ? om.add_br_if : om.add_br_unless);
      W(d);
      W(a);
      W(k);
      W(c.b);
      W(0);
      return {pos, pos + 6};
    }
    IOp op = when_true ? (c.ri ? om.br_if_ri : om.br_if) : (c.ri ? om.br_unless_ri : om.br_unless);
    uint32_t pos = Emit(op);
    W(c.a);
    W(c.b);
    W(0);
    return {pos, pos + 4};
  }
  uint32_t cond = TopSlot();
  if (!materialize_rest && add_.instr != kNone && (*code_)[add_.instr + 2] == cond) {
    // The condition is `a + k` computed just before: one instruction.
    uint32_t at = add_.instr;
    uint32_t d = (*code_)[at + 2], a = (*code_)[at + 3], k = (*code_)[at + 4];
    Pop();
    code_->resize(at);
    out_->offsets.pop_back();
    uint32_t pos = Emit(when_true ? IOp::AddBrIf : IOp::AddBrUnless);
    W(d);
    W(a);
    W(k);
    W(0);
    return {pos, pos + 5};
  }
  Pop();
  if (materialize_rest) MaterializeAll();
  uint32_t pos = Emit(when_true ? IOp::BrIf : IOp::BrUnless);
  W(cond);
  W(0);
  return {pos, pos + 3};
}

std::optional<Trap> Translator::Run(FuncCode& out) {
  out_ = &out;
  code_ = &out.code;
  const wasm::FuncType& ft = func_->type;
  uint64_t nlocals = ft.params.size();
  for (const wasm::LocalGroup& g : fn_.locals) nlocals += g.count;
  if (nlocals > kMaxLocals) return Trap::Make(TrapKind::Resource, "too many locals");
  nlocals_ = uint32_t(nlocals);
  out.num_params = uint32_t(ft.params.size());
  out.num_results = uint32_t(ft.results.size());
  out.num_locals = nlocals_;
  code_->reserve(body_.instrs.size() * 4 + 8);
  ctrl_.push_back(Ctrl{Opcode::Block, 0, 0, out.num_results});
  const uint32_t base_offset = fn_.body_offset;
  for (uint32_t i = 0; i < body_.instrs.size() && !ctrl_.empty(); ++i) {
    const wasm::Instr& in = body_.instrs[i];
    cur_offset_ = in.offset >= base_offset ? in.offset - base_offset : in.offset;
    if (dead_) {
      switch (in.op) {
        case Opcode::Block: case Opcode::Loop: case Opcode::If: case Opcode::TryTable:
          ++dead_depth_;
          continue;
        case Opcode::Else:
          if (dead_depth_ > 0) continue;
          break;
        case Opcode::End:
          if (dead_depth_ > 0) {
            --dead_depth_;
            continue;
          }
          break;
        default:
          continue;
      }
    } else if (trace_) {
      Emit(IOp::Trace);
      W(i);
    }
    if (auto t = Check(in)) return t;
    if (auto t = Translate(i, in)) return t;
  }
  // A sentinel: falling off the end is impossible for validated code.
  Emit(IOp::Unreachable);
  out.frame_slots = nlocals_ + max_height_ + 1;
  return std::nullopt;
}

std::optional<Trap> Translator::Check(const wasm::Instr& in) {
  auto bad = [&](const char* what) {
    return Trap::Make(TrapKind::Resource, fmt::format("invalid module: {} at {} (func[{}]+0x{:x})",
                                                      what, wasm::Name(in.op), func_->index,
                                                      cur_offset_));
  };
  auto block_ok = [&]() {
    const wasm::BlockType& bt = body_.block_types[in.a];
    return bt.kind != wasm::BlockType::Kind::Index ||
           (bt.index < m_.types.size() && m_.types[bt.index].kind == wasm::CompositeKind::Func);
  };
  auto label_ok = [&](uint32_t depth, size_t extra) {
    if (depth >= ctrl_.size()) return false;
    const Ctrl& c = ctrl_[ctrl_.size() - 1 - depth];
    uint32_t n = depth == ctrl_.size() - 1 ? uint32_t(func_->type.results.size()) : LabelArity(c);
    return Avail() >= n + extra;
  };
  const size_t nfuncs = inst_->funcs.size(), nmems = inst_->memories.size();
  const size_t ntables = inst_->tables.size();
  const OpMap& om = Map()[size_t(in.op)];
  if (om.kind != Kind::None) {
    if (Avail() < wasm::Info(in.op).num_params) return bad("operand stack underflow");
    if ((om.kind == Kind::Load || om.kind == Kind::Store) && in.b >= nmems) return bad("unknown memory");
    return std::nullopt;
  }
  switch (in.op) {
    case Opcode::Block: case Opcode::Loop: case Opcode::If: {
      if (!block_ok()) return bad("unknown type");
      uint32_t np, nr;
      BlockArity(body_.block_types[in.a], &np, &nr);
      if (Avail() < np + (in.op == Opcode::If)) return bad("operand stack underflow");
      return std::nullopt;
    }
    case Opcode::Else:
      if (ctrl_.back().op != Opcode::If) return bad("else without if");
      [[fallthrough]];
    case Opcode::End:
      if (!dead_ && Avail() < ctrl_.back().nresults) return bad("operand stack underflow");
      return std::nullopt;
    case Opcode::Br: return label_ok(in.a, 0) ? std::nullopt : std::optional(bad("bad label"));
    case Opcode::BrIf: return label_ok(in.a, 1) ? std::nullopt : std::optional(bad("bad label"));
    case Opcode::BrTable: {
      if (in.b == 0 || size_t(in.a) + in.b > body_.u32s.size()) return bad("bad label");
      for (uint32_t i = 0; i < in.b; ++i) {
        if (!label_ok(body_.u32s[in.a + i], 1)) return bad("bad label");
      }
      return std::nullopt;
    }
    case Opcode::Return:
      return Avail() >= func_->type.results.size() ? std::nullopt
                                                   : std::optional(bad("operand stack underflow"));
    case Opcode::Call: case Opcode::ReturnCall:
      if (in.a >= nfuncs) return bad("unknown function");
      if (Avail() < inst_->funcs[in.a]->type.params.size()) return bad("operand stack underflow");
      return std::nullopt;
    case Opcode::CallIndirect: case Opcode::ReturnCallIndirect:
      if (in.a >= m_.types.size() || m_.types[in.a].kind != wasm::CompositeKind::Func)
        return bad("unknown type");
      if (in.b >= ntables) return bad("unknown table");
      if (Avail() < m_.types[in.a].func.params.size() + 1) return bad("operand stack underflow");
      return std::nullopt;
    case Opcode::Drop: case Opcode::RefIsNull:
      return Avail() >= 1 ? std::nullopt : std::optional(bad("operand stack underflow"));
    case Opcode::Select: case Opcode::SelectT:
      return Avail() >= 3 ? std::nullopt : std::optional(bad("operand stack underflow"));
    case Opcode::LocalGet: case Opcode::LocalSet: case Opcode::LocalTee:
      if (in.a >= nlocals_) return bad("unknown local");
      if (in.op != Opcode::LocalGet && Avail() < 1) return bad("operand stack underflow");
      return std::nullopt;
    case Opcode::GlobalGet: case Opcode::GlobalSet:
      if (in.a >= inst_->globals.size()) return bad("unknown global");
      if (in.op == Opcode::GlobalSet && Avail() < 1) return bad("operand stack underflow");
      return std::nullopt;
    case Opcode::RefFunc:
      return in.a < nfuncs ? std::nullopt : std::optional(bad("unknown function"));
    case Opcode::MemorySize: case Opcode::MemoryGrow: case Opcode::MemoryFill:
      if (in.a >= nmems) return bad("unknown memory");
      break;
    case Opcode::MemoryCopy:
      if (in.a >= nmems || in.b >= nmems) return bad("unknown memory");
      break;
    case Opcode::MemoryInit:
      if (in.b >= nmems || in.a >= m_.datas.size()) return bad("unknown data segment");
      break;
    case Opcode::DataDrop:
      if (in.a >= m_.datas.size()) return bad("unknown data segment");
      break;
    case Opcode::TableSize: case Opcode::TableGrow: case Opcode::TableFill:
    case Opcode::TableGet: case Opcode::TableSet:
      if (in.a >= ntables) return bad("unknown table");
      break;
    case Opcode::TableCopy:
      if (in.a >= ntables || in.b >= ntables) return bad("unknown table");
      break;
    case Opcode::TableInit:
      if (in.b >= ntables || in.a >= m_.elems.size()) return bad("unknown elem segment");
      break;
    case Opcode::ElemDrop:
      if (in.a >= m_.elems.size()) return bad("unknown elem segment");
      break;
    default:
      return std::nullopt;
  }
  // The slow operations pop at most three operands.
  return Avail() >= 3 || in.op == Opcode::MemorySize || in.op == Opcode::TableSize ||
                 in.op == Opcode::DataDrop || in.op == Opcode::ElemDrop ||
                 (Avail() >= 1 && (in.op == Opcode::MemoryGrow || in.op == Opcode::TableGet)) ||
                 (Avail() >= 2 && (in.op == Opcode::TableGrow || in.op == Opcode::TableSet))
             ? std::nullopt
             : std::optional(bad("operand stack underflow"));
}

std::optional<Trap> Translator::Translate(uint32_t index, const wasm::Instr& in) {
  const OpMap& om = Map()[size_t(in.op)];
  switch (om.kind) {
    case Kind::Un: {
      uint32_t a = TopSlot();
      Pop();
      uint32_t pos = Emit(om.rr);
      W(TempSlot(vs_.size()));
      W(a);
      PushResult(pos + 2);
      if (in.op == Opcode::I32Eqz) cmp_ = {uint32_t(in.op), false, a, 0, pos};
      return std::nullopt;
    }
    case Kind::Bin: case Kind::IBin: case Kind::Cmp: {
      const Opd& b = vs_.back();
      bool is64 = wasm::Info(in.op).params[0] == wasm::SigType::I64;
      bool imm = om.kind != Kind::Bin && b.kind == Opd::Const &&
                 (!is64 || int64_t(b.bits) == int64_t(int32_t(uint32_t(b.bits))));
      uint32_t bv, a;
      if (om.with_load != IOp{} && load_.instr != kNone && load_.op == om.load_op &&
          result_pos_ == vs_.size() - 1 && b.kind == Opd::Temp) {
        // b was loaded by the instruction just emitted: fuse the load into the operation.
        auto ld = load_;
        code_->resize(ld.instr);
        out_->offsets.pop_back();
        Pop();
        a = TopSlot();
        Pop();
        uint32_t pos = Emit(om.with_load);
        W(TempSlot(vs_.size()));
        W(a);
        W(ld.addr);
        W(ld.offset);
        PushResult(pos + 2);
        binm_ = {pos, in.op, a, ld.addr, ld.offset};
        return std::nullopt;
      }
      if (om.konst != IOp{} && b.kind == Opd::Const) {
        uint64_t bits = b.bits;
        Pop();
        a = TopSlot();
        Pop();
        uint32_t pos = Emit(om.konst);
        W(TempSlot(vs_.size()));
        W(a);
        W64(bits);
        PushResult(pos + 2);
        return std::nullopt;
      }
      if (imm) {
        bv = uint32_t(b.bits);
        Pop();
        a = TopSlot();
      } else {
        bv = TopSlot();
        a = SlotOf(vs_.size() - 2);
        Pop();
      }
      Pop();
      uint32_t pos = Emit(imm ? om.ri : om.rr);
      W(TempSlot(vs_.size()));
      W(a);
      W(bv);
      PushResult(pos + 2);
      if (om.kind == Kind::Cmp) cmp_ = {uint32_t(in.op), imm, a, bv, pos, prev_add_};
      if (in.op == Opcode::I32Add && imm) add_ = {pos, a, bv};
      return std::nullopt;
    }
    case Kind::Load: {
      Memory* mem = inst_->memories[in.b];
      bool guarded = mem->guarded && store_.options().guard_pages;
      uint32_t pos;
      if (in.b == 0 && !mem->type.limits.is64 && add_.instr != kNone &&
          result_pos_ == vs_.size() - 1 && vs_.back().kind == Opd::Temp) {
        // The address is `base + imm` computed just before: fold the add into the load.
        auto add = add_;
        code_->resize(add.instr);
        out_->offsets.pop_back();
        Pop();
        pos = Emit(guarded ? om.br_unless : om.br_if_ri);
        W(TempSlot(vs_.size()));
        W(add.base);
        W(add.imm);
        W(uint32_t(in.c));
        PushResult(pos + 2);
        return std::nullopt;
      }
      if (in.b == 0 && !mem->type.limits.is64 && vs_.back().kind == Opd::Const) {
        uint64_t ea = uint64_t(uint32_t(vs_.back().bits)) + uint32_t(in.c);
        Pop();
        pos = Emit(om.konst);
        W(TempSlot(vs_.size()));
        W64(ea);
        PushResult(pos + 2);
        return std::nullopt;
      }
      uint32_t addr = TopSlot();
      Pop();
      if (in.b == 0 && !mem->type.limits.is64) {
        pos = Emit(guarded ? om.ri : om.rr);
        W(TempSlot(vs_.size()));
        W(addr);
        W(uint32_t(in.c));
        if (guarded) load_ = {pos, in.op, addr, uint32_t(in.c)};
      } else {
        pos = Emit(om.br_if);
        W(TempSlot(vs_.size()));
        W(addr);
        Ptr(mem);
        W64(in.c);
        W(mem->type.limits.is64);
      }
      PushResult(pos + 2);
      return std::nullopt;
    }
    case Kind::Store: {
      if (in.b == 0 && !inst_->memories[0]->type.limits.is64 &&
          vs_[vs_.size() - 2].kind == Opd::Const) {
        uint64_t ea = uint64_t(uint32_t(vs_[vs_.size() - 2].bits)) + uint32_t(in.c);
        uint32_t val = TopSlot();
        Pop(2);
        Emit(om.konst);
        W(val);
        W64(ea);
        return std::nullopt;
      }
      Memory* mem = inst_->memories[in.b];
      bool guarded0 = in.b == 0 && !mem->type.limits.is64 && mem->guarded &&
                      store_.options().guard_pages;
      if (guarded0 && binm_.instr != kNone && result_pos_ == vs_.size() - 1 &&
          vs_.back().kind == Opd::Temp && vs_[vs_.size() - 2].kind != Opd::Const) {
        // The value is `a op load(addr+off)` computed just before, stored back to the same
        // address: one read-modify-write instruction.
        const OpMap& bm = Map()[size_t(binm_.op)];
        uint32_t addr = SlotOf(vs_.size() - 2);
        if (bm.store_op == in.op && addr == binm_.addr && uint32_t(in.c) == binm_.offset) {
          auto b = binm_;
          code_->resize(b.instr);
          out_->offsets.pop_back();
          Pop(2);
          Emit(bm.with_load_store);
          W(b.a);
          W(b.addr);
          W(b.offset);
          return std::nullopt;
        }
      }
      if (guarded0 && vs_.back().kind == Opd::Const) {
        uint64_t bits = vs_.back().bits;
        Pop();
        uint32_t addr = TopSlot();
        Pop();
        Emit(om.store_imm);
        W(addr);
        W(uint32_t(in.c));
        W64(bits);
        return std::nullopt;
      }
      uint32_t val = TopSlot();
      uint32_t addr = SlotOf(vs_.size() - 2);
      Pop(2);
      if (in.b == 0 && !mem->type.limits.is64) {
        Emit(mem->guarded && store_.options().guard_pages ? om.ri : om.rr);
        W(addr);
        W(val);
        W(uint32_t(in.c));
      } else {
        Emit(om.br_if);
        W(addr);
        W(val);
        Ptr(mem);
        W64(in.c);
        W(mem->type.limits.is64);
      }
      return std::nullopt;
    }
    case Kind::None:
      break;
  }

  switch (in.op) {
    case Opcode::Nop:
      return std::nullopt;
    case Opcode::Unreachable:
      Emit(IOp::Unreachable);
      dead_ = true;
      return std::nullopt;
    case Opcode::Block: case Opcode::Loop: {
      uint32_t np, nr;
      BlockArity(body_.block_types[in.a], &np, &nr);
      MaterializeAll();
      Ctrl c{in.op, uint32_t(vs_.size()) - np, np, nr};
      if (in.op == Opcode::Loop) c.loop_pos = Here();
      ctrl_.push_back(std::move(c));
      return std::nullopt;
    }
    case Opcode::If: {
      uint32_t np, nr;
      BlockArity(body_.block_types[in.a], &np, &nr);
      Fixup f = EmitCondJump(false, true);
      Ctrl c{Opcode::If, uint32_t(vs_.size()) - np, np, nr};
      c.else_fixup = f;
      ctrl_.push_back(std::move(c));
      return std::nullopt;
    }
    case Opcode::Else: {
      Ctrl& c = ctrl_.back();
      if (!dead_) {
        MaterializeTop(c.nresults);
        uint32_t pos = Emit(IOp::Br);
        W(0);
        c.fixups.push_back({pos, pos + 2});
      }
      Patch(c.else_fixup, Here());
      c.else_fixup = {kNone, kNone};
      c.op = Opcode::Else;
      vs_.resize(c.height);
      for (uint32_t i = 0; i < c.nparams; ++i) PushTemp();
      dead_ = false;
      return std::nullopt;
    }
    case Opcode::End: {
      Ctrl& c = ctrl_.back();
      if (ctrl_.size() == 1) {  // the function's end
        if (!dead_) EmitReturn();
        ctrl_.pop_back();
        return std::nullopt;
      }
      if (!dead_) MaterializeTop(c.nresults);
      if (c.else_fixup.field != kNone) Patch(c.else_fixup, Here());
      Bind(c.fixups);
      vs_.resize(c.height);
      for (uint32_t i = 0; i < c.nresults; ++i) PushTemp();
      Here();
      dead_ = false;
      ctrl_.pop_back();
      return std::nullopt;
    }
    case Opcode::Br:
      EmitBranch(in.a);
      dead_ = true;
      return std::nullopt;
    case Opcode::BrIf: {
      Ctrl& c = ctrl_[ctrl_.size() - 1 - in.a];
      bool is_func = in.a == ctrl_.size() - 1;
      if (!is_func) {
        // Peek below the condition: can the branch jump directly?
        Opd cond = vs_.back();
        vs_.pop_back();
        bool copies = BranchNeedsCopies(c);
        vs_.push_back(cond);
        if (!copies) {
          Fixup f = EmitCondJump(true, false);
          LinkTo(in.a, f.instr, f.field);
          return std::nullopt;
        }
      }
      uint32_t n = is_func ? uint32_t(func_->type.results.size()) : LabelArity(c);
      {
        Opd cond = vs_.back();
        vs_.pop_back();
        MaterializeTop(n);
        vs_.push_back(cond);
      }
      Fixup skip = EmitCondJump(false, false);
      EmitBranch(in.a);
      Patch(skip, Here());
      return std::nullopt;
    }
    case Opcode::BrTable: {
      uint32_t count = in.b - 1;  // targets before the default
      const uint32_t* targets = &body_.u32s[in.a];
      uint32_t idx = TopSlot();
      Pop();
      bool direct = true;
      for (uint32_t i = 0; i <= count; ++i) {
        if (targets[i] == ctrl_.size() - 1 || BranchNeedsCopies(ctrl_[ctrl_.size() - 1 - targets[i]]))
          direct = false;
      }
      if (!direct) {
        uint32_t depth0 = targets[count];
        uint32_t n = depth0 == ctrl_.size() - 1 ? uint32_t(func_->type.results.size())
                                                 : LabelArity(ctrl_[ctrl_.size() - 1 - depth0]);
        MaterializeTop(n);
      }
      uint32_t pos = Emit(IOp::BrTable);
      W(idx);
      W(count);
      uint32_t first = uint32_t(code_->size());
      for (uint32_t i = 0; i <= count; ++i) W(0);
      for (uint32_t i = 0; i <= count; ++i) {
        if (direct) {
          LinkTo(targets[i], pos, first + i);
        } else {
          Patch({pos, first + i}, Here());
          EmitBranch(targets[i]);
        }
      }
      dead_ = true;
      return std::nullopt;
    }
    case Opcode::Return:
      EmitReturn();
      dead_ = true;
      return std::nullopt;
    case Opcode::Call:
      EmitCall(inst_->funcs[in.a]);
      return std::nullopt;
    case Opcode::CallIndirect: case Opcode::ReturnCallIndirect: {
      const wasm::FuncType& ft = m_.types[in.a].func;
      uint32_t np = uint32_t(ft.params.size());
      uint32_t idx = TopSlot();
      Pop();
      MaterializeTop(np);
      uint32_t base = uint32_t(vs_.size() - np);
      Emit(in.op == Opcode::CallIndirect ? IOp::CallIndirect : IOp::ReturnCallIndirect);
      W(idx);
      Ptr(inst_->tables[in.b]);
      W(inst_->type_ids[in.a]);
      W(TempSlot(base));
      Pop(np);
      for (size_t i = 0; i < ft.results.size(); ++i) PushTemp();
      if (in.op == Opcode::ReturnCallIndirect) dead_ = true;
      return std::nullopt;
    }
    case Opcode::ReturnCall: {
      Func* callee = inst_->funcs[in.a];
      uint32_t np = uint32_t(callee->type.params.size());
      MaterializeTop(np);
      Emit(IOp::ReturnCall);
      Ptr(callee);
      W(TempSlot(vs_.size() - np));
      dead_ = true;
      return std::nullopt;
    }
    case Opcode::Drop:
      Pop();
      return std::nullopt;
    case Opcode::Select: case Opcode::SelectT: {
      uint32_t c = TopSlot();
      uint32_t b = SlotOf(vs_.size() - 2);
      uint32_t a = SlotOf(vs_.size() - 3);
      Pop(3);
      uint32_t pos = Emit(IOp::Select);
      W(TempSlot(vs_.size()));
      W(a);
      W(b);
      W(c);
      PushResult(pos + 2);
      return std::nullopt;
    }
    case Opcode::LocalGet:
      Push(Opd{Opd::Local, in.a, 0});
      return std::nullopt;
    case Opcode::LocalSet: case Opcode::LocalTee: {
      uint32_t x = in.a;
      for (size_t i = 0; i + 1 < vs_.size(); ++i) {
        if (vs_[i].kind == Opd::Local && vs_[i].local == x) Materialize(i);
      }
      Opd top = vs_.back();
      if (top.kind == Opd::Temp && result_field_ != kNone && result_pos_ == vs_.size() - 1) {
        (*code_)[result_field_] = x;  // the producer writes the local directly
      } else if (top.kind == Opd::Const) {
        EmitConstTo(x, top.bits);
      } else {
        EmitCopy(x, top.kind == Opd::Local ? top.local : TempSlot(vs_.size() - 1));
      }
      Pop();
      result_field_ = kNone;
      if (in.op == Opcode::LocalTee) Push(Opd{Opd::Local, x, 0});
      return std::nullopt;
    }
    case Opcode::GlobalGet: {
      uint32_t pos = Emit(IOp::GlobalGet);
      W(TempSlot(vs_.size()));
      Ptr(inst_->globals[in.a]);
      PushResult(pos + 2);
      return std::nullopt;
    }
    case Opcode::GlobalSet: {
      uint32_t src = TopSlot();
      Pop();
      Emit(IOp::GlobalSet);
      W(src);
      Ptr(inst_->globals[in.a]);
      return std::nullopt;
    }
    case Opcode::I32Const:
      Push(Opd{Opd::Const, 0, uint32_t(in.c)});
      return std::nullopt;
    case Opcode::I64Const: case Opcode::F64Const:
      Push(Opd{Opd::Const, 0, in.c});
      return std::nullopt;
    case Opcode::F32Const:
      Push(Opd{Opd::Const, 0, uint32_t(in.c)});
      return std::nullopt;
    case Opcode::I32ReinterpretF32: case Opcode::F32ReinterpretI32:
    case Opcode::I64ReinterpretF64: case Opcode::F64ReinterpretI64:
      return std::nullopt;  // the bits stay where they are
    case Opcode::RefNull:
      Push(Opd{Opd::Const, 0, 0});
      return std::nullopt;
    case Opcode::RefFunc:
      Push(Opd{Opd::Const, 0, Ref::FromFunc(inst_->funcs[in.a]).bits});
      return std::nullopt;
    case Opcode::RefIsNull: {
      uint32_t a = TopSlot();
      Pop();
      uint32_t pos = Emit(IOp::I64Eqz);
      W(TempSlot(vs_.size()));
      W(a);
      PushResult(pos + 2);
      return std::nullopt;
    }
    case Opcode::MemorySize: case Opcode::TableSize:
      EmitSlow(index, 0, 1);
      return std::nullopt;
    case Opcode::MemoryGrow: case Opcode::TableGet:
      EmitSlow(index, 1, 1);
      return std::nullopt;
    case Opcode::TableGrow:
      EmitSlow(index, 2, 1);
      return std::nullopt;
    case Opcode::TableSet:
      EmitSlow(index, 2, 0);
      return std::nullopt;
    case Opcode::MemoryInit: case Opcode::MemoryCopy: case Opcode::MemoryFill:
    case Opcode::TableInit: case Opcode::TableCopy: case Opcode::TableFill:
      EmitSlow(index, 3, 0);
      return std::nullopt;
    case Opcode::DataDrop: case Opcode::ElemDrop:
      EmitSlow(index, 0, 0);
      return std::nullopt;
    default:
      return Unsupported(in);
  }
}

}  // namespace

const char* IOpName(IOp op) {
  static const char* const kNames[] = {
      "Unreachable", "Br", "BrIf", "BrUnless", "BrTable", "Return", "Call", "CallIndirect",
      "ReturnCall", "ReturnCallIndirect", "Copy", "Copy2", "AddBrIf", "AddBrUnless", "Const32", "Const64", "Select", "GlobalGet",
      "GlobalSet", "Slow", "Trace",
#define IOP_UN(Name, in, out, expr) #Name,
#define IOP_UNT(Name, in, out, expr) #Name,
#define IOP_BIN(Name, in, out, expr) #Name,
#define IOP_FBIN(Name, in, out, expr) #Name, #Name "_K",
#define IOP_IBIN(Name, in, out, expr) #Name, #Name "_RI",
#define IOP_IBINT(Name, in, out, expr) #Name, #Name "_RI",
#define IOP_CMP(Name, in, expr)                                                         \
  #Name, #Name "_RI", #Name "_BrIf", #Name "_BrIf_RI", #Name "_BrUnless", #Name "_BrUnless_RI", \
      #Name "_AddBrIf_RI", #Name "_AddBrUnless_RI",
#include "runtime/interp/iops.def"
#define IOP_LOAD(Name, field, MemT) #Name, #Name "_G", #Name "_X", #Name "_A", #Name "_GA", #Name "_K",
#define IOP_STORE(Name, field, MemT) #Name, #Name "_G", #Name "_X", #Name "_K", #Name "_GI",
#define IOP_LOAD_BIN(Bin, Load, Store, MemT) #Bin "_M", #Bin "_MS",
#include "runtime/interp/memops.def"
  };
  static_assert(sizeof(kNames) / sizeof(kNames[0]) == size_t(IOp::kCount));
  return kNames[size_t(op)];
}

void DumpCode(const FuncCode& code, std::FILE* out) {
  void* const* handlers = HandlerTable();
  const std::vector<Word>& w = code.code;
  for (size_t k = 0; k < code.offsets.size(); ++k) {
    uint32_t start = code.offsets[k].first;
    uint32_t end = k + 1 < code.offsets.size() ? code.offsets[k + 1].first : uint32_t(w.size());
    uintptr_t h = uintptr_t(w[start]) | (uintptr_t(w[start + 1]) << 32);
    const char* name = "?";
    for (size_t i = 0; i < size_t(IOp::kCount); ++i) {
      if (reinterpret_cast<uintptr_t>(handlers[i]) == h) name = IOpName(IOp(i));
    }
    std::fprintf(out, "%5u: %s", start, name);
    for (uint32_t i = start + 2; i < end; ++i) std::fprintf(out, " %d", int32_t(w[i]));
    std::fprintf(out, "\n");
  }
}

FuncCode* EnsureCode(Store& store, Func* func, Trap* trap) {
  if (func->code) return func->code.get();
  auto code = std::make_unique<FuncCode>();
  Translator t(store, func);
  if (std::optional<Trap> err = t.Run(*code)) {
    *trap = std::move(*err);
    return nullptr;
  }
  if (const char* dump = std::getenv("MINICC_INTERP_DUMP"); dump && *dump == '1') {
    std::fprintf(stderr, "func[%u] %s: %u locals, %u slots\n", func->index, func->name.c_str(),
                 code->num_locals, code->frame_slots);
    DumpCode(*code, stderr);
  }
  func->code = std::move(code);
  return func->code.get();
}

}  // namespace minicc::runtime::interp
