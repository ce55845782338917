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
#endif
