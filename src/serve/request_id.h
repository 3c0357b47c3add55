// The id of a request (docs/serve.md, "Logs"): in every access-log line of the request and
// echoed in the X-Request-Id header of its answer, so a caller's log and the service's meet.
#pragma once

#include <string>

namespace chipgate::serve {

// The caller's X-Request-Id when it is usable (1 to 64 of [A-Za-z0-9._-], so it cannot break a
// log line or a header), else 16 random hex digits.
std::string RequestId(const std::string& given);

}  // namespace chipgate::serve
