#ifndef C_VALGRIND_SIGSUSPEND_H
#define C_VALGRIND_SIGSUSPEND_H

#include <signal.h>

/// sigsuspend(2) with the mask copied to the stack first (see ValgrindSigsuspend.c).
int sigsuspend(const sigset_t *mask);

#endif
