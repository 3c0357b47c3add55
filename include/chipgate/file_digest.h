// The SHA-256 of a file's bytes, read in blocks (a database of several gigabytes is never held in
// memory): what `chipgate audit` reports as the digest of the database it audited.
#pragma once

#include <string>

#include "chipgate/status.h"

namespace chipgate {

// "sha256:<hex>" of the file at `path`; an error naming the path and the system's reason when it
// cannot be read.
Result<std::string> FileSha256(const std::string& path);

}  // namespace chipgate
