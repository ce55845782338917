// The main file of test/exec/multi-file.test.
#include <stdio.h>
#include "sq.h"
extern int counter, shared;
extern const char *names[];
int api(int);
int other(int);
extern void (*hook)(const char *);
void call_hook(const char *);
static void myhook(const char *m) { printf("hook: %s\n", m); }
int main(void) {
  int s = 0;
  for (int i = 0; i < table_len; i++)
    s += sq(table[i]) + cube(table[i]);
  struct pt p = {0, 0};
  printf("%d %d %d\n", s, dist2(p, origin), origin.y);
  printf("%d %d\n", api(2), api(3));
  printf("%d %d %s\n", counter, other(5), names[2]);
  hook = myhook;
  call_hook("hello");
  shared = 1;
  printf("%d\n", api(1));
  return counter == 3 ? 0 : 1;
}
