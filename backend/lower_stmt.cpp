// Lowering of one mini-C function: frame layout (address-taken locals, arrays and records in a
// 16-byte aligned shadow-stack frame; other scalars in Wasm locals), statements as structured
// control flow (block/loop/br_if, switch as br_table or a compare chain), and the
// prologue/epilogue that move __stack_pointer only when the function has a frame.
#include <algorithm>

#include "backend/func_gen.h"
#include "backend/peephole.h"

namespace minicc::backend {

using wasm::Opcode;
using wasm::ValType;

FuncGen::FuncGen(Generator& gen, Symbol* sym)
    : g_(gen), sym_(sym), fn_(sym->def), opt_(gen.options().opt_level >= 1) {}

void FuncGen::Emit(Opcode op, uint32_t a, uint32_t b, uint64_t c) {
  wasm::Instr in;
  in.op = op;
  in.a = a;
  in.b = b;
  in.c = c;
  code_.instrs.push_back(in);
}

void FuncGen::EmitZero(ValType t) {
  switch (t.kind) {
  case wasm::ValKind::I64: EmitI64(0); break;
  case wasm::ValKind::F32: Emit(Opcode::F32Const); break;
  case wasm::ValKind::F64: Emit(Opcode::F64Const); break;
  default: EmitI32(0); break;
  }
}

void FuncGen::BeginBlock(Opcode op, std::optional<ValType> result, const Stmt* brk,
                         const Stmt* cont) {
  wasm::BlockType bt;
  if (result) {
    bt.kind = wasm::BlockType::Kind::Value;
    bt.value = *result;
  }
  code_.block_types.push_back(bt);
  Emit(op, uint32_t(code_.block_types.size() - 1));
  ctl_.push_back({brk, cont});
}

void FuncGen::EndBlock() {
  Emit(Opcode::End);
  ctl_.pop_back();
}

void FuncGen::Else() {
  Emit(Opcode::Else);
}

uint32_t FuncGen::Depth(const Stmt* target, bool is_continue) {
  for (size_t i = ctl_.size(); i-- > 0;) {
    if ((is_continue ? ctl_[i].cont : ctl_[i].brk) == target) {
      return uint32_t(ctl_.size() - 1 - i);
    }
  }
  g_.Fail(target ? target->loc : frontend::SourceLoc{}, "internal error: branch target not found");
  return 0;
}

uint32_t FuncGen::NewLocal(ValType t, std::string name) {
  locals_.push_back(t);
  names_.push_back(std::move(name));
  return uint32_t(locals_.size() - 1);
}

uint32_t FuncGen::FrameAlloc(uint32_t size, uint32_t align) {
  if (fp_ == kNone)
    fp_ = NewLocal(ValType::I32(), "__fp");
  align = std::max<uint32_t>(align, 1);
  frame_size_ = (frame_size_ + align - 1) / align * align;
  uint32_t off = frame_size_;
  frame_size_ += std::max<uint32_t>(size, 1);
  return off;
}

void FuncGen::PushFramePointer() {
  if (fp_ == kNone)
    fp_ = NewLocal(ValType::I32(), "__fp");
  Emit(Opcode::LocalGet, fp_);
}

void FuncGen::PushFrameAddress(uint32_t offset) {
  PushFramePointer();
  AddOffset(offset);
}

void FuncGen::AddOffset(uint32_t offset) {
  if (offset == 0)
    return;
  EmitI32(int32_t(offset));
  Emit(Opcode::I32Add);
}

VarLoc& FuncGen::Loc(const Decl* d) {
  auto it = vars_.find(d);
  if (it != vars_.end())
    return it->second;
  VarLoc loc;
  if (d->is_global || d->storage == frontend::StorageClass::Extern) {
    loc.kind = VarLoc::Kind::Global;
    Symbol* s = g_.Resolve(d);
    loc.offset = s ? g_.GlobalAddress(s) : 0;
  } else if (d->vla_size) { // the address of the array, allocated when the declaration runs
    loc.kind = VarLoc::Kind::Indirect;
    loc.index = NewLocal(ValType::I32(), d->name);
  } else if (d->address_taken || d->type->IsAggregate() || d->type->IsLongDouble()) {
    loc.kind = VarLoc::Kind::Frame;
    loc.offset = FrameAlloc(SizeOf(d->type), AlignOf(d->type));
  } else {
    loc.kind = VarLoc::Kind::Local;
    loc.index = NewLocal(WasmType(d->type).value_or(ValType::I32()), d->name);
  }
  return vars_.emplace(d, loc).first->second;
}

// ---------------------------------------------------------------------------------------------
// Initialisers of automatic objects
// ---------------------------------------------------------------------------------------------
namespace {

// Do the initialiser's entries store every byte of the object (so no zero fill is needed)? Not
// when a bit-field is among them (they are read-modify-write) or a string is shorter than its
// array; padding between members is not covered either, so it stays zero as with the fill.
bool CoversEveryByte(const frontend::Initializer* init, const Type* type) {
  uint32_t size = SizeOf(type);
  if (size > 4096)
    return false;
  std::vector<bool> covered(size, false);
  for (const frontend::InitEntry& en : init->entries) {
    const Expr* v = en.value;
    if (!v || en.bitfield)
      return false;
    uint32_t n = SizeOf(en.type);
    if (en.type->IsArray() && v->kind == ExprKind::StringLit && v->str.size() < n)
      return false;
    if (en.offset + n > size)
      return false;
    std::fill(covered.begin() + en.offset, covered.begin() + en.offset + n, true);
  }
  return std::find(covered.begin(), covered.end(), false) == covered.end();
}

} // namespace

void FuncGen::InitObject(const frontend::Initializer* init, const Type* type, uint32_t base_local,
                         uint32_t base_offset) {
  auto push_base = [&](uint32_t extra) {
    Emit(Opcode::LocalGet, base_local);
    AddOffset(base_offset + extra);
  };
  bool filled = false;
  if (type->IsAggregate()) {
    // Zero everything the entries do not cover (clang does the same for partial initialisers).
    bool single_string = init->entries.size() == 1 && init->entries[0].type->IsArray() &&
                         init->entries[0].value &&
                         init->entries[0].value->kind == ExprKind::StringLit &&
                         SizeOf(init->entries[0].type) == SizeOf(type) &&
                         init->entries[0].value->str.size() >= SizeOf(type);
    if (!single_string && !(opt_ && CoversEveryByte(init, type))) {
      push_base(0);
      EmitI32(0);
      EmitI32(int32_t(SizeOf(type)));
      Emit(Opcode::MemoryFill);
      filled = true;
    }
  }
  for (const frontend::InitEntry& en : init->entries) {
    const Expr* v = en.value;
    if (!v)
      continue;
    if (en.type->IsArray() && v->kind == ExprKind::StringLit) {
      uint32_t n = std::min<uint32_t>(uint32_t(v->str.size()), SizeOf(en.type));
      push_base(en.offset);
      EmitI32(int32_t(g_.StringAddress(v->str)));
      EmitI32(int32_t(n));
      Emit(Opcode::MemoryCopy);
      continue;
    }
    if (en.bitfield) {
      const frontend::Member& m = *en.bitfield;
      uint32_t addr = Temp(ValType::I32());
      push_base(en.offset);
      Emit(Opcode::LocalSet, addr);
      uint32_t val = Temp(Is64(m.type) ? ValType::I64() : ValType::I32());
      Gen(v);
      Convert(v->type, m.type);
      Emit(Opcode::LocalSet, val);
      StoreBitfield(addr, 0, val, &m);
      continue;
    }
    if (IsMemValue(en.type)) {
      push_base(en.offset);
      Gen(v);
      Convert(v->type, en.type);
      EmitI32(int32_t(SizeOf(en.type)));
      Emit(Opcode::MemoryCopy);
      continue;
    }
    if (opt_ && filled) {
      // Zero stores are already done by the fill.
      auto k = ConstInt(v);
      if (k && *k == 0 && v->type->IsInteger() && en.type->IsScalar())
        continue;
    }
    Emit(Opcode::LocalGet, base_local);
    Gen(v);
    Convert(v->type, en.type);
    Store(en.type, base_offset + en.offset);
  }
}

void FuncGen::InitDecl(const Decl* d) {
  if (!d->init)
    return;
  VarLoc& loc = Loc(d);
  switch (loc.kind) {
  case VarLoc::Kind::Global: return; // static storage: initialised in the data segment
  case VarLoc::Kind::Local: {
    const auto& es = d->init->entries;
    if (es.empty() || !es[0].value) {
      EmitZero(locals_[loc.index]);
    } else {
      Gen(es[0].value);
      Convert(es[0].value->type, d->type);
    }
    Emit(Opcode::LocalSet, loc.index);
    return;
  }
  case VarLoc::Kind::Frame: InitObject(d->init, d->type, fp_, loc.offset); return;
  case VarLoc::Kind::Indirect: InitObject(d->init, d->type, loc.index, 0); return;
  }
}

// ---------------------------------------------------------------------------------------------
// Statements
// ---------------------------------------------------------------------------------------------
namespace {

bool HasContinue(const Stmt* s, const Stmt* loop) {
  if (!s)
    return false;
  if (s->kind == StmtKind::Continue)
    return s->target == loop;
  if (s->kind == StmtKind::Compound) {
    for (const Stmt* c : s->body) {
      if (HasContinue(c, loop))
        return true;
    }
    return false;
  }
  return HasContinue(s->then, loop) || HasContinue(s->els, loop) ||
         (s->kind != StmtKind::Decl && HasContinue(s->init, loop));
}

bool IsJump(const Stmt* s) {
  return s->kind == StmtKind::Return || s->kind == StmtKind::Break ||
         s->kind == StmtKind::Continue || s->kind == StmtKind::Goto;
}

bool IsLabelled(const Stmt* s) {
  return s->kind == StmtKind::Label || s->kind == StmtKind::Case || s->kind == StmtKind::Default;
}

} // namespace

void FuncGen::Epilogue() {
  if (fp_ == kNone)
    return;
  Emit(Opcode::LocalGet, fp_);
  frame_size_patches_.push_back(code_.instrs.size());
  EmitI32(0);
  Emit(Opcode::I32Add);
  Emit(Opcode::GlobalSet, g_.stack_pointer_global());
}

void FuncGen::GenReturn(const Stmt* s) {
  const Type* ret = fn_->type->base;
  if (s->expr) {
    if (IsMemValue(ret)) {
      Emit(Opcode::LocalGet, sret_);
      Gen(s->expr);
      EmitI32(int32_t(SizeOf(ret)));
      Emit(Opcode::MemoryCopy);
    } else if (ret->IsVoid()) {
      GenDiscard(s->expr);
    } else {
      Gen(s->expr);
    }
  } else if (!ret->IsVoid() && !IsMemValue(ret)) {
    EmitZero(*WasmType(ret));
  }
  Epilogue();
  Emit(Opcode::Return);
}

void FuncGen::AllocVla(const Stmt* s, const Decl* d) {
  uint32_t saved = NewLocal(ValType::I32(), "__vla_sp");
  uint32_t sp = g_.stack_pointer_global();
  Emit(Opcode::GlobalGet, sp);
  Emit(Opcode::LocalTee, saved);
  Gen(d->vla_size);
  Emit(Opcode::I32Sub);
  EmitI32(-16);
  Emit(Opcode::I32And);
  Emit(Opcode::LocalTee, Loc(d).index);
  Emit(Opcode::GlobalSet, sp);
  vla_scopes_.push_back({s, saved});
}

void FuncGen::ReleaseVla(size_t depth) {
  if (depth >= vla_scopes_.size())
    return;
  Emit(Opcode::LocalGet, vla_scopes_[depth].saved_sp);
  Emit(Opcode::GlobalSet, g_.stack_pointer_global());
}

// Is statement x in the scope of the VLA declaration `decl` (after it in its block)?
bool FuncGen::InVlaScope(const Stmt* x, const Stmt* decl) const {
  auto d = parent_.find(decl);
  if (d == parent_.end())
    return false;
  for (const Stmt* s = x; s;) {
    auto it = parent_.find(s);
    if (it == parent_.end())
      return false;
    if (it->second.parent == d->second.parent)
      return d->second.parent->kind == StmtKind::Compound ? it->second.index > d->second.index
                                                          : s != decl;
    s = it->second.parent;
  }
  return false;
}

void FuncGen::GenStmt(const Stmt* s) {
  if (!s || g_.failed())
    return;
  if (!has_vla_ || s->kind == StmtKind::Decl) {
    GenStmtKind(s);
    return;
  }
  // VLAs declared in this statement are released when it ends.
  size_t depth = vla_scopes_.size();
  vla_depth_[s] = depth;
  GenStmtKind(s);
  if (vla_scopes_.size() > depth) {
    ReleaseVla(depth);
    vla_scopes_.resize(depth);
  }
}

void FuncGen::GenStmtKind(const Stmt* s) {
  switch (s->kind) {
  case StmtKind::Null: return;
  case StmtKind::Compound:
    if (!GenLabelledCompound(s))
      GenStmts({s->body.begin(), s->body.end()});
    return;
  case StmtKind::Expr: GenDiscard(s->expr); return;
  case StmtKind::Decl:
    for (const Decl* d : s->decls) {
      if (d->kind != frontend::DeclKind::Var || d->is_global ||
          d->storage == frontend::StorageClass::Extern) {
        continue;
      }
      if (d->vla_size)
        AllocVla(s, d);
      InitDecl(d);
    }
    return;
  case StmtKind::If: {
    if (Targets(s)) {
      GenJumpModeCond(Targets(s->then), Targets(s->els), s->expr);
    } else if (opt_ && ConstInt(s->expr)) {
      GenStmt(*ConstInt(s->expr) ? s->then : s->els);
      return;
    } else {
      GenCond(s->expr);
    }
    BeginBlock(Opcode::If, std::nullopt);
    GenStmt(s->then);
    if (s->els) {
      Else();
      GenStmt(s->els);
    }
    EndBlock();
    return;
  }
  case StmtKind::While:
  case StmtKind::For: {
    bool entered = Targets(s->then) != nullptr; // a goto may jump into the body
    if (s->kind == StmtKind::For && s->init) {
      if (entered) {
        Emit(Opcode::LocalGet, goto_local_);
        Emit(Opcode::I32Eqz);
        BeginBlock(Opcode::If, std::nullopt);
      }
      GenStmt(s->init);
      if (entered) EndBlock();
    }
    std::optional<int64_t> c = s->expr ? ConstInt(s->expr) : std::optional<int64_t>(1);
    if (c && *c == 0 && !entered)
      return;
    BeginBlock(Opcode::Block, std::nullopt, s);
    BeginBlock(Opcode::Loop, std::nullopt);
    if (entered && c && *c == 0) {
      Emit(Opcode::LocalGet, goto_local_);
      Emit(Opcode::I32Eqz);
      Emit(Opcode::BrIf, 1);
    } else if (!c) {
      if (entered) {
        GenJumpModeCond(Targets(s->then), nullptr, s->expr);
      } else {
        GenCond(s->expr);
      }
      Emit(Opcode::I32Eqz);
      Emit(Opcode::BrIf, 1);
    }
    bool cont = HasContinue(s->then, s);
    if (cont)
      BeginBlock(Opcode::Block, std::nullopt, nullptr, s);
    GenStmt(s->then);
    if (cont)
      EndBlock();
    if (s->inc)
      GenDiscard(s->inc);
    Emit(Opcode::Br, 0);
    EndBlock();
    EndBlock();
    return;
  }
  case StmtKind::DoWhile: {
    BeginBlock(Opcode::Block, std::nullopt, s);
    BeginBlock(Opcode::Loop, std::nullopt);
    bool cont = HasContinue(s->then, s);
    if (cont)
      BeginBlock(Opcode::Block, std::nullopt, nullptr, s);
    GenStmt(s->then);
    if (cont)
      EndBlock();
    auto c = ConstInt(s->expr);
    if (!c) {
      GenCond(s->expr);
      Emit(Opcode::BrIf, 0);
    } else if (*c) {
      Emit(Opcode::Br, 0);
    }
    EndBlock();
    EndBlock();
    return;
  }
  case StmtKind::Break:
  case StmtKind::Continue:
    if (has_vla_) {
      // continue leaves the loop body's VLAs (not those of a `for` header); break, the loop's.
      const Stmt* left = s->kind == StmtKind::Continue ? s->target->then : s->target;
      if (vla_depth_.count(left))
        ReleaseVla(vla_depth_[left]);
    }
    Emit(Opcode::Br, Depth(s->target, s->kind == StmtKind::Continue));
    return;
  case StmtKind::Return: GenReturn(s); return;
  case StmtKind::Switch: GenSwitch(s); return;
  case StmtKind::Label:
  case StmtKind::Case:
  case StmtKind::Default:
    // Case labels only get here in a switch lowered as a jump (GenJumpSwitch).
    if (label_id_.count(s)) { // a goto target: arriving here ends jump mode
      if (Targets(s->then)) {
        Emit(Opcode::LocalGet, goto_local_);
        EmitI32(int32_t(label_id_[s]));
        Emit(Opcode::I32Eq);
        BeginBlock(Opcode::If, std::nullopt);
      }
      EmitI32(0);
      Emit(Opcode::LocalSet, goto_local_);
      if (Targets(s->then)) EndBlock();
    }
    GenStmt(s->then);
    return;
  case StmtKind::Goto: GenGoto(s); return;
  }
}

void FuncGen::GenStmts(const std::vector<const Stmt*>& stmts) {
  bool dead = false;
  for (const Stmt* c : stmts) {
    if (dead && opt_ && !IsLabelled(c)) continue;
    dead = false;
    GenStmt(c);
    if (IsJump(c)) dead = true;
  }
}

// A compound statement that contains goto targets (at any depth) becomes a dispatch loop:
//   loop $d  block $Bn ... block $B0  (br_table on goto_local_)  end S0  end S1 ... end Sn  end
// Segment 0 starts at the first statement; every statement that contains a target starts a new
// segment. The br_table maps goto_local_ = 0 (normal entry) to segment 0 and the id of each
// target inside the compound to the segment of the statement holding it. `goto L` from anywhere
// inside is `goto_local_ = id(L); br $d`. Returns false when `s` contains no goto target.
bool FuncGen::GenLabelledCompound(const Stmt* s) {
  const std::vector<uint32_t>* ids = Targets(s);
  if (!ids) return false;
  std::vector<std::vector<const Stmt*>> segs(1);
  std::vector<uint32_t> seg_of(label_id_.size() + 1, 0);
  for (const Stmt* c : s->body) {
    if (const std::vector<uint32_t>* inner = Targets(c)) {
      segs.emplace_back();
      for (uint32_t id : *inner) seg_of[id] = uint32_t(segs.size() - 1);
    }
    segs.back().push_back(c);
  }
  uint32_t n = uint32_t(segs.size());
  BeginBlock(Opcode::Loop, std::nullopt, nullptr, s);  // `continue` to s: the dispatch loop
  for (uint32_t i = 0; i < n; ++i) BeginBlock(Opcode::Block, std::nullopt);
  Emit(Opcode::LocalGet, goto_local_);
  uint32_t first = uint32_t(code_.u32s.size());
  for (uint32_t t : seg_of) code_.u32s.push_back(t);
  code_.u32s.push_back(0);
  Emit(Opcode::BrTable, first, uint32_t(seg_of.size()));
  for (uint32_t i = 0; i < n; ++i) {
    EndBlock();
    GenStmts(segs[i]);
  }
  EndBlock();
  return true;
}

void FuncGen::GenGoto(const Stmt* s) {
  auto it = label_id_.find(s->target);
  if (it == label_id_.end()) {
    g_.Fail(s->loc, "internal error: goto target not found");
    return;
  }
  uint32_t id = it->second;
  for (size_t k = 0; k < vla_scopes_.size(); ++k) {
    if (!InVlaScope(s->target, vla_scopes_[k].decl)) {
      ReleaseVla(k);
      break;
    }
  }
  for (size_t i = ctl_.size(); i-- > 0;) {
    const Stmt* c = ctl_[i].cont;
    if (!c || c->kind != StmtKind::Compound) continue;
    const std::vector<uint32_t>* ids = Targets(c);
    if (!ids || std::find(ids->begin(), ids->end(), id) == ids->end()) continue;
    EmitI32(int32_t(id));
    Emit(Opcode::LocalSet, goto_local_);
    Emit(Opcode::Br, uint32_t(ctl_.size() - 1 - i));
    return;
  }
  g_.Fail(s->loc, "goto into this statement is not supported");
}

// Records, for `s` and every statement inside it, the ids of the goto targets it contains.
const std::vector<uint32_t>& FuncGen::CollectTargets(const Stmt* s) {
  static const std::vector<uint32_t> kEmpty;
  if (!s) return kEmpty;
  std::vector<uint32_t> ids;
  auto add = [&](const Stmt* c) {
    const std::vector<uint32_t>& v = CollectTargets(c);
    ids.insert(ids.end(), v.begin(), v.end());
  };
  add(s->then);
  add(s->els);
  if (s->kind != StmtKind::Decl) add(s->init);
  for (const Stmt* c : s->body) add(c);
  if (s->kind == StmtKind::Label || s->kind == StmtKind::Case || s->kind == StmtKind::Default) {
    auto it = label_id_.find(s);
    if (it != label_id_.end()) ids.push_back(it->second);
  }
  if (ids.empty()) return kEmpty;
  return targets_[s] = std::move(ids);
}

// The condition of an `if` (or loop test) that may be entered by a goto: in jump mode, true iff
// the label is in `then_ids`; otherwise `cond`.
void FuncGen::GenJumpModeCond(const std::vector<uint32_t>* then_ids,
                              const std::vector<uint32_t>* else_ids, const Expr* cond) {
  Emit(Opcode::LocalGet, goto_local_);
  BeginBlock(Opcode::If, ValType::I32());
  if (!else_ids) {
    EmitI32(1);
  } else if (!then_ids) {
    EmitI32(0);
  } else {
    bool firstc = true;
    for (uint32_t id : *then_ids) {
      Emit(Opcode::LocalGet, goto_local_);
      EmitI32(int32_t(id));
      Emit(Opcode::I32Eq);
      if (!firstc) Emit(Opcode::I32Or);
      firstc = false;
    }
  }
  Else();
  if (cond) {
    GenCond(cond);
  } else {
    EmitI32(1);
  }
  EndBlock();
}

// Whether some case label of switch `s` is not at the top level of its body (Duff's device).
static bool CasesNested(const Stmt* s) {
  size_t top = 0;
  auto count = [&](const Stmt* st) {
    while (st && (st->kind == StmtKind::Case || st->kind == StmtKind::Default || st->kind == StmtKind::Label)) {
      if (st->kind != StmtKind::Label) ++top;
      st = st->then;
    }
  };
  if (s->then && s->then->kind == StmtKind::Compound) {
    for (const Stmt* c : s->then->body) count(c);
  } else {
    count(s->then);
  }
  return top != s->cases.size();
}

// A switch whose body holds goto targets, or case labels nested in statements of the body: the
// selection stores the id of the chosen case label in goto_local_ and the body is entered in
// jump mode (a goto into the body from outside skips the selection).
void FuncGen::GenJumpSwitch(const Stmt* s) {
  const Type* ct = s->expr->type;
  ValType vt = WasmType(ct).value_or(ValType::I32());
  bool wide = vt.kind == wasm::ValKind::I64;
  BeginBlock(Opcode::Block, std::nullopt, s);
  Emit(Opcode::LocalGet, goto_local_);
  Emit(Opcode::I32Eqz);
  BeginBlock(Opcode::If, std::nullopt);
  Gen(s->expr);
  uint32_t v = Temp(vt);
  Emit(Opcode::LocalSet, v);
  BeginBlock(Opcode::Block, std::nullopt);
  for (const Stmt* c : s->cases) {
    if (c->kind != StmtKind::Case) continue;
    Emit(Opcode::LocalGet, v);
    if (wide) {
      EmitI64(c->case_value);
      Emit(Opcode::I64Eq);
    } else {
      EmitI32(int32_t(c->case_value));
      Emit(Opcode::I32Eq);
    }
    BeginBlock(Opcode::If, std::nullopt);
    EmitI32(int32_t(label_id_[c]));
    Emit(Opcode::LocalSet, goto_local_);
    Emit(Opcode::Br, 1);
    EndBlock();
  }
  if (s->default_case) {
    EmitI32(int32_t(label_id_[s->default_case]));
    Emit(Opcode::LocalSet, goto_local_);
  } else {
    Emit(Opcode::Br, Depth(s, false));
  }
  EndBlock();
  EndBlock();
  GenStmt(s->then);
  EndBlock();
}

// switch: one block per case segment around a dispatch block; jumping to segment j is `br j`
// from the dispatch code, `br n` leaves the switch.
void FuncGen::GenSwitch(const Stmt* s) {
  if (Targets(s->then)) {
    GenJumpSwitch(s);
    return;
  }
  const Type* ct = s->expr->type;
  ValType vt = WasmType(ct).value_or(ValType::I32());
  bool wide = vt.kind == wasm::ValKind::I64;
  Gen(s->expr);
  uint32_t v = Temp(vt);
  Emit(Opcode::LocalSet, v);

  std::vector<std::vector<const Stmt*>> segs;
  std::vector<std::pair<int64_t, uint32_t>> cases;
  int64_t default_seg = -1;
  size_t labels = 0;
  bool open_label = false;
  std::vector<const Stmt*> list;
  if (s->then && s->then->kind == StmtKind::Compound) {
    list.assign(s->then->body.begin(), s->then->body.end());
  } else if (s->then) {
    list.push_back(s->then);
  }
  for (const Stmt* st : list) {
    while (st && (st->kind == StmtKind::Case || st->kind == StmtKind::Default)) {
      if (!open_label) {
        segs.emplace_back();
        open_label = true;
      }
      if (st->kind == StmtKind::Case) {
        cases.emplace_back(st->case_value, uint32_t(segs.size() - 1));
      } else {
        default_seg = int64_t(segs.size() - 1);
      }
      ++labels;
      st = st->then;
    }
    if (!st)
      continue;
    open_label = false;
    if (segs.empty())
      continue; // unreachable statements before the first label
    segs.back().push_back(st);
  }
  if (labels != s->cases.size()) {
    g_.Fail(s->loc, "case labels nested inside statements of a switch are not supported");
    return;
  }
  uint32_t n = uint32_t(segs.size());
  BeginBlock(Opcode::Block, std::nullopt, s);
  for (uint32_t i = 0; i + 1 < n; ++i)
    BeginBlock(Opcode::Block, std::nullopt);
  BeginBlock(Opcode::Block, std::nullopt);
  uint32_t dflt = default_seg >= 0 ? uint32_t(default_seg) : n;
  int64_t lo = 0, hi = -1;
  if (!cases.empty()) {
    lo = hi = cases[0].first;
    for (auto& c : cases) {
      lo = std::min(lo, c.first);
      hi = std::max(hi, c.first);
    }
  }
  uint64_t range = cases.empty() ? 0 : uint64_t(hi) - uint64_t(lo) + 1;
  if (!wide && cases.size() >= 4 && range <= 3 * cases.size() + 8 && range <= 4096) {
    std::vector<uint32_t> targets(range, dflt);
    for (auto& c : cases)
      targets[uint64_t(c.first) - uint64_t(lo)] = c.second;
    Emit(Opcode::LocalGet, v);
    if (lo != 0) {
      EmitI32(int32_t(lo));
      Emit(Opcode::I32Sub);
    }
    uint32_t first = uint32_t(code_.u32s.size());
    for (uint32_t t : targets)
      code_.u32s.push_back(t);
    code_.u32s.push_back(dflt);
    Emit(Opcode::BrTable, first, uint32_t(targets.size() + 1));
  } else {
    for (auto& c : cases) {
      Emit(Opcode::LocalGet, v);
      if (wide) {
        EmitI64(c.first);
        Emit(Opcode::I64Eq);
      } else if (c.first == 0) {
        Emit(Opcode::I32Eqz);
      } else {
        EmitI32(int32_t(c.first));
        Emit(Opcode::I32Eq);
      }
      Emit(Opcode::BrIf, c.second);
    }
    Emit(Opcode::Br, dflt);
  }
  EndBlock();
  for (uint32_t i = 0; i < n; ++i) {
    GenStmts(segs[i]);
    EndBlock();
  }
}

void FuncGen::Run(wasm::Function& out, std::vector<std::string>& local_names) {
  const Type* ft = fn_->type;
  const Type* ret = ft->base;
  wasm::FuncType sig = Signature(ft);
  if (IsMemValue(ret))
    sret_ = NewLocal(ValType::I32(), "__sret");
  std::vector<std::pair<const Decl*, uint32_t>> spill; // address-taken params
  std::vector<uint32_t> param_locals; // all params get their wasm locals before any frame slot
  for (const Decl* p : fn_->params) {
    if (p->type->IsLongDouble()) { // two i64 halves, stored to the frame below
      param_locals.push_back(NewLocal(ValType::I64(), p->name + ".lo"));
      NewLocal(ValType::I64(), p->name + ".hi");
      continue;
    }
    param_locals.push_back(NewLocal(WasmType(p->type).value_or(ValType::I32()), p->name));
  }
  if (ft->variadic)
    va_ = NewLocal(ValType::I32(), "__va");
  num_params_ = uint32_t(locals_.size());
  for (size_t pi = 0; pi < fn_->params.size(); ++pi) {
    const Decl* p = fn_->params[pi];
    uint32_t idx = param_locals[pi];
    VarLoc loc;
    if (p->type->IsRecord()) {
      loc.kind = VarLoc::Kind::Indirect;
      loc.index = idx;
    } else if (p->address_taken || p->type->IsLongDouble()) {
      loc.kind = VarLoc::Kind::Frame;
      loc.offset = FrameAlloc(SizeOf(p->type), AlignOf(p->type));
      spill.emplace_back(p, idx);
    } else {
      loc.index = idx;
    }
    vars_[p] = loc;
  }
  if (num_params_ != sig.params.size()) {
    g_.Fail(fn_->loc, "function '" + fn_->name + "': parameter list does not match its type");
    return;
  }
  for (const Decl* d : fn_->locals) {
    if (d->vla_size)
      has_vla_ = true;
  }
  if (has_vla_) {
    // The epilogue restores __stack_pointer from the frame pointer, releasing every VLA.
    if (fp_ == kNone)
      fp_ = NewLocal(ValType::I32(), "__fp");
    std::vector<std::pair<const Stmt*, Place>> work{{fn_->body, {nullptr, 0}}};
    while (!work.empty()) {
      auto [t, place] = work.back();
      work.pop_back();
      if (!t)
        continue;
      parent_[t] = place;
      for (size_t i = 0; i < t->body.size(); ++i)
        work.push_back({t->body[i], {t, i}});
      if (t->kind != StmtKind::Decl)
        work.push_back({t->init, {t, 0}});
      work.push_back({t->then, {t, 1}});
      work.push_back({t->els, {t, 2}});
    }
  }
  for (const Decl* d : fn_->locals) {
    if (d->kind == frontend::DeclKind::Param || vars_.count(d))
      continue;
    if (d->is_global || d->storage == frontend::StorageClass::Extern)
      continue;
    Loc(d);
  }
  // Labels targeted by a goto get ids 1..N (in order of first goto), then the statements that
  // contain them are recorded.
  std::vector<const Stmt*> stack{fn_->body};
  while (!stack.empty()) {
    const Stmt* t = stack.back();
    stack.pop_back();
    if (!t) continue;
    if (t->kind == StmtKind::Goto && t->target && !label_id_.count(t->target))
      label_id_.emplace(t->target, uint32_t(label_id_.size() + 1));
    if (t->kind == StmtKind::Switch && CasesNested(t)) {
      for (const Stmt* c : t->cases) label_id_.emplace(c, uint32_t(label_id_.size() + 1));
    }
    stack.push_back(t->els);
    stack.push_back(t->then);
    if (t->kind != StmtKind::Decl) stack.push_back(t->init);
    for (size_t i = t->body.size(); i-- > 0;) stack.push_back(t->body[i]);
  }
  if (!label_id_.empty()) {
    goto_local_ = NewLocal(ValType::I32(), "__goto");
    CollectTargets(fn_->body);
    // A switch whose body holds a goto target is entered in jump mode too: its case labels
    // need ids.
    bool more = false;
    stack.push_back(fn_->body);
    while (!stack.empty()) {
      const Stmt* t = stack.back();
      stack.pop_back();
      if (!t) continue;
      if (t->kind == StmtKind::Switch && Targets(t->then) && !t->cases.empty() &&
          !label_id_.count(t->cases[0])) {
        for (const Stmt* c : t->cases) label_id_.emplace(c, uint32_t(label_id_.size() + 1));
        more = true;
      }
      stack.push_back(t->then);
      stack.push_back(t->els);
      if (t->kind != StmtKind::Decl) stack.push_back(t->init);
      for (const Stmt* c : t->body) stack.push_back(c);
    }
    if (more) {
      targets_.clear();
      CollectTargets(fn_->body);
    }
  }
  for (auto& [p, idx] : spill) {
    if (p->type->IsLongDouble()) {
      for (uint32_t half = 0; half < 2; ++half) {
        Emit(Opcode::LocalGet, fp_);
        Emit(Opcode::LocalGet, idx + half);
        Emit(Opcode::I64Store, 3, 0, vars_[p].offset + 8 * half);
      }
      continue;
    }
    Emit(Opcode::LocalGet, fp_);
    Emit(Opcode::LocalGet, idx);
    Store(p->type, vars_[p].offset);
  }
  GenStmt(fn_->body);
  // Falling off the end: main returns 0 (C99 5.1.2.2.3); for others the value is undefined.
  Epilogue();
  if (!sig.results.empty())
    EmitZero(sig.results[0]);
  Emit(Opcode::End);

  uint32_t frame = (frame_size_ + 15) / 16 * 16;
  for (size_t i : frame_size_patches_)
    code_.instrs[i].c = frame;
  wasm::Expr body;
  if (fp_ != kNone) {
    auto emit = [&](Opcode op, uint32_t a, uint64_t c) {
      wasm::Instr in;
      in.op = op;
      in.a = a;
      in.c = c;
      body.instrs.push_back(in);
    };
    emit(Opcode::GlobalGet, g_.stack_pointer_global(), 0);
    emit(Opcode::I32Const, 0, frame);
    emit(Opcode::I32Sub, 0, 0);
    emit(Opcode::LocalTee, fp_, 0);
    emit(Opcode::GlobalSet, g_.stack_pointer_global(), 0);
  }
  body.instrs.insert(body.instrs.end(), code_.instrs.begin(), code_.instrs.end());
  body.u32s = std::move(code_.u32s);
  body.block_types = std::move(code_.block_types);
  if (opt_)
    Peephole(body);
  out.body = std::move(body);
  out.type_index = g_.TypeIndex(sig);
  for (size_t i = num_params_; i < locals_.size(); ++i) {
    if (!out.locals.empty() && out.locals.back().type == locals_[i]) {
      ++out.locals.back().count;
    } else {
      out.locals.push_back({1, locals_[i]});
    }
  }
  local_names = names_;
}

} // namespace minicc::backend
