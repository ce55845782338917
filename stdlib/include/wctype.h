/* wctype.h: wide character classification (C99 7.25) in the C locale: only the ASCII range
 * is classified (as wasi-libc does in its C locale, every other code point is in no class). */
#ifndef __MINICC_WCTYPE_H
#define __MINICC_WCTYPE_H
typedef unsigned int wint_t;
typedef unsigned long wctype_t;
typedef const int *wctrans_t;
#ifndef WEOF
#define WEOF 0xffffffffU
#endif
int iswalnum(wint_t c);
int iswalpha(wint_t c);
int iswblank(wint_t c);
int iswcntrl(wint_t c);
int iswdigit(wint_t c);
int iswgraph(wint_t c);
int iswlower(wint_t c);
int iswprint(wint_t c);
int iswpunct(wint_t c);
int iswspace(wint_t c);
int iswupper(wint_t c);
int iswxdigit(wint_t c);
wint_t towlower(wint_t c);
wint_t towupper(wint_t c);
wctype_t wctype(const char *name);
int iswctype(wint_t c, wctype_t t);
#endif
