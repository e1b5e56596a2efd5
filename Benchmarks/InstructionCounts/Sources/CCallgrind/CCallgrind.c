#include "CCallgrind.h"
#include <valgrind/callgrind.h>

int ccallgrind_running(void) { return RUNNING_ON_VALGRIND ? 1 : 0; }

void ccallgrind_dump(const char *reason) { CALLGRIND_DUMP_STATS_AT(reason); }
