// Part of test/exec/multi-file.test: calls through declarations without prototypes, while
// unprototyped-def.c defines the functions with other types: the arguments are converted to
// the parameter types and a void result reads as 0, so the module is still valid.
#include <stdio.h>
int shout();
double half();
int main(void) {
  shout(3);
  printf("%g\n", half(7));
  return 0;
}
