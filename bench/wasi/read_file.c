/* read_file: reads /data/big.bin (in the preopen /data) PASSES times in 4 KiB read()s and
 * prints a checksum: a read-heavy program, one fd_read per 4 KiB. */
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

int main(int argc, char **argv)
{
    int passes = argc > 1 ? atoi(argv[1]) : 4;
    static unsigned char buf[4096];
    uint64_t sum = 0, total = 0;
    for (int p = 0; p < passes; p++) {
        int fd = open("/data/big.bin", O_RDONLY);
        if (fd < 0)
            return 1;
        ssize_t n;
        while ((n = read(fd, buf, sizeof buf)) > 0) {
            total += (uint64_t)n;
            for (ssize_t i = 0; i < n; i += 512)
                sum += buf[i];
        }
        close(fd);
    }
    printf("read %llu bytes, checksum %llu\n", (unsigned long long)total, (unsigned long long)sum);
    return 0;
}
