/* fdops: the fd and path calls the other tests leave out, with exact results: fd_advise,
 * fd_allocate, fd_sync, fd_datasync, fd_filestat_set_size, fd_filestat_set_times,
 * path_filestat_set_times (following a symlink and not), fd_pread/fd_pwrite, fd_renumber,
 * path_link, path_symlink/path_readlink and path_rename across directories. */
#include <dirent.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <wasi/api.h>

#include "raw.h"
#include "wtest.h"

#define D "/sandbox/fdops"

static long long size_of(const char *p)
{
    struct stat st;
    return stat(p, &st) == 0 ? (long long)st.st_size : -1;
}

static void show_times(const char *what, const char *p, int follow)
{
    struct stat st;
    int r = follow ? stat(p, &st) : lstat(p, &st);
    if (r != 0) {
        printf("%s: %s\n", what, ename(errno));
        return;
    }
    printf("%s: atime=%lld.%09ld mtime=%lld.%09ld\n", what, (long long)st.st_atim.tv_sec,
           st.st_atim.tv_nsec, (long long)st.st_mtim.tv_sec, st.st_mtim.tv_nsec);
}

static void cat(const char *what, const char *p)
{
    char b[128] = { 0 };
    int fd = open(p, O_RDONLY);
    if (fd < 0) {
        printf("%s: %s\n", what, ename(errno));
        return;
    }
    ssize_t n = read(fd, b, sizeof b - 1);
    close(fd);
    printf("%s: %zd [%s]\n", what, n, n >= 0 ? b : "");
}

int main(void)
{
    printf("mkdir: %s\n", RES(mkdir(D, 0755)));
    printf("mkdir a: %s\n", RES(mkdir(D "/a", 0755)));
    printf("mkdir b: %s\n", RES(mkdir(D "/b", 0755)));
    int fd = open(D "/f", O_RDWR | O_CREAT | O_TRUNC, 0644);
    printf("open f: %s\n", fd >= 0 ? "OK" : ename(errno));

    /* fd_advise: every advice; a bad one is EINVAL; a closed fd EBADF */
    static const int adv[] = { POSIX_FADV_NORMAL, POSIX_FADV_SEQUENTIAL, POSIX_FADV_RANDOM,
                               POSIX_FADV_WILLNEED, POSIX_FADV_DONTNEED, POSIX_FADV_NOREUSE };
    for (int i = 0; i < 6; i++)
        printf("fadvise %d: %s\n", i, ename(posix_fadvise(fd, 0, 100, adv[i])));
    printf("raw fd_advise advice 9: %d\n", raw_fd_advise(fd, 0, 100, 9));
    printf("raw fd_advise fd 99: %d\n", raw_fd_advise(99, 0, 100, 0));

    /* fd_allocate grows the file, never shrinks it; len 0 is EINVAL */
    printf("fallocate 0+1000: %s size=%lld\n", ename(posix_fallocate(fd, 0, 1000)), size_of(D "/f"));
    printf("fallocate 10+10: %s size=%lld\n", ename(posix_fallocate(fd, 10, 10)), size_of(D "/f"));
    printf("raw fd_allocate len 0: %d\n", raw_fd_allocate(fd, 0, 0));

    /* fd_filestat_set_size: shrink, grow (zeros) */
    printf("ftruncate 3: %s size=%lld\n", RES(ftruncate(fd, 3)), size_of(D "/f"));
    printf("ftruncate 8: %s size=%lld\n", RES(ftruncate(fd, 8)), size_of(D "/f"));

    /* fd_pwrite / fd_pread: at an offset, the file position does not move */
    printf("pwrite: %zd\n", pwrite(fd, "HELLO", 5, 2));
    printf("tell after pwrite: %lld\n", (long long)lseek(fd, 0, SEEK_CUR));
    char b[16] = { 0 };
    ssize_t n = pread(fd, b, 4, 3);
    printf("pread 4@3: %zd [%s]\n", n, b);
    memset(b, 0, sizeof b);
    n = pread(fd, b, 10, 6);
    printf("pread 10@6: %zd [%.*s]\n", n, (int)(n > 0 ? n : 0), b);
    printf("pread past end: %zd\n", pread(fd, b, 4, 100));
    printf("tell after pread: %lld\n", (long long)lseek(fd, 0, SEEK_CUR));
    printf("write: %zd\n", write(fd, "ab", 2));
    memset(b, 0, sizeof b);
    n = pread(fd, b, 8, 0);
    for (ssize_t i = 0; i < n; i++)
        if (!b[i])
            b[i] = '.';
    printf("contents: %zd [%s]\n", n, b);

    /* fd_sync, fd_datasync */
    printf("fsync: %s\n", RES(fsync(fd)));
    printf("fdatasync: %s\n", RES(fdatasync(fd)));
    printf("fsync bad fd: %s\n", RES(fsync(77)));

    /* fd_filestat_set_times: explicit times, then one of them only */
    struct timespec ts[2] = { { 1000000000, 111 }, { 1200000000, 222 } };
    printf("futimens: %s\n", RES(futimens(fd, ts)));
    show_times("  f", D "/f", 1);
    struct timespec om[2] = { { 0, UTIME_OMIT }, { 1300000000, 333 } };
    printf("futimens mtime only: %s\n", RES(futimens(fd, om)));
    show_times("  f", D "/f", 1);
    printf("raw fd_filestat_set_times ATIM|ATIM_NOW: %d\n",
           raw_fd_filestat_set_times(fd, 0, 0, __WASI_FSTFLAGS_ATIM | __WASI_FSTFLAGS_ATIM_NOW));
    printf("raw fd_filestat_set_times bad flag: %d\n", raw_fd_filestat_set_times(fd, 0, 0, 64));

    /* path_filestat_set_times through a symlink: following changes the file, not following
     * changes the link */
    printf("symlink l -> f: %s\n", RES(symlink("f", D "/l")));
    struct timespec t2[2] = { { 1400000000, 0 }, { 1500000000, 0 } };
    printf("utimensat l (follow): %s\n", RES(utimensat(AT_FDCWD, D "/l", t2, 0)));
    show_times("  f", D "/f", 1);
    struct timespec t3[2] = { { 1600000000, 5 }, { 1700000000, 6 } };
    printf("utimensat l (nofollow): %s\n", RES(utimensat(AT_FDCWD, D "/l", t3, AT_SYMLINK_NOFOLLOW)));
    show_times("  f", D "/f", 1);
    show_times("  l", D "/l", 0);
    printf("utimensat missing: %s\n", RES(utimensat(AT_FDCWD, D "/nope", t3, 0)));

    /* path_readlink */
    char lb[64] = { 0 };
    n = readlink(D "/l", lb, sizeof lb);
    printf("readlink l: %zd [%.*s]\n", n, (int)(n > 0 ? n : 0), lb);
    printf("symlink a/up -> ../f: %s\n", RES(symlink("../f", D "/a/up")));
    memset(lb, 0, sizeof lb);
    n = readlink(D "/a/up", lb, 2);
    printf("readlink a/up into 2 bytes (truncated): %zd [%s]\n", n, lb);
    n = readlink(D "/f", lb, sizeof lb);
    printf("readlink f (not a link): %s\n", n < 0 ? ename(errno) : "OK");
    cat("  cat a/up", D "/a/up");
    printf("symlink existing name: %s\n", RES(symlink("f", D "/l")));

    /* path_link: a second name, same inode; linking a directory is EPERM */
    printf("link f a/hard: %s\n", RES(link(D "/f", D "/a/hard")));
    struct stat s1, s2;
    stat(D "/f", &s1);
    stat(D "/a/hard", &s2);
    printf("  same inode: %d nlink=%llu\n", s1.st_ino == s2.st_ino, (unsigned long long)s1.st_nlink);
    printf("link onto existing: %s\n", RES(link(D "/f", D "/a/hard")));
    printf("link a dir: %s\n", RES(link(D "/a", D "/a2")));
    printf("linkat l (follow): %s\n",
           RES(linkat(AT_FDCWD, D "/l", AT_FDCWD, D "/b/viafollow", AT_SYMLINK_FOLLOW)));
    printf("linkat l (nofollow): %s\n", RES(linkat(AT_FDCWD, D "/l", AT_FDCWD, D "/b/linkcopy", 0)));
    lstat(D "/b/viafollow", &s2);
    printf("  viafollow is the file: %d\n", s2.st_ino == s1.st_ino);
    lstat(D "/b/linkcopy", &s2);
    printf("  linkcopy is a symlink: %d\n", S_ISLNK(s2.st_mode));

    /* path_rename across directories: a file, a directory, onto an existing file, a
     * directory onto a non-empty one, a directory into itself */
    printf("rename a/hard b/moved: %s\n", RES(rename(D "/a/hard", D "/b/moved")));
    cat("  cat b/moved", D "/b/moved");
    printf("  a/hard now: %s\n", RES(access(D "/a/hard", F_OK)));
    printf("mkdir a/d: %s\n", RES(mkdir(D "/a/d", 0755)));
    int t = open(D "/a/d/x", O_WRONLY | O_CREAT, 0644);
    write(t, "x\n", 2);
    close(t);
    printf("rename a/d b/d: %s\n", RES(rename(D "/a/d", D "/b/d")));
    cat("  cat b/d/x", D "/b/d/x");
    printf("rename b/moved onto b/linkcopy: %s\n", RES(rename(D "/b/moved", D "/b/linkcopy")));
    lstat(D "/b/linkcopy", &s2);
    printf("  linkcopy is a file now: %d\n", S_ISREG(s2.st_mode));
    printf("mkdir a/e, a/e/y: %s %s\n", RES(mkdir(D "/a/e", 0755)), RES(mkdir(D "/a/e/y", 0755)));
    printf("rename b/d onto a/e (not empty): %s\n", RES(rename(D "/b/d", D "/a/e")));
    printf("rename a/e into a/e/y/z: %s\n", RES(rename(D "/a/e", D "/a/e/y/z")));
    printf("rename file onto dir: %s\n", RES(rename(D "/b/linkcopy", D "/a/e")));
    printf("rename missing: %s\n", RES(rename(D "/a/nope", D "/b/nope")));

    /* fd_renumber: moves an open fd onto another open one (which is closed first) */
    int g = open(D "/b/d/x", O_RDONLY);
    int h = open(D "/f", O_RDONLY);
    printf("renumber %s\n", raw_fd_renumber(g, h) == 0 ? "OK" : "failed");
    memset(b, 0, sizeof b);
    n = read(h, b, sizeof b - 1);
    printf("  read from the new number: %zd [%s]\n", n, b);
    printf("  old number: %s\n", RES(read(g, b, 1)));
    printf("renumber onto a closed fd: %d\n", raw_fd_renumber(h, 60));
    printf("renumber from a closed fd: %d\n", raw_fd_renumber(60, h));
    printf("renumber onto itself: %d\n", raw_fd_renumber(h, h));
    close(h);
    close(fd);

    /* rights: a read-only fd cannot be resized or written at an offset */
    int ro = open(D "/f", O_RDONLY);
    printf("read-only ftruncate: %s\n", RES(ftruncate(ro, 1)));
    printf("read-only pwrite: %s\n", RES(pwrite(ro, "x", 1, 0)));
    printf("read-only fallocate: %s\n", ename(posix_fallocate(ro, 0, 10)));
    printf("read-only pread: %zd\n", pread(ro, b, 2, 0));
    close(ro);
    printf("size still: %lld\n", size_of(D "/f"));

    DIR *dd = opendir(D "/b");
    int cnt = 0;
    struct dirent *de;
    while (dd && (de = readdir(dd)))
        printf("b/%s\n", de->d_name), cnt++;
    if (dd)
        closedir(dd);
    return 0;
}
