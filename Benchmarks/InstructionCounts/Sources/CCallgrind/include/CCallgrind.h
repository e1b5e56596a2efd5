#ifndef C_CALLGRIND_H
#define C_CALLGRIND_H

/// Whether the program runs under valgrind.
int ccallgrind_running(void);

/// Writes callgrind's counters since the last dump (every thread's) to a profile named `reason`
/// and resets them (CALLGRIND_DUMP_STATS_AT); nothing outside valgrind.
void ccallgrind_dump(const char *reason);

#endif
