// `chipgate test --watch`: runs the tests, then again whenever a file of the pack or of the tests
// changes, until SIGINT or SIGTERM (as `opa test --watch`). Changes are found by polling the
// files' modification times and sizes, which works on every file system (network and container
// mounts included) at the cost of a short delay.
#pragma once

#include <functional>
#include <string>
#include <vector>

namespace chipgate::cli {

// Runs `run`, then polls every file under `roots` (files, or directories walked recursively;
// every regular file counts, so an added or removed file is a change too) every `poll_ms`
// milliseconds and, after a change, prints a separator line and runs `run` again. Standard
// output is flushed after each run, so a reader of a pipe or file sees every run whole.
// Returns 0 once SIGINT or SIGTERM arrives (the run in progress is finished first); the
// handlers it installs are removed before it returns.
int WatchAndRerun(const std::vector<std::string>& roots, const std::function<void()>& run,
                  int poll_ms = 250);

}  // namespace chipgate::cli
