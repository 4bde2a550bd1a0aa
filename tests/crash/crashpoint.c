/* Crash at the Nth file-system write, the way SQLite's own crash tests do.
 *
 * Loaded into a test's child process with LD_PRELOAD. Once armed (cfl_crash_arm, called
 * from Python through ctypes), every write, sync, truncate, rename and unlink counts as
 * one step; at step N the process kills itself with SIGKILL *before* doing that step, so
 * steps 1..N-1 happened and nothing after. Armed with N = 0 it only counts, which is how
 * a test learns how many steps an operation takes before sweeping N across them.
 */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <signal.h>
#include <stdio.h>
#include <sys/types.h>
#include <unistd.h>

static long steps = 0;
static long kill_at = 0;
static int armed = 0;

void cfl_crash_arm(long at) { steps = 0; kill_at = at; armed = 1; }
long cfl_crash_disarm(void) { armed = 0; return steps; }

static void step(void) {
    if (!armed) return;
    steps++;
    if (kill_at > 0 && steps >= kill_at) kill(getpid(), SIGKILL);
}

#define REAL(name) \
    static __typeof__(&name) real = NULL; \
    if (!real) real = (__typeof__(&name))dlsym(RTLD_NEXT, #name)

ssize_t write(int fd, const void *buf, size_t n) { REAL(write); step(); return real(fd, buf, n); }
ssize_t pwrite(int fd, const void *buf, size_t n, off_t at) { REAL(pwrite); step(); return real(fd, buf, n, at); }
ssize_t pwrite64(int fd, const void *buf, size_t n, off64_t at) { REAL(pwrite64); step(); return real(fd, buf, n, at); }
int fsync(int fd) { REAL(fsync); step(); return real(fd); }
int fdatasync(int fd) { REAL(fdatasync); step(); return real(fd); }
int ftruncate(int fd, off_t size) { REAL(ftruncate); step(); return real(fd, size); }
int ftruncate64(int fd, off64_t size) { REAL(ftruncate64); step(); return real(fd, size); }
int rename(const char *from, const char *to) { REAL(rename); step(); return real(from, to); }
int renameat(int a, const char *from, int b, const char *to) { REAL(renameat); step(); return real(a, from, b, to); }
int unlink(const char *path) { REAL(unlink); step(); return real(path); }
int unlinkat(int dir, const char *path, int flags) { REAL(unlinkat); step(); return real(dir, path, flags); }
