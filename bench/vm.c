// A bytecode VM (switch dispatch, accumulator + registers) running a loop-heavy program:
// a nested loop summing i*j mod 7.
#include <stdint.h>
#include <stdio.h>

enum { LOADI, ADD, SUB, MUL, MOD, JNZ, DEC, MOV, ADDR, HALT };
typedef struct { uint8_t op, a, b; int32_t imm; } Insn;

static int64_t run(const Insn* code, int64_t* r) {
  int pc = 0;
  for (;;) {
    const Insn* in = &code[pc++];
    switch (in->op) {
      case LOADI: r[in->a] = in->imm; break;
      case ADD: r[in->a] += r[in->b]; break;
      case SUB: r[in->a] -= r[in->b]; break;
      case MUL: r[in->a] *= r[in->b]; break;
      case MOD: r[in->a] %= r[in->b]; break;
      case JNZ: if (r[in->a] != 0) pc = in->imm; break;
      case DEC: r[in->a]--; break;
      case MOV: r[in->a] = r[in->b]; break;
      case ADDR: r[in->a] += in->imm; break;
      case HALT: return r[0];
    }
  }
}

int main(void) {
  // r0 = sum, r1 = i, r2 = j, r3 = tmp, r4 = 7
  Insn prog[] = {
      {LOADI, 0, 0, 0},    // 0: sum = 0
      {LOADI, 1, 0, 3000}, // 1: i = 3000
      {LOADI, 4, 0, 7},    // 2: r4 = 7
      {LOADI, 2, 0, 2000}, // 3: j = 2000
      {MOV, 3, 1, 0},      // 4: tmp = i
      {MUL, 3, 2, 0},      // 5: tmp *= j
      {MOD, 3, 4, 0},      // 6: tmp %= 7
      {ADD, 0, 3, 0},      // 7: sum += tmp
      {DEC, 2, 0, 0},      // 8: j--
      {JNZ, 2, 0, 4},      // 9: if j goto 4
      {DEC, 1, 0, 0},      // 10: i--
      {JNZ, 1, 0, 3},      // 11: if i goto 3
      {HALT, 0, 0, 0},
  };
  int64_t regs[8] = {0};
  printf("vm %lld\n", (long long)run(prog, regs));
  return 0;
}
