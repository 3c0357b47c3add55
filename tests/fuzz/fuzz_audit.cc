// libFuzzer target: the text chipgate reads back when verifying an audit log (anchors, checkpoint
// lines, stored classes/reasons JSON, timestamps). The first byte picks the reader.
#include <cstddef>
#include <cstdint>
#include <string>

#include "chipgate/checkpoint.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size == 0) return 0;
  std::string text(reinterpret_cast<const char*>(data) + 1, size - 1);
  switch (data[0] % 4) {
    case 0: {
      auto a = chipgate::ParseAuditAnchor(text);
      if (a.ok() && a->hash.size() != 64) __builtin_trap();
      break;
    }
    case 1: {
      auto cp = chipgate::ParseCheckpointLine(text, "fuzz:1");
      // A line that parses formats back to itself, up to the case of its hex digits.
      if (cp.ok() && chipgate::FormatCheckpointLine(cp.value()).size() != text.size())
        __builtin_trap();
      break;
    }
    case 2:
      (void)chipgate::IsCanonicalClassesJson(text);
      (void)chipgate::IsCanonicalReasonsJson(text);
      break;
    default:
      (void)chipgate::IsAuditTimestamp(text);
      break;
  }
  return 0;
}
