strace
