// The shared check steps (check_pipeline.h).
#include "pipeline/check_pipeline.h"

#include <algorithm>
#include <memory>
#include <span>

namespace chipgate {

Date LatestCheckedDate(Date today) { return Date{today.days + 366}; }

void ApplyShipmentDate(Manifest& manifest, std::optional<Date> given) {
  if (given) {
    manifest.shipment.date = *given;
    manifest.shipment.SetSource("date", FactSource::kCommandLine);
  } else if (!manifest.date_given) {
    manifest.shipment.SetSource("date", FactSource::kDefault);
  }
}

Result<std::pair<ScreeningLists, size_t>> ScreeningListsCache::Get(const Store& store) {
  auto versions = store.ScreeningListVersions();
  if (!versions.ok()) return versions.status();
  std::vector<std::string> digests;
  for (const auto& v : versions.value()) digests.push_back(v.digest);
  std::lock_guard<std::mutex> lock(mutex_);
  if (digests_ != digests) {
    auto files = store.ReadScreeningLists();
    if (!files.ok()) return files.status();
    lists_ = ScreeningLists::Build(std::move(files.value()));
    digests_ = std::move(digests);
  }
  return std::make_pair(lists_, digests_->size());
}

Result<StoreFacts> ReadStoreFacts(Store& store, Manifest& manifest, ScreeningListsCache* cache) {
  std::vector<ItemFacts*> items;
  for (auto& line : manifest.lines) items.push_back(&line.item);
  StoreFacts out;
  std::vector<ScreeningListFile> stored;
  Status read = store.InReadSnapshot([&]() -> Status {
    if (Status s = store.CompleteAll(items); !s.ok()) return s;
    if (cache) {
      auto lists = cache->Get(store);
      if (!lists.ok()) return lists.status();
      out.lists = std::move(lists->first);
      out.list_versions = lists->second;
    } else {
      auto lists_read = store.ReadScreeningLists();
      if (!lists_read.ok()) return lists_read.status();
      stored = std::move(lists_read.value());
    }
    if (Status s = store.CompleteShipment(manifest.shipment); !s.ok()) return s;
    // Use as of the ship date: what shipments recorded on or before it have drawn. Only the
    // licenses the lines can be matched to are read: those in force to the end user's country
    // (as completed above) and those the lines name.
    std::vector<std::string> named;
    for (const auto& line : manifest.lines)
      if (!line.license.empty()) named.push_back(line.license);
    auto held =
        store.ReadLicensesFor(manifest.shipment.date, manifest.shipment.end_user.country, named);
    if (!held.ok()) return held.status();
    out.licenses = std::move(held.value());
    return Status::Ok();
  });
  if (!read.ok()) return read;
  if (!cache) {
    out.list_versions = stored.size();
    out.lists = ScreeningLists::Build(std::move(stored));
  }
  return out;
}

Decided DecideManifestLines(const Engine& engine, Manifest& manifest, const ScreeningLists& lists,
                            const DecideOptions& options) {
  Decided out;
  CheckReport report;
  report.manifest = &manifest;
  report.engine = &engine;
  report.date = manifest.shipment.date;
  ResolvedShipment shipment = engine.ResolveShipment(manifest.shipment, out.diagnostics, &lists);
  // The lines are resolved and decided a block at a time, so only one block's resolved items are
  // held (a resolved item is several hundred bytes; all of a 100,000-line manifest's were 40 MB
  // and more of the check's peak). Every line is still resolved before the answer is given: a
  // bad value in the last block refuses the whole manifest as before; once one is found, the
  // blocks after it are only resolved (for their diagnostics), and no report is made. The
  // decisions are those of deciding all lines at once: DecideLines and Decide decide each line
  // on its own (tests/engine/decide_lines_test.cc).
  const bool explain = options.want_trace || options.only_line > 0;
  const size_t total = manifest.lines.size();
  constexpr size_t kBlock = 1024;
  std::vector<LineDecision> decisions;  // `check`: one block's, moved into the report
  if (!explain) report.lines.reserve(total);
  std::vector<ResolvedItem> items;
  std::vector<const ResolvedItem*> block;
  items.reserve(std::min(kBlock, total));
  block.reserve(std::min(kBlock, total));
  bool refused = HasErrors(out.diagnostics);
  for (size_t at = 0; at < total; at += kBlock) {
    const size_t n = std::min(kBlock, total - at);
    items.clear();
    for (size_t i = at; i < at + n; ++i)
      items.push_back(engine.ResolveItem(manifest.lines[i].item, out.diagnostics));
    refused = refused || HasErrors(out.diagnostics);
    if (refused) continue;  // resolve the rest for their diagnostics; decide nothing more
    if (explain) {
      // `explain`: the lines asked for, each with its trace.
      for (size_t i = at; i < at + n; ++i) {
        if (options.only_line > 0 && manifest.lines[i].index != options.only_line) continue;
        CheckedLine cl{&manifest.lines[i], {}};
        Trace* trace = options.want_trace ? &out.traces.emplace_back() : nullptr;
        engine.Decide(shipment, items[i - at], cl.decision, trace);
        report.lines.push_back(std::move(cl));
      }
      continue;
    }
    // `check`: each block in one DecideLines call, the path bench/decide_bench.cc measures.
    block.clear();
    for (const auto& item : items) block.push_back(&item);
    decisions.assign(n, LineDecision{});
    engine.DecideLines(shipment, block, decisions);
    for (size_t i = 0; i < n; ++i)
      report.lines.push_back({&manifest.lines[at + i], std::move(decisions[i])});
    // With a progress callback, a manifest of more lines than one block reports each block.
    if (options.progress && total > kBlock)
      options.progress(static_cast<int64_t>(at + n), static_cast<int64_t>(total));
  }
  if (refused) {
    SortDiagnostics(out.diagnostics);
    out.traces.clear();
    return out;
  }
  for (const auto& cl : report.lines)
    report.verdict = MostRestrictive(report.verdict, cl.decision.decision);
  if (report.lines.empty())
    report.verdict = DecisionKind::kReview;  // nothing decided is not a clearance
  out.report = std::move(report);
  return out;
}

namespace {

// The record of report line `l`; `shipment_json` is the shipment's canonical facts encoding,
// made once per manifest (every line of it has the same shipment).
AuditEntry CheckLineEntry(std::string_view actor, const CheckReport& r, const CheckedLine& l,
                          std::string_view shipment_json) {
  return MakeCheckEntry({.actor = actor,
                         .input_digest = r.manifest->digest,
                         .pack_digest = r.engine->digest(),
                         .shipment = r.manifest->shipment,
                         .line = l.line->index,
                         .item = l.line->item,
                         .decision = l.decision,
                         .shipment_facts_json = shipment_json});
}

}  // namespace

std::vector<AuditEntry> CheckAuditEntries(std::string_view actor, const CheckReport& r) {
  return CheckAuditEntries(actor, r, 0, r.lines.size());
}

std::vector<AuditEntry> CheckAuditEntries(std::string_view actor, const CheckReport& r,
                                          size_t begin, size_t end) {
  end = std::min(end, r.lines.size());
  std::vector<AuditEntry> out;
  if (begin >= end) return out;
  out.reserve(end - begin);
  const std::string shipment_json = CanonicalShipmentFactsJson(r.manifest->shipment);
  for (size_t i = begin; i < end; ++i)
    out.push_back(CheckLineEntry(actor, r, r.lines[i], shipment_json));
  return out;
}

AuditChunkSource CheckAuditChunks(std::string_view actor, const CheckReport& r, size_t chunk) {
  struct State {
    std::string actor;
    std::string shipment_json;
    size_t next = 0;
    std::vector<AuditEntry> entries;
  };
  auto state = std::make_shared<State>();
  state->actor = std::string(actor);
  state->shipment_json = CanonicalShipmentFactsJson(r.manifest->shipment);
  chunk = std::max<size_t>(chunk, 1);
  return [state, &r, chunk]() -> Result<std::vector<AuditEntry>*> {
    State& st = *state;
    st.entries.clear();
    if (st.next >= r.lines.size()) return static_cast<std::vector<AuditEntry>*>(nullptr);
    size_t end = std::min(r.lines.size(), st.next + chunk);
    st.entries.reserve(end - st.next);
    for (; st.next < end; ++st.next)
      st.entries.push_back(CheckLineEntry(st.actor, r, r.lines[st.next], st.shipment_json));
    return &st.entries;
  };
}

void MarkRecorded(CheckReport& report, const std::string& db, const Store::AppendResult& written) {
  report.recorded = true;
  report.audit_db = db;
  if (written.count() > 0) {
    report.first_seq = written.first_seq;
    report.last_seq = written.last_seq;
    report.audit_head = written.head;
  }
}

}  // namespace chipgate
