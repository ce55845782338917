// Validation of instruction sequences: function bodies and constant expressions. This is the
// algorithm of the spec's appendix "Validation Algorithm": an operand stack of value types
// (with an "unknown" type for the polymorphic stack of dead code) and a control stack of
// frames, one per open block. Instructions whose typing is a fixed signature are checked from
// the opcode table (opcodes.def); the rest ("special") are typed by hand below.
//
// For function bodies the same pass records the interpreter's side table (validator.h):
// the operand-stack height before each instruction, the matching end/else of each block, and
// which instructions are dead code.
#include <array>
#include <fmt/core.h>
#include <optional>

#include "wasm/validator_internal.h"

namespace minicc::wasm::detail {

namespace {

using support::Error;

// The "unknown" type of the spec's algorithm: what popping an empty polymorphic stack yields.
// It matches every type and is never printed.
constexpr ValKind kBottomKind = static_cast<ValKind>(0xFF);
constexpr ValType kBottom{kBottomKind};

bool IsBottom(ValType t) {
  return t.kind == kBottomKind;
}

// Per-opcode facts the hot loop needs, computed once from the opcode table.
struct OpFacts {
  uint8_t lanes = 0;     // Lane / MemArgLane: number of lanes (the lane index bound)
  bool v2 = true;        // in WebAssembly 2.0
  bool threads = false;  // in the threads proposal (atomics, also outside memory accesses)
  bool constant = false; // allowed in constant expressions (3.0 rules)
  bool extended = false; // extended-const (allowed in 3.0 constant expressions only)
  bool atomic = false;   // threads: alignment must be exactly natural
  // The fast path: no immediates to check and a signature of plain number/vector types.
  bool simple = false;
  bool special = false;  // typed by hand (OpcodeInfo::special)
  uint8_t num_params = 0, num_results = 0;
  ValKind params[4] = {}, results[2] = {};
};

// The ValKind of a table signature type, or nullopt for the context-dependent ones.
std::optional<ValKind> PlainKind(SigType s) {
  switch (s) {
  case SigType::I32: return ValKind::I32;
  case SigType::I64: return ValKind::I64;
  case SigType::F32: return ValKind::F32;
  case SigType::F64: return ValKind::F64;
  case SigType::V128: return ValKind::V128;
  default: return std::nullopt;
  }
}

uint8_t LanesFromName(std::string_view name) {
  if (name.starts_with("i8x16"))
    return 16;
  if (name.starts_with("i16x8"))
    return 8;
  if (name.starts_with("i32x4") || name.starts_with("f32x4"))
    return 4;
  if (name.starts_with("i64x2") || name.starts_with("f64x2"))
    return 2;
  return 0;
}

const std::array<OpFacts, kOpcodeCount>& Facts() {
  static const auto facts = [] {
    std::array<OpFacts, kOpcodeCount> f{};
    for (size_t i = 0; i < kOpcodeCount; ++i) {
      const OpcodeInfo& info = Info(static_cast<Opcode>(i));
      f[i].v2 = InSpec20(info.feature);
      f[i].threads = info.feature == Feature::Threads;
      f[i].atomic = info.feature == Feature::Threads && info.imm == ImmKind::MemArg;
      if (info.imm == ImmKind::Lane)
        f[i].lanes = LanesFromName(info.name);
      if (info.imm == ImmKind::MemArgLane)
        f[i].lanes = uint8_t(16 >> info.natural_align);
      bool simple = !info.special && (info.imm == ImmKind::None || info.imm == ImmKind::I32 ||
                                      info.imm == ImmKind::I64 || info.imm == ImmKind::F32 ||
                                      info.imm == ImmKind::F64 || info.imm == ImmKind::V128);
      f[i].num_params = info.num_params;
      f[i].num_results = info.num_results;
      for (int k = 0; k < info.num_params && simple; ++k) {
        auto kind = PlainKind(info.params[k]);
        simple = kind.has_value();
        f[i].params[k] = kind.value_or(ValKind::I32);
      }
      for (int k = 0; k < info.num_results && simple; ++k) {
        auto kind = PlainKind(info.results[k]);
        simple = kind.has_value();
        f[i].results[k] = kind.value_or(ValKind::I32);
      }
      f[i].simple = simple;
      f[i].special = info.special;
    }
    for (Opcode op :
         {Opcode::I32Const, Opcode::I64Const, Opcode::F32Const, Opcode::F64Const, Opcode::V128Const,
          Opcode::RefNull, Opcode::RefFunc, Opcode::GlobalGet, Opcode::End, Opcode::RefI31,
          Opcode::AnyConvertExtern, Opcode::ExternConvertAny}) {
      f[size_t(op)].constant = true;
    }
    for (Opcode op : {Opcode::I32Add, Opcode::I32Sub, Opcode::I32Mul, Opcode::I64Add,
                      Opcode::I64Sub, Opcode::I64Mul}) {
      f[size_t(op)].constant = f[size_t(op)].extended = true;
    }
    return f;
  }();
  return facts;
}

ValType FromSig(SigType s, ValType addr) {
  switch (s) {
  case SigType::I32: return ValType::I32();
  case SigType::I64: return ValType::I64();
  case SigType::F32: return ValType::F32();
  case SigType::F64: return ValType::F64();
  case SigType::V128: return ValType::V128();
  case SigType::Addr: return addr;
  case SigType::I31Ref: return ValType::Ref(HeapType::Abstract(HeapKind::I31), true);
  case SigType::RefI31: return ValType::Ref(HeapType::Abstract(HeapKind::I31), false);
  }
  return ValType::I32();
}

ValType AddrType(const Limits& l) {
  return l.is64 ? ValType::I64() : ValType::I32();
}

class CodeValidator {
public:
  // One validator serves all the expressions of a module, reusing its stacks.
  explicit CodeValidator(const Context& cx) : cx_(cx), m_(*cx.m) {}

  // Function body: `locals` are params then declared locals.
  // `st` may be null (validity only).
  support::Status RunFunction(const Expr& body, uint32_t func_index, const FuncType& type,
                              const std::vector<ValType>& locals, FunctionSideTable* st) {
    expr_ = &body;
    func_index_ = func_index;
    locals_ = locals.data();
    num_locals_ = uint32_t(locals.size());
    results_ = type.results.data();
    num_results_ = uint32_t(type.results.size());
    st_ = st;
    max_height_ = 0;
    bool ok;
    if (st) {
      const size_t n = expr_->instrs.size();
      st->height.resize(n);
      st->match.assign(n, kNoIndex);
      st->else_index.assign(n, kNoIndex);
      st->unreachable.resize(n);
      ok = Run();
      st->local_types = locals;
      st->num_locals = num_locals_;
      st->max_height = max_height_;
    } else {
      ok = Run();
    }
    if (!ok)
      return std::move(err_);
    return support::Ok{};
  }

  support::Status RunConst(const Expr& expr, ValType expected, const std::string& what,
                           uint32_t num_globals) {
    expr_ = &expr;
    st_ = nullptr;
    const_mode_ = true;
    what_ = &what;
    num_globals_ = num_globals;
    expected_ = expected;
    results_ = &expected_;
    num_results_ = 1;
    if (!Run())
      return std::move(err_);
    return support::Ok{};
  }

private:
  struct Ctrl {
    Opcode op; // Block, Loop, If, Else, TryTable, Try, Catch, CatchAll, End (function)
    bool unreachable;
    uint32_t start;   // index of the opening instruction
    uint32_t height;  // operand-stack height at entry (below the parameters)
    uint32_t else_at; // if: index of `else`, when seen
    const ValType* params;
    const ValType* results;
    uint32_t num_params, num_results;
  };

  // ---- errors

  bool Fail(std::string message) {
    std::string where;
    if (const_mode_) {
      where = fmt::format("{} at offset {:#x}: ", *what_, cur_->offset);
    } else {
      const std::string* name = m_.FuncName(func_index_);
      where = name ? fmt::format("function {} (${}) at offset {:#x}: ", func_index_, *name,
                                 cur_->offset)
                   : fmt::format("function {} at offset {:#x}: ", func_index_, cur_->offset);
    }
    err_ = support::MakeError(where + std::string(Name(cur_->op)) + ": " + message, cur_->offset);
    return false;
  }
  bool Mismatch(ValType expected, ValType found) {
    return Fail(
        fmt::format("type mismatch: expected {}, found {}", ToString(expected), ToString(found)));
  }
  bool Unknown(const char* what, uint64_t index) {
    return Fail(fmt::format("unknown {} {}", what, index));
  }

  // ---- the operand stack

  void Push(ValType t) { vals_.push_back(t); }
  void PushN(const ValType* ts, uint32_t n) { vals_.insert(vals_.end(), ts, ts + n); }

  // Pops any value; in dead code an empty stack yields the unknown type.
  bool PopAny(ValType* out) {
    const Ctrl& c = ctrls_.back();
    if (vals_.size() == c.height) {
      if (c.unreachable) {
        *out = kBottom;
        return true;
      }
      return Fail("type mismatch: expected a value, found nothing");
    }
    *out = vals_.back();
    vals_.pop_back();
    return true;
  }

  bool Pop(ValType expected) {
    // Fast path: the exact type is on top, above the current frame's height.
    if (vals_.size() > ctrls_.back().height && vals_.back() == expected) {
      vals_.pop_back();
      return true;
    }
    return PopSlow(expected);
  }

  [[gnu::noinline]] bool PopSlow(ValType expected) {
    const Ctrl& c = ctrls_.back();
    if (vals_.size() > c.height) {
      ValType actual = vals_.back();
      vals_.pop_back();
      if (IsBottom(actual) || IsSubtype(cx_, actual, expected))
        return true;
      return Mismatch(expected, actual);
    }
    if (c.unreachable)
      return true;
    return Fail(fmt::format("type mismatch: expected {}, found nothing", ToString(expected)));
  }

  bool PopN(const ValType* ts, uint32_t n) {
    for (uint32_t i = n; i-- > 0;) {
      if (!Pop(ts[i]))
        return false;
    }
    return true;
  }

  // Pops a reference of any type (or the unknown type).
  bool PopRef(ValType* out) {
    if (!PopAny(out))
      return false;
    if (IsBottom(*out) || out->IsRef())
      return true;
    return Fail(fmt::format("type mismatch: expected a reference, found {}", ToString(*out)));
  }

  // ---- the control stack

  void PushCtrl(Opcode op, uint32_t start, const ValType* params, uint32_t np,
                const ValType* results, uint32_t nr) {
    ctrls_.push_back(
        Ctrl{op, false, start, uint32_t(vals_.size()), kNoIndex, params, results, np, nr});
    PushN(params, np);
  }

  // Checks that the frame's results are exactly what is on the stack above its height.
  bool CheckFrameEnd(const Ctrl& c) {
    if (!PopN(c.results, c.num_results))
      return false;
    if (vals_.size() != c.height) {
      size_t extra = vals_.size() - c.height;
      return Fail(fmt::format("type mismatch: {} extra value{} at the end of the block", extra,
                              extra == 1 ? "" : "s"));
    }
    return true;
  }

  void SetUnreachable() {
    Ctrl& c = ctrls_.back();
    vals_.resize(c.height);
    c.unreachable = true;
  }

  // Label types of the frame `depth` levels out: a loop's parameters, otherwise its results.
  bool Label(uint32_t depth, const ValType** types, uint32_t* n) {
    if (depth >= ctrls_.size())
      return Unknown("label", depth);
    const Ctrl& c = ctrls_[ctrls_.size() - 1 - depth];
    if (c.op == Opcode::Loop) {
      *types = c.params;
      *n = c.num_params;
    } else {
      *types = c.results;
      *n = c.num_results;
    }
    return true;
  }

  // ---- immediates

  bool BlockSig(const Instr& in, const ValType** params, uint32_t* np, const ValType** results,
                uint32_t* nr) {
    const BlockType& bt = expr_->block_types[in.a];
    switch (bt.kind) {
    case BlockType::Kind::Empty:
      *params = *results = nullptr;
      *np = *nr = 0;
      return true;
    case BlockType::Kind::Value:
      if (!ValidValType(cx_, bt.value))
        return Fail("unknown type");
      *params = nullptr;
      *np = 0;
      *results = &bt.value;
      *nr = 1;
      return true;
    case BlockType::Kind::Index: {
      if (!cx_.IsFuncType(bt.index))
        return Unknown("type", bt.index);
      const FuncType& ft = cx_.Func(bt.index);
      *params = ft.params.data();
      *np = uint32_t(ft.params.size());
      *results = ft.results.data();
      *nr = uint32_t(ft.results.size());
      return true;
    }
    }
    return Fail("unknown block type");
  }

  bool Memory(uint32_t index, ValType* addr) {
    if (index >= cx_.memories.size())
      return Unknown("memory", index);
    *addr = AddrType(cx_.memories[index].limits);
    return true;
  }

  bool Table(uint32_t index, const TableType** out) {
    if (index >= cx_.tables.size())
      return Unknown("table", index);
    *out = &cx_.tables[index];
    return true;
  }

  bool FuncTypeAt(uint32_t type_index, const FuncType** out) {
    if (!cx_.IsFuncType(type_index))
      return Unknown("type", type_index);
    *out = &cx_.Func(type_index);
    return true;
  }

  bool DataIndex(uint32_t index) {
    if (index >= m_.datas.size())
      return Unknown("data segment", index);
    if (!m_.data_count && !const_mode_)
      return Fail("data count section required");
    return true;
  }

  // memarg: memory index, alignment (spec 3.4.7: 2^align <= natural width), offset range.
  bool MemArg(const Instr& in, const OpcodeInfo& info, ValType* addr) {
    if (!Memory(in.b, addr))
      return false;
    if (Facts()[size_t(in.op)].atomic) {
      if (in.a != info.natural_align)
        return Fail("alignment must be exactly natural");
    } else if (in.a > info.natural_align) {
      return Fail("alignment must not be larger than natural");
    }
    if (addr->kind == ValKind::I32 && in.c > 0xFFFFFFFFull)
      return Fail("offset out of range");
    return true;
  }

  // Result arity of a callee must match the caller's for tail calls.
  bool CheckTailResults(const FuncType& callee) {
    if (callee.results.size() != num_results_) {
      return Fail(fmt::format("type mismatch: callee returns {} values, the function {}",
                              callee.results.size(), num_results_));
    }
    for (uint32_t k = 0; k < num_results_; ++k) {
      if (!IsSubtype(cx_, callee.results[k], results_[k])) {
        return Mismatch(results_[k], callee.results[k]);
      }
    }
    return true;
  }

  // A call pops the parameters and pushes the results; a tail call (return_call*) instead
  // ends the block like `return`, so its callee must return what the function returns.
  bool Call(const FuncType& ft, bool tail) {
    if (tail && !CheckTailResults(ft))
      return false;
    if (!PopN(ft.params.data(), uint32_t(ft.params.size())))
      return false;
    if (tail)
      SetUnreachable();
    else
      PushN(ft.results.data(), uint32_t(ft.results.size()));
    return true;
  }

  // Tag `index`: its parameter types.
  bool TagParams(uint32_t index, const FuncType** out) {
    if (index >= cx_.tags.size())
      return Unknown("tag", index);
    *out = &cx_.Func(cx_.tags[index]);
    return true;
  }

  // Do `n` types `from` match (subtype-wise) the label types `to`?
  bool Matches(const ValType* from, uint32_t nfrom, const ValType* to, uint32_t nto) {
    if (nfrom != nto)
      return false;
    for (uint32_t k = 0; k < nfrom; ++k) {
      if (!IsSubtype(cx_, from[k], to[k]))
        return false;
    }
    return true;
  }

  bool Run();
  bool Special(const Instr& in, uint32_t i);
  bool Generic(const Instr& in, const OpcodeInfo& info);

  const Context& cx_;
  const Module& m_;
  const Expr* expr_ = nullptr;
  FunctionSideTable* st_ = nullptr;
  support::Error err_;
  const Instr* cur_ = nullptr;

  // function mode
  uint32_t func_index_ = 0;
  const ValType* locals_ = nullptr;
  uint32_t num_locals_ = 0;
  // constant-expression mode
  bool const_mode_ = false;
  const std::string* what_ = nullptr;
  uint32_t num_globals_ = 0;
  ValType expected_{};

  const ValType* results_ = nullptr;
  uint32_t num_results_ = 0;
  uint32_t max_height_ = 0;
  std::vector<ValType> vals_;
  std::vector<Ctrl> ctrls_;
};

bool CodeValidator::Run() {
  const auto& facts = Facts();
  const bool v2 = Before30(cx_.spec);
  const bool threads = cx_.spec == SpecVersion::Threads;
  vals_.clear();
  ctrls_.clear();
  // The function's own frame: its label is the function's results (a `br` to it returns).
  ctrls_.push_back(Ctrl{Opcode::End, false, 0, 0, kNoIndex, nullptr, results_, 0, num_results_});
  const std::vector<Instr>& instrs = expr_->instrs;
  const uint32_t n = uint32_t(instrs.size());
  for (uint32_t i = 0; i < n; ++i) {
    const Instr& in = instrs[i];
    cur_ = &in;
    if (ctrls_.empty())
      return Fail("operators remaining after end of function");
    const uint32_t h = uint32_t(vals_.size());
    if (st_) {
      st_->height[i] = h;
      st_->unreachable[i] = ctrls_.back().unreachable;
      if (h > max_height_)
        max_height_ = h;
    }
    const OpFacts& f = facts[size_t(in.op)];
    if (v2 && !f.v2 && !(threads && f.threads))
      return Fail("instruction not in WebAssembly 2.0");
    if (const_mode_ && (!f.constant || (v2 && f.extended))) {
      return Fail("constant expression required");
    }
    if (f.simple) {
      for (int k = f.num_params; k-- > 0;) {
        if (!Pop(ValType{f.params[k]}))
          return false;
      }
      for (int k = 0; k < f.num_results; ++k)
        Push(ValType{f.results[k]});
      continue;
    }
    // The most frequent special instructions, kept out of the big switch.
    if (in.op == Opcode::LocalGet && in.a < num_locals_) {
      Push(locals_[in.a]);
      continue;
    }
    if (in.op == Opcode::LocalSet && in.a < num_locals_) {
      if (!Pop(locals_[in.a]))
        return false;
      continue;
    }
    if (f.special) {
      if (!Special(in, i))
        return false;
    } else if (!Generic(in, Info(in.op))) {
      return false;
    }
  }
  if (!ctrls_.empty()) {
    if (n == 0) {
      err_ = support::MakeError("empty expression: it must end with `end`");
      return false;
    }
    return Fail("unexpected end of the expression: a block is not closed");
  }
  if (st_ && vals_.size() > max_height_)
    max_height_ = uint32_t(vals_.size());
  return true;
}

// Instructions typed by their row in opcodes.def, plus the checks their immediates need.
bool CodeValidator::Generic(const Instr& in, const OpcodeInfo& info) {
  ValType addr = ValType::I32();
  switch (info.imm) {
  case ImmKind::MemArg:
    if (!MemArg(in, info, &addr))
      return false;
    break;
  case ImmKind::MemArgLane:
    if (!MemArg(in, info, &addr))
      return false;
    if (in.lane >= Facts()[size_t(in.op)].lanes)
      return Fail("invalid lane index");
    break;
  case ImmKind::Lane:
    if (in.lane >= Facts()[size_t(in.op)].lanes)
      return Fail("invalid lane index");
    break;
  case ImmKind::Shuffle:
    for (uint8_t lane : expr_->v128s[in.a]) {
      if (lane >= 32)
        return Fail("invalid lane index");
    }
    break;
  case ImmKind::Memory:
    if (!Memory(in.a, &addr))
      return false;
    break;
  case ImmKind::MemoryInit:
    if (!Memory(in.b, &addr) || !DataIndex(in.a))
      return false;
    break;
  case ImmKind::Data:
    if (!DataIndex(in.a))
      return false;
    break;
  case ImmKind::Elem:
    if (in.a >= m_.elems.size())
      return Unknown("elem segment", in.a);
    break;
  default: break;
  }
  for (int k = info.num_params; k-- > 0;) {
    if (!Pop(FromSig(info.params[k], addr)))
      return false;
  }
  for (int k = 0; k < info.num_results; ++k)
    Push(FromSig(info.results[k], addr));
  return true;
}

bool CodeValidator::Special(const Instr& in, uint32_t i) {
  switch (in.op) {
  case Opcode::Unreachable: SetUnreachable(); return true;

  // ---- blocks (spec 3.4.8)
  case Opcode::Block:
  case Opcode::Loop:
  case Opcode::If:
  case Opcode::Try: {
    const ValType *params, *results;
    uint32_t np, nr;
    if (!BlockSig(in, &params, &np, &results, &nr))
      return false;
    if (in.op == Opcode::If && !Pop(ValType::I32()))
      return false;
    if (!PopN(params, np))
      return false;
    PushCtrl(in.op, i, params, np, results, nr);
    return true;
  }
  case Opcode::TryTable: {
    const ValType *params, *results;
    uint32_t np, nr;
    if (!BlockSig(in, &params, &np, &results, &nr))
      return false;
    for (uint32_t k = 0; k < in.c; ++k) {
      const Catch& c = expr_->catches[in.b + k];
      const ValType* lt;
      uint32_t ln;
      if (!Label(c.label, &lt, &ln))
        return false;
      std::vector<ValType> sent;
      if (c.kind == Catch::Kind::Catch || c.kind == Catch::Kind::CatchRef) {
        const FuncType* tag;
        if (!TagParams(c.tag, &tag))
          return false;
        sent = tag->params;
      }
      if (c.kind == Catch::Kind::CatchRef || c.kind == Catch::Kind::CatchAllRef) {
        sent.push_back(ValType::Ref(HeapType::Abstract(HeapKind::Exn), false));
      }
      if (!Matches(sent.data(), uint32_t(sent.size()), lt, ln)) {
        return Fail("type mismatch: catch clause does not match its label's types");
      }
    }
    if (!PopN(params, np))
      return false;
    PushCtrl(in.op, i, params, np, results, nr);
    return true;
  }
  case Opcode::Else: {
    Ctrl& c = ctrls_.back();
    if (c.op != Opcode::If)
      return Fail("else without a matching if");
    if (!CheckFrameEnd(c))
      return false;
    c.op = Opcode::Else;
    c.else_at = i;
    c.unreachable = false;
    PushN(c.params, c.num_params);
    if (st_)
      st_->else_index[c.start] = i;
    return true;
  }
  case Opcode::Catch:
  case Opcode::CatchAll: {
    Ctrl& c = ctrls_.back();
    if (c.op != Opcode::Try && c.op != Opcode::Catch) {
      return Fail("catch without a matching try");
    }
    if (!CheckFrameEnd(c))
      return false;
    c.op = in.op == Opcode::Catch ? Opcode::Catch : Opcode::CatchAll;
    c.unreachable = false;
    if (in.op == Opcode::Catch) {
      const FuncType* tag;
      if (!TagParams(in.a, &tag))
        return false;
      PushN(tag->params.data(), uint32_t(tag->params.size()));
    }
    if (st_)
      st_->match[i] = c.start; // patched to the end below
    return true;
  }
  case Opcode::Delegate: {
    Ctrl c = ctrls_.back();
    if (c.op != Opcode::Try)
      return Fail("delegate without a matching try");
    if (!CheckFrameEnd(c))
      return false;
    // The label is relative to the frames outside the try.
    if (in.a + 1 >= ctrls_.size())
      return Unknown("label", in.a);
    ctrls_.pop_back();
    if (st_)
      st_->match[c.start] = i;
    PushN(c.results, c.num_results);
    return true;
  }
  case Opcode::Rethrow: {
    if (in.a >= ctrls_.size())
      return Unknown("label", in.a);
    Opcode k = ctrls_[ctrls_.size() - 1 - in.a].op;
    if (k != Opcode::Catch && k != Opcode::CatchAll)
      return Fail("invalid rethrow label");
    SetUnreachable();
    return true;
  }
  case Opcode::End: {
    Ctrl& c = ctrls_.back();
    if (!CheckFrameEnd(c))
      return false;
    // An `if` without `else` has an implicit empty else: its parameters become its results.
    if (c.op == Opcode::If && !Matches(c.params, c.num_params, c.results, c.num_results)) {
      return Fail("type mismatch: if without else must leave its parameters as results");
    }
    if (st_ && c.op != Opcode::End) {
      st_->match[c.start] = i;
      if (c.else_at != kNoIndex)
        st_->match[c.else_at] = i;
      // catch clauses of a legacy try point at their try; redirect them to this end.
      if (c.op == Opcode::Catch || c.op == Opcode::CatchAll) {
        for (uint32_t k = c.start + 1; k < i; ++k) {
          if (st_->match[k] == c.start &&
              (expr_->instrs[k].op == Opcode::Catch || expr_->instrs[k].op == Opcode::CatchAll)) {
            st_->match[k] = i;
          }
        }
      }
    }
    const ValType* results = c.results;
    uint32_t nr = c.num_results;
    ctrls_.pop_back();
    PushN(results, nr);
    return true;
  }

  // ---- branches
  case Opcode::Br: {
    const ValType* lt;
    uint32_t ln;
    if (!Label(in.a, &lt, &ln) || !PopN(lt, ln))
      return false;
    SetUnreachable();
    return true;
  }
  case Opcode::BrIf: {
    const ValType* lt;
    uint32_t ln;
    if (!Pop(ValType::I32()) || !Label(in.a, &lt, &ln) || !PopN(lt, ln))
      return false;
    PushN(lt, ln);
    return true;
  }
  case Opcode::BrTable: {
    if (!Pop(ValType::I32()))
      return false;
    const uint32_t* targets = expr_->u32s.data() + in.a;
    const uint32_t count = in.b - 1;
    const ValType* dt;
    uint32_t dn;
    if (!Label(targets[count], &dt, &dn))
      return false;
    for (uint32_t k = 0; k < count; ++k) {
      const ValType* lt;
      uint32_t ln;
      if (!Label(targets[k], &lt, &ln))
        return false;
      if (ln != dn) {
        return Fail(fmt::format("type mismatch: br_table targets have {} and {} values", ln, dn));
      }
      // Check the values against this target without consuming them (spec: pop, push).
      size_t before = vals_.size();
      if (!PopN(lt, ln))
        return false;
      size_t popped = before - vals_.size();
      // Re-push what was really there (in dead code fewer values may exist than popped).
      vals_.resize(before - popped);
      vals_.insert(vals_.end(), lt + (ln - popped), lt + ln);
    }
    if (!PopN(dt, dn))
      return false;
    SetUnreachable();
    return true;
  }
  case Opcode::Return:
    if (!PopN(results_, num_results_))
      return false;
    SetUnreachable();
    return true;
  case Opcode::BrOnNull: {
    ValType r;
    const ValType* lt;
    uint32_t ln;
    if (!PopRef(&r) || !Label(in.a, &lt, &ln) || !PopN(lt, ln))
      return false;
    PushN(lt, ln);
    if (IsBottom(r))
      Push(kBottom);
    else
      Push(ValType::Ref(r.heap, false));
    return true;
  }
  case Opcode::BrOnNonNull: {
    ValType r;
    const ValType* lt;
    uint32_t ln;
    if (!PopRef(&r) || !Label(in.a, &lt, &ln))
      return false;
    if (ln == 0 || !lt[ln - 1].IsRef()) {
      return Fail("type mismatch: br_on_non_null needs a label ending in a reference");
    }
    if (!IsBottom(r) && !IsSubtype(cx_, ValType::Ref(r.heap, false), lt[ln - 1])) {
      return Mismatch(lt[ln - 1], ValType::Ref(r.heap, false));
    }
    if (!PopN(lt, ln - 1))
      return false;
    PushN(lt, ln - 1);
    return true;
  }

  // ---- calls
  case Opcode::Call:
  case Opcode::ReturnCall: {
    if (in.a >= cx_.func_types.size())
      return Unknown("function", in.a);
    const FuncType& ft = cx_.Func(cx_.func_types[in.a]);
    return Call(ft, in.op == Opcode::ReturnCall);
  }
  case Opcode::CallIndirect:
  case Opcode::ReturnCallIndirect: {
    const TableType* table;
    const FuncType* ft;
    if (!Table(in.b, &table) || !FuncTypeAt(in.a, &ft))
      return false;
    if (!IsSubtype(cx_, table->elem, ValType::FuncRef())) {
      return Fail(fmt::format("type mismatch: table {} holds {}, not funcref", in.b,
                              ToString(table->elem)));
    }
    if (!Pop(AddrType(table->limits)))
      return false;
    return Call(*ft, in.op == Opcode::ReturnCallIndirect);
  }
  case Opcode::CallRef:
  case Opcode::ReturnCallRef: {
    const FuncType* ft;
    if (!FuncTypeAt(in.a, &ft))
      return false;
    if (!Pop(ValType::Ref(HeapType::Concrete(in.a), true)))
      return false;
    return Call(*ft, in.op == Opcode::ReturnCallRef);
  }
  case Opcode::Throw: {
    const FuncType* tag;
    if (!TagParams(in.a, &tag) || !PopN(tag->params.data(), uint32_t(tag->params.size()))) {
      return false;
    }
    SetUnreachable();
    return true;
  }
  case Opcode::ThrowRef:
    if (!Pop(ValType::Ref(HeapType::Abstract(HeapKind::Exn), true)))
      return false;
    SetUnreachable();
    return true;

  // ---- parametric (spec 3.4.4)
  case Opcode::Drop: {
    ValType t;
    return PopAny(&t);
  }
  case Opcode::Select: {
    ValType t1, t2;
    if (!Pop(ValType::I32()) || !PopAny(&t1) || !PopAny(&t2))
      return false;
    // Without a type annotation both operands must be numbers or vectors, of one type.
    bool bad1 = !IsBottom(t1) && t1.IsRef();
    bool bad2 = !IsBottom(t2) && t2.IsRef();
    if (bad1 || bad2) {
      return Fail(fmt::format("type mismatch: select without a type needs numeric operands, "
                              "found {}",
                              ToString(bad1 ? t1 : t2)));
    }
    if (!IsBottom(t1) && !IsBottom(t2) && !(t1 == t2))
      return Mismatch(t1, t2);
    Push(IsBottom(t1) ? t2 : t1);
    return true;
  }
  case Opcode::SelectT: {
    if (in.b != 1)
      return Fail("invalid result arity");
    ValType t = expr_->val_types[in.a];
    if (!ValidValType(cx_, t))
      return Fail("unknown type");
    if (!Pop(ValType::I32()) || !Pop(t) || !Pop(t))
      return false;
    Push(t);
    return true;
  }

  // ---- variables (spec 3.4.5)
  case Opcode::LocalGet:
    if (in.a >= num_locals_)
      return Unknown("local", in.a);
    Push(locals_[in.a]);
    return true;
  case Opcode::LocalSet:
    if (in.a >= num_locals_)
      return Unknown("local", in.a);
    return Pop(locals_[in.a]);
  case Opcode::LocalTee:
    if (in.a >= num_locals_)
      return Unknown("local", in.a);
    if (!Pop(locals_[in.a]))
      return false;
    Push(locals_[in.a]);
    return true;
  case Opcode::GlobalGet: {
    uint32_t limit = const_mode_ ? num_globals_ : uint32_t(cx_.globals.size());
    if (in.a >= limit)
      return Unknown("global", in.a);
    const GlobalType& g = cx_.globals[in.a];
    if (const_mode_ && g.mutable_)
      return Fail("constant expression required");
    Push(g.type);
    return true;
  }
  case Opcode::GlobalSet: {
    if (in.a >= cx_.globals.size())
      return Unknown("global", in.a);
    const GlobalType& g = cx_.globals[in.a];
    if (!g.mutable_)
      return Fail("global is immutable");
    return Pop(g.type);
  }

  // ---- tables (spec 3.4.6)
  case Opcode::TableGet: {
    const TableType* t;
    if (!Table(in.a, &t) || !Pop(AddrType(t->limits)))
      return false;
    Push(t->elem);
    return true;
  }
  case Opcode::TableSet: {
    const TableType* t;
    return Table(in.a, &t) && Pop(t->elem) && Pop(AddrType(t->limits));
  }
  case Opcode::TableSize: {
    const TableType* t;
    if (!Table(in.a, &t))
      return false;
    Push(AddrType(t->limits));
    return true;
  }
  case Opcode::TableGrow: {
    const TableType* t;
    if (!Table(in.a, &t))
      return false;
    ValType addr = AddrType(t->limits);
    if (!Pop(addr) || !Pop(t->elem))
      return false;
    Push(addr);
    return true;
  }
  case Opcode::TableFill: {
    const TableType* t;
    if (!Table(in.a, &t))
      return false;
    ValType addr = AddrType(t->limits);
    return Pop(addr) && Pop(t->elem) && Pop(addr);
  }
  case Opcode::TableCopy: {
    const TableType *dst, *src;
    if (!Table(in.a, &dst) || !Table(in.b, &src))
      return false;
    if (!IsSubtype(cx_, src->elem, dst->elem))
      return Mismatch(dst->elem, src->elem);
    ValType da = AddrType(dst->limits), sa = AddrType(src->limits);
    ValType len = da.kind == ValKind::I64 && sa.kind == ValKind::I64 ? da : ValType::I32();
    return Pop(len) && Pop(sa) && Pop(da);
  }
  case Opcode::TableInit: {
    const TableType* t;
    if (!Table(in.b, &t))
      return false;
    if (in.a >= m_.elems.size())
      return Unknown("elem segment", in.a);
    const ValType& et = m_.elems[in.a].elem_type;
    if (!IsSubtype(cx_, et, t->elem))
      return Mismatch(t->elem, et);
    return Pop(ValType::I32()) && Pop(ValType::I32()) && Pop(AddrType(t->limits));
  }

  // ---- memories (the rest are generic)
  case Opcode::MemoryCopy: {
    ValType da, sa;
    if (!Memory(in.a, &da) || !Memory(in.b, &sa))
      return false;
    ValType len = da.kind == ValKind::I64 && sa.kind == ValKind::I64 ? da : ValType::I32();
    return Pop(len) && Pop(sa) && Pop(da);
  }

  // ---- references (spec 3.4.3)
  case Opcode::RefNull: {
    HeapType h = expr_->heap_types[in.a];
    if (h.kind == HeapKind::Index && !(h.index < m_.types.size())) {
      return Unknown("type", h.index);
    }
    Push(ValType::Ref(h, true));
    return true;
  }
  case Opcode::RefIsNull: {
    ValType r;
    if (!PopRef(&r))
      return false;
    Push(ValType::I32());
    return true;
  }
  case Opcode::RefAsNonNull: {
    ValType r;
    if (!PopRef(&r))
      return false;
    Push(IsBottom(r) ? kBottom : ValType::Ref(r.heap, false));
    return true;
  }
  case Opcode::RefFunc: {
    if (in.a >= cx_.func_types.size())
      return Unknown("function", in.a);
    if (!const_mode_ && !cx_.declared_funcs[in.a]) {
      return Fail(fmt::format("undeclared function reference {}", in.a));
    }
    Push(ValType::Ref(HeapType::Concrete(cx_.func_types[in.a]), false));
    return true;
  }
  case Opcode::RefEq: {
    ValType eq = ValType::Ref(HeapType::Abstract(HeapKind::Eq), true);
    if (!Pop(eq) || !Pop(eq))
      return false;
    Push(ValType::I32());
    return true;
  }
  case Opcode::AnyConvertExtern:
  case Opcode::ExternConvertAny: {
    bool to_any = in.op == Opcode::AnyConvertExtern;
    ValType r;
    if (!PopRef(&r))
      return false;
    HeapKind from = to_any ? HeapKind::Extern : HeapKind::Any;
    if (!IsBottom(r) && !IsHeapSubtype(cx_, r.heap, HeapType::Abstract(from))) {
      return Mismatch(ValType::Ref(HeapType::Abstract(from), true), r);
    }
    bool nullable = IsBottom(r) || r.nullable;
    Push(ValType::Ref(HeapType::Abstract(to_any ? HeapKind::Any : HeapKind::Extern), nullable));
    return true;
  }

  default: return Fail("instruction not supported by the validator yet");
  }
}

} // namespace

// Spec 3.4.10 (functions): locals are the parameters, then the declared locals.
support::Status ValidateFunctions(const Context& cx, std::vector<FunctionSideTable>* side_tables) {
  const Module& m = *cx.m;
  CodeValidator v(cx);
  if (side_tables)
    side_tables->resize(m.functions.size());
  std::vector<ValType> locals;
  for (uint32_t i = 0; i < m.functions.size(); ++i) {
    const Function& fn = m.functions[i];
    const FuncType& type = cx.Func(fn.type_index);
    uint32_t func_index = m.num_imported_funcs + i;
    uint64_t total = type.params.size();
    for (const LocalGroup& g : fn.locals)
      total += g.count;
    // The reader accepts up to 2^32-1 locals (the spec's bound); engines cap them (V8 and
    // wasmtime at 50,000) so that a few bytes cannot demand gigabytes.
    if (total > kMaxFunctionLocals) {
      return support::MakeError(fmt::format("function {}: too many locals ({}, the limit is {})",
                                            func_index, total, kMaxFunctionLocals),
                                fn.body_offset);
    }
    locals.assign(type.params.begin(), type.params.end());
    for (const LocalGroup& g : fn.locals) {
      if (!ValidValType(cx, g.type)) {
        return support::MakeError(
            fmt::format("function {}: unknown type {} in a local", func_index, g.type.heap.index),
            fn.body_offset);
      }
      locals.insert(locals.end(), g.count, g.type);
    }
    FunctionSideTable* st = side_tables ? &(*side_tables)[i] : nullptr;
    MINICC_TRY(v.RunFunction(fn.body, func_index, type, locals, st));
  }
  return support::Ok{};
}

support::Status ValidateConstExpr(const Context& cx, const Expr& expr, ValType expected,
                                  const std::string& what, uint32_t num_globals) {
  CodeValidator v(cx);
  return v.RunConst(expr, expected, what, num_globals);
}

} // namespace minicc::wasm::detail
