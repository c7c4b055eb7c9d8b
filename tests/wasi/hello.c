/* hello: printf, arguments, environment and the exit status. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

extern char **environ;

int main(int argc, char **argv)
{
    printf("hello, world\n");
    printf("argc=%d\n", argc);
    for (int i = 1; i < argc; i++)
        printf("argv[%d]=\"%s\"\n", i, argv[i]);
    int n = 0;
    for (char **e = environ; *e; e++)
        printf("env[%d]=%s\n", n++, *e);
    const char *g = getenv("GREETING");
    printf("GREETING=%s\n", g ? g : "(unset)");
    printf("HOME=%s\n", getenv("HOME") ? getenv("HOME") : "(unset)");
    fprintf(stderr, "to stderr\n");
    fflush(stdout);
    return argc > 2 ? atoi(argv[2]) : 0;
}
