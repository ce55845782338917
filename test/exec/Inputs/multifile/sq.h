// Part of test/exec/multi-file.test: a C99 inline definition included by several files.
#ifndef SQ_H
#define SQ_H
inline int sq(int x) { return x * x; }
static inline int cube(int x) { return x * x * x; }
extern int table[];
extern const int table_len;
struct pt { int x, y; };
extern struct pt origin;
int dist2(struct pt a, struct pt b);
#endif
