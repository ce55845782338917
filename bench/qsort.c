// Recursive quicksort of 1 million pseudo-random ints (hand-written, no libc qsort), repeated.
#include <stdint.h>
#include <stdio.h>

#define N 1000000
static int32_t v[N];

static void sort(int32_t* a, int lo, int hi) {
  while (lo < hi) {
    int32_t pivot = a[lo + (hi - lo) / 2];
    int i = lo, j = hi;
    while (i <= j) {
      while (a[i] < pivot) i++;
      while (a[j] > pivot) j--;
      if (i <= j) {
        int32_t t = a[i]; a[i] = a[j]; a[j] = t;
        i++; j--;
      }
    }
    if (j - lo < hi - i) { sort(a, lo, j); lo = i; }
    else { sort(a, i, hi); hi = j; }
  }
}

int main(void) {
  uint32_t x = 2463534242u;
  uint64_t check = 0;
  for (int rep = 0; rep < 3; rep++) {
    for (int i = 0; i < N; i++) {
      x ^= x << 13; x ^= x >> 17; x ^= x << 5;
      v[i] = (int32_t)(x % 1000000007u);
    }
    sort(v, 0, N - 1);
    for (int i = 1; i < N; i++)
      if (v[i - 1] > v[i]) { printf("qsort: not sorted\n"); return 1; }
    check += (uint64_t)v[N / 2] + (uint64_t)v[N / 3];
  }
  printf("qsort %llu\n", (unsigned long long)check);
  return 0;
}
