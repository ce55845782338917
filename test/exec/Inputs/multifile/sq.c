// Part of test/exec/multi-file.test: the external definition of sq (extern inline).
#include "sq.h"
extern inline int sq(int x);
int table[] = {1, 2, 3, 4, 5};
const int table_len = sizeof table / sizeof table[0];
struct pt origin = {3, 4};
int dist2(struct pt a, struct pt b) { return sq(a.x - b.x) + sq(a.y - b.y); }
