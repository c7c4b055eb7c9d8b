/* tuiprog.c: a WASI program for the TUI tests (run-tui-tests.sh compiles it at test time).
 *   tuiprog.wasm           reads lines from stdin and echoes them until end of input
 *   tuiprog.wasm --spin    loops for a very long time (Ctrl-C must pause it)
 *   tuiprog.wasm --poll    polls stdin with a 300 ms timeout, counting the timeouts, then
 *                          reads the line that ended the wait
 */
#include <poll.h>
#include <stdio.h>
#include <string.h>

static volatile unsigned long long counter;

static int echo_lines(void)
{
    char line[256];
    int n = 0;
    printf("type lines> ");
    fflush(stdout);
    while (fgets(line, sizeof line, stdin)) {
        line[strcspn(line, "\n")] = '\0';
        n++;
        printf("echo %d: [%s]\n", n, line);
        fflush(stdout);
    }
    printf("end of input after %d lines\n", n);
    return 0;
}

static int spin(void)
{
    for (unsigned long long i = 0; i < 4000000000000ULL; i++)
        counter += i;   /* the long loop */
    return (int)(counter & 1);
}

static int poll_stdin(void)
{
    struct pollfd p = { 0, POLLIN, 0 };
    int timeouts = 0;
    while (poll(&p, 1, 300) == 0) {
        timeouts++;
        if (timeouts <= 3) {
            printf("poll timeout %d\n", timeouts);
            fflush(stdout);
        }
    }
    char line[256];
    if (!fgets(line, sizeof line, stdin))
        line[0] = '\0';
    line[strcspn(line, "\n")] = '\0';
    printf("polled after %s3 timeouts: [%s]\n", timeouts >= 3 ? ">= " : "< ", line);
    return 0;
}

int main(int argc, char **argv)
{
    if (argc > 1 && strcmp(argv[1], "--spin") == 0)
        return spin();
    if (argc > 1 && strcmp(argv[1], "--poll") == 0)
        return poll_stdin();
    return echo_lines();
}
