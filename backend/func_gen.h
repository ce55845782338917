// Internal to the backend: lowering of one function body. Expressions push their value on the
// Wasm operand stack (records and arrays push their address); statements leave it balanced.
#pragma once

#include <string>
#include <unordered_map>
#include <vector>

#include "backend/codegen.h"

namespace minicc::backend {

// Where a variable lives inside a function.
struct VarLoc {
  enum class Kind { Local, Frame, Indirect, Global } kind = Kind::Local;
  uint32_t index = 0;  // Local: wasm local; Indirect: wasm local holding the address
  uint32_t offset = 0; // Frame: offset from the frame pointer; Global: address
};

// An evaluated lvalue: a wasm local, or an address on the stack plus a constant offset.
struct LValue {
  bool is_local = false;
  uint32_t local = 0;
  uint32_t offset = 0;
  const frontend::Member* bitfield = nullptr;
  const Type* type = nullptr;
};

class FuncGen {
public:
  FuncGen(Generator& gen, Symbol* sym);
  // Lowers the function into `out` and returns its local names (params first).
  void Run(wasm::Function& out, std::vector<std::string>& local_names);

private:
  // --- emission helpers
  void Emit(wasm::Opcode op, uint32_t a = 0, uint32_t b = 0, uint64_t c = 0);
  void EmitI32(int32_t v) { Emit(wasm::Opcode::I32Const, 0, 0, uint64_t(int64_t(v))); }
  void EmitI64(int64_t v) { Emit(wasm::Opcode::I64Const, 0, 0, uint64_t(v)); }
  void EmitConst(const Type* t, int64_t v);
  void EmitZero(wasm::ValType t);
  void BeginBlock(wasm::Opcode op, std::optional<wasm::ValType> result, const Stmt* brk = nullptr,
                  const Stmt* cont = nullptr);
  void EndBlock();
  void Else();
  uint32_t Depth(const Stmt* target, bool is_continue);
  uint32_t NewLocal(wasm::ValType t, std::string name = "");
  uint32_t Temp(wasm::ValType t) { return NewLocal(t); }
  uint32_t FrameAlloc(uint32_t size, uint32_t align);
  void PushFramePointer();                // local.get fp
  void PushFrameAddress(uint32_t offset); // fp + offset
  void AddOffset(uint32_t offset);        // address on stack += offset
  void Load(const Type* t, uint32_t offset);
  void Store(const Type* t, uint32_t offset);
  void Convert(const Type* from, const Type* to);
  void Narrow(const Type* to);

  // --- expressions (lower_expr.cpp)
  void Gen(const Expr* e);           // push the value
  void GenDiscard(const Expr* e);    // evaluate for side effects
  void GenCond(const Expr* e);       // push an i32 that is non-zero iff e is true
  void GenBool(const Expr* e);       // push exactly 0 or 1
  LValue GenLValue(const Expr* e);   // push the address (unless a local)
  void LoadLValue(const LValue& lv); // consumes the address, pushes the value
  void GenAssign(const Expr* e, bool want);
  void GenIncDec(const Expr* e, bool want);
  void GenCompoundAssign(const Expr* e, bool want);
  void GenBinary(const Expr* e);
  void GenArith(ExprKind op, const Type* t); // both operands on the stack, type t
  void GenCall(const Expr* e);
  void GenCast(const Expr* e);
  void GenWasmOp(const Expr* e);
  void GenVaArg(const Expr* e);
  // --- long double (lower_ldouble.cpp): values are addresses of 16 bytes
  void LdSplit();                                  // address -> lo, hi (i64, i64)
  void LdCallHelper(const char* name, const wasm::FuncType& sig);
  void LdArith(ExprKind op);                       // a, b addresses -> address of a op b
  void LdCompare(ExprKind op);                     // a, b addresses -> i32 0/1
  void LdToBool();                                 // address -> i32 0/1
  void LdConvert(const Type* from, const Type* to); // one side long double
  void LdConst(uint64_t lo, uint64_t hi);          // push the address of a constant
  void LdConstInt(int64_t v);
  void LdNeg();                                    // address -> address of the negation
  void LdIncDec(const Expr* e, bool want);
  // Stores the value of `value_local` into bit-field `m` of the unit at addr_local + offset.
  void StoreBitfield(uint32_t addr_local, uint32_t offset, uint32_t value_local,
                     const frontend::Member* m);
  void ExtractBitfield(const frontend::Member* m); // unit value on stack -> field value
  void InitObject(const frontend::Initializer* init, const Type* type, uint32_t base_local,
                  uint32_t base_offset);
  void InitDecl(const Decl* d);
  VarLoc& Loc(const Decl* d);
  std::optional<int64_t> ConstInt(const Expr* e);
  bool Speculable(const Expr* e);
  bool Speculable(const Expr* e, int& budget);
  std::optional<int64_t> ConstIntUncached(const Expr* e);
  std::unordered_map<const Expr*, std::optional<int64_t>> const_int_cache_;

  // --- statements (lower_stmt.cpp)
  void GenStmt(const Stmt* s);
  void GenSwitch(const Stmt* s);
  void GenJumpSwitch(const Stmt* s);
  void GenStmts(const std::vector<const Stmt*>& stmts); // skips dead code at -O1
  bool GenLabelledCompound(const Stmt* s);
  void GenGoto(const Stmt* s);
  void GenReturn(const Stmt* s);
  void Epilogue();

  Generator& g_;
  Symbol* sym_;
  const Decl* fn_;
  wasm::Expr code_;
  std::vector<wasm::ValType> locals_; // params first
  std::vector<std::string> names_;
  uint32_t num_params_ = 0;
  std::unordered_map<const Decl*, VarLoc> vars_;
  uint32_t frame_size_ = 0;
  uint32_t fp_ = kNone;
  uint32_t sret_ = kNone;
  uint32_t va_ = kNone;
  std::vector<size_t> frame_size_patches_; // i32.const instrs to set to the final frame size
  struct Ctl {
    const Stmt* brk;
    const Stmt* cont;
  };
  std::vector<Ctl> ctl_;
  // goto: every label that some goto targets has an id (1..N). `targets_` maps each statement
  // that contains such labels (itself included) to their ids. A goto stores the id in
  // `goto_local_` and branches to the dispatch loop of the innermost enclosing compound statement
  // that contains the label; every statement on the way down to the label is entered in "jump
  // mode" (goto_local_ != 0): compounds dispatch on it, `if` picks the branch holding the label,
  // loops skip their initialisation and first test; the label resets goto_local_ to 0.
  std::unordered_map<const Stmt*, uint32_t> label_id_;
  std::unordered_map<const Stmt*, std::vector<uint32_t>> targets_;
  uint32_t goto_local_ = kNone;
  const std::vector<uint32_t>* Targets(const Stmt* s) const {
    auto it = s ? targets_.find(s) : targets_.end();
    return it == targets_.end() ? nullptr : &it->second;
  }
  const std::vector<uint32_t>& CollectTargets(const Stmt* s);
  void GenJumpModeCond(const std::vector<uint32_t>* then_ids, const std::vector<uint32_t>* else_ids,
                       const Expr* cond);
  bool opt_ = false;

  // Variable length arrays: each executed VLA declaration saves __stack_pointer in a local and
  // moves it down by the array's size; `vla_scopes_` holds the declarations in scope (outermost
  // first). Leaving a scope (end of its block, break/continue/goto out of it) restores the
  // pointer saved by the outermost scope left; return restores the whole frame.
  struct VlaScope {
    const Stmt* decl;
    uint32_t saved_sp;
  };
  bool has_vla_ = false;
  std::vector<VlaScope> vla_scopes_;
  std::unordered_map<const Stmt*, size_t> vla_depth_; // loops/switches: scopes outside them
  struct Place {
    const Stmt* parent;
    size_t index;
  };
  std::unordered_map<const Stmt*, Place> parent_; // for goto: where each statement is
  void GenStmtKind(const Stmt* s);
  void AllocVla(const Stmt* s, const Decl* d);
  void ReleaseVla(size_t depth); // restores the stack pointer saved by vla_scopes_[depth]
  bool InVlaScope(const Stmt* x, const Stmt* decl) const;
};

} // namespace minicc::backend
