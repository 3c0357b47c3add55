// Operational logging (spdlog): what the program did, for operators debugging a run. Separate
// from the audit trail, which records decisions and is never replaced by these logs, and from
// stdout, which carries the reports: log lines go to stderr or to --log-file only.
//
// The library does not log (it does not link spdlog); the commands log around its calls, with
// what its results say (docs/cli.md, "Logs").
#pragma once

#include <chrono>
#include <cstdint>
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>

#include "chipgate/status.h"

namespace chipgate::cli {

// The levels a command logs at; `off` is only a threshold (LogSettings), never a line's level.
enum class LogLevel { kTrace, kDebug, kInfo, kWarn, kError };

// How a line is written: `text` (`chipgate: info: pack: loaded pack ... files=12`) or `json`
// (one chipgate.log-line/v1 object per line, schemas/chipgate.log-line.v1.schema.json).
enum class LogFormat { kText, kJson };

// Who logs: each is an spdlog logger of that name (the `logger` member of a JSON line, the third
// part of a text line), all writing to the one sink.
enum class LogComponent {
  kCli,
  kPack,
  kStore,
  kImport,
  kCheck,
  kAudit,
  kLint,
  kTest,
  kLists,
  kLog
};

// The spelling of a component in log lines ("pack", "store", ...).
std::string_view ComponentName(LogComponent component);

// The parsed --log-level, --log-format and --log-file. `level` nullopt is `off`.
struct LogSettings {
  std::optional<LogLevel> level = LogLevel::kWarn;
  LogFormat format = LogFormat::kText;
  std::string file;  // empty: stderr
};

// Parses the options' values: level trace|debug|info|warn|error|off (default warn); format
// text|json (default text on stderr, json in a --log-file, as before --log-format existed).
// An error names the bad value; main() makes it a usage error.
Result<LogSettings> ParseLogSettings(const std::optional<std::string>& level,
                                     const std::optional<std::string>& format,
                                     const std::optional<std::string>& file);

// Replaces spdlog's loggers; called once, before the command runs. Until it is called nothing is
// logged (Log is a no-op), so code under unit test needs no set-up.
Status SetUpLogging(const LogSettings& settings);

// One `key=value` of a line: a string (quoted in text when it holds a space, a quote or `=`),
// an integer, or a duration in milliseconds. Keys are fixed snake_case names chosen by the
// caller; values may be anything a user gave (they are escaped).
class LogField {
 public:
  LogField(std::string_view key, std::string_view text) : key_(key), text_(text) {}
  LogField(std::string_view key, const std::string& text) : key_(key), text_(text) {}
  LogField(std::string_view key, const char* text) : key_(key), text_(text) {}
  template <typename Int, typename = std::enable_if_t<std::is_integral_v<Int>>>
  LogField(std::string_view key, Int n) : key_(key), text_(std::to_string(n)), number_(true) {}
  // Milliseconds with one decimal (`elapsed_ms=12.5`), a JSON number.
  static LogField Millis(std::string_view key, std::chrono::steady_clock::duration d);

  std::string_view key() const { return key_; }
  const std::string& text() const { return text_; }
  bool number() const { return number_; }

 private:
  std::string_view key_;
  std::string text_;
  bool number_ = false;
};

// Whether a line at `level` would be written: callers building per-item detail (trace) ask
// first, so an audit of 300,000 parts formats nothing at the default level.
bool LogEnabled(LogLevel level);

// Writes one line through `component`'s spdlog logger when its level is enabled. The message is
// a short lowercase sentence (no user value needs escaping by the caller).
void Log(LogLevel level, LogComponent component, std::string_view message,
         std::initializer_list<LogField> fields = {});

// Time since construction, for a phase's `elapsed_ms` field.
class LogTimer {
 public:
  LogTimer() : start_(std::chrono::steady_clock::now()) {}
  LogField Elapsed() const {
    return LogField::Millis("elapsed_ms", std::chrono::steady_clock::now() - start_);
  }

 private:
  std::chrono::steady_clock::time_point start_;
};

}  // namespace chipgate::cli
