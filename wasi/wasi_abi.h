/* wasi_abi.h: preview1 constants and memory layouts (from the witx definitions), private to
 * wasi/. Guest memory is little-endian; so is every host we build for. */
#ifndef WD_WASI_ABI_H
#define WD_WASI_ABI_H

#include <stdint.h>

#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ != __ORDER_LITTLE_ENDIAN__
#error "wasi/ assumes a little-endian host"
#endif

/* errno */
enum {
    WE_SUCCESS = 0, WE_2BIG = 1, WE_ACCES = 2, WE_ADDRINUSE = 3, WE_ADDRNOTAVAIL = 4,
    WE_AFNOSUPPORT = 5, WE_AGAIN = 6, WE_ALREADY = 7, WE_BADF = 8, WE_BADMSG = 9,
    WE_BUSY = 10, WE_CANCELED = 11, WE_CHILD = 12, WE_CONNABORTED = 13,
    WE_CONNREFUSED = 14, WE_CONNRESET = 15, WE_DEADLK = 16, WE_DESTADDRREQ = 17,
    WE_DOM = 18, WE_DQUOT = 19, WE_EXIST = 20, WE_FAULT = 21, WE_FBIG = 22,
    WE_HOSTUNREACH = 23, WE_IDRM = 24, WE_ILSEQ = 25, WE_INPROGRESS = 26, WE_INTR = 27,
    WE_INVAL = 28, WE_IO = 29, WE_ISCONN = 30, WE_ISDIR = 31, WE_LOOP = 32, WE_MFILE = 33,
    WE_MLINK = 34, WE_MSGSIZE = 35, WE_MULTIHOP = 36, WE_NAMETOOLONG = 37,
    WE_NETDOWN = 38, WE_NETRESET = 39, WE_NETUNREACH = 40, WE_NFILE = 41,
    WE_NOBUFS = 42, WE_NODEV = 43, WE_NOENT = 44, WE_NOEXEC = 45, WE_NOLCK = 46,
    WE_NOLINK = 47, WE_NOMEM = 48, WE_NOMSG = 49, WE_NOPROTOOPT = 50, WE_NOSPC = 51,
    WE_NOSYS = 52, WE_NOTCONN = 53, WE_NOTDIR = 54, WE_NOTEMPTY = 55,
    WE_NOTRECOVERABLE = 56, WE_NOTSOCK = 57, WE_NOTSUP = 58, WE_NOTTY = 59, WE_NXIO = 60,
    WE_OVERFLOW = 61, WE_OWNERDEAD = 62, WE_PERM = 63, WE_PIPE = 64, WE_PROTO = 65,
    WE_PROTONOSUPPORT = 66, WE_PROTOTYPE = 67, WE_RANGE = 68, WE_ROFS = 69,
    WE_SPIPE = 70, WE_SRCH = 71, WE_STALE = 72, WE_TIMEDOUT = 73, WE_TXTBSY = 74,
    WE_XDEV = 75, WE_NOTCAPABLE = 76,
    WE__COUNT
};

/* rights */
#define WR_FD_DATASYNC (1ull << 0)
#define WR_FD_READ (1ull << 1)
#define WR_FD_SEEK (1ull << 2)
#define WR_FD_FDSTAT_SET_FLAGS (1ull << 3)
#define WR_FD_SYNC (1ull << 4)
#define WR_FD_TELL (1ull << 5)
#define WR_FD_WRITE (1ull << 6)
#define WR_FD_ADVISE (1ull << 7)
#define WR_FD_ALLOCATE (1ull << 8)
#define WR_PATH_CREATE_DIRECTORY (1ull << 9)
#define WR_PATH_CREATE_FILE (1ull << 10)
#define WR_PATH_LINK_SOURCE (1ull << 11)
#define WR_PATH_LINK_TARGET (1ull << 12)
#define WR_PATH_OPEN (1ull << 13)
#define WR_FD_READDIR (1ull << 14)
#define WR_PATH_READLINK (1ull << 15)
#define WR_PATH_RENAME_SOURCE (1ull << 16)
#define WR_PATH_RENAME_TARGET (1ull << 17)
#define WR_PATH_FILESTAT_GET (1ull << 18)
#define WR_PATH_FILESTAT_SET_SIZE (1ull << 19)
#define WR_PATH_FILESTAT_SET_TIMES (1ull << 20)
#define WR_FD_FILESTAT_GET (1ull << 21)
#define WR_FD_FILESTAT_SET_SIZE (1ull << 22)
#define WR_FD_FILESTAT_SET_TIMES (1ull << 23)
#define WR_PATH_SYMLINK (1ull << 24)
#define WR_PATH_REMOVE_DIRECTORY (1ull << 25)
#define WR_PATH_UNLINK_FILE (1ull << 26)
#define WR_POLL_FD_READWRITE (1ull << 27)
#define WR_SOCK_SHUTDOWN (1ull << 28)
#define WR_SOCK_ACCEPT (1ull << 29)
#define WR_ALL ((1ull << 30) - 1)

/* rights that apply to regular files / directories / streams */
#define WR_FILE_BASE                                                                        \
    (WR_FD_DATASYNC | WR_FD_READ | WR_FD_SEEK | WR_FD_FDSTAT_SET_FLAGS | WR_FD_SYNC |      \
     WR_FD_TELL | WR_FD_WRITE | WR_FD_ADVISE | WR_FD_ALLOCATE | WR_FD_FILESTAT_GET |        \
     WR_FD_FILESTAT_SET_SIZE | WR_FD_FILESTAT_SET_TIMES | WR_POLL_FD_READWRITE)
#define WR_DIR_BASE                                                                         \
    (WR_FD_FDSTAT_SET_FLAGS | WR_FD_SYNC | WR_FD_DATASYNC | WR_FD_ADVISE |                  \
     WR_PATH_CREATE_DIRECTORY | WR_PATH_CREATE_FILE | WR_PATH_LINK_SOURCE |                 \
     WR_PATH_LINK_TARGET | WR_PATH_OPEN | WR_FD_READDIR | WR_PATH_READLINK |                \
     WR_PATH_RENAME_SOURCE | WR_PATH_RENAME_TARGET | WR_PATH_FILESTAT_GET |                 \
     WR_PATH_FILESTAT_SET_SIZE | WR_PATH_FILESTAT_SET_TIMES | WR_FD_FILESTAT_GET |          \
     WR_FD_FILESTAT_SET_TIMES | WR_PATH_SYMLINK | WR_PATH_REMOVE_DIRECTORY |                \
     WR_PATH_UNLINK_FILE)
#define WR_STREAM_BASE                                                                      \
    (WR_FD_READ | WR_FD_WRITE | WR_FD_FDSTAT_SET_FLAGS | WR_FD_FILESTAT_GET |               \
     WR_POLL_FD_READWRITE | WR_FD_SYNC | WR_FD_DATASYNC | WR_FD_ADVISE)
#define WR_SOCK_BASE (WR_STREAM_BASE | WR_SOCK_SHUTDOWN | WR_SOCK_ACCEPT)

/* filetype */
enum {
    WF_UNKNOWN = 0, WF_BLOCK_DEVICE = 1, WF_CHARACTER_DEVICE = 2, WF_DIRECTORY = 3,
    WF_REGULAR_FILE = 4, WF_SOCKET_DGRAM = 5, WF_SOCKET_STREAM = 6, WF_SYMBOLIC_LINK = 7,
};

/* fdflags */
#define WFD_APPEND 1u
#define WFD_DSYNC 2u
#define WFD_NONBLOCK 4u
#define WFD_RSYNC 8u
#define WFD_SYNC 16u
/* oflags */
#define WO_CREAT 1u
#define WO_DIRECTORY 2u
#define WO_EXCL 4u
#define WO_TRUNC 8u
/* lookupflags */
#define WL_SYMLINK_FOLLOW 1u
/* fstflags */
#define WT_ATIM 1u
#define WT_ATIM_NOW 2u
#define WT_MTIM 4u
#define WT_MTIM_NOW 8u
/* whence */
enum { WW_SET = 0, WW_CUR = 1, WW_END = 2 };
/* clockid */
enum { WC_REALTIME = 0, WC_MONOTONIC = 1, WC_PROCESS_CPUTIME = 2, WC_THREAD_CPUTIME = 3 };
/* eventtype */
enum { WEV_CLOCK = 0, WEV_FD_READ = 1, WEV_FD_WRITE = 2 };
#define WEV_FLAG_HANGUP 1u
#define WSUB_ABSTIME 1u
/* riflags / roflags / sdflags */
#define WRI_PEEK 1u
#define WRI_WAITALL 2u
#define WRO_TRUNCATED 1u
#define WSD_RD 1u
#define WSD_WR 2u

/* sizes of the structures in guest memory */
#define W_IOVEC_SIZE 8u
#define W_DIRENT_SIZE 24u
#define W_FDSTAT_SIZE 24u
#define W_FILESTAT_SIZE 64u
#define W_PRESTAT_SIZE 8u
#define W_SUBSCRIPTION_SIZE 48u
#define W_EVENT_SIZE 32u

#endif
