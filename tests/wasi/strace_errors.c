/* strace_errors: bad strace and run options are refused before the guest starts, and each
 * message names the option as the user typed it (strace_errors.check runs the cases). */
#include <stdio.h>

int main(void)
{
    printf("guest ran\n");
    return 0;
}
