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

std::optional<std::string> OutputClash(const CommandFiles& files) {
  struct Protected {
    std::string path, what;
    Identity id;
  };
  std::vector<Protected> protect;
  for (const auto& db : files.databases) {
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
  if (fchmod(fd, mode) != 0) return fail("set the mode of");
  {
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
  if (int d = open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC); d >= 0) {
    int synced = fsync(d);
    close(d);
    if (synced != 0) return Status::Error(SystemError("sync the directory of", path));
  }
  return Status::Ok();
}

Status FlushStdout() {
  std::cout.flush();
  errno = 0;
  bool lost = !std::cout || std::fflush(stdout) != 0 || std::ferror(stdout);
  if (!lost) return Status::Ok();
  return Status::Error(std::string("cannot write the output: ") +
                       (errno ? std::strerror(errno) : "write error"));
}

}  // namespace chipgate::cli
