/* signal.h: signal handling (C99 7.14), emulated as wasi-libc's -lwasi-emulated-signal does:
 * there are no asynchronous signals; raise() calls the handler, or for SIG_DFL terminates
 * the program (SIGCHLD, SIGURG, SIGWINCH are ignored by default). */
#ifndef __MINICC_SIGNAL_H
#define __MINICC_SIGNAL_H
typedef int sig_atomic_t;
typedef void (*__sighandler_t)(int);
#define SIG_DFL ((void (*)(int))0)
void __SIG_IGN(int);
void __SIG_ERR(int);
#define SIG_IGN (__SIG_IGN)
#define SIG_ERR (__SIG_ERR)
#define SIGHUP 1
#define SIGINT 2
#define SIGQUIT 3
#define SIGILL 4
#define SIGTRAP 5
#define SIGABRT 6
#define SIGBUS 7
#define SIGFPE 8
#define SIGKILL 9
#define SIGUSR1 10
#define SIGSEGV 11
#define SIGUSR2 12
#define SIGPIPE 13
#define SIGALRM 14
#define SIGTERM 15
#define SIGCHLD 17
#define SIGCONT 18
#define SIGSTOP 19
#define SIGURG 23
#define SIGWINCH 28
#define _NSIG 65
void (*signal(int sig, void (*handler)(int)))(int);
int raise(int sig);
#endif
