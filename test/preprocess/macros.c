// RUN: %minicc -E %s | FileCheck %s
// Object-like and function-like macros, # and ##, variadic macros, nested expansion.
#define N 10
#define SQ(x) ((x) * (x))
#define CAT(a, b) a##b
#define STR(x) #x
#define XSTR(x) STR(x)
#define LOG(fmt, ...) printf(fmt, __VA_ARGS__)
#define LOG2(fmt, ...) printf(fmt, ##__VA_ARGS__)
#define SELF SELF + 1
int a = SQ(N + 1);
// CHECK: int a = ((10 + 1) * (10 + 1));
int CAT(my, var) = 1;
// CHECK: int myvar = 1;
const char *s = STR(a  +  b);
// CHECK: const char *s = "a + b";
const char *t = XSTR(N);
// CHECK: const char *t = "10";
LOG("%d %d", 1, 2);
// CHECK: printf("%d %d", 1, 2);
LOG2("x");
// CHECK: printf("x");
int b = SELF;
// CHECK: int b = SELF + 1;
int line = __LINE__;
// CHECK: int line = [[@LINE-1]];
#undef N
#ifdef N
int wrong;
#else
int right;
#endif
// CHECK: int right;
// CHECK-NOT: wrong
