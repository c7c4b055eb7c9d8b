/* race: no path escapes the sandbox by racing a rename. race.feed swaps race/cur between a
 * real directory (inside the sandbox) and a symlink to a directory outside it, as fast as
 * it can, while this program opens, stats, creates and lists through race/cur again and
 * again. Every read must see the inside file, never the outside one; race.check makes sure
 * nothing was created outside. Run with openat2 (wasi/race) and with the component walk
 * (wasi/race-walk). */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "wtest.h"

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

int main(void)
{
    /* wait for the swapper to start (it writes one line) */
    char line[16];
    if (!fgets(line, sizeof line, stdin)) {
        printf("no go from the feed\n");
        return 1;
    }
    long inside = 0, outside = 0, failed = 0, listed_outside = 0, stat_outside = 0;
    double end = now() + 1.5;
    for (long i = 0; now() < end || i < 2000; i++) {
        char buf[32] = { 0 };
        int fd = open("/sandbox/race/cur/target.txt", O_RDONLY);
        if (fd >= 0) {
            ssize_t n = read(fd, buf, sizeof buf - 1);
            close(fd);
            if (n > 0 && strncmp(buf, "inside", 6) == 0)
                inside++;
            else if (n > 0)
                outside++;
        } else {
            failed++;
        }
        /* a marker file only the outside directory has */
        struct stat st;
        if (stat("/sandbox/race/cur/only_outside", &st) == 0)
            stat_outside++;
        char created[64];
        snprintf(created, sizeof created, "/sandbox/race/cur/new%ld", i % 8);
        fd = open(created, O_WRONLY | O_CREAT, 0644);
        if (fd >= 0)
            close(fd);
        if (i % 16 == 0) {
            DIR *d = opendir("/sandbox/race/cur");
            if (d) {
                struct dirent *e;
                while ((e = readdir(d)))
                    if (strcmp(e->d_name, "only_outside") == 0)
                        listed_outside++;
                closedir(d);
            }
        }
    }
    printf("outside reads: %ld\n", outside);
    printf("outside stats: %ld\n", stat_outside);
    printf("outside listings: %ld\n", listed_outside);
    printf("inside reads: %s\n", inside > 0 ? "some" : "none");
    /* refused opens (cur was the symlink, or between renames) prove the swaps overlapped */
    printf("refused opens: %s\n", failed > 0 ? "some" : "none");
    fprintf(stderr, "inside %ld, refused %ld\n", inside, failed);
    int fd = open("/sandbox/race/done", O_WRONLY | O_CREAT, 0644);
    if (fd >= 0)
        close(fd);
    return 0;
}
