// RUN: %python -c "import subprocess, sys; sys.exit(subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL).returncode != 143)" %minicc --run %s
// RUN: not %minicc --run %s > %t.out
// RUN: FileCheck %s < %t.out
// <locale.h> (only "C") and <signal.h> (emulated as wasi-libc's -lwasi-emulated-signal:
// raise() runs the handler; SIG_IGN ignores; SIG_DFL terminates with 128 + the signal).
// clang's wasi-libc needs -D_WASI_EMULATED_SIGNAL for <signal.h>, so this is not an exec
// differential program.
#include <locale.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
static volatile sig_atomic_t got;
static void on_signal(int sig) { got = sig; }
int main(void) {
  // CHECK: C C C (null) . [] 127
  char *c = setlocale(LC_ALL, "");
  printf("%s %s %s %s ", c, setlocale(LC_NUMERIC, 0), setlocale(LC_ALL, "POSIX"),
         setlocale(LC_ALL, "de_DE") ? "de" : "(null)");
  struct lconv *lc = localeconv();
  printf("%s [%s] %d\n", lc->decimal_point, lc->thousands_sep, lc->frac_digits);
  // CHECK-NEXT: 1 10 0 0 1
  int was_dfl = signal(SIGUSR1, on_signal) == SIG_DFL;
  raise(SIGUSR1);
  printf("%d %d %d ", was_dfl, (int)got, signal(SIGUSR1, SIG_IGN) == on_signal ? 0 : 1);
  got = 0;
  raise(SIGUSR1); // ignored
  printf("%d %d\n", (int)got, signal(SIGKILL, on_signal) == SIG_ERR);
  fflush(stdout);
  signal(SIGTERM, SIG_DFL);
  raise(SIGTERM);
  // exit status 143 = 128 + SIGTERM
  printf("not reached\n");
  return 0;
}
