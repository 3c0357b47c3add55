// The files a command writes (`audit --output`, `--log-file`): which paths may be written at all
// (never a database the command opens, its `-wal`/`-shm`/`-journal` files, nor a file it reads),
// and writing a report so that it is either wholly in place or not there at all.
#pragma once

#include <functional>
#include <optional>
#include <ostream>
#include <string>
#include <vector>

#include "chipgate/status.h"

namespace chipgate::cli {

// What a command reads and keeps open, by role.
struct CommandFiles {
  std::vector<std::string> databases;  // SQLite databases (their journal files are protected too)
  std::vector<std::string> inputs;     // files and directories read (every file under a directory)
  std::vector<std::string> outputs;    // files the command writes
};

// Why an output may not be written (naming both paths), or nullopt when every output is clear
// of every database, journal, input and other output, and no database is an input. Files are
// compared by identity (device and inode, following symbolic links), so `./x.db`, a symbolic link
// and a hard link are all caught; a file that does not exist yet is compared by its directory's
// identity and its name.
std::optional<std::string> OutputClash(const CommandFiles& files);

// Writes what `write` produces to `path`: into a new temporary file in the same directory, every
// write, the flush, fsync and close checked, then renamed over `path` (and the directory synced).
// A new file gets mode 0640; a file replaced keeps its mode. On any error the temporary file is
// removed, `path` is untouched, and the error names the path and the system's reason.
Status WriteFileAtomically(const std::string& path,
                           const std::function<void(std::ostream&)>& write);

// Flushes stdout (C stdio and std::cout); an error when anything written to it was lost.
Status FlushStdout();

}  // namespace chipgate::cli
