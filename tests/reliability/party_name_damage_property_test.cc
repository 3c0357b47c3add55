// Fail-closed property for party screening (issue 11): a listed name or alias written with
// damage a reader does not see or would not count as another name (invisible code points,
// letters of other scripts that look like Latin ones, fullwidth or mathematical letters, other
// case, spaced or dotted acronyms, another legal form) must still be an exact hit, so the
// party's effect applies; with words added it must still be at least `review`. Never
// `no_license_required`. Seeded std::mt19937: a failure prints the damaged name.
#include <catch2/catch.hpp>
#include <cctype>
#include <random>
#include <string>
#include <vector>

#include "base/utf8.h"
#include "chipgate/engine.h"
#include "support/test_support.h"

namespace chipgate::testing {
namespace {

const char* const kPack = R"(
attributes: [{name: tpp, type: number}]
classes: [{id: X.a, cite: c, when: "tpp >= 10"}]
parties:
  - {id: huawei, name: "Huawei Technologies Co., Ltd.", aliases: [Huawei], cite: c1, list: entity_list}
  - {id: smic, name: "Semiconductor Manufacturing International Corporation", aliases: [SMIC], cite: c2}
  - {id: nudt, name: "National University of Defense Technology", aliases: [NUDT], cite: c3}
  - {id: sugon, name: Sugon, aliases: [Dawning Information Industry], cite: c4}
  - {id: phytium, name: "Tianjin Phytium Information Technology", aliases: [Phytium], cite: c5}
  - {id: nscc, name: "National Supercomputing Center Changsha", cite: c6}
)";

const std::vector<std::string> kListed = {"Huawei Technologies Co., Ltd.",
                                          "Huawei",
                                          "Semiconductor Manufacturing International Corporation",
                                          "SMIC",
                                          "National University of Defense Technology",
                                          "NUDT",
                                          "Sugon",
                                          "Dawning Information Industry",
                                          "Tianjin Phytium Information Technology",
                                          "Phytium",
                                          "National Supercomputing Center Changsha"};

// Invisible code points of several default-ignorable classes.
const std::vector<char32_t> kInvisible = {
    0x00AD, 0x034F, 0x061C, 0x115F, 0x17B4, 0x180E,  0x200B,  0x200D,  0x200E,  0x202E, 0x2060,
    0x2063, 0x3164, 0xFE0F, 0xFEFF, 0xFFA0, 0x1BCA1, 0x1D173, 0xE0001, 0xE0041, 0xE0100};

// Cyrillic and Greek letters that look like Latin ones.
struct LookAlike {
  char latin;
  char32_t other;
};
const std::vector<LookAlike> kLookAlikes = {
    {'a', 0x0430}, {'a', 0x03B1}, {'c', 0x0441}, {'e', 0x0435}, {'h', 0x04BB}, {'i', 0x0456},
    {'i', 0x03B9}, {'j', 0x0458}, {'o', 0x043E}, {'o', 0x03BF}, {'p', 0x0440}, {'p', 0x03C1},
    {'s', 0x0455}, {'x', 0x0445}, {'y', 0x0443}, {'A', 0x0410}, {'A', 0x0391}, {'B', 0x0412},
    {'B', 0x0392}, {'C', 0x0421}, {'E', 0x0415}, {'E', 0x0395}, {'H', 0x041D}, {'H', 0x0397},
    {'I', 0x0406}, {'I', 0x0399}, {'J', 0x0408}, {'K', 0x041A}, {'K', 0x039A}, {'M', 0x041C},
    {'M', 0x039C}, {'N', 0x039D}, {'O', 0x041E}, {'O', 0x039F}, {'P', 0x0420}, {'P', 0x03A1},
    {'S', 0x0405}, {'T', 0x0422}, {'T', 0x03A4}, {'X', 0x0425}, {'X', 0x03A7}, {'Y', 0x03A5},
    {'Z', 0x0396}};

class Damager {
 public:
  explicit Damager(uint32_t seed) : rng_(seed) {}

  // Damage that keeps the name the same name: an exact hit is expected.
  std::string Unseen(std::string name) {
    for (int n = Int(1, 3); n > 0; --n) {
      switch (Int(0, 4)) {
        case 0:
          name = Insert(name, Utf8(kInvisible[Index(kInvisible.size())]));
          break;
        case 1:
          name = LookAlikeLetter(name);
          break;
        case 2:
          name = WideLetter(name);
          break;
        case 3:
          for (auto& c : name) {
            auto u = static_cast<unsigned char>(c);
            c = static_cast<char>(Int(0, 1) ? std::toupper(u) : std::tolower(u));
          }
          break;
        default:
          name = Acronym(name);
      }
    }
    return name;
  }

  // Words added around the name: at least a possible match is expected.
  std::string Added(const std::string& name) {
    static const std::vector<std::string> kBefore = {"Shenzhen ", "Beijing ", "The "};
    static const std::vector<std::string> kAfter = {" Cloud", " (Shenzhen)", " Europe Branch",
                                                    " Research Institute"};
    return Int(0, 1) ? kBefore[Index(kBefore.size())] + name : name + kAfter[Index(kAfter.size())];
  }

 private:
  int Int(int lo, int hi) { return std::uniform_int_distribution<int>(lo, hi)(rng_); }
  size_t Index(size_t n) { return std::uniform_int_distribution<size_t>(0, n - 1)(rng_); }

  // Positions of ASCII letters (bytes below 0x80), so inserts never split a UTF-8 sequence.
  std::vector<size_t> Letters(const std::string& s) {
    std::vector<size_t> out;
    for (size_t i = 0; i < s.size(); ++i) {
      if (std::isalpha(static_cast<unsigned char>(s[i]))) out.push_back(i);
    }
    return out;
  }

  std::string Insert(const std::string& s, const std::string& what) {
    auto at = Letters(s);
    if (at.empty()) return s + what;
    size_t pos = at[Index(at.size())];
    return s.substr(0, pos) + what + s.substr(pos);
  }

  std::string LookAlikeLetter(const std::string& s) {
    auto at = Letters(s);
    std::vector<std::pair<size_t, char32_t>> options;
    for (size_t pos : at) {
      for (const auto& l : kLookAlikes) {
        if (l.latin == s[pos]) options.push_back({pos, l.other});
      }
    }
    if (options.empty()) return s;
    auto [pos, other] = options[Index(options.size())];
    return s.substr(0, pos) + Utf8(other) + s.substr(pos + 1);
  }

  // One letter fullwidth (U+FF21...) or mathematical bold (U+1D400...).
  std::string WideLetter(const std::string& s) {
    auto at = Letters(s);
    if (at.empty()) return s;
    size_t pos = at[Index(at.size())];
    char c = s[pos];
    bool upper = std::isupper(static_cast<unsigned char>(c));
    char32_t cp = Int(0, 1) ? (upper ? 0xFF21 + (c - 'A') : 0xFF41 + (c - 'a'))
                            : (upper ? 0x1D400 + (c - 'A') : 0x1D41A + (c - 'a'));
    return s.substr(0, pos) + Utf8(cp) + s.substr(pos + 1);
  }

  // An acronym (a name of capitals only) spaced, hyphenated or dotted.
  std::string Acronym(const std::string& s) {
    if (s.size() > 6 || Letters(s).size() != s.size()) return s;
    static const std::vector<std::string> kSep = {" ", "-", ". ", "."};
    const std::string& sep = kSep[Index(kSep.size())];
    std::string out;
    for (char c : s) out += (out.empty() ? "" : sep) + std::string(1, c);
    return sep[0] == '.' ? out + "." : out;
  }

  std::mt19937 rng_;
};

}  // namespace

TEST_CASE("DamagedListedPartyNamesNeverClear", "[screen][property]") {
  Engine e = MustLoad(kPack);
  ItemFacts item;
  item.part = "P";
  item.Set("tpp", 1.0);  // no class: only the party screening can hold the line
  auto decide = [&](const std::string& name) {
    ShipmentFacts s;
    s.date = *ParseDate("2024-06-01");
    s.consignee = PartyFacts::Of("Buyer GmbH", "DE", "DE", "");
    s.end_user = PartyFacts::Of(name, "DE", "DE", "");
    return e.Decide(s, item);
  };
  for (const auto& name : kListed) {
    INFO(name);
    REQUIRE(decide(name).decision == DecisionKind::kLicenseRequired);
  }
  Damager damage(20261206);
  int exact = 0, possible = 0;
  for (int i = 0; i < 3000; ++i) {
    const std::string& listed = kListed[static_cast<size_t>(i) % kListed.size()];
    std::string unseen = damage.Unseen(listed);
    {
      INFO("case " << i << ": `" << unseen << "` for `" << listed << "`");
      exact += decide(unseen).decision == DecisionKind::kLicenseRequired;
      CHECK(decide(unseen).decision == DecisionKind::kLicenseRequired);
    }
    std::string added = damage.Added(unseen);
    INFO("case " << i << ": `" << added << "` for `" << listed << "`");
    DecisionKind d = decide(added).decision;
    possible += d != DecisionKind::kNoLicenseRequired;
    CHECK(d != DecisionKind::kNoLicenseRequired);
  }
  CHECK(exact == 3000);
  CHECK(possible == 3000);
}

}  // namespace chipgate::testing
