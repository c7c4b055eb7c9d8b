/* stdin: reads a piped stdin to the end with stdio and raw reads, and writes through stdout
 * and stderr; stdin's fdstat says it is not a tty. */
#include <ctype.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

int main(void)
{
    char line[256];
    int n = 0;
    size_t bytes = 0;
    while (fgets(line, sizeof line, stdin)) {
        n++;
        bytes += strlen(line);
        for (char *p = line; *p; p++)
            *p = (char)toupper((unsigned char)*p);
        printf("%d: %s", n, line);
    }
    printf("lines=%d bytes=%zu eof=%d\n", n, bytes, feof(stdin) != 0);
    char b[8];
    printf("read at eof: %zd\n", read(0, b, sizeof b));
    printf("isatty(0)=%d\n", isatty(0));
    fprintf(stderr, "done\n");
    return 0;
}
