/* rusage.c: runs a command N times (stdout to /dev/null) and prints one line per run:
 * wall ms, CPU ms (user + sys) and peak RSS in KiB, from wait4. A small C parent, so
 * the child's peak RSS is not the parent's (it would be after a fork from python).
 *
 *   rusage N command [args...]
 */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static double ms(struct timeval t) { return t.tv_sec * 1e3 + t.tv_usec / 1e3; }

int main(int argc, char **argv)
{
    if (argc < 3) {
        fprintf(stderr, "usage: rusage N command [args...]\n");
        return 2;
    }
    int n = atoi(argv[1]);
    for (int i = 0; i < n; i++) {
        struct timespec a, b;
        clock_gettime(CLOCK_MONOTONIC, &a);
        pid_t p = fork();
        if (p < 0) {
            perror("fork");
            return 1;
        }
        if (p == 0) {
            int fd = open("/dev/null", O_WRONLY);
            if (fd >= 0)
                dup2(fd, 1);
            execvp(argv[2], argv + 2);
            _exit(127);
        }
        int st;
        struct rusage ru;
        if (wait4(p, &st, 0, &ru) < 0) {
            perror("wait4");
            return 1;
        }
        clock_gettime(CLOCK_MONOTONIC, &b);
        if (!WIFEXITED(st) || WEXITSTATUS(st) != 0) {
            fprintf(stderr, "rusage: %s failed\n", argv[2]);
            return 1;
        }
        printf("%.3f %.3f %ld\n", (b.tv_sec - a.tv_sec) * 1e3 + (b.tv_nsec - a.tv_nsec) / 1e6,
               ms(ru.ru_utime) + ms(ru.ru_stime), ru.ru_maxrss);
    }
    return 0;
}
