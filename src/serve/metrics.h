// The service's Prometheus metrics (docs/serve.md, "Metrics"), rendered in the text exposition
// format at GET /metrics. Thread-safe; every series is created on first use.
#pragma once

#include <array>
#include <cstdint>
#include <map>
#include <mutex>
#include <string>
#include <utility>

namespace chipgate::serve {

class Metrics {
 public:
  // A request answered: by route (`check`, `ship`, `health`, ..., `other`) and HTTP status, and
  // its duration in the latency histogram of the route.
  void Request(const std::string& route, int status, double seconds);
  // A decision served (a 200 of check or ship), by route and verdict.
  void Decision(const std::string& route, const std::string& verdict);
  // An audit append: `ok` or `error`, and the records written.
  void AuditAppend(bool ok, size_t records);
  // A reload: `ok` or `error`; on success the digest now serving.
  void Reload(bool ok);
  void SetPack(const std::string& digest);

  std::string Render() const;

  // The latency buckets (seconds), the upper bounds of the histogram.
  static constexpr std::array<double, 12> kBuckets = {0.001, 0.0025, 0.005, 0.01, 0.025, 0.05,
                                                      0.1,   0.25,   0.5,   1,    2.5,   5};

 private:
  struct Histogram {
    std::array<uint64_t, kBuckets.size()> counts{};  // not cumulative; summed when rendered
    uint64_t count = 0;
    double sum = 0;
  };
  mutable std::mutex mutex_;
  std::map<std::pair<std::string, int>, uint64_t> requests_;
  std::map<std::string, Histogram> latency_;
  std::map<std::pair<std::string, std::string>, uint64_t> decisions_;
  uint64_t appends_ok_ = 0, appends_error_ = 0, audit_records_ = 0;
  uint64_t reloads_ok_ = 0, reloads_error_ = 0;
  std::string pack_digest_;
};

}  // namespace chipgate::serve
