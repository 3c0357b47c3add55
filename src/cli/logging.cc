// spdlog set-up: a stderr logger by default; with --log-file, a file logger writing one JSON
// object per line (messages are passed already serialised, since spdlog does not escape %v).
#include "cli/logging.h"

#include <fcntl.h>
#include <unistd.h>

#include <spdlog/sinks/basic_file_sink.h>
#include <spdlog/sinks/stdout_sinks.h>
#include <spdlog/spdlog.h>

#include "chipgate/terminal_text.h"
#include "cli/json_report.h"
#include "cli/pretty_json.h"

namespace chipgate::cli {

// Replaces spdlog's default logger; called once, before the command runs. spdlog reports an
// unknown name as `off`, hence the check against the literal "off". The sinks are
// single-threaded (_st): only the main thread logs.
Status SetUpLogging(const std::string& level, const std::string& file) {
  auto lvl = spdlog::level::from_str(level);
  if (level != "off" && lvl == spdlog::level::off)
    return Status::Error("unknown log level `" + level + "`");
  try {
    std::shared_ptr<spdlog::logger> logger;
    if (file.empty()) {
      logger = std::make_shared<spdlog::logger>("chipgate",
                                                std::make_shared<spdlog::sinks::stderr_sink_st>());
      logger->set_pattern("chipgate: %l: %v");
    } else {
      // spdlog would create the file 0666 & ~umask: create it 0640 first (an existing file keeps
      // its mode), so the operational log is never world-writable.
      if (int fd = open(file.c_str(), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0640); fd >= 0)
        close(fd);
      logger = std::make_shared<spdlog::logger>(
          "chipgate", std::make_shared<spdlog::sinks::basic_file_sink_st>(file));
      // Each line is a chipgate.log-line/v1 document; the names hold no `%`, so no spdlog flag.
      logger->set_pattern(R"({"schema":")" + std::string(SchemaName(JsonKind::kLogLine)) +
                          R"(","chipgate_version":")" + std::string(ChipgateVersion()) +
                          R"(","ts":"%Y-%m-%dT%H:%M:%S.%e%z","level":"%l","pid":%P,"msg":%v})");
    }
    logger->set_level(lvl);
    // Lines at info and above are flushed at once: they reach the file even if the process dies.
    logger->flush_on(spdlog::level::info);
    spdlog::set_default_logger(logger);
  } catch (const spdlog::spdlog_ex& e) {
    return Status::Error(std::string("cannot open the log file: ") + e.what());
  }
  return Status::Ok();
}

std::string LogMessage(const std::string& text) {
  // The report's string escaping: bytes that are not UTF-8 become U+FFFD and C0 controls are
  // escaped; TerminalSafe then escapes the rest (its \uNNNN escapes are JSON escapes too).
  std::string json;
  AppendJsonString(json, text);
  return TerminalSafe(json);
}

}  // namespace chipgate::cli
