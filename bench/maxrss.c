/* maxrss.c: runs a command and writes its peak RSS (KiB, from wait4) to a file.
 *
 *   maxrss OUTFILE command [args...]
 *
 * bench.py runs every timed command through this: a child forked from python
 * would report python's own RSS as its peak (Linux counts the memory the
 * process had before exec), while this parent is a few hundred KiB. Output
 * and error streams pass through; the exit status is the command's (128 +
 * the signal if it was killed).
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

int main(int argc, char **argv)
{
    if (argc < 3) {
        fprintf(stderr, "usage: maxrss OUTFILE command [args...]\n");
        return 2;
    }
    pid_t p = fork();
    if (p < 0) {
        perror("maxrss: fork");
        return 125;
    }
    if (p == 0) {
        execvp(argv[2], argv + 2);
        fprintf(stderr, "maxrss: %s: %s\n", argv[2], strerror(errno));
        _exit(127);
    }
    int st;
    struct rusage ru;
    while (wait4(p, &st, 0, &ru) < 0) {
        if (errno != EINTR) {
            perror("maxrss: wait4");
            return 125;
        }
    }
    FILE *f = fopen(argv[1], "w");
    if (!f || fprintf(f, "%ld\n", ru.ru_maxrss) < 0 || fclose(f) != 0) {
        perror(argv[1]);
        return 125;
    }
    return WIFEXITED(st) ? WEXITSTATUS(st) : 128 + WTERMSIG(st);
}
