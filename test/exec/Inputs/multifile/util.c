// Statics with the same names as other.c's; an inline definition of sq (sq.c has the
// external one).
#include "sq.h"
int counter;
int shared = 42;
static int hidden = 7;
static int helper(int x) { return x * hidden; }
int api(int x) {
  counter++;
  return helper(x) + shared + sq(0);
}
const char *names[] = {"zero", "one", "two"};
void (*hook)(const char *);
void call_hook(const char *m) {
  if (hook)
    hook(m);
}
