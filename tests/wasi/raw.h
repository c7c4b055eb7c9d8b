/* raw.h: the preview1 imports declared by hand, so tests can pass any pointer or length. */
#ifndef RAW_H
#define RAW_H
#include <stdint.h>
#define RAW(name) __attribute__((import_module("wasi_snapshot_preview1"), import_name(#name)))
RAW(path_open) int32_t raw_path_open(int32_t fd, int32_t dirflags, int32_t path, int32_t len,
                                     int32_t oflags, int64_t base, int64_t inh, int32_t fdflags,
                                     int32_t fdptr);
RAW(fd_write) int32_t raw_fd_write(int32_t fd, int32_t iovs, int32_t n, int32_t nwritten);
RAW(fd_read) int32_t raw_fd_read(int32_t fd, int32_t iovs, int32_t n, int32_t nread);
RAW(fd_close) int32_t raw_fd_close(int32_t fd);
RAW(args_get) int32_t raw_args_get(int32_t argv, int32_t buf);
RAW(random_get) int32_t raw_random_get(int32_t buf, int32_t len);
RAW(fd_prestat_dir_name) int32_t raw_fd_prestat_dir_name(int32_t fd, int32_t buf, int32_t len);
RAW(fd_prestat_get) int32_t raw_fd_prestat_get(int32_t fd, int32_t buf);
RAW(fd_fdstat_set_rights) int32_t raw_fd_fdstat_set_rights(int32_t fd, int64_t b, int64_t i);
RAW(poll_oneoff) int32_t raw_poll_oneoff(int32_t in, int32_t out, int32_t n, int32_t nev);
RAW(clock_time_get) int32_t raw_clock_time_get(int32_t id, int64_t prec, int32_t out);
RAW(clock_res_get) int32_t raw_clock_res_get(int32_t id, int32_t out);
RAW(fd_readdir) int32_t raw_fd_readdir(int32_t fd, int32_t buf, int32_t len, int64_t cookie,
                                       int32_t used);
RAW(fd_renumber) int32_t raw_fd_renumber(int32_t from, int32_t to);
RAW(fd_seek) int32_t raw_fd_seek(int32_t fd, int64_t off, int32_t whence, int32_t out);
RAW(path_symlink) int32_t raw_path_symlink(int32_t old, int32_t olen, int32_t fd, int32_t new_,
                                           int32_t nlen);
RAW(path_filestat_get) int32_t raw_path_filestat_get(int32_t fd, int32_t flags, int32_t path,
                                                     int32_t len, int32_t buf);
RAW(path_create_directory) int32_t raw_path_create_directory(int32_t fd, int32_t path,
                                                             int32_t len);
RAW(path_rename) int32_t raw_path_rename(int32_t fd, int32_t op, int32_t ol, int32_t nfd,
                                         int32_t np, int32_t nl);
RAW(path_link) int32_t raw_path_link(int32_t ofd, int32_t of, int32_t op, int32_t ol,
                                     int32_t nfd, int32_t np, int32_t nl);
RAW(proc_raise) int32_t raw_proc_raise(int32_t sig);
RAW(sched_yield) int32_t raw_sched_yield(void);
RAW(sock_accept) int32_t raw_sock_accept(int32_t fd, int32_t flags, int32_t out);
RAW(sock_shutdown) int32_t raw_sock_shutdown(int32_t fd, int32_t how);
RAW(fd_fdstat_set_flags) int32_t raw_fd_fdstat_set_flags(int32_t fd, int32_t flags);
RAW(fd_filestat_set_times) int32_t raw_fd_filestat_set_times(int32_t fd, int64_t a, int64_t m,
                                                             int32_t fl);
RAW(fd_advise) int32_t raw_fd_advise(int32_t fd, int64_t off, int64_t len, int32_t adv);
RAW(fd_allocate) int32_t raw_fd_allocate(int32_t fd, int64_t off, int64_t len);
#define P(x) ((int32_t)(uintptr_t)(x))
#define MEMSIZE ((uint32_t)__builtin_wasm_memory_size(0) * 65536u)
#endif
