/* The parts of <float.h> that csmith's safe_math.h names (its float wrappers are static and
   unused when csmith runs without --float). Only for the csmith test: see ../csmith.py. */
#define FLT_MAX 3.40282347e+38F
#define DBL_MAX 1.7976931348623157e+308
