/* trace: a small deterministic program whose WASI calls are checked line by line against
 * golden strace-style and JSON-lines traces (durations and addresses masked). */
#include <dirent.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

int main(int argc, char **argv)
{
    (void)argc;
    char buf[32] = { 0 };
    int fd = open("/sandbox/hello.txt", O_RDONLY);
    ssize_t n = read(fd, buf, 5);
    close(fd);
    fd = open("/sandbox/out.txt", O_WRONLY | O_CREAT | O_TRUNC, 0644);
    write(fd, "data\n\x01\xff", 7);
    lseek(fd, 0, SEEK_SET);
    close(fd);
    struct stat st;
    stat("/sandbox/missing", &st);
    mkdir("/sandbox/newdir", 0755);
    DIR *d = opendir("/sandbox/sub");
    int entries = 0;
    while (readdir(d))
        entries++;
    closedir(d);
    rename("/sandbox/out.txt", "/sandbox/newdir/moved.txt");
    symlink("moved.txt", "/sandbox/newdir/link");
    readlink("/sandbox/newdir/link", buf + 10, 16);
    unlink("/sandbox/newdir/link");
    unlink("/sandbox/newdir/moved.txt");
    rmdir("/sandbox/newdir");
    fprintf(stderr, "err\n");
    printf("%s read %zd [%.5s] entries=%d X=%s\n", argv[1], n, buf, entries, getenv("X"));
    exit(3);
}
