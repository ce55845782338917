/* math.h: mathematics (C99 7.12). sqrt, fabs, floor, ceil, trunc, rint and copysign are
 * single WebAssembly instructions; exp, log, pow, sin, cos, tan and atan2 are within 1 ulp. */
#ifndef __MINICC_MATH_H
#define __MINICC_MATH_H
#define HUGE_VAL (1.0 / 0.0)
#define INFINITY (1.0f / 0.0f)
#define NAN (0.0f / 0.0f)
#define M_PI 3.14159265358979323846
#define M_E 2.7182818284590452354
#define M_SQRT2 1.41421356237309504880
#define M_LN2 0.69314718055994530942
#define M_LN10 2.30258509299404568402
#define isnan(x) ((x) != (x))
#define isinf(x) (!isnan(x) && isnan((x) - (x)))
#define isfinite(x) (!isnan((x) - (x)))
#define signbit(x) (__builtin_copysign(1.0, (double)(x)) < 0)
double sqrt(double x);
float sqrtf(float x);
double fabs(double x);
float fabsf(float x);
double floor(double x);
float floorf(float x);
double ceil(double x);
float ceilf(float x);
double trunc(double x);
float truncf(float x);
double round(double x);
long lround(double x);
long long llround(double x);
double rint(double x);
long lrint(double x);
double nearbyint(double x);
double copysign(double x, double y);
double fmin(double a, double b);
double fmax(double a, double b);
double fdim(double a, double b);
double fmod(double x, double y);
double ldexp(double x, int e);
double scalbn(double x, int e);
double frexp(double x, int *e);
double modf(double x, double *ip);
double exp(double x);
double exp2(double x);
double expm1(double x);
double log(double x);
double log2(double x);
double log10(double x);
double log1p(double x);
double pow(double x, double y);
double sin(double x);
double cos(double x);
double tan(double x);
double asin(double x);
double acos(double x);
double atan(double x);
double atan2(double y, double x);
double sinh(double x);
double cosh(double x);
double tanh(double x);
double hypot(double x, double y);
double cbrt(double x);
float sinf(float x);
float cosf(float x);
float tanf(float x);
float expf(float x);
float logf(float x);
float powf(float x, float y);
float atan2f(float y, float x);
/* long double (binary128): fabsl, copysignl, sqrtl, floorl, ceill, truncl, roundl, rintl,
 * fmodl, ldexpl, frexpl, modfl, fminl, fmaxl exact or correctly rounded; the others are
 * computed in double (double's precision only). */
long double fabsl(long double x);
long double copysignl(long double x, long double y);
long double sqrtl(long double x);
long double floorl(long double x);
long double ceill(long double x);
long double truncl(long double x);
long double roundl(long double x);
long lroundl(long double x);
long long llroundl(long double x);
long double rintl(long double x);
long lrintl(long double x);
long long llrintl(long double x);
long double nearbyintl(long double x);
long double fmodl(long double x, long double y);
long double ldexpl(long double x, int e);
long double scalbnl(long double x, int e);
long double frexpl(long double x, int *e);
long double modfl(long double x, long double *ip);
long double fminl(long double a, long double b);
long double fmaxl(long double a, long double b);
long double fdiml(long double a, long double b);
long double expl(long double x);
long double exp2l(long double x);
long double expm1l(long double x);
long double logl(long double x);
long double log2l(long double x);
long double log10l(long double x);
long double log1pl(long double x);
long double powl(long double x, long double y);
long double sinl(long double x);
long double cosl(long double x);
long double tanl(long double x);
long double asinl(long double x);
long double acosl(long double x);
long double atanl(long double x);
long double atan2l(long double y, long double x);
long double sinhl(long double x);
long double coshl(long double x);
long double tanhl(long double x);
long double hypotl(long double x, long double y);
long double cbrtl(long double x);
#define HUGE_VALL (1.0L / 0.0L)
/* The rest of C99 7.12 (stdlib/src/math_c99.mc). */
typedef float float_t;
typedef double double_t;
#define HUGE_VALF (1.0f / 0.0f)
#define FP_NAN 0
#define FP_INFINITE 1
#define FP_ZERO 2
#define FP_SUBNORMAL 3
#define FP_NORMAL 4
#define FP_ILOGB0 (-2147483647 - 1)
#define FP_ILOGBNAN (-2147483647 - 1)
#define MATH_ERRNO 1
#define MATH_ERREXCEPT 2
#define math_errhandling 2
#define M_LOG2E 1.4426950408889634074
#define M_LOG10E 0.43429448190325182765
#define M_PI_2 1.57079632679489661923
#define M_PI_4 0.78539816339744830962
#define M_1_PI 0.31830988618379067154
#define M_2_PI 0.63661977236758134308
#define M_2_SQRTPI 1.12837916709551257390
#define M_SQRT1_2 0.70710678118654752440
int __minicc_fpclassify(double x);
int __minicc_fpclassifyf(float x);
#define fpclassify(x)                                                                          \
  (sizeof(x) == sizeof(float) ? __minicc_fpclassifyf((float)(x)) : __minicc_fpclassify((double)(x)))
#define isnormal(x) (fpclassify(x) == FP_NORMAL)
#define isunordered(x, y) (isnan(x) || isnan(y))
#define isgreater(x, y) (!isunordered(x, y) && (x) > (y))
#define isgreaterequal(x, y) (!isunordered(x, y) && (x) >= (y))
#define isless(x, y) (!isunordered(x, y) && (x) < (y))
#define islessequal(x, y) (!isunordered(x, y) && (x) <= (y))
#define islessgreater(x, y) (!isunordered(x, y) && ((x) < (y) || (x) > (y)))
extern int signgam;
double fma(double x, double y, double z);
double remainder(double x, double y);
double remquo(double x, double y, int *quo);
double nan(const char *tag);
double nextafter(double x, double y);
int ilogb(double x);
double logb(double x);
double scalbln(double x, long e);
long long llrint(double x);
double asinh(double x);
double acosh(double x);
double atanh(double x);
double erf(double x);
double erfc(double x);
double tgamma(double x);
double lgamma(double x);
float roundf(float x);
float fmodf(float x, float y);
float fminf(float a, float b);
float fmaxf(float a, float b);
float fdimf(float a, float b);
float ldexpf(float x, int e);
float scalbnf(float x, int e);
float frexpf(float x, int *e);
float modff(float x, float *ip);
float rintf(float x);
float nearbyintf(float x);
float copysignf(float x, float y);
long lroundf(float x);
long lrintf(float x);
float exp2f(float x);
float expm1f(float x);
float log2f(float x);
float log10f(float x);
float log1pf(float x);
float cbrtf(float x);
float asinf(float x);
float acosf(float x);
float atanf(float x);
float sinhf(float x);
float coshf(float x);
float tanhf(float x);
float asinhf(float x);
float acoshf(float x);
float atanhf(float x);
float hypotf(float x, float y);
float erff(float x);
float erfcf(float x);
float tgammaf(float x);
float lgammaf(float x);
float fmaf(float x, float y, float z);
float remainderf(float x, float y);
float nextafterf(float x, float y);
float nanf(const char *tag);
float logbf(float x);
int ilogbf(float x);
#endif
