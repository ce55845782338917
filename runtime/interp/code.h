// The interpreter's internal form. A translated function is a stream of 32-bit words: each
// instruction starts with its handler's address (two words, for computed-goto dispatch)
// followed by its operands. Operands are frame slots (8 bytes each; locals first, then the
// operand-stack temporaries, slot = num_locals + stack height), immediates, or branch
// displacements in words relative to the instruction's first word.
//
// Operand layouts (after the two handler words):
//   unary            dst a                 binary        dst a b       binary _RI   dst a imm32
//   compare+branch   a b disp (or a imm32 disp)          Br disp       BrIf/BrUnless cond disp
//   Name_AddBrIf_RI, Name_AddBrUnless_RI: d a k imm32 disp (d = a + k, then compare d with imm32
//                    and branch: a loop counter's step and test)   AddBrIf/AddBrUnless d a k disp
//   BrTable          idx n disp[0..n]  (the last is the default)
//   Copy dst src     Copy2 dst src dst2 src2 (two copies, in order)
//   Const32 dst imm     Const64 dst lo hi     Select dst a b cond
//   GlobalGet dst ptr(2)   GlobalSet src ptr(2)
//   load  dst addr off32 (Name, Name_G)   Name_X: dst addr mem(2) off(2) is64
//         Name_A, Name_GA: dst base imm off32 (address = u32(base + imm), a fused i32.add)
//   Bin_M dst a addr off32 (a binary operation whose b operand is a load from guarded memory 0)
//   Bin_MS a addr off32 (the same, its result stored back to the loaded address)
//   Name_K (loads) dst ea(2)   (stores) val ea(2)   (float binary) dst a imm(2)
//   store addr val off32                   Name_X: addr val mem(2) off(2) is64
//         Name_GI: addr off32 imm(2) (a constant value into guarded memory 0)
//   Call func(2) base        CallIndirect idx table(2) type_id base
//   ReturnCall func(2) base  ReturnCallIndirect idx table(2) type_id base
//   Slow instr_index base    Trace instr_index     Return, Unreachable: none
#pragma once

#include <cstdint>
#include <cstdio>
#include <memory>
#include <vector>

namespace minicc::runtime {
struct Func;
}

namespace minicc::runtime::interp {

using Word = uint32_t;

union Slot {
  uint32_t u32;
  int32_t s32;
  uint64_t u64;
  int64_t s64;
  float f32;
  double f64;
};
static_assert(sizeof(Slot) == 8);

enum class IOp : uint16_t {
  Unreachable, Br, BrIf, BrUnless, BrTable, Return, Call, CallIndirect, ReturnCall,
  ReturnCallIndirect, Copy, Copy2, AddBrIf, AddBrUnless, Const32, Const64, Select, GlobalGet, GlobalSet, Slow, Trace,
#define IOP_UN(Name, in, out, expr) Name,
#define IOP_UNT(Name, in, out, expr) Name,
#define IOP_BIN(Name, in, out, expr) Name,
#define IOP_FBIN(Name, in, out, expr) Name, Name##_K,
#define IOP_IBIN(Name, in, out, expr) Name, Name##_RI,
#define IOP_IBINT(Name, in, out, expr) Name, Name##_RI,
#define IOP_CMP(Name, in, expr)                                                    \
  Name, Name##_RI, Name##_BrIf, Name##_BrIf_RI, Name##_BrUnless, Name##_BrUnless_RI, \
      Name##_AddBrIf_RI, Name##_AddBrUnless_RI,
#include "runtime/interp/iops.def"
#define IOP_LOAD(Name, field, MemT) Name, Name##_G, Name##_X, Name##_A, Name##_GA, Name##_K,
#define IOP_STORE(Name, field, MemT) Name, Name##_G, Name##_X, Name##_K, Name##_GI,
#define IOP_LOAD_BIN(Bin, Load, Store, MemT) Bin##_M, Bin##_MS,
#include "runtime/interp/memops.def"
  kCount
};

// One translated function.
struct FuncCode {
  std::vector<Word> code;
  uint32_t num_params = 0;
  uint32_t num_results = 0;
  uint32_t num_locals = 0;   // including the parameters
  uint32_t frame_slots = 0;  // locals + the deepest operand stack
  // (word index of an instruction, byte offset of the Wasm instruction it came from relative
  // to the function body), ascending: for backtraces.
  std::vector<std::pair<uint32_t, uint32_t>> offsets;

  uint32_t OffsetAt(uint32_t word) const;
};

using runtime::Func;

// A frame record of the call stack: where the caller resumes.
struct CallFrame {
  const Word* ip;
  Slot* fp;
  Func* func;
};

// The stacks of one execution (operand slots and call records), reused across calls.
struct ExecStack {
  std::unique_ptr<Slot[]> slots;
  std::unique_ptr<CallFrame[]> frames;
  uint32_t num_slots = 0;
  uint32_t num_frames = 0;
};

// The name of an IOp (for dumps).
const char* IOpName(IOp op);
// Prints the translated code of a function, one instruction per line (MINICC_INTERP_DUMP=1).
void DumpCode(const FuncCode& code, std::FILE* out);

// The handler address of each IOp (labels inside the interpreter loop).
void* const* HandlerTable();

}  // namespace minicc::runtime::interp
