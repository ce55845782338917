/* signal.h: signal handling (C99 7.14). There are no asynchronous signals under WASI: raise()
 * calls the handler installed by signal(); the default action of every signal ends the program
 * (SIGABRT as abort() does). */
#ifndef __MINICC_SIGNAL_H
#define __MINICC_SIGNAL_H
typedef int sig_atomic_t;
typedef void (*__sighandler_t)(int);
#define SIG_DFL ((__sighandler_t)0)
#define SIG_IGN ((__sighandler_t)-2) /* function pointers are table indices from 1 */
#define SIG_ERR ((__sighandler_t)-1)
#define SIGINT 2
#define SIGILL 4
#define SIGABRT 6
#define SIGFPE 8
#define SIGSEGV 11
#define SIGTERM 15
__sighandler_t signal(int sig, __sighandler_t handler);
int raise(int sig);
#endif
