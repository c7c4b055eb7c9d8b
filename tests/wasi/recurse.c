/* recurse: runaway recursion ends in a "call stack exhausted" trap (status 134), whose
 * backtrace shows the innermost and outermost frames and counts the ones between. */
#include <stdio.h>

static volatile int sink;

static int down(int n)
{
    int r = down(n + 1) + 1;   /* not a tail call: every level keeps its frame */
    sink = r;
    return r;
}

int main(void)
{
    printf("going down\n");
    fflush(stdout);
    return down(0);
}
