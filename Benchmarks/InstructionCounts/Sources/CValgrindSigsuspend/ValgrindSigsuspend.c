// Preloaded (LD_PRELOAD) into programs counted under valgrind 3.19, whose rt_sigsuspend wrapper
// writes into the caller's signal mask: libdispatch's dispatch_main (the end of every Swift `async`
// main) passes one in read-only memory, and valgrind dies. This sigsuspend hands the kernel a copy.
#define _GNU_SOURCE
#include "CValgrindSigsuspend.h"
#include <sys/syscall.h>
#include <unistd.h>

int sigsuspend(const sigset_t *mask) {
    sigset_t copy = *mask;
    return (int)syscall(SYS_rt_sigsuspend, &copy, (size_t)(_NSIG / 8));
}
