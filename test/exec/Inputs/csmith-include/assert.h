/* <assert.h> for the csmith test: csmith.h includes it; the programs make no assertions
   without --paranoid. */
#define assert(e) ((void)0)
