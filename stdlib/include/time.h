/* time.h: clock and time (C99 7.23) over WASI clock_time_get. */
#ifndef __MINICC_TIME_H
#define __MINICC_TIME_H
#include <stddef.h>
typedef long long time_t;
typedef long long clock_t;
#define CLOCKS_PER_SEC 1000000LL
struct timespec {
  time_t tv_sec;
  long tv_nsec;
};
clock_t clock(void);
time_t time(time_t *t);
double difftime(time_t a, time_t b);
#endif
