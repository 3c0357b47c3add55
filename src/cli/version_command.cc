// `chipgate version [--format text|json]` (also `chipgate --version`): the version of the
// project, the git commit the build was configured from and the build type, so a report or a bug
// can name the exact binary. The commit comes from the header CMake generates
// (cmake/build_info.h.in); the build type from the configuration built.
#include <cstdio>
#include <string>

#include "chipgate_build_info.h"
#include "cli/commands.h"
#include "pipeline/json_report.h"
#include "pipeline/pretty_json.h"

namespace chipgate::cli {

// Text: `chipgate 0.1.0` on the first line (what scripts read), then `commit:` and
// `build type:`. JSON: {"schema": "chipgate.version/v1", "chipgate_version", "version",
// "commit", "build_type"}: the head every document starts with, then `version` (the same value).
// Exit 0, or 2 for an unknown --format or an argument.
int RunVersion(const Args& args) {
  std::string format = args.Get("format").value_or("text");
  if (!args.positional.empty() || (format != "text" && format != "json")) {
    std::fprintf(stderr, "chipgate version: expected no argument, and --format text or json\n%s",
                 UsageOf("version").c_str());
    return kExitBadInput;
  }
  if (format == "json") {
    std::string out;
    PrettyJson j(out, 0);
    j.BeginObject();
    JsonReportHead(j, JsonKind::kVersion);
    j.Key("version")
        .String(CHIPGATE_VERSION)
        .Key("commit")
        .String(CHIPGATE_GIT_COMMIT)
        .Key("build_type")
        .String(CHIPGATE_BUILD_TYPE)
        .EndObject();
    std::printf("%s\n", out.c_str());
    return kExitOk;
  }
  std::printf("chipgate %s\ncommit: %s\nbuild type: %s\n", CHIPGATE_VERSION, CHIPGATE_GIT_COMMIT,
              CHIPGATE_BUILD_TYPE);
  return kExitOk;
}

}  // namespace chipgate::cli
