// spdlog set-up and the one way commands write a log line (Log). One sink (stderr, or the
// --log-file) is shared by one spdlog logger per component; spdlog's pattern prints the time,
// level, logger name and pid, and the payload (%v) is the message and its fields, written here
// already escaped for the format, since spdlog does not escape %v.
#include "cli/logging.h"

#include <fcntl.h>
#include <unistd.h>

#include <array>
#include <cstdio>
#include <memory>
#include <utility>

#include <spdlog/sinks/basic_file_sink.h>
#include <spdlog/sinks/stdout_sinks.h>
#include <spdlog/spdlog.h>

#include "chipgate/terminal_text.h"
#include "pipeline/json_report.h"
#include "pipeline/pretty_json.h"

namespace chipgate::cli {
namespace {

constexpr std::array kComponentNames = {"cli",   "pack", "store", "import", "check",
                                        "audit", "lint", "test",  "lists",  "log"};
static_assert(kComponentNames.size() == static_cast<size_t>(LogComponent::kLog) + 1);

// The loggers SetUpLogging made, by component; all null before (Log then writes nothing).
std::array<std::shared_ptr<spdlog::logger>, kComponentNames.size()> g_loggers;
LogFormat g_format = LogFormat::kText;

spdlog::level::level_enum SpdLevel(LogLevel level) {
  switch (level) {
    case LogLevel::kTrace:
      return spdlog::level::trace;
    case LogLevel::kDebug:
      return spdlog::level::debug;
    case LogLevel::kInfo:
      return spdlog::level::info;
    case LogLevel::kWarn:
      return spdlog::level::warn;
    case LogLevel::kError:
      break;
  }
  return spdlog::level::err;
}

// `text` as a JSON string that is also terminal-safe. The report's escaping turns C0 controls
// into \u00XX and bad UTF-8 into U+FFFD; TerminalSafe then escapes C1, bidi and invisible
// characters as \uNNNN (JSON escapes too). DEL is the one character TerminalSafe would write as
// `\x7f`, which JSON cannot hold, so it is cut out first and written as \u007f.
std::string JsonText(std::string_view text) {
  std::string out = "\"";
  size_t start = 0;
  while (true) {
    size_t del = text.find('\x7f', start);
    std::string piece;
    AppendJsonText(piece, text.substr(start, del == std::string_view::npos ? del : del - start));
    out += TerminalSafe(std::string_view(piece).substr(1, piece.size() - 2));
    if (del == std::string_view::npos) break;
    out += "\\u007f";
    start = del + 1;
  }
  return out + "\"";
}

// A text-format value: as it is when it is one visible word, else quoted as JSON (so a path with
// spaces, quotes or controls stays one unambiguous value).
std::string TextValue(const LogField& f) {
  const std::string& v = f.text();
  if (f.number()) return v;
  bool plain = !v.empty() && TerminalSafe(v) == v;
  for (char c : v) plain = plain && c != ' ' && c != '"' && c != '=' && c != '\\';
  return plain ? v : JsonText(v);
}

// What spdlog's pattern prints as %v, terminal-safe: in text `message key=value ...`; in JSON
// `"msg":"message","fields":{...}` (`{}` when there are none: every member is always there),
// which the pattern closes into one object.
std::string Payload(std::string_view message, std::initializer_list<LogField> fields) {
  std::string out;
  if (g_format == LogFormat::kText) {
    out = TerminalSafe(message);
    for (const auto& f : fields) out += " " + std::string(f.key()) + "=" + TextValue(f);
    return out;
  }
  out = "\"msg\":" + JsonText(message) + ",\"fields\":{";
  bool first = true;
  for (const auto& f : fields) {
    if (!first) out += ",";
    first = false;
    out += JsonText(f.key()) + ":" + (f.number() ? f.text() : JsonText(f.text()));
  }
  return out + "}";
}

// The line around the payload. Text: `chipgate: LEVEL: COMPONENT: payload`. JSON: a
// chipgate.log-line/v1 object; the names written into the pattern hold no `%`, so no spdlog flag.
std::string Pattern(LogFormat format) {
  if (format == LogFormat::kText) return "chipgate: %l: %n: %v";
  return R"({"schema":")" + std::string(SchemaName(JsonKind::kLogLine)) +
         R"(","chipgate_version":")" + std::string(ChipgateVersion()) +
         R"(","ts":"%Y-%m-%dT%H:%M:%S.%e%z","level":"%l","logger":"%n","pid":%P,%v})";
}

// The sink of every logger: stderr, or the log file opened for appending.
spdlog::sink_ptr MakeSink(const std::string& file) {
  if (file.empty()) return std::make_shared<spdlog::sinks::stderr_sink_st>();
  // spdlog would create the file 0666 & ~umask: create it 0640 first (an existing file keeps its
  // mode), so the operational log is never world-writable.
  if (int fd = open(file.c_str(), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0640); fd >= 0)
    close(fd);
  return std::make_shared<spdlog::sinks::basic_file_sink_st>(file);
}

}  // namespace

std::string_view ComponentName(LogComponent component) {
  return kComponentNames[static_cast<size_t>(component)];
}

LogField LogField::Millis(std::string_view key, std::chrono::steady_clock::duration d) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.1f",
                std::chrono::duration<double, std::milli>(d).count());  // never NaN or infinite
  LogField f(key, std::string_view(buf));
  f.number_ = true;
  return f;
}

Result<LogSettings> ParseLogSettings(const std::optional<std::string>& level,
                                     const std::optional<std::string>& format,
                                     const std::optional<std::string>& file) {
  LogSettings s;
  s.file = file.value_or("");
  if (level) {
    // Only these spellings: spdlog's own parser reads any unknown name as `off`.
    static constexpr std::pair<const char*, LogLevel> kLevels[] = {{"trace", LogLevel::kTrace},
                                                                   {"debug", LogLevel::kDebug},
                                                                   {"info", LogLevel::kInfo},
                                                                   {"warn", LogLevel::kWarn},
                                                                   {"error", LogLevel::kError}};
    s.level = std::nullopt;
    bool known = *level == "off";
    for (const auto& [name, value] : kLevels) {
      if (*level == name) {
        s.level = value;
        known = true;
      }
    }
    if (!known)
      return Status::Error("unknown log level `" + *level +
                           "`: expected trace, debug, info, warn, error or off");
  }
  // A log file was JSON lines before --log-format existed; it stays so by default.
  s.format = s.file.empty() ? LogFormat::kText : LogFormat::kJson;
  if (format) {
    if (*format == "text") {
      s.format = LogFormat::kText;
    } else if (*format == "json") {
      s.format = LogFormat::kJson;
    } else {
      return Status::Error("unknown log format `" + *format + "`: expected text or json");
    }
  }
  return s;
}

// The sinks are single-threaded (_st): only the main thread logs. Lines at info and above are
// flushed at once, so they reach the file even if the process dies.
Status SetUpLogging(const LogSettings& settings) {
  try {
    spdlog::sink_ptr sink = MakeSink(settings.file);
    for (size_t i = 0; i < g_loggers.size(); ++i) {
      auto logger = std::make_shared<spdlog::logger>(kComponentNames[i], sink);
      logger->set_pattern(Pattern(settings.format));
      logger->set_level(settings.level ? SpdLevel(*settings.level) : spdlog::level::off);
      logger->flush_on(spdlog::level::info);
      g_loggers[i] = logger;
    }
    // spdlog's default logger would write to stdout: replace it with the CLI's, so no line can
    // reach the reports even from a direct spdlog call.
    spdlog::set_default_logger(g_loggers[0]);
  } catch (const spdlog::spdlog_ex& e) {
    return Status::Error(std::string("cannot open the log file: ") + e.what());
  }
  g_format = settings.format;
  return Status::Ok();
}

bool LogEnabled(LogLevel level) {
  return g_loggers[0] && g_loggers[0]->should_log(SpdLevel(level));
}

void Log(LogLevel level, LogComponent component, std::string_view message,
         std::initializer_list<LogField> fields) {
  const auto& logger = g_loggers[static_cast<size_t>(component)];
  if (!logger || !logger->should_log(SpdLevel(level))) return;
  logger->log(SpdLevel(level), "{}", Payload(message, fields));
}

}  // namespace chipgate::cli
