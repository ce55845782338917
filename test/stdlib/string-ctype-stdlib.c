// RUN: %python %S/Inputs/compare.py %minicc %t %s | FileCheck %s
// REQUIRES: gcc
// string.h, ctype.h and stdlib.h functions against gcc+glibc: every ctype class over 0..255
// and EOF, mem*/str* (strtok, strstr, strdup, ...), strtol/strtoul/strtoll/strtoull/atoi
// (bases, prefixes, overflow, end pointers), abs/labs/div, qsort/bsearch, rand after srand.
// CHECK: string-ctype-stdlib.c: {{[0-9]+}} lines, identical on {{[0-9]}} runners and gcc
#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int sign(int x) { return x < 0 ? -1 : x > 0 ? 1 : 0; }

static int cmp_int(const void *a, const void *b) {
  int x = *(const int *)a, y = *(const int *)b;
  return x < y ? -1 : x > y;
}

struct rec {
  int key;
  int order;
};

static int cmp_rec(const void *a, const void *b) {
  return ((const struct rec *)a)->key - ((const struct rec *)b)->key;
}

static int cmp_str(const void *a, const void *b) {
  return strcmp(*(const char *const *)a, *(const char *const *)b);
}

int main(void) {
  // ctype
  int (*fns[])(int) = {isalnum, isalpha, isblank, iscntrl, isdigit, isgraph,
                       islower, isprint, ispunct, isspace, isupper, isxdigit};
  for (int f = 0; f < 12; f++) {
    unsigned long long h = 0;
    for (int c = -1; c < 256; c++) h = h * 31 + (fns[f](c) != 0);
    printf("ctype %d: %llx\n", f, h);
  }
  for (int c = -1; c < 256; c += 7) printf("%d:%d,%d ", c, tolower(c), toupper(c));
  printf("\n");

  // mem*
  char a[64], b[64];
  memset(a, 'x', sizeof a);
  a[63] = 0;
  memcpy(a, "hello world", 12);
  printf("%s %d\n", a, (int)strlen(a));
  memmove(a + 2, a, 11);
  printf("%s\n", a);
  memmove(a, a + 2, 11);
  printf("%s\n", a);
  printf("%d %d %d\n", sign(memcmp("abc", "abd", 3)), sign(memcmp("abc", "abc", 3)),
         sign(memcmp("\xff", "a", 1)));
  printf("%s\n", (char *)memchr(a, 'w', 11));
  printf("%d\n", memchr(a, 'z', 11) == NULL);
  memset(b, 0, sizeof b);
  for (int n = 0; n < 40; n += 3) {
    memset(b + 1, 'a' + n % 26, (size_t)n);
    printf("%d ", (int)strlen(b + 1));
  }
  printf("\n");

  // str*
  strcpy(b, "abc");
  strcat(b, "def");
  strncat(b, "ghijkl", 3);
  printf("%s %d\n", b, (int)strlen(b));
  strncpy(b, "xy", 5);
  printf("%s %d %d\n", b, b[3], b[4]);
  printf("%d %d %d %d\n", sign(strcmp("a", "b")), sign(strcmp("b", "a")), strcmp("ab", "ab"),
         sign(strcmp("ab", "abc")));
  printf("%d %d %d\n", strncmp("abcd", "abce", 3), sign(strncmp("abcd", "abce", 4)),
         strncmp("a", "b", 0));
  const char *s = "the quick brown fox";
  printf("[%s] [%s] [%s]\n", strchr(s, 'q'), strrchr(s, 'o'), strchr(s, 0) + 0);
  printf("%d %d\n", strchr(s, 'z') == NULL, strrchr(s, 'z') == NULL);
  printf("[%s] [%s] %d\n", strstr(s, "brown"), strstr(s, ""), strstr(s, "cat") == NULL);
  printf("%d %d\n", (int)strspn(s, "eht "), (int)strcspn(s, "qb"));
  printf("[%s] %d\n", strpbrk(s, "xkc"), strpbrk(s, "Z") == NULL);
  char line[] = "  one, two;;three ,four  ";
  for (char *t = strtok(line, " ,;"); t; t = strtok(NULL, " ,;")) printf("<%s>", t);
  printf("\n");
  char *d = strdup("duplicate");
  printf("%s %d\n", d, (int)strlen(d));
  free(d);

  // integer conversions
  const char *nums[] = {"0", "42", "-17", "  +99xyz", "0x1F", "0X", "017", "08", "z",
                        "2147483647", "2147483648", "-2147483648", "-2147483649",
                        "99999999999999999999", "-0", "   ", "1e5", "+-3", "0x7fffffff",
                        "4294967295", "4294967296", "-1", "777777777777"};
  int bases[] = {0, 10, 16, 8, 2, 36};
  for (int i = 0; i < (int)(sizeof nums / sizeof nums[0]); i++) {
    for (int j = 0; j < 6; j++) {
      char *end;
      errno = 0;
      long long v = strtoll(nums[i], &end, bases[j]);
      int e1 = errno == ERANGE;
      errno = 0;
      unsigned long long u = strtoull(nums[i], &end, bases[j]);
      int e2 = errno == ERANGE;
      errno = 0;
      long l = strtol(nums[i], &end, bases[j]);
      int e3 = errno == ERANGE;
      // strtol's range differs (32 vs 64-bit long): print it only when it is an int.
      int fits = v >= -2147483647LL - 1 && v <= 2147483647LL && !e1;
      printf("%s/%d: %lld %d %llu %d %ld %d end=%d\n", nums[i], bases[j], v, e1, u, e2,
             fits ? l : 0L, fits ? e3 : 0, (int)(end - nums[i]));
    }
    printf("atoi %d atol %ld atoll %lld\n", atoi(nums[i]) * (atoll(nums[i]) == (int)atoll(nums[i])),
           (long)(int)atol(nums[i]) * (atoll(nums[i]) == (int)atoll(nums[i])), atoll(nums[i]));
  }
  printf("%d %ld %lld %d\n", abs(-5), labs(-7L), llabs(-9LL), abs(3));
  div_t q = div(-17, 5);
  ldiv_t lq = ldiv(17L, -5L);
  printf("%d %d %ld %ld\n", q.quot, q.rem, lq.quot, lq.rem);

  // qsort / bsearch
  int arr[200];
  srand(12345);
  for (int i = 0; i < 200; i++) arr[i] = rand() % 1000 - 500;
  qsort(arr, 200, sizeof arr[0], cmp_int);
  for (int i = 0; i < 200; i += 10) printf("%d ", arr[i]);
  printf("\n");
  for (int k = -500; k < 500; k += 37) {
    int *p = bsearch(&k, arr, 200, sizeof arr[0], cmp_int);
    printf("%d", p ? *p == k : 0);
  }
  printf("\n");
  struct rec recs[100];
  for (int i = 0; i < 100; i++) {
    recs[i].key = rand() % 7;
    recs[i].order = i;
  }
  qsort(recs, 100, sizeof recs[0], cmp_rec);  // stable, as glibc's merge sort
  for (int i = 0; i < 100; i++) printf("%d.%d ", recs[i].key, recs[i].order);
  printf("\n");
  const char *words[] = {"pear", "apple", "fig", "banana", "cherry", "date", "apple"};
  qsort(words, 7, sizeof words[0], cmp_str);
  for (int i = 0; i < 7; i++) printf("%s ", words[i]);
  printf("\n");

  // rand
  srand(1);
  for (int i = 0; i < 5; i++) printf("%d ", rand());
  printf("\n");
  srand(0);
  for (int i = 0; i < 5; i++) printf("%d ", rand());
  printf("\n");
  srand(4294967295u);
  long long sum = 0;
  for (int i = 0; i < 10000; i++) sum += rand();
  printf("%lld %d\n", sum, RAND_MAX);
  return 0;
}
