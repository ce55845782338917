// RUN: %minicc --run %s | FileCheck %s
// Random malloc/calloc/realloc/free (200,000 operations, up to 1,000 live blocks of 1 byte to
// 64 KiB, seeded): every block keeps its contents, blocks never overlap (checked by
// patterns), calloc memory is zero, and memory.size stays bounded: at most twice the peak of
// live bytes plus 8 pages, because freed blocks are reused and coalesced.
// CHECK: ops=200000 errors=0
// CHECK: bounded=1
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define SLOTS 1000

static unsigned rng = 2463534242u;
static unsigned next(void) {
  rng ^= rng << 13;
  rng ^= rng >> 17;
  rng ^= rng << 5;
  return rng;
}

static unsigned char *ptr[SLOTS];
static unsigned size[SLOTS];
static unsigned char tag[SLOTS];

static int check(int i) {
  for (unsigned k = 0; k < size[i]; k++)
    if (ptr[i][k] != (unsigned char)(tag[i] + k)) return 1;
  return 0;
}

static void fill(int i) {
  for (unsigned k = 0; k < size[i]; k++) ptr[i][k] = (unsigned char)(tag[i] + k);
}

static unsigned pick_size(void) {
  unsigned r = next() % 100;
  if (r < 60) return 1 + next() % 64;
  if (r < 90) return 1 + next() % 1024;
  if (r < 99) return 1 + next() % 8192;
  return 1 + next() % 65536;
}

int main(void) {
  int errors = 0, ops = 0;
  unsigned long live = 0, peak = 0, max_pages = 0;
  for (; ops < 200000; ops++) {
    int i = (int)(next() % SLOTS);
    unsigned op = next() % 10;
    if (ptr[i] && check(i)) errors++;
    if (!ptr[i]) {
      size[i] = pick_size();
      tag[i] = (unsigned char)next();
      if (op < 2) {
        ptr[i] = calloc(size[i], 1);
        for (unsigned k = 0; ptr[i] && k < size[i]; k++)
          if (ptr[i][k]) {
            errors++;
            break;
          }
      } else {
        ptr[i] = malloc(size[i]);
      }
      if (!ptr[i] || ((unsigned long)ptr[i] & 7)) {
        errors++;
        continue;
      }
      fill(i);
      live += size[i];
    } else if (op < 4) {
      unsigned n = pick_size();
      unsigned char *p = realloc(ptr[i], n);
      if (!p) {
        errors++;
        continue;
      }
      unsigned keep = n < size[i] ? n : size[i];
      for (unsigned k = 0; k < keep; k++)
        if (p[k] != (unsigned char)(tag[i] + k)) {
          errors++;
          break;
        }
      live = live - size[i] + n;
      ptr[i] = p;
      size[i] = n;
      fill(i);
    } else {
      free(ptr[i]);
      live -= size[i];
      ptr[i] = 0;
    }
    if (live > peak) peak = live;
    unsigned long pages = __builtin_wasm_memory_size(0);
    if (pages > max_pages) max_pages = pages;
  }
  for (int i = 0; i < SLOTS; i++) {
    if (ptr[i] && check(i)) errors++;
    free(ptr[i]);
  }
  printf("ops=%d errors=%d\n", ops, errors);
  printf("peak live %lu bytes, memory %lu pages\n", peak, max_pages);
  printf("bounded=%d\n", max_pages * 65536 <= 2 * peak + 8 * 65536);
  return 0;
}
