// Status and Result<T>: the operational error channel of the public API ("could not run":
// unreadable file, bad arguments, database failure). Problems in user-written rule files and
// manifests travel as Diagnostic lists instead; evaluation problems become `review` decisions.
#pragma once

#include <cstdint>
#include <optional>
#include <stdexcept>
#include <string>
#include <utility>

namespace chipgate {

// What kind of error a Status is, for the few a caller acts on differently; every other error is
// kFailed. Callers decide on the code, never on the message's text.
enum class ErrorCode : uint8_t {
  kFailed,
  // Store::RecordShipment: the shipment id is already recorded (shipped before, or imported);
  // nothing was written.
  kAlreadyRecorded,
};

class Status {
 public:
  Status() = default;
  static Status Ok() { return Status(); }
  static Status Error(std::string message, ErrorCode code = ErrorCode::kFailed) {
    return Status(std::move(message), code);
  }

  bool ok() const { return !message_.has_value(); }
  const std::string& message() const {
    static const std::string kEmpty;
    return message_ ? *message_ : kEmpty;
  }
  // kFailed for Ok() and for any error not given another code.
  ErrorCode code() const { return code_; }

 private:
  Status(std::string message, ErrorCode code) : message_(std::move(message)), code_(code) {}
  std::optional<std::string> message_;
  ErrorCode code_ = ErrorCode::kFailed;
};

// Thrown by Result<T>::value(), operator-> and operator* on a Result that holds an error: a
// programming error (the caller did not check ok()), never an operational failure; the public API
// throws only for such misuse (this, and Engine::DecideLines on spans of different sizes). what()
// carries the error's message. Like std::optional::value(), the access fails loudly instead of
// reading an empty value.
class BadResultAccess : public std::logic_error {
 public:
  explicit BadResultAccess(const std::string& status_message)
      : std::logic_error("chipgate: value of a failed Result accessed (" + status_message + ")") {}
};

// Either a value or a non-ok Status. Check ok() before reading the value: reading the value of an
// error throws BadResultAccess.
template <typename T>
class Result {
 public:
  Result(T value) : value_(std::move(value)) {}          // NOLINT: implicit by design
  Result(Status status) : status_(std::move(status)) {}  // NOLINT: implicit by design

  bool ok() const { return value_.has_value(); }
  const Status& status() const { return status_; }
  T& value() { return Checked(); }
  const T& value() const { return Checked(); }
  T* operator->() { return &Checked(); }
  const T* operator->() const { return &Checked(); }
  T& operator*() { return Checked(); }
  const T& operator*() const { return Checked(); }

 private:
  T& Checked() {
    if (!value_) throw BadResultAccess(status_.message());
    return *value_;
  }
  const T& Checked() const {
    if (!value_) throw BadResultAccess(status_.message());
    return *value_;
  }

  std::optional<T> value_;
  Status status_;
};

}  // namespace chipgate
