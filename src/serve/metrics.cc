// Prometheus text rendering (metrics.h). Label values are route names, statuses, verdicts and a
// digest, none of which holds a quote or a backslash; they are escaped anyway.
#include "serve/metrics.h"

#include <cstdio>

namespace chipgate::serve {
namespace {

std::string Label(const std::string& value) {
  std::string out;
  for (char c : value) {
    if (c == '\\' || c == '"') out += '\\';
    if (c == '\n') {
      out += "\\n";
      continue;
    }
    out += c;
  }
  return out;
}

std::string Number(double v) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.9g", v);
  return buf;
}

}  // namespace

void Metrics::Request(const std::string& route, int status, double seconds) {
  std::lock_guard<std::mutex> lock(mutex_);
  ++requests_[{route, status}];
  Histogram& h = latency_[route];
  for (size_t i = 0; i < kBuckets.size(); ++i) {
    if (seconds <= kBuckets[i]) {
      ++h.counts[i];
      break;
    }
  }
  ++h.count;
  h.sum += seconds;
}

void Metrics::Decision(const std::string& route, const std::string& verdict) {
  std::lock_guard<std::mutex> lock(mutex_);
  ++decisions_[{route, verdict}];
}

void Metrics::AuditAppend(bool ok, size_t records) {
  std::lock_guard<std::mutex> lock(mutex_);
  ++(ok ? appends_ok_ : appends_error_);
  if (ok) audit_records_ += records;
}

void Metrics::Reload(bool ok) {
  std::lock_guard<std::mutex> lock(mutex_);
  ++(ok ? reloads_ok_ : reloads_error_);
}

void Metrics::SetPack(const std::string& digest) {
  std::lock_guard<std::mutex> lock(mutex_);
  pack_digest_ = digest;
}

std::string Metrics::Render() const {
  std::lock_guard<std::mutex> lock(mutex_);
  std::string out;
  out += "# HELP chipgate_http_requests_total Requests answered, by route and HTTP status.\n";
  out += "# TYPE chipgate_http_requests_total counter\n";
  for (const auto& [key, n] : requests_) {
    out += "chipgate_http_requests_total{route=\"" + Label(key.first) + "\",status=\"" +
           std::to_string(key.second) + "\"} " + std::to_string(n) + "\n";
  }
  out += "# HELP chipgate_http_request_duration_seconds Time from request read to response.\n";
  out += "# TYPE chipgate_http_request_duration_seconds histogram\n";
  for (const auto& [route, h] : latency_) {
    uint64_t cumulative = 0;
    std::string base = "chipgate_http_request_duration_seconds";
    for (size_t i = 0; i < kBuckets.size(); ++i) {
      cumulative += h.counts[i];
      out += base + "_bucket{route=\"" + Label(route) + "\",le=\"" + Number(kBuckets[i]) + "\"} " +
             std::to_string(cumulative) + "\n";
    }
    out += base + "_bucket{route=\"" + Label(route) + "\",le=\"+Inf\"} " + std::to_string(h.count) +
           "\n";
    out += base + "_sum{route=\"" + Label(route) + "\"} " + Number(h.sum) + "\n";
    out += base + "_count{route=\"" + Label(route) + "\"} " + std::to_string(h.count) + "\n";
  }
  out += "# HELP chipgate_decisions_total Decisions served (recorded), by route and verdict.\n";
  out += "# TYPE chipgate_decisions_total counter\n";
  for (const auto& [key, n] : decisions_) {
    out += "chipgate_decisions_total{route=\"" + Label(key.first) + "\",verdict=\"" +
           Label(key.second) + "\"} " + std::to_string(n) + "\n";
  }
  out += "# HELP chipgate_audit_appends_total Audit-log appends, by outcome.\n";
  out += "# TYPE chipgate_audit_appends_total counter\n";
  out += "chipgate_audit_appends_total{outcome=\"ok\"} " + std::to_string(appends_ok_) + "\n";
  out += "chipgate_audit_appends_total{outcome=\"error\"} " + std::to_string(appends_error_) + "\n";
  out += "# HELP chipgate_audit_records_total Audit records appended.\n";
  out += "# TYPE chipgate_audit_records_total counter\n";
  out += "chipgate_audit_records_total " + std::to_string(audit_records_) + "\n";
  out += "# HELP chipgate_pack_reloads_total Rule-pack reloads, by outcome.\n";
  out += "# TYPE chipgate_pack_reloads_total counter\n";
  out += "chipgate_pack_reloads_total{outcome=\"ok\"} " + std::to_string(reloads_ok_) + "\n";
  out += "chipgate_pack_reloads_total{outcome=\"error\"} " + std::to_string(reloads_error_) + "\n";
  out += "# HELP chipgate_pack_info The rule program serving (value 1), by digest.\n";
  out += "# TYPE chipgate_pack_info gauge\n";
  out += "chipgate_pack_info{digest=\"" + Label(pack_digest_) + "\"} 1\n";
  return out;
}

}  // namespace chipgate::serve
