// A test-only SQLite VFS, loaded into the real chipgate binary with LD_PRELOAD by the I/O fault
// tests (tests/reliability/io_fault_test.cc), as SQLite tests itself with simulated I/O errors.
// It wraps the default VFS ("unix") and makes itself the default, so every file chipgate opens
// through SQLite (databases, their -wal and -journal files, temporary files) goes through it. It
// counts the calls that change a file: xWrite, xSync and xTruncate.
//   CHIPGATE_FAULT_VFS_FAIL=N  the N-th such call (from 1) fails with SQLite's I/O error for it
//                              (SQLITE_IOERR_WRITE, _FSYNC, _TRUNCATE); the others succeed;
//   CHIPGATE_FAULT_VFS_LOG=F   each call is appended to file F as one line: its number, its kind
//                              and the file's name, so a test can count the write points first.
// Nothing of this is in the chipgate binary or library: it exists only as this shared library,
// built with the test suite.
#include <sqlite3.h>

#include <atomic>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>

namespace {

struct FaultFile {
  sqlite3_file base;
  sqlite3_file* real;  // the wrapped VFS's file, in the same allocation after this struct
  std::string* name;
};

sqlite3_vfs* g_real = nullptr;
sqlite3_vfs g_vfs;
sqlite3_io_methods g_methods;
std::atomic<long> g_calls{0};
long g_fail_at = 0;
FILE* g_log = nullptr;

sqlite3_file* Real(sqlite3_file* f) { return reinterpret_cast<FaultFile*>(f)->real; }

// Counts a call that changes a file; the error to return instead of making it, or SQLITE_OK.
int Count(sqlite3_file* f, const char* kind, int error) {
  long n = ++g_calls;
  if (g_log) {
    std::fprintf(g_log, "%ld %s %s\n", n, kind, reinterpret_cast<FaultFile*>(f)->name->c_str());
    std::fflush(g_log);
  }
  return n == g_fail_at ? error : SQLITE_OK;
}

int Close(sqlite3_file* f) {
  int rc = Real(f)->pMethods->xClose(Real(f));
  delete reinterpret_cast<FaultFile*>(f)->name;
  return rc;
}
int Read(sqlite3_file* f, void* buf, int n, sqlite3_int64 off) {
  return Real(f)->pMethods->xRead(Real(f), buf, n, off);
}
int Write(sqlite3_file* f, const void* buf, int n, sqlite3_int64 off) {
  if (int rc = Count(f, "write", SQLITE_IOERR_WRITE)) return rc;
  return Real(f)->pMethods->xWrite(Real(f), buf, n, off);
}
int Truncate(sqlite3_file* f, sqlite3_int64 size) {
  if (int rc = Count(f, "truncate", SQLITE_IOERR_TRUNCATE)) return rc;
  return Real(f)->pMethods->xTruncate(Real(f), size);
}
int Sync(sqlite3_file* f, int flags) {
  if (int rc = Count(f, "sync", SQLITE_IOERR_FSYNC)) return rc;
  return Real(f)->pMethods->xSync(Real(f), flags);
}
int FileSize(sqlite3_file* f, sqlite3_int64* size) {
  return Real(f)->pMethods->xFileSize(Real(f), size);
}
int Lock(sqlite3_file* f, int l) { return Real(f)->pMethods->xLock(Real(f), l); }
int Unlock(sqlite3_file* f, int l) { return Real(f)->pMethods->xUnlock(Real(f), l); }
int CheckReservedLock(sqlite3_file* f, int* out) {
  return Real(f)->pMethods->xCheckReservedLock(Real(f), out);
}
int FileControl(sqlite3_file* f, int op, void* arg) {
  return Real(f)->pMethods->xFileControl(Real(f), op, arg);
}
int SectorSize(sqlite3_file* f) { return Real(f)->pMethods->xSectorSize(Real(f)); }
int DeviceCharacteristics(sqlite3_file* f) {
  return Real(f)->pMethods->xDeviceCharacteristics(Real(f));
}
int ShmMap(sqlite3_file* f, int page, int size, int extend, void volatile** out) {
  return Real(f)->pMethods->xShmMap(Real(f), page, size, extend, out);
}
int ShmLock(sqlite3_file* f, int offset, int n, int flags) {
  return Real(f)->pMethods->xShmLock(Real(f), offset, n, flags);
}
void ShmBarrier(sqlite3_file* f) { Real(f)->pMethods->xShmBarrier(Real(f)); }
int ShmUnmap(sqlite3_file* f, int del) { return Real(f)->pMethods->xShmUnmap(Real(f), del); }
int Fetch(sqlite3_file* f, sqlite3_int64 off, int n, void** out) {
  return Real(f)->pMethods->xFetch(Real(f), off, n, out);
}
int Unfetch(sqlite3_file* f, sqlite3_int64 off, void* p) {
  return Real(f)->pMethods->xUnfetch(Real(f), off, p);
}

int Open(sqlite3_vfs*, sqlite3_filename name, sqlite3_file* f, int flags, int* out_flags) {
  auto* ff = reinterpret_cast<FaultFile*>(f);
  ff->real = reinterpret_cast<sqlite3_file*>(ff + 1);
  int rc = g_real->xOpen(g_real, name, ff->real, flags, out_flags);
  if (rc != SQLITE_OK || !ff->real->pMethods) {
    f->pMethods = nullptr;  // SQLite then calls no method of this file
    return rc;
  }
  if (ff->real->pMethods->iVersion < 3) {
    ff->real->pMethods->xClose(ff->real);
    f->pMethods = nullptr;
    return SQLITE_CANTOPEN;
  }
  std::string shown = name ? name : "(temporary)";
  size_t slash = shown.rfind('/');
  ff->name = new std::string(slash == std::string::npos ? shown : shown.substr(slash + 1));
  f->pMethods = &g_methods;
  return SQLITE_OK;
}

int Delete(sqlite3_vfs*, const char* name, int sync_dir) {
  return g_real->xDelete(g_real, name, sync_dir);
}
int Access(sqlite3_vfs*, const char* name, int flags, int* out) {
  return g_real->xAccess(g_real, name, flags, out);
}
int FullPathname(sqlite3_vfs*, const char* name, int n, char* out) {
  return g_real->xFullPathname(g_real, name, n, out);
}
void* DlOpen(sqlite3_vfs*, const char* name) { return g_real->xDlOpen(g_real, name); }
void DlError(sqlite3_vfs*, int n, char* out) { g_real->xDlError(g_real, n, out); }
void (*DlSym(sqlite3_vfs*, void* h, const char* sym))(void) {
  return g_real->xDlSym(g_real, h, sym);
}
void DlClose(sqlite3_vfs*, void* h) { g_real->xDlClose(g_real, h); }
int Randomness(sqlite3_vfs*, int n, char* out) { return g_real->xRandomness(g_real, n, out); }
int Sleep(sqlite3_vfs*, int us) { return g_real->xSleep(g_real, us); }
int CurrentTime(sqlite3_vfs*, double* out) { return g_real->xCurrentTime(g_real, out); }
int GetLastError(sqlite3_vfs*, int n, char* out) { return g_real->xGetLastError(g_real, n, out); }
int CurrentTimeInt64(sqlite3_vfs*, sqlite3_int64* out) {
  return g_real->xCurrentTimeInt64(g_real, out);
}

// Runs when the library is loaded, before chipgate's main: registers the VFS as the default.
__attribute__((constructor)) void RegisterFaultVfs() {
  if (const char* n = std::getenv("CHIPGATE_FAULT_VFS_FAIL")) g_fail_at = std::atol(n);
  if (const char* log = std::getenv("CHIPGATE_FAULT_VFS_LOG")) g_log = std::fopen(log, "a");
  g_real = sqlite3_vfs_find(nullptr);
  if (!g_real) std::abort();
  g_methods = sqlite3_io_methods{3,
                                 Close,
                                 Read,
                                 Write,
                                 Truncate,
                                 Sync,
                                 FileSize,
                                 Lock,
                                 Unlock,
                                 CheckReservedLock,
                                 FileControl,
                                 SectorSize,
                                 DeviceCharacteristics,
                                 ShmMap,
                                 ShmLock,
                                 ShmBarrier,
                                 ShmUnmap,
                                 Fetch,
                                 Unfetch};
  std::memset(&g_vfs, 0, sizeof g_vfs);
  g_vfs.iVersion = 2;
  g_vfs.szOsFile = static_cast<int>(sizeof(FaultFile)) + g_real->szOsFile;
  g_vfs.mxPathname = g_real->mxPathname;
  g_vfs.zName = "chipgate-fault";
  g_vfs.xOpen = Open;
  g_vfs.xDelete = Delete;
  g_vfs.xAccess = Access;
  g_vfs.xFullPathname = FullPathname;
  g_vfs.xDlOpen = DlOpen;
  g_vfs.xDlError = DlError;
  g_vfs.xDlSym = DlSym;
  g_vfs.xDlClose = DlClose;
  g_vfs.xRandomness = Randomness;
  g_vfs.xSleep = Sleep;
  g_vfs.xCurrentTime = CurrentTime;
  g_vfs.xGetLastError = GetLastError;
  g_vfs.xCurrentTimeInt64 = CurrentTimeInt64;
  if (sqlite3_vfs_register(&g_vfs, 1) != SQLITE_OK) std::abort();
}

}  // namespace
