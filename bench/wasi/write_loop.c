/* write_loop: N one-byte write() calls (one fd_write each) to stdout; run with stdout on
 * /dev/null to measure the cost of a host call. N = argv[1] (default 1000000). */
#include <stdlib.h>
#include <unistd.h>

int main(int argc, char **argv)
{
    long n = argc > 1 ? atol(argv[1]) : 1000000;
    for (long i = 0; i < n; i++)
        if (write(1, "x", 1) != 1)
            return 1;
    return 0;
}
