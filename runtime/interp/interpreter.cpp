// The interpreter loop. One function holds every handler; each handler ends by jumping to the
// next instruction's handler (`goto *handler`), so dispatch is one indirect jump per
// instruction. The hot state lives in locals the compiler keeps in registers: the instruction
// pointer, the frame pointer, and memory 0's base and size. Wasm calls never recurse on the
// host stack: each call pushes a CallFrame record, and stack depth is checked against the
// store's limits ("call stack exhausted"). Guard-page faults land in RunGuarded via siglongjmp.
#include "runtime/interp/interpreter.h"

#include <bit>
#include <cmath>
#include <cstring>
#include <limits>

#include "runtime/guard.h"

namespace minicc::runtime::interp {

namespace {

// --- numeric helpers used by iops.def expressions

template <typename T>
inline T DivS(T a, T b, TrapKind* tk) {
  if (b == 0) { *tk = TrapKind::IntegerDivideByZero; return 0; }
  if (a == std::numeric_limits<T>::min() && b == -1) { *tk = TrapKind::IntegerOverflow; return 0; }
  return a / b;
}
template <typename T>
inline T DivU(T a, T b, TrapKind* tk) {
  if (b == 0) { *tk = TrapKind::IntegerDivideByZero; return 0; }
  return a / b;
}
template <typename T>
inline T RemS(T a, T b, TrapKind* tk) {
  if (b == 0) { *tk = TrapKind::IntegerDivideByZero; return 0; }
  if (b == -1) return 0;
  return a % b;
}
template <typename T>
inline T RemU(T a, T b, TrapKind* tk) {
  if (b == 0) { *tk = TrapKind::IntegerDivideByZero; return 0; }
  return a % b;
}

// Exclusive bounds of the floats that convert to T without overflow: (lo, hi).
template <typename T, typename F>
constexpr F TruncLo() {
  if constexpr (std::is_unsigned_v<T>) return F(-1);
  // -2^(n-1) - 1 when representable, else the first float below -2^(n-1).
  if constexpr (sizeof(T) == 4 && sizeof(F) == 8) return -2147483649.0;
  return std::nextafter(F(std::numeric_limits<T>::min()), F(-INFINITY));
}
template <typename T, typename F>
constexpr F TruncHi() {
  // 2^n (unsigned) or 2^(n-1) (signed), exactly representable.
  return std::is_unsigned_v<T> ? F(2) * F(T(1) << (sizeof(T) * 8 - 1))
                               : -F(std::numeric_limits<T>::min());
}

template <typename T, typename F>
inline T TruncChecked(F x, TrapKind* tk) {
  if (std::isnan(x)) { *tk = TrapKind::InvalidConversion; return 0; }
  if (!(x > TruncLo<T, F>() && x < TruncHi<T, F>())) { *tk = TrapKind::IntegerOverflow; return 0; }
  return T(x);
}

template <typename T, typename F>
inline T TruncSat(F x) {
  if (std::isnan(x)) return 0;
  if (!(x > TruncLo<T, F>())) return std::numeric_limits<T>::min();
  if (!(x < TruncHi<T, F>())) return std::numeric_limits<T>::max();
  return T(x);
}

template <typename F>
inline F FMin(F a, F b) {
  if (std::isnan(a) || std::isnan(b)) return a + b;  // a quiet NaN carrying an input payload
  if (a == b) return std::signbit(a) ? a : b;        // min(-0, +0) = -0
  return a < b ? a : b;
}
template <typename F>
inline F FMax(F a, F b) {
  if (std::isnan(a) || std::isnan(b)) return a + b;
  if (a == b) return std::signbit(a) ? b : a;        // max(-0, +0) = +0
  return a > b ? a : b;
}

template <typename T>
inline T ReadPtr(const Word* p) {
  uintptr_t v;
  std::memcpy(&v, p, sizeof v);
  return reinterpret_cast<T>(v);
}
inline uint64_t ReadU64(const Word* p) {
  return uint64_t(p[0]) | (uint64_t(p[1]) << 32);
}

template <typename T>
inline T SlotAs(const Slot& s) {
  T v;
  std::memcpy(&v, &s, sizeof v);  // every field starts at the slot's first byte
  return v;
}

// The binary operations as functions, for the fused load+operation handlers.
#define IOP_BIN(Name, in, out, expr)                                                  \
  struct Fn##Name {                                                                   \
    using In = decltype(Slot::in);                                                    \
    static void Apply(Slot& dst, In a, In b) { dst.out = (expr); }                    \
  };
#define IOP_IBIN(Name, in, out, expr) IOP_BIN(Name, in, out, expr)
#include "runtime/interp/iops.def"

// Everything one execution needs; published where a guard fault or a trap must find it.
struct Exec {
  Store* store;
  Slot* stack;
  Slot* stack_end;
  CallFrame* frames;
  CallFrame* frames_end;
  // Published at calls and returns, read when a guard-page fault interrupts the loop.
  CallFrame* frame = nullptr;
  Func* func = nullptr;
  std::optional<Trap> trap = std::nullopt;
};

void AddBacktrace(Exec& ex, Trap& trap, Func* func, const Word* ip, CallFrame* frame) {
  // `at` is the trapping instruction in the innermost frame and a return address (one past the
  // call) in the others.
  auto add = [&](Func* f, const Word* at, uint32_t back) {
    TraceFrame tf;
    tf.func_index = f->index;
    tf.name = f->name;
    if (f->code && at != nullptr) {
      tf.offset = f->code->OffsetAt(uint32_t(at - f->code->code.data()) - back);
    }
    trap.backtrace.push_back(std::move(tf));
  };
  if (func == nullptr) return;
  add(func, ip, 0);
  // Deep recursion: keep the innermost frames and the outermost few.
  constexpr size_t kMaxFrames = 64;
  for (CallFrame* f = frame; f != ex.frames;) {
    --f;
    if (trap.backtrace.size() >= kMaxFrames) break;
    add(f->func, f->ip, 1);
  }
}

// Out of line so that the interpreter loop holds no objects with destructors.
[[gnu::noinline]] bool HostCall(Exec& ex, Func* callee, Instance* caller, Slot* base) {
  HostResult r = CallHostFromWasm(*ex.store, callee, caller, base);
  if (!r) return true;
  ex.trap = std::move(*r);
  return false;
}
// The reference interpreter's wording: the trap names the table index ("uninitialized element 2").
[[gnu::noinline]] void ElementTrap(Exec& ex, TrapKind kind, uint64_t index) {
  ex.trap = Trap::Make(kind, std::string(DefaultMessage(kind)) + " " + std::to_string(index));
}
[[gnu::noinline]] FuncCode* Translate(Exec& ex, Func* callee) {
  Trap t;
  FuncCode* c = EnsureCode(*ex.store, callee, &t);
  if (c == nullptr) ex.trap = std::move(t);
  return c;
}

// Runs ex.func (already translated, arguments in ex.stack) to completion. False on a trap
// (in ex.trap).
bool Run(Exec& ex) {
  static void* const kHandlers[] = {
      &&L_Unreachable, &&L_Br, &&L_BrIf, &&L_BrUnless, &&L_BrTable, &&L_Return, &&L_Call,
      &&L_CallIndirect, &&L_ReturnCall, &&L_ReturnCallIndirect, &&L_Copy, &&L_Copy2, &&L_AddBrIf, &&L_AddBrUnless, &&L_Const32,
      &&L_Const64, &&L_Select, &&L_GlobalGet, &&L_GlobalSet, &&L_Slow, &&L_Trace,
#define IOP_UN(Name, in, out, expr) &&L_##Name,
#define IOP_UNT(Name, in, out, expr) &&L_##Name,
#define IOP_BIN(Name, in, out, expr) &&L_##Name,
#define IOP_FBIN(Name, in, out, expr) &&L_##Name, &&L_##Name##_K,
#define IOP_IBIN(Name, in, out, expr) &&L_##Name, &&L_##Name##_RI,
#define IOP_IBINT(Name, in, out, expr) &&L_##Name, &&L_##Name##_RI,
#define IOP_CMP(Name, in, expr)                                                          \
  &&L_##Name, &&L_##Name##_RI, &&L_##Name##_BrIf, &&L_##Name##_BrIf_RI, &&L_##Name##_BrUnless, \
      &&L_##Name##_BrUnless_RI, &&L_##Name##_AddBrIf_RI, &&L_##Name##_AddBrUnless_RI,
#include "runtime/interp/iops.def"
#define IOP_LOAD(Name, field, MemT) \
  &&L_##Name, &&L_##Name##_G, &&L_##Name##_X, &&L_##Name##_A, &&L_##Name##_GA, &&L_##Name##_K,
#define IOP_STORE(Name, field, MemT) \
  &&L_##Name, &&L_##Name##_G, &&L_##Name##_X, &&L_##Name##_K, &&L_##Name##_GI,
#define IOP_LOAD_BIN(Bin, Load, Store, MemT) &&L_##Bin##_M, &&L_##Bin##_MS,
#include "runtime/interp/memops.def"
  };
  static_assert(sizeof(kHandlers) / sizeof(kHandlers[0]) == size_t(IOp::kCount));
  if (ex.func == nullptr) {  // HandlerTable() asks for the labels
    ex.trap.emplace();
    ex.trap->backtrace.resize(0);
    ex.stack = reinterpret_cast<Slot*>(const_cast<void**>(kHandlers));
    return true;
  }

  Store& store = *ex.store;
  Func* func = ex.func;
  Instance* inst = func->instance;
  Slot* fp = ex.stack;
  CallFrame* frame = ex.frames;
  const Word* ip = func->code->code.data();
  uint8_t* mem = nullptr;
  uint64_t mem_size = 0;
  TrapKind tk = TrapKind::Unreachable;
  TrapKind* const tkp = &tk;
  bool trapped = false;

  // Call sequence state (shared by the call handlers).
  Func* callee;
  Slot* nfp;
  const Word* next_ip;

#define LOAD_MEM()                  \
  do {                              \
    Memory* m0_ = inst->memory0;    \
    mem = m0_ ? m0_->data : nullptr; \
    mem_size = m0_ ? m0_->size : 0; \
  } while (0)
#define NEXT() goto* ReadPtr<void*>(ip)
#define TRAP(kind)  \
  do {              \
    tk = (kind);    \
    goto trap;      \
  } while (0)
#define S(n) fp[ip[2 + (n)]]

  LOAD_MEM();
  {
    FuncCode* c = func->code.get();
    for (uint32_t i = c->num_params; i < c->num_locals; ++i) fp[i].u64 = 0;
  }
  NEXT();

L_Unreachable:
  TRAP(TrapKind::Unreachable);
L_Br:
  ip += int32_t(ip[2]);
  NEXT();
L_BrIf:
  if (S(0).u32 != 0) ip += int32_t(ip[3]); else ip += 4;
  NEXT();
L_BrUnless:
  if (S(0).u32 == 0) ip += int32_t(ip[3]); else ip += 4;
  NEXT();
L_BrTable: {
  uint32_t i = S(0).u32, n = ip[3];
  if (i > n) i = n;
  ip += int32_t(ip[4 + i]);
  NEXT();
}
L_Copy:
  S(0).u64 = S(1).u64;
  ip += 4;
  NEXT();
L_Copy2:
  S(0).u64 = S(1).u64;
  S(2).u64 = S(3).u64;
  ip += 6;
  NEXT();
L_AddBrIf: {
  uint32_t d = S(1).u32 + ip[4];
  S(0).u64 = d;
  if (d != 0) ip += int32_t(ip[5]); else ip += 6;
  NEXT();
}
L_AddBrUnless: {
  uint32_t d = S(1).u32 + ip[4];
  S(0).u64 = d;
  if (d == 0) ip += int32_t(ip[5]); else ip += 6;
  NEXT();
}
L_Const32:
  S(0).u32 = ip[3];
  ip += 4;
  NEXT();
L_Const64:
  S(0).u64 = ReadU64(ip + 3);
  ip += 5;
  NEXT();
L_Select:
  S(0).u64 = S(3).u32 ? S(1).u64 : S(2).u64;
  ip += 6;
  NEXT();
L_GlobalGet:
  S(0).u64 = ReadPtr<Global*>(ip + 3)->bits;
  ip += 5;
  NEXT();
L_GlobalSet:
  ReadPtr<Global*>(ip + 3)->bits = S(0).u64;
  ip += 5;
  NEXT();
L_Slow: {
  ex.frame = frame;
  ex.func = func;
  std::optional<TrapKind> t = ExecSlow(store, func, ip[2], fp + ip[3]);
  if (t) TRAP(*t);
  LOAD_MEM();
  ip += 4;
  NEXT();
}
L_Trace:
  TraceInstr(store, func, ip[2]);
  ip += 3;
  NEXT();

L_Call:
  callee = ReadPtr<Func*>(ip + 2);
  nfp = fp + ip[4];
  next_ip = ip + 5;
  goto do_call;
L_CallIndirect: {
  Table* t = ReadPtr<Table*>(ip + 3);
  uint64_t i = t->type.limits.is64 ? S(0).u64 : S(0).u32;
  if (i >= t->elems.size()) {
    ElementTrap(ex, TrapKind::UndefinedElement, i);
    goto trap_pending;
  }
  Ref r = t->elems[i];
  if (r.IsNull()) {
    ElementTrap(ex, TrapKind::UninitializedElement, i);
    goto trap_pending;
  }
  callee = r.AsFunc();
  if (callee->type_id != ip[5]) TRAP(TrapKind::IndirectCallTypeMismatch);
  nfp = fp + ip[6];
  next_ip = ip + 7;
  goto do_call;
}
do_call: {
  if (callee->IsHost()) {
    ex.frame = frame;
    ex.func = func;
    if (!HostCall(ex, callee, inst, nfp)) goto trap_pending;
    LOAD_MEM();
    ip = next_ip;
    NEXT();
  }
  FuncCode* c = callee->code.get();
  if (c == nullptr) {
    c = Translate(ex, callee);
    if (c == nullptr) goto trap_pending;
  }
  if (frame == ex.frames_end || nfp + c->frame_slots > ex.stack_end)
    TRAP(TrapKind::CallStackExhausted);
  frame->ip = next_ip;
  frame->fp = fp;
  frame->func = func;
  ++frame;
  ex.frame = frame;
  fp = nfp;
  if (callee->instance != inst) {
    inst = callee->instance;
    LOAD_MEM();
  }
  func = callee;
  ex.func = func;
  for (uint32_t i = c->num_params; i < c->num_locals; ++i) fp[i].u64 = 0;
  ip = c->code.data();
  NEXT();
}

L_ReturnCall:
  callee = ReadPtr<Func*>(ip + 2);
  nfp = fp + ip[4];
  goto do_return_call;
L_ReturnCallIndirect: {
  Table* t = ReadPtr<Table*>(ip + 3);
  uint64_t i = t->type.limits.is64 ? S(0).u64 : S(0).u32;
  if (i >= t->elems.size()) {
    ElementTrap(ex, TrapKind::UndefinedElement, i);
    goto trap_pending;
  }
  Ref r = t->elems[i];
  if (r.IsNull()) {
    ElementTrap(ex, TrapKind::UninitializedElement, i);
    goto trap_pending;
  }
  callee = r.AsFunc();
  if (callee->type_id != ip[5]) TRAP(TrapKind::IndirectCallTypeMismatch);
  nfp = fp + ip[6];
  goto do_return_call;
}
do_return_call: {
  // The arguments move down to this frame's base; the frame record is reused.
  std::memmove(fp, nfp, callee->type.params.size() * sizeof(Slot));
  if (callee->IsHost()) {
    ex.frame = frame;
    ex.func = func;
    if (!HostCall(ex, callee, inst, fp)) goto trap_pending;
    goto L_Return;
  }
  FuncCode* c = callee->code.get();
  if (c == nullptr) {
    c = Translate(ex, callee);
    if (c == nullptr) goto trap_pending;
  }
  if (fp + c->frame_slots > ex.stack_end) TRAP(TrapKind::CallStackExhausted);
  if (callee->instance != inst) {
    inst = callee->instance;
    LOAD_MEM();
  }
  func = callee;
  ex.func = func;
  for (uint32_t i = c->num_params; i < c->num_locals; ++i) fp[i].u64 = 0;
  ip = c->code.data();
  NEXT();
}
L_Return:
  if (frame == ex.frames) goto done;
  --frame;
  ex.frame = frame;
  ip = frame->ip;
  fp = frame->fp;
  func = frame->func;
  ex.func = func;
  inst = func->instance;
  LOAD_MEM();
  NEXT();

  // --- numerics (iops.def). B_RR / B_RI fetch the second operand from a slot / an immediate;
  // the _T forms check the trap flag the expression may set.
#define B_RR(in) auto b = S(2).in;
#define B_RI(in) decltype(a) b = decltype(a)(int32_t(ip[4]));
#define NUM_HANDLER(label, in, out, fetch_b, expr, len) \
  label : {                                             \
    auto a = S(1).in;                                   \
    fetch_b;                                            \
    S(0).out = (expr);                                  \
    ip += (len);                                        \
    NEXT();                                             \
  }
#define NUM_HANDLER_T(label, in, out, fetch_b, expr, len) \
  label : {                                               \
    auto a = S(1).in;                                     \
    fetch_b;                                              \
    TrapKind* tk = tkp;                                   \
    *tk = TrapKind::Host;                                 \
    auto r = (expr);                                      \
    if (*tk != TrapKind::Host) goto trap;                 \
    S(0).out = r;                                         \
    ip += (len);                                          \
    NEXT();                                               \
  }
#define BRANCH_HANDLER(label, in, fetch_b, cond)   \
  label : {                                        \
    auto a = S(0).in;                              \
    fetch_b;                                       \
    if (cond) ip += int32_t(ip[4]); else ip += 5;  \
    NEXT();                                        \
  }
#define B_BR_RR(in) auto b = S(1).in;
#define B_BR_RI(in) decltype(a) b = decltype(a)(ip[3]);
#define IOP_UN(Name, in, out, expr) NUM_HANDLER(L_##Name, in, out, , expr, 4)
#define IOP_UNT(Name, in, out, expr) NUM_HANDLER_T(L_##Name, in, out, , expr, 4)
#define IOP_BIN(Name, in, out, expr) NUM_HANDLER(L_##Name, in, out, B_RR(in), expr, 5)
// The constant sits in the code stream at a 4-byte (not slot) alignment: read it by bytes.
#define B_RK(in) \
  decltype(a) b; \
  std::memcpy(&b, ip + 4, sizeof b);
#define IOP_FBIN(Name, in, out, expr) \
  IOP_BIN(Name, in, out, expr)        \
  NUM_HANDLER(L_##Name##_K, in, out, B_RK(in), expr, 6)
#define IOP_IBIN(Name, in, out, expr) \
  IOP_BIN(Name, in, out, expr)        \
  NUM_HANDLER(L_##Name##_RI, in, out, B_RI(in), expr, 5)
#define IOP_IBINT(Name, in, out, expr)                      \
  NUM_HANDLER_T(L_##Name, in, out, B_RR(in), expr, 5)       \
  NUM_HANDLER_T(L_##Name##_RI, in, out, B_RI(in), expr, 5)
#define ADD_BRANCH_HANDLER(label, in, cond)        \
  label : {                                        \
    uint32_t d_ = S(1).u32 + ip[4];                \
    S(0).u64 = d_;                                 \
    Slot ds_;                                      \
    ds_.u64 = d_;                                  \
    auto a = ds_.in;                               \
    decltype(a) b = decltype(a)(ip[5]);            \
    if (cond) ip += int32_t(ip[6]); else ip += 7;  \
    NEXT();                                        \
  }
#define IOP_CMP(Name, in, expr)                                    \
  IOP_IBIN(Name, in, u32, expr)                                    \
  BRANCH_HANDLER(L_##Name##_BrIf, in, B_BR_RR(in), (expr))         \
  BRANCH_HANDLER(L_##Name##_BrIf_RI, in, B_BR_RI(in), (expr))      \
  BRANCH_HANDLER(L_##Name##_BrUnless, in, B_BR_RR(in), !(expr))    \
  BRANCH_HANDLER(L_##Name##_BrUnless_RI, in, B_BR_RI(in), !(expr)) \
  ADD_BRANCH_HANDLER(L_##Name##_AddBrIf_RI, in, (expr))            \
  ADD_BRANCH_HANDLER(L_##Name##_AddBrUnless_RI, in, !(expr))
#include "runtime/interp/iops.def"

  // --- memory (memops.def)
#define IOP_LOAD(Name, field, MemT)                                          \
  L_##Name : {                                                               \
    uint64_t ea = uint64_t(S(1).u32) + ip[4];                                \
    if (ea + sizeof(MemT) > mem_size) TRAP(TrapKind::OutOfBoundsMemory);     \
    MemT v;                                                                  \
    std::memcpy(&v, mem + ea, sizeof v);                                     \
    S(0).field = v;                                                          \
    ip += 5;                                                                 \
    NEXT();                                                                  \
  }                                                                          \
  L_##Name##_G : {                                                           \
    MemT v;                                                                  \
    std::memcpy(&v, mem + uint64_t(S(1).u32) + ip[4], sizeof v);             \
    S(0).field = v;                                                          \
    ip += 5;                                                                 \
    NEXT();                                                                  \
  }                                                                          \
  L_##Name##_X : {                                                           \
    Memory* m = ReadPtr<Memory*>(ip + 4);                                    \
    uint64_t addr = ip[8] ? S(1).u64 : S(1).u32;                             \
    uint64_t off = ReadU64(ip + 6);                                          \
    uint64_t ea = addr + off;                                                \
    if (ea < addr || !m->InBounds(ea, sizeof(MemT))) TRAP(TrapKind::OutOfBoundsMemory); \
    MemT v;                                                                  \
    std::memcpy(&v, m->data + ea, sizeof v);                                 \
    S(0).field = v;                                                          \
    ip += 9;                                                                 \
    NEXT();                                                                  \
  }                                                                          \
  L_##Name##_A : {                                                           \
    uint64_t ea = uint64_t(uint32_t(S(1).u32 + ip[4])) + ip[5];              \
    if (ea + sizeof(MemT) > mem_size) TRAP(TrapKind::OutOfBoundsMemory);     \
    MemT v;                                                                  \
    std::memcpy(&v, mem + ea, sizeof v);                                     \
    S(0).field = v;                                                          \
    ip += 6;                                                                 \
    NEXT();                                                                  \
  }                                                                          \
  L_##Name##_GA : {                                                          \
    MemT v;                                                                  \
    std::memcpy(&v, mem + uint64_t(uint32_t(S(1).u32 + ip[4])) + ip[5], sizeof v); \
    S(0).field = v;                                                          \
    ip += 6;                                                                 \
    NEXT();                                                                  \
  }                                                                          \
  L_##Name##_K : {                                                           \
    uint64_t ea = ReadU64(ip + 3);                                           \
    if (ea + sizeof(MemT) > mem_size) TRAP(TrapKind::OutOfBoundsMemory);     \
    MemT v;                                                                  \
    std::memcpy(&v, mem + ea, sizeof v);                                     \
    S(0).field = v;                                                          \
    ip += 5;                                                                 \
    NEXT();                                                                  \
  }
#define IOP_STORE(Name, field, MemT)                                         \
  L_##Name : {                                                               \
    uint64_t ea = uint64_t(S(0).u32) + ip[4];                                \
    if (ea + sizeof(MemT) > mem_size) TRAP(TrapKind::OutOfBoundsMemory);     \
    MemT v = MemT(S(1).field);                                               \
    std::memcpy(mem + ea, &v, sizeof v);                                     \
    ip += 5;                                                                 \
    NEXT();                                                                  \
  }                                                                          \
  L_##Name##_G : {                                                           \
    MemT v = MemT(S(1).field);                                               \
    std::memcpy(mem + uint64_t(S(0).u32) + ip[4], &v, sizeof v);             \
    ip += 5;                                                                 \
    NEXT();                                                                  \
  }                                                                          \
  L_##Name##_X : {                                                           \
    Memory* m = ReadPtr<Memory*>(ip + 4);                                    \
    uint64_t addr = ip[8] ? S(0).u64 : S(0).u32;                             \
    uint64_t off = ReadU64(ip + 6);                                          \
    uint64_t ea = addr + off;                                                \
    if (ea < addr || !m->InBounds(ea, sizeof(MemT))) TRAP(TrapKind::OutOfBoundsMemory); \
    MemT v = MemT(S(1).field);                                               \
    std::memcpy(m->data + ea, &v, sizeof v);                                 \
    ip += 9;                                                                 \
    NEXT();                                                                  \
  }                                                                          \
  L_##Name##_K : {                                                           \
    uint64_t ea = ReadU64(ip + 3);                                           \
    if (ea + sizeof(MemT) > mem_size) TRAP(TrapKind::OutOfBoundsMemory);     \
    MemT v = MemT(S(0).field);                                               \
    std::memcpy(mem + ea, &v, sizeof v);                                     \
    ip += 5;                                                                 \
    NEXT();                                                                  \
  }                                                                          \
  L_##Name##_GI : {                                                          \
    MemT v = MemT(ReadU64(ip + 4));                                          \
    std::memcpy(mem + uint64_t(S(0).u32) + ip[3], &v, sizeof v);             \
    ip += 6;                                                                 \
    NEXT();                                                                  \
  }
#define IOP_LOAD_BIN(Bin, Load, Store, MemT)                        \
  L_##Bin##_M : {                                                   \
    MemT v;                                                         \
    std::memcpy(&v, mem + uint64_t(S(2).u32) + ip[5], sizeof v);    \
    Fn##Bin::Apply(S(0), SlotAs<Fn##Bin::In>(S(1)), std::bit_cast<Fn##Bin::In>(v)); \
    ip += 6;                                                        \
    NEXT();                                                         \
  }                                                                 \
  L_##Bin##_MS : {                                                  \
    uint8_t* p = mem + uint64_t(S(1).u32) + ip[4];                  \
    MemT v;                                                         \
    std::memcpy(&v, p, sizeof v);                                   \
    Slot r;                                                         \
    Fn##Bin::Apply(r, SlotAs<Fn##Bin::In>(S(0)), std::bit_cast<Fn##Bin::In>(v)); \
    std::memcpy(p, &r, sizeof v);                                   \
    ip += 5;                                                        \
    NEXT();                                                         \
  }
#include "runtime/interp/memops.def"

trap:
  ex.trap = Trap::Make(tk);
trap_pending:
  trapped = true;
  AddBacktrace(ex, *ex.trap, func, ip, frame);
done:
  return !trapped;
#undef LOAD_MEM
#undef NEXT
#undef TRAP
#undef S
}

// Run() under a guard scope: a fault in a guarded memory becomes a trap.
bool RunGuarded(Exec& ex) {
  InstallGuardHandler();
  GuardScope scope;
  GuardScope*& current = CurrentGuardScope();
  scope.prev = current;
  if (sigsetjmp(scope.env, 0) != 0) {
    current = scope.prev;
    ex.trap = Trap::Make(TrapKind::OutOfBoundsMemory);
    AddBacktrace(ex, *ex.trap, ex.func, nullptr, ex.frame);
    return false;
  }
  current = &scope;
  bool ok = Run(ex);
  current = scope.prev;
  return ok;
}

void StoreArg(Slot& s, const Value& v) {
  switch (v.type.kind) {
    case wasm::ValKind::I32: s.u64 = v.i32; break;
    case wasm::ValKind::F32: s.u64 = v.f32_bits; break;
    case wasm::ValKind::I64: s.u64 = v.i64; break;
    case wasm::ValKind::F64: s.u64 = v.f64_bits; break;
    case wasm::ValKind::Ref: s.u64 = v.ref.bits; break;
    case wasm::ValKind::V128: s.u64 = 0; break;
  }
}

Value LoadResult(const Slot& s, wasm::ValType t) {
  switch (t.kind) {
    case wasm::ValKind::I32: return Value::I32(s.u32);
    case wasm::ValKind::F32: return Value::F32Bits(s.u32);
    case wasm::ValKind::I64: return Value::I64(s.u64);
    case wasm::ValKind::F64: return Value::F64Bits(s.u64);
    case wasm::ValKind::Ref: return Value::MakeRef(t, Ref{s.u64});
    case wasm::ValKind::V128: return Value::Default(t);
  }
  return Value();
}

bool ValueMatches(const Value& v, wasm::ValType t) {
  if (v.type.kind != t.kind) return false;
  if (t.kind != wasm::ValKind::Ref) return true;
  if (v.ref.IsNull()) return t.nullable;
  return v.type.heap.kind == t.heap.kind || t.heap.kind == wasm::HeapKind::Index ||
         v.type.heap.kind == wasm::HeapKind::Index;
}

}  // namespace

void* const* HandlerTable() {
  static void* const* table = [] {
    Exec ex{nullptr, nullptr, nullptr, nullptr, nullptr};
    Run(ex);
    return reinterpret_cast<void* const*>(ex.stack);
  }();
  return table;
}

HostResult CallHostFromWasm(Store& store, Func* callee, Instance* caller, Slot* base) {
  const wasm::FuncType& ft = callee->type;
  Value args_buf[8], results_buf[8];
  std::vector<Value> args_vec, results_vec;
  std::span<Value> args(args_buf, ft.params.size()), results(results_buf, ft.results.size());
  if (ft.params.size() > 8) {
    args_vec.resize(ft.params.size());
    args = args_vec;
  }
  if (ft.results.size() > 8) {
    results_vec.resize(ft.results.size());
    results = results_vec;
  }
  for (size_t i = 0; i < ft.params.size(); ++i) args[i] = LoadResult(base[i], ft.params[i]);
  for (size_t i = 0; i < ft.results.size(); ++i) results[i] = Value::Default(ft.results[i]);
  if (store.host_nesting >= 64) return Trap::Make(TrapKind::CallStackExhausted);
  ++store.host_nesting;
  HostContext ctx{store, caller};
  HostResult r = callee->host(ctx, args, results);
  --store.host_nesting;
  if (r) return r;
  for (size_t i = 0; i < ft.results.size(); ++i) StoreArg(base[i], results[i]);
  return std::nullopt;
}

Result<std::vector<Value>> Call(Store& store, Func* func, std::span<const Value> args) {
  const wasm::FuncType& ft = func->type;
  if (args.size() != ft.params.size()) {
    return Trap::Make(TrapKind::BadArguments,
                      "expected " + std::to_string(ft.params.size()) + " arguments, got " +
                          std::to_string(args.size()));
  }
  for (size_t i = 0; i < args.size(); ++i) {
    if (!ValueMatches(args[i], ft.params[i])) {
      return Trap::Make(TrapKind::BadArguments, "argument " + std::to_string(i) +
                                                    " has type " + wasm::ToString(args[i].type) +
                                                    ", expected " + wasm::ToString(ft.params[i]));
    }
  }
  if (func->IsHost()) {
    std::vector<Value> results(ft.results.size());
    for (size_t i = 0; i < ft.results.size(); ++i) results[i] = Value::Default(ft.results[i]);
    HostContext ctx{store, nullptr};
    if (HostResult r = func->host(ctx, args, results)) return std::move(*r);
    return results;
  }
  Trap t;
  FuncCode* code = EnsureCode(store, func, &t);
  if (code == nullptr) return t;

  std::unique_ptr<ExecStack> stack;
  if (!store.stack_pool.empty()) {
    stack = std::move(store.stack_pool.back());
    store.stack_pool.pop_back();
  } else {
    stack = std::make_unique<ExecStack>();
    stack->num_slots = std::max<uint32_t>(store.options().value_stack_slots, 1024);
    stack->num_frames = std::max<uint32_t>(store.options().max_call_depth, 1);
    stack->slots.reset(new Slot[stack->num_slots]);
    stack->frames.reset(new CallFrame[stack->num_frames]);
  }
  Exec ex{&store, stack->slots.get(), stack->slots.get() + stack->num_slots, stack->frames.get(),
          stack->frames.get() + stack->num_frames - 1};
  ex.func = func;
  ex.frame = ex.frames;
  bool ok;
  if (code->frame_slots > stack->num_slots) {
    ex.trap = Trap::Make(TrapKind::CallStackExhausted);
    ok = false;
  } else {
    for (size_t i = 0; i < args.size(); ++i) StoreArg(ex.stack[i], args[i]);
    ok = RunGuarded(ex);
  }
  std::vector<Value> results;
  if (ok) {
    results.reserve(ft.results.size());
    for (size_t i = 0; i < ft.results.size(); ++i) results.push_back(LoadResult(ex.stack[i], ft.results[i]));
  }
  store.stack_pool.push_back(std::move(stack));
  if (!ok) return std::move(*ex.trap);
  return results;
}

uint32_t FuncCode::OffsetAt(uint32_t word) const {
  // The last instruction starting at or before `word`.
  uint32_t best = 0;
  for (const auto& [w, off] : offsets) {
    if (w > word) break;
    best = off;
  }
  return best;
}

}  // namespace minicc::runtime::interp
