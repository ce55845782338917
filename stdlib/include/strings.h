/* strings.h: POSIX case-insensitive comparisons (the "C" locale). */
#ifndef __MINICC_STRINGS_H
#define __MINICC_STRINGS_H
#include <stddef.h>
int strcasecmp(const char *a, const char *b);
int strncasecmp(const char *a, const char *b, size_t n);
#endif
