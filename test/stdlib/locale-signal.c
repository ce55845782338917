// RUN: %python %S/Inputs/compare.py %minicc %t %s | FileCheck %s
// REQUIRES: gcc
// <strings.h> strcasecmp/strncasecmp, <locale.h> in the "C" locale, <signal.h> signal/raise:
// the same output as with glibc.
// CHECK: locale-signal.c: 5 lines, identical on {{[0-9]}} runners and gcc
#include <locale.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>
static volatile sig_atomic_t got;
static void on_signal(int sig) { got += sig; }
static int sign(int v) { return (v > 0) - (v < 0); }
int main(void) {
  printf("%d %d %d\n", sign(strcasecmp("HeLLo", "hello")), sign(strcasecmp("abc", "ABD")),
         sign(strcasecmp("b", "A")));
  printf("%d %d\n", sign(strncasecmp("HELLO world", "hello WORLD!", 11)),
         sign(strncasecmp("ab", "abc", 3)));
  printf("%s %s [%s]\n", setlocale(LC_ALL, "C"), setlocale(LC_NUMERIC, NULL),
         localeconv()->decimal_point);
  printf("%d\n", setlocale(LC_ALL, "xx_YY.bogus") == NULL);
  signal(SIGINT, on_signal); // (its old handler is SIG_IGN when lit runs in the background)
  raise(SIGINT);
  raise(SIGINT);
  signal(SIGTERM, SIG_IGN);
  raise(SIGTERM);
  printf("%d %d\n", got, signal(SIGINT, SIG_DFL) == on_signal);
  return 0;
}
