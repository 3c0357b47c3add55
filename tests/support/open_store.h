// Opening a store in a test: the store's own message is shown when it cannot be opened, and the
// test stops there (every store test needs its database; nothing after the open would mean much).
#pragma once

#include <catch2/catch.hpp>
#include <string>
#include <utility>

#include "chipgate/store.h"

namespace chipgate::testing {

// Opens `path` (created and migrated by default) or fails the test with the store's message.
inline Store MustOpen(const std::string& path,
                      const StoreOptions& options = StoreOptions{.create = true}) {
  auto s = Store::Open(path, options);
  INFO(s.status().message());
  REQUIRE(s.ok());
  return std::move(s.value());
}

}  // namespace chipgate::testing
