/* The parts of <math.h> that csmith's safe_math.h calls. Only for the csmith test. */
static double fabs(double x) { return x < 0 ? -x : x; }
static float fabsf(float x) { return x < 0 ? -x : x; }
