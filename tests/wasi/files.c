/* files: files, directories, readdir, symlinks, hard links, renames, timestamps, seeking,
 * truncation and append, all below the preopen /sandbox. */
#include <dirent.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "wtest.h"

static int cmp(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static void list(const char *dir)
{
    DIR *d = opendir(dir);
    if (!d) {
        printf("opendir %s: %s\n", dir, ename(errno));
        return;
    }
    char *names[64];
    int n = 0;
    struct dirent *de;
    while ((de = readdir(d)) && n < 64) {
        char buf[300];
        const char *t = de->d_type == DT_DIR ? "dir" : de->d_type == DT_REG ? "file"
                        : de->d_type == DT_LNK ? "link" : "other";
        snprintf(buf, sizeof buf, "%s(%s)", de->d_name, t);
        names[n++] = strdup(buf);
    }
    closedir(d);
    qsort(names, n, sizeof names[0], cmp);
    printf("ls %s:", dir);
    for (int i = 0; i < n; i++) {
        printf(" %s", names[i]);
        free(names[i]);
    }
    printf("\n");
}

static void cat(const char *path)
{
    FILE *f = fopen(path, "r");
    if (!f) {
        printf("cat %s: %s\n", path, ename(errno));
        return;
    }
    char buf[256];
    size_t n = fread(buf, 1, sizeof buf - 1, f);
    buf[n] = 0;
    fclose(f);
    printf("cat %s: [", path);
    for (size_t i = 0; i < n; i++)
        putchar(buf[i] == '\n' ? '|' : buf[i] ? buf[i] : '0');
    printf("]\n");
}

int main(void)
{
    cat("/sandbox/hello.txt");
    cat("/sandbox/sub/inner.txt");
    printf("mkdir work: %s\n", RES(mkdir("/sandbox/work", 0755)));
    printf("mkdir work again: %s\n", RES(mkdir("/sandbox/work", 0755)));

    /* write, seek, read, tell */
    int fd = open("/sandbox/work/new.txt", O_RDWR | O_CREAT | O_TRUNC, 0644);
    printf("open new.txt: %s\n", fd >= 0 ? "OK" : ename(errno));
    printf("write: %zd\n", write(fd, "0123456789", 10));
    printf("lseek SET 3: %lld\n", (long long)lseek(fd, 3, SEEK_SET));
    char b[32] = { 0 };
    printf("read 4: %zd [%s]\n", read(fd, b, 4), b);
    printf("lseek CUR 0: %lld\n", (long long)lseek(fd, 0, SEEK_CUR));
    printf("lseek END -2: %lld\n", (long long)lseek(fd, -2, SEEK_END));
    printf("lseek SET -1: %lld %s\n", (long long)lseek(fd, -1, SEEK_SET), ename(errno));
    printf("pwrite at 20: %zd\n", pwrite(fd, "X", 1, 20));
    memset(b, 0, sizeof b);
    printf("pread at 2: %zd [%s]\n", pread(fd, b, 5, 2), b);
    struct stat st;
    fstat(fd, &st);
    printf("size after pwrite: %lld\n", (long long)st.st_size);
    printf("ftruncate 5: %s\n", RES(ftruncate(fd, 5)));
    fstat(fd, &st);
    printf("size after ftruncate: %lld regular=%d\n", (long long)st.st_size, S_ISREG(st.st_mode));
    close(fd);

    /* append */
    fd = open("/sandbox/work/new.txt", O_WRONLY | O_APPEND);
    printf("write append: %zd\n", write(fd, "AB", 2));
    printf("fcntl O_APPEND: %d\n", (fcntl(fd, F_GETFL) & O_APPEND) != 0);
    close(fd);
    cat("/sandbox/work/new.txt");

    /* open errors */
    printf("open O_EXCL existing: %s\n",
           RES(open("/sandbox/work/new.txt", O_WRONLY | O_CREAT | O_EXCL, 0644)));
    printf("open missing: %s\n", RES(open("/sandbox/work/missing", O_RDONLY)));
    printf("open file O_DIRECTORY: %s\n", RES(open("/sandbox/work/new.txt", O_RDONLY | O_DIRECTORY)));
    printf("open dir for write: %s\n", RES(open("/sandbox/work", O_WRONLY)));
    printf("open file/ (trailing slash): %s\n", RES(open("/sandbox/work/new.txt/", O_RDONLY)));
    printf("open through a file: %s\n", RES(open("/sandbox/work/new.txt/x", O_RDONLY)));

    /* directories */
    printf("mkdir d1: %s\n", RES(mkdir("/sandbox/work/d1", 0755)));
    printf("mkdir d1/d2: %s\n", RES(mkdir("/sandbox/work/d1/d2", 0755)));
    printf("rmdir d1 (not empty): %s\n", RES(rmdir("/sandbox/work/d1")));
    printf("unlink d1 (a dir): %s\n", RES(unlink("/sandbox/work/d1")));
    printf("rmdir new.txt (a file): %s\n", RES(rmdir("/sandbox/work/new.txt")));
    printf("rmdir d1/d2: %s\n", RES(rmdir("/sandbox/work/d1/d2")));
    printf("mkdir d1/../d3: %s\n", RES(mkdir("/sandbox/work/d1/../d3", 0755)));
    list("/sandbox/work");

    /* rename, link */
    printf("rename new->renamed: %s\n", RES(rename("/sandbox/work/new.txt", "/sandbox/work/renamed.txt")));
    printf("rename missing: %s\n", RES(rename("/sandbox/work/new.txt", "/sandbox/work/x")));
    printf("rename dir into itself: %s\n", RES(rename("/sandbox/work/d1", "/sandbox/work/d1/inside")));
    printf("rename file over dir: %s\n", RES(rename("/sandbox/work/renamed.txt", "/sandbox/work/d3")));
    printf("rename d3 -> d1/d3: %s\n", RES(rename("/sandbox/work/d3", "/sandbox/work/d1/d3")));
    printf("link: %s\n", RES(link("/sandbox/work/renamed.txt", "/sandbox/work/hard.txt")));
    stat("/sandbox/work/hard.txt", &st);
    printf("nlink: %llu size %lld\n", (unsigned long long)st.st_nlink, (long long)st.st_size);
    printf("link existing: %s\n", RES(link("/sandbox/work/renamed.txt", "/sandbox/work/hard.txt")));

    /* symlinks */
    printf("symlink: %s\n", RES(symlink("renamed.txt", "/sandbox/work/sl")));
    printf("symlink to dir: %s\n", RES(symlink("d1", "/sandbox/work/dl")));
    printf("symlink dangling: %s\n", RES(symlink("nowhere", "/sandbox/work/dangling")));
    char lb[64] = { 0 };
    printf("readlink: %zd [%s]\n", readlink("/sandbox/work/sl", lb, sizeof lb), lb);
    memset(lb, 0, sizeof lb);
    printf("readlink short buffer: %zd [%s]\n", readlink("/sandbox/work/sl", lb, 4), lb);
    printf("readlink a file: %s\n", RES(readlink("/sandbox/work/renamed.txt", lb, sizeof lb)));
    lstat("/sandbox/work/sl", &st);
    printf("lstat sl: link=%d\n", S_ISLNK(st.st_mode));
    stat("/sandbox/work/sl", &st);
    printf("stat sl: reg=%d size=%lld\n", S_ISREG(st.st_mode), (long long)st.st_size);
    cat("/sandbox/work/sl");
    printf("stat dangling: %s\n", RES(stat("/sandbox/work/dangling", &st)));
    printf("open sl O_NOFOLLOW: %s\n", RES(open("/sandbox/work/sl", O_RDONLY | O_NOFOLLOW)));
    printf("mkdir via dir symlink dl/x: %s\n", RES(mkdir("/sandbox/work/dl/x", 0755)));
    list("/sandbox/work/d1");
    printf("creat through dangling: %s\n", RES(open("/sandbox/work/dangling", O_WRONLY | O_CREAT, 0644)));
    list("/sandbox/work");
    printf("unlink sl: %s\n", RES(unlink("/sandbox/work/sl")));
    printf("stat renamed after unlink sl: %s\n", RES(stat("/sandbox/work/renamed.txt", &st)));

    /* timestamps */
    struct timespec ts[2] = { { 1000000000, 123 }, { 2000000000, 456 } };
    printf("utimensat: %s\n", RES(utimensat(AT_FDCWD, "/sandbox/work/renamed.txt", ts, 0)));
    stat("/sandbox/work/renamed.txt", &st);
    printf("atime %lld.%09ld mtime %lld.%09ld\n", (long long)st.st_atim.tv_sec, st.st_atim.tv_nsec,
           (long long)st.st_mtim.tv_sec, st.st_mtim.tv_nsec);
    fd = open("/sandbox/work/renamed.txt", O_RDWR);
    struct timespec ts2[2] = { { 0, UTIME_OMIT }, { 1500000000, 0 } };
    printf("futimens: %s\n", RES(futimens(fd, ts2)));
    fstat(fd, &st);
    printf("atime %lld mtime %lld\n", (long long)st.st_atim.tv_sec, (long long)st.st_mtim.tv_sec);
    close(fd);
    printf("utimensat nofollow on link: %s\n",
           RES(utimensat(AT_FDCWD, "/sandbox/work/dl", ts, AT_SYMLINK_NOFOLLOW)));
    lstat("/sandbox/work/dl", &st);
    printf("link mtime %lld\n", (long long)st.st_mtim.tv_sec);

    /* many entries: readdir must continue with cookies */
    mkdir("/sandbox/work/many", 0755);
    char name[200];
    for (int i = 0; i < 300; i++) {
        snprintf(name, sizeof name, "/sandbox/work/many/%03d_%0100d", i, 0);
        close(open(name, O_WRONLY | O_CREAT, 0644));
    }
    DIR *d = opendir("/sandbox/work/many");
    int count = 0, dots = 0;
    struct dirent *de;
    long first = -1;
    while ((de = readdir(d))) {
        count++;
        if (!strcmp(de->d_name, ".") || !strcmp(de->d_name, ".."))
            dots++;
        if (count == 10)
            first = telldir(d);
    }
    printf("many: %d entries, %d dots\n", count, dots);
    seekdir(d, first);
    int again = 0;
    while (readdir(d))
        again++;
    printf("after seekdir: %d more\n", again);
    rewinddir(d);
    again = 0;
    while (readdir(d))
        again++;
    printf("after rewinddir: %d\n", again);
    closedir(d);

    /* unlink */
    printf("unlink hard.txt: %s\n", RES(unlink("/sandbox/work/hard.txt")));
    printf("unlink again: %s\n", RES(unlink("/sandbox/work/hard.txt")));
    printf("stat after unlink: %s\n", RES(stat("/sandbox/work/hard.txt", &st)));
    return 0;
}
