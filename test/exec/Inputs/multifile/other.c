#include "sq.h"
static int hidden = 100;
static int helper(int x) { return x + hidden; }
int other(int x) { return helper(x) + sq(1) - 1; }
