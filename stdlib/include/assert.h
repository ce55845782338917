/* assert.h: diagnostics (C99 7.2). Not include-guarded: NDEBUG may change between includes. */
#undef assert
#ifdef NDEBUG
#define assert(e) ((void)0)
#else
void __minicc_assert_fail(const char *expr, const char *file, int line, const char *func);
#define assert(e) ((e) ? (void)0 : __minicc_assert_fail(#e, __FILE__, __LINE__, __func__))
#endif
