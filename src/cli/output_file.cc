// Output files: the clash check by file identity and the atomic report writer (output_file.h).
#include "cli/output_file.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <set>
#include <tuple>

namespace chipgate::cli {
namespace fs = std::filesystem;
namespace {

// A file: the device and inode of the file itself when it exists, and of its directory with its
// name (for a file that does not exist yet, such as a journal SQLite will create).
// Two Identities are the same file when both exist and share device and inode (this catches hard
// links and any spelling of the path); otherwise when both directories are known and equal and
// the final names match (a file that does not exist yet, such as `x.db-wal` before SQLite makes
// it). An Identity with neither part known matches nothing: the check is best effort there.
struct Identity {
  bool exists = false;
  dev_t dev = 0;
  ino_t ino = 0;
  bool dir_known = false;
  dev_t dir_dev = 0;
  ino_t dir_ino = 0;
  std::string name;

  bool SameAs(const Identity& o) const {
    if (exists && o.exists) return dev == o.dev && ino == o.ino;
    return dir_known && o.dir_known && dir_dev == o.dir_dev && dir_ino == o.dir_ino &&
           name == o.name;
  }
};

// stat() follows symbolic links, so `exists` describes the final target. The directory + name
// part is computed from the link-resolved, canonical path, so a link and its target get the
// same directory identity even when the target does not exist yet.
Identity IdentityOf(const std::string& path) {
  Identity id;
  struct stat st {};
  if (stat(path.c_str(), &st) == 0) {
    id.exists = true;
    id.dev = st.st_dev;
    id.ino = st.st_ino;
  }
  // Symbolic links are followed, a dangling one too: writing through it creates its target.
  std::error_code ec;
  fs::path full = fs::absolute(path, ec);
  // At most 40 links, as the kernel's own limit (ELOOP): a link cycle ends here instead of
  // looping; weakly_canonical below then resolves whatever links remain in the directories.
  for (int hops = 0; !ec && hops < 40 && fs::is_symlink(full, ec); ++hops) {
    fs::path target = fs::read_symlink(full, ec);
    full = target.is_absolute() ? target : full.parent_path() / target;
  }
  full = fs::weakly_canonical(full, ec);
  if (ec) return id;
  struct stat dir {};
  if (stat(full.parent_path().c_str(), &dir) == 0) {
    id.dir_known = true;
    id.dir_dev = dir.st_dev;
    id.dir_ino = dir.st_ino;
    id.name = full.filename().string();
  }
  return id;
}

// Every regular file under a directory (bounded: rule packs have tens of files), or the path.
// The walk stops after 10,000 directory entries, silently: a larger input directory has files
// that are not protected. A path that is not a directory (or does not exist) is returned as is.
std::vector<std::string> Expand(const std::string& input) {
  std::error_code ec;
  if (!fs::is_directory(input, ec)) return {input};
  std::vector<std::string> out;
  size_t seen = 0;
  for (auto it = fs::recursive_directory_iterator(input, ec);
       !ec && it != fs::recursive_directory_iterator() && seen < 10000; it.increment(ec), ++seen) {
    if (it->is_regular_file(ec)) out.push_back(it->path().string());
  }
  return out;
}

}  // namespace

// Checks, in this order, each returning the first clash found:
// 1. a database that is an input (a database is written, so it would overwrite what is read);
// 2. an output that is a database, one of its journals or an input;
// 3. an output named twice.
// Identities are taken now, before the command runs: this guards against mistakes on the
// command line, not against files changed concurrently.
std::optional<std::string> OutputClash(const CommandFiles& files) {
  struct Protected {
    std::string path, what;
    Identity id;
  };
  std::vector<Protected> protect;
  for (const auto& db : files.databases) {
    // SQLite's rollback journal and WAL files sit beside the database under these names; an output
    // written over one would corrupt the database on its next open.
    for (const char* suffix : {"", "-wal", "-shm", "-journal"}) {
      std::string p = db + suffix;
      protect.push_back(
          {p, *suffix ? "a journal file of the database `" + db + "`" : "the database `" + db + "`",
           IdentityOf(p)});
    }
  }
  for (const auto& input : files.inputs) {
    for (const auto& p : Expand(input))
      protect.push_back({p, "the input `" + p + "`", IdentityOf(p)});
  }
  // A database is written too (SQLite takes an empty file for a new database): never an input.
  for (const auto& db : files.databases) {
    Identity id = IdentityOf(db);
    for (const auto& p : protect) {
      if (p.what.starts_with("the input") && id.SameAs(p.id))
        return "refusing to use `" + db + "` as a database: it is " + p.what;
    }
  }
  for (size_t i = 0; i < files.outputs.size(); ++i) {
    const std::string& out = files.outputs[i];
    Identity id = IdentityOf(out);
    for (const auto& p : protect) {
      if (id.SameAs(p.id)) return "refusing to write `" + out + "`: it is " + p.what;
    }
    // Two outputs onto one file: the second atomic rename would silently drop the first report.
    for (size_t j = 0; j < i; ++j) {
      if (id.SameAs(IdentityOf(files.outputs[j])))
        return "refusing to write `" + out + "` twice (as two outputs)";
    }
  }
  return std::nullopt;
}

namespace {

std::string SystemError(const std::string& what, const std::string& path) {
  return "cannot " + what + " `" + path + "`: " + std::strerror(errno);
}

}  // namespace

// Readers of `path` see the old file or the complete new one, never a partial report: the
// temporary file is in the same directory so that rename() is an atomic replacement on one file
// system. The temporary file's name starts with a dot and is unique (mkstemp).
// If `path` is a symbolic link, the link itself is replaced by the new regular file (rename does
// not follow it); OutputClash, by contrast, judged the link's target.
// Callers must have run OutputClash first; `write` must not throw (a throw would leave the
// temporary file behind, since only the error paths below remove it).
Status WriteFileAtomically(const std::string& path,
                           const std::function<void(std::ostream&)>& write) {
  fs::path target(path);
  std::string dir = target.has_parent_path() ? target.parent_path().string() : ".";
  std::string temp = (fs::path(dir) / ("." + target.filename().string() + ".XXXXXX")).string();
  int fd = mkstemp(temp.data());
  if (fd < 0) return Status::Error(SystemError("create a temporary file beside", path));
  // The report's mode: 0640 for a new file (never world-readable or -writable, whatever the
  // umask), the replaced file's own mode otherwise.
  struct stat old {};
  mode_t mode =
      stat(path.c_str(), &old) == 0 && S_ISREG(old.st_mode) ? (old.st_mode & 07777) : 0640;
  auto fail = [&](const std::string& what) {
    Status s = Status::Error(SystemError(what, path));
    if (fd >= 0) close(fd);
    unlink(temp.c_str());
    return s;
  };
  // mkstemp creates the file 0600; the final mode is set before any data is written, and
  // the rename then keeps it.
  if (fchmod(fd, mode) != 0) return fail("set the mode of");
  {
    // The data goes through a second descriptor (an ofstream on the same path); fsync on `fd` below
    // still flushes it to disk, since fsync applies to the file, not to one descriptor.
    std::ofstream f(temp, std::ios::binary | std::ios::trunc);
    write(f);
    f.flush();
    if (!f) return fail("write");
    f.close();
    if (f.fail()) return fail("write");
  }
  if (fsync(fd) != 0) return fail("write");
  int rc = close(fd);
  fd = -1;
  if (rc != 0) return fail("write");
  if (rename(temp.c_str(), path.c_str()) != 0) return fail("replace");
  // The rename is durable once the directory is synced.
  // A directory that cannot be opened is not an error (the rename has happened; only its
  // durability across a crash is not assured); a failed fsync of it is.
  if (int d = open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC); d >= 0) {
    int synced = fsync(d);
    close(d);
    if (synced != 0) return Status::Error(SystemError("sync the directory of", path));
  }
  return Status::Ok();
}

// A full disk or a closed pipe shows only at flush time; main() turns it into exit 2, so a
// verdict that did not reach its reader is never reported as success.
Status FlushStdout() {
  std::cout.flush();
  errno = 0;
  bool lost = !std::cout || std::fflush(stdout) != 0 || std::ferror(stdout);
  if (!lost) return Status::Ok();
  return Status::Error(std::string("cannot write the output: ") +
                       (errno ? std::strerror(errno) : "write error"));
}

}  // namespace chipgate::cli
