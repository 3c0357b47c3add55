// The audit log, the same for every backend: append in one write transaction after the current
// head (checking the schema first and reading the records back before committing), verify by
// recomputing the chain from the stored bytes, export as JSON lines. Classes and reasons are
// stored in their canonical JSON form and hashed exactly as stored. The backend only stores and
// streams records (AuditLogBackend).
#include <algorithm>
#include <array>
#include <map>
#include <memory>

#include "audit/canonical_json.h"
#include "store/store_impl.h"

namespace chipgate {

bool IsSha256Digest(const std::optional<std::string>& d) {
  if (!d || d->size() != 7 + 64 || d->compare(0, 7, "sha256:") != 0) return false;
  // A table of the lower-case hex digits: checked three times per record on an append's path.
  static constexpr auto kHex = [] {
    std::array<bool, 256> t{};
    for (char c : std::string_view("0123456789abcdef")) t[static_cast<unsigned char>(c)] = true;
    return t;
  }();
  for (size_t i = 7; i < d->size(); ++i) {
    if (!kHex[static_cast<unsigned char>((*d)[i])]) return false;
  }
  return true;
}

namespace {

// The record `e` becomes at `seq` (hash left empty), taking the entry's strings.
StoredAuditRecord ToStored(int64_t seq, const std::string& ts, AuditEntry&& e,
                           const std::string& prev) {
  return {kAuditFormat,
          seq,
          ts,
          std::move(e.actor),
          std::move(e.command),
          std::move(e.subject),
          std::move(e.input_digest),
          std::move(e.decision),
          CanonicalClassesJson(e.classes),
          CanonicalReasonsJson(e.reasons),
          std::move(e.pack_digest),
          std::move(e.facts_digest),
          prev,
          "",
          e.run ? std::optional<std::string>(CanonicalRunJson(*e.run)) : std::nullopt};
}

// Why the stored record is not in a form `log verify` accepts, or "" (format, facts digest and
// the canonical form of the JSON columns; `previous_format` is the format of the record before).
std::string FormProblem(const StoredAuditRecord& r, int previous_format) {
  if (r.format != kAuditFormatV1 && r.format != kAuditFormat)
    return "unknown record format " + std::to_string(r.format);
  if (r.format < previous_format) {
    return "record format " + std::to_string(r.format) + " after a format " +
           std::to_string(previous_format) + " record (formats never go back)";
  }
  if (r.format == kAuditFormatV1 && r.facts_digest) return "a format 1 record with a facts_digest";
  if (r.format == kAuditFormat && !IsSha256Digest(r.facts_digest))
    return "facts_digest is not `sha256:` and 64 hex characters";
  if (!IsCanonicalClassesJson(r.classes_json))
    return "stored classes are not in canonical form (docs/audit-log.md)";
  if (!IsCanonicalReasonsJson(r.reasons_json))
    return "stored reasons are not in canonical form (docs/audit-log.md)";
  if (r.run_json) {
    if (r.format != kAuditFormat || r.command != "audit")
      return "a `run` in a record that is not a format 2 `audit` record";
    auto run = ParseCanonicalRunJson(*r.run_json);
    if (!run) return "stored run is not in canonical form (docs/audit-log.md)";
    if (!IsSha256Digest(run->findings_digest) || r.facts_digest != run->findings_digest)
      return "the run's findings_digest is not the record's facts_digest";
  }
  return "";
}

// What is wrong with audit-run record `run` against the audited database read through `b`, or ""
// when its run row and findings are exactly what the record states.
Result<std::string> RunProblem(AuditRunBackend& b, const AuditRunSummary& run,
                               const std::string& where) {
  const std::string name = "run " + std::to_string(run.id);
  auto row = b.ReadAuditRun(run.id);
  if (!row.ok()) return row.status();
  if (!row.value()) return name + " is not in audit_runs of " + where + " (the run was deleted)";
  AuditRunSummary stored = *row.value();
  stored.database = run.database;
  if (!(stored == run)) {
    return name + ": its audit_runs row in " + where +
           " is not what its record states (the run row was changed)";
  }
  FindingsDigest digest;
  Status s = b.ForEachAuditFinding(run.id, [&](const StoredFinding& f) { digest.Add(f); });
  if (!s.ok()) return s;
  int64_t count = digest.count();
  std::string got = digest.Finish();
  if (count != run.findings || got != run.findings_digest) {
    return name + ": its findings in " + where + " do not match its record (" +
           std::to_string(count) + " rows giving " + got + "; recorded " +
           std::to_string(run.findings) + " giving " + run.findings_digest +
           "): a finding was changed, deleted or added";
  }
  return std::string();
}

}  // namespace

// One line per difference, for `log verify` and for the error that refuses a write.
std::string DescribeSchemaDifference(const SchemaDifference& d) {
  std::string what = d.type + " `" + d.name + "`" +
                     (d.table.empty() || d.table == d.name ? "" : " on `" + d.table + "`");
  switch (d.kind) {
    case SchemaDifference::Kind::kForeign:
      return "foreign " + what + ": not created by chipgate";
    case SchemaDifference::Kind::kMissing:
      return "missing " + what;
    case SchemaDifference::Kind::kChanged:
      return "changed " + what + ": its definition is not the one chipgate creates";
  }
  return what;
}

// Called inside the write transaction, so the schema cannot change between the check and the
// write.
Status CheckAuditSchema(AuditLogBackend& log) {
  auto diffs = log.AuditSchemaDifferences();
  if (!diffs.ok()) return diffs.status();
  if (diffs->empty()) return Status::Ok();
  std::string list;
  for (const auto& d : diffs.value())
    list += (list.empty() ? "" : "; ") + DescribeSchemaDifference(d);
  return Status::Error("the audit tables' schema is not chipgate's (" + list +
                       "); nothing was recorded");
}

Status CheckAuditEntries(const std::vector<AuditEntry>& entries) {
  for (const AuditEntry& e : entries) {
    if (!IsSha256Digest(e.facts_digest))
      return Status::Error("a record must name the facts it was decided from (facts_digest)");
  }
  return Status::Ok();
}

// Every record of one transaction has the same timestamp: the clock read once, or the previous
// record's when the clock is behind it. Each group is chained after the one before it, exactly as
// if the groups had been appended one after another by AppendAudit at that time, so `log verify`
// cannot tell the two apart. A group's entries come chunk by chunk from its source, and records go
// to the backend kAuditInsertBatch at a time; each batch is read back right after its insert and
// compared byte for byte with the records just built, so only the hashes' chain and one batch are
// held: a large append (a 100,000-line check) holds neither all its entries nor all its records.
Status AppendAuditChunksInTransaction(AuditLogBackend& log, const Clock& clock,
                                      std::span<const AuditChunkSource> groups,
                                      std::vector<Store::AppendResult>& written) {
  std::string ts = FormatAuditTimestamp(clock.Now());
  if (!IsAuditTimestamp(ts))
    return Status::Error("the clock gives `" + ts + "`, not a time the audit log can hold");
  auto head = log.ReadAuditHead();
  if (!head.ok()) return head.status();
  int64_t seq = 0;
  std::string prev = kGenesisHash;
  if (const auto& h = head.value()) {
    seq = h->seq;
    prev = h->hash;
    // Times never go backwards in the log: a clock set back takes the previous record's time.
    if (IsAuditTimestamp(h->ts) && h->ts > ts) ts = h->ts;
  }
  written.assign(groups.size(), Store::AppendResult{});
  // One statement per batch on PostgreSQL; one read-back per batch on every backend.
  constexpr size_t kAuditInsertBatch = 1000;
  std::vector<StoredAuditRecord> batch;
  batch.reserve(kAuditInsertBatch);
  // Inserts the batch, then reads back everything from its first record on: exactly these
  // records, byte for byte, and nothing after them (no record was written after this batch, so
  // whatever slipped past the schema check cannot make a lost or altered record look written).
  auto flush = [&]() -> Status {
    if (batch.empty()) return Status::Ok();
    if (Status res = log.InsertAuditRecords(batch); !res.ok()) return res;
    size_t i = 0;
    Status mismatch;
    Status st = log.ForEachAuditRecord(batch.front().seq, [&](const StoredAuditRecord& got) {
      if (i >= batch.size()) {
        mismatch = Status::Error("reading back found record " + std::to_string(got.seq) +
                                 ", which was not written");
        return false;
      }
      if (!(got == batch[i])) {
        mismatch = Status::Error("reading back record " + std::to_string(batch[i].seq) +
                                 " did not give what was written");
        return false;
      }
      ++i;
      return true;
    });
    if (!mismatch.ok()) return mismatch;
    if (!st.ok()) return st;
    if (i != batch.size()) {
      return Status::Error("reading back found " + std::to_string(i) + " of the " +
                           std::to_string(batch.size()) + " records written from seq " +
                           std::to_string(batch.front().seq));
    }
    batch.clear();
    return Status::Ok();
  };
  for (size_t g = 0; g < groups.size(); ++g) {
    Store::AppendResult& w = written[g];
    w.prev_hash = prev;
    for (;;) {
      auto chunk = groups[g]();
      if (!chunk.ok()) return chunk.status();
      std::vector<AuditEntry>* entries = chunk.value();
      if (!entries) break;
      if (Status c = CheckAuditEntries(*entries); !c.ok()) return c;
      for (AuditEntry& e : *entries) {
        StoredAuditRecord r = ToStored(++seq, ts, std::move(e), prev);
        r.hash = AuditRecordHash(r);
        prev = r.hash;
        batch.push_back(std::move(r));
        if (batch.size() == kAuditInsertBatch) {
          if (Status f = flush(); !f.ok()) return f;
        }
        if (w.first_seq == 0) w.first_seq = seq;
        w.last_seq = seq;
      }
    }
    w.head = prev;
  }
  return flush();
}

// The entries of `entries`, copied a batch at a time (the append moves from what it is given).
AuditChunkSource WholeVector(const std::vector<AuditEntry>& entries) {
  constexpr size_t kCopied = 1000;
  auto chunk = std::make_shared<std::vector<AuditEntry>>();
  return [&entries, chunk, at = size_t{0}]() mutable -> Result<std::vector<AuditEntry>*> {
    if (at >= entries.size()) return static_cast<std::vector<AuditEntry>*>(nullptr);
    size_t end = std::min(entries.size(), at + kCopied);
    chunk->assign(entries.begin() + static_cast<std::ptrdiff_t>(at),
                  entries.begin() + static_cast<std::ptrdiff_t>(end));
    at = end;
    return chunk.get();
  };
}

// Every group is checked before anything is written, so a bad entry in any group writes nothing
// (the transaction would roll back anyway) and costs no inserts.
Status AppendAuditGroupsInTransaction(AuditLogBackend& log, const Clock& clock,
                                      std::span<const std::vector<AuditEntry>* const> groups,
                                      std::vector<Store::AppendResult>& written) {
  std::vector<AuditChunkSource> sources;
  sources.reserve(groups.size());
  for (const auto* entries : groups) {
    if (Status c = CheckAuditEntries(*entries); !c.ok()) return c;
    sources.push_back(WholeVector(*entries));
  }
  return AppendAuditChunksInTransaction(log, clock, sources, written);
}

Status AppendAuditInTransaction(AuditLogBackend& log, const Clock& clock,
                                const std::vector<AuditEntry>& entries,
                                Store::AppendResult& written) {
  const std::vector<AuditEntry>* group[] = {&entries};
  std::vector<Store::AppendResult> one;
  Status s = AppendAuditGroupsInTransaction(log, clock, group, one);
  if (s.ok()) written = std::move(one.front());
  return s;
}

Result<Store::AppendResult> Store::AppendAudit(const std::vector<AuditEntry>& entries) {
  AppendResult written;
  StoreBackend& backend = *impl_->backend;
  Status s = backend.InWriteTransaction([&]() -> Status {
    if (Status c = CheckAuditSchema(backend); !c.ok()) return c;
    return AppendAuditInTransaction(backend, *impl_->clock, entries, written);
  });
  if (!s.ok())
    return Status::Error("cannot write the audit log in `" + impl_->path + "`: " + s.message());
  return written;
}

// The chunked form of AppendAudit: the same transaction, checks and records, with the entries
// built while they are written.
Result<Store::AppendResult> Store::AppendAuditChunks(const AuditChunkSource& chunks) {
  std::vector<AppendResult> written;
  StoreBackend& backend = *impl_->backend;
  Status s = backend.InWriteTransaction([&]() -> Status {
    if (Status c = CheckAuditSchema(backend); !c.ok()) return c;
    return AppendAuditChunksInTransaction(backend, *impl_->clock, std::span(&chunks, 1), written);
  });
  if (!s.ok())
    return Status::Error("cannot write the audit log in `" + impl_->path + "`: " + s.message());
  return std::move(written.front());
}

Result<std::vector<Store::AppendResult>> Store::AppendAuditGroups(
    std::span<const std::vector<AuditEntry>* const> groups,
    const std::function<Status()>& before_commit) {
  return AppendAuditGroupsIn(*impl_, groups, before_commit);
}

// The whole of `entries` as one chunk, to be moved from: the caller gives its entries up.
AuditChunkSource WholeVectorMoved(std::vector<AuditEntry>& entries) {
  return [&entries, given = false]() mutable -> Result<std::vector<AuditEntry>*> {
    if (given) return static_cast<std::vector<AuditEntry>*>(nullptr);
    given = true;
    return &entries;
  };
}

namespace {

// The one write transaction of a group append: the schema check, `append` (which checks every
// group before writing any and fills `written`), then `before_commit`; the error names the
// database.
Result<std::vector<Store::AppendResult>> InGroupAppendTransaction(
    Store::Impl& db, const std::function<Status()>& before_commit,
    const std::function<Status(StoreBackend&, std::vector<Store::AppendResult>&)>& append) {
  std::vector<Store::AppendResult> written;
  StoreBackend& backend = *db.backend;
  Status s = backend.InWriteTransaction([&]() -> Status {
    if (Status c = CheckAuditSchema(backend); !c.ok()) return c;
    if (Status a = append(backend, written); !a.ok()) return a;
    return before_commit ? before_commit() : Status::Ok();
  });
  if (!s.ok())
    return Status::Error("cannot write the audit log in `" + db.path + "`: " + s.message());
  return written;
}

}  // namespace

// AppendAuditGroupsIn for a caller that gives its entries up (GroupCommitLog's writer owns its
// calls' entries): the same transaction, checks and records, without a copy of every entry.
Result<std::vector<Store::AppendResult>> AppendAuditGroupsMovedIn(
    Store::Impl& db, std::span<std::vector<AuditEntry>* const> groups,
    const std::function<Status()>& before_commit) {
  return InGroupAppendTransaction(
      db, before_commit, [&](StoreBackend& backend, std::vector<Store::AppendResult>& written) {
        std::vector<AuditChunkSource> sources;
        sources.reserve(groups.size());
        for (auto* entries : groups) {  // every group checked before anything is written
          if (Status c = CheckAuditEntries(*entries); !c.ok()) return c;
          sources.push_back(WholeVectorMoved(*entries));
        }
        return AppendAuditChunksInTransaction(backend, *db.clock, sources, written);
      });
}

Result<std::vector<Store::AppendResult>> AppendAuditGroupsIn(
    Store::Impl& db, std::span<const std::vector<AuditEntry>* const> groups,
    const std::function<Status()>& before_commit) {
  return InGroupAppendTransaction(
      db, before_commit, [&](StoreBackend& backend, std::vector<Store::AppendResult>& written) {
        return AppendAuditGroupsInTransaction(backend, *db.clock, groups, written);
      });
}

// Walks the stored records once, in seq order, and stops at the first problem: after a break
// in the chain, later records cannot be judged. Anchors naming seq 0 mean the last record.
Result<AuditVerifyResult> Store::VerifyAudit(const std::vector<AuditAnchor>& anchors,
                                             const Store* audited) const {
  return VerifyAuditIn(*impl_, anchors, audited ? audited->impl_.get() : nullptr);
}

Result<AuditVerifyResult> VerifyAuditIn(const Store::Impl& db,
                                        const std::vector<AuditAnchor>& anchors,
                                        const Store::Impl* audited) {
  AuditVerifyResult out;
  std::multimap<int64_t, const AuditAnchor*> at;  // anchors by the seq they name (0 = the last)
  for (const auto& a : anchors) at.emplace(a.seq, &a);
  std::string prev = kGenesisHash, prev_ts;
  int previous_format = kAuditFormatV1;
  int64_t expected_seq = 1;
  bool broken = false;
  struct RunRecord {
    int64_t seq;
    AuditRunSummary run;
  };
  std::vector<RunRecord> runs;  // the audit-run records, checked against their findings after
  auto fail = [&](AuditProblem kind, int64_t seq, std::string why) {
    broken = true;
    out.kind = kind;
    out.first_bad_seq = seq;
    out.problem = std::move(why);
  };
  // Checks one record against the chain so far; false stops the walk at the first problem.
  auto check = [&](const StoredAuditRecord& rec) {
    ++out.records;
    std::string form = rec.seq == expected_seq ? FormProblem(rec, previous_format) : "";
    if (rec.seq != expected_seq) {
      fail(AuditProblem::kSequence, rec.seq,
           "sequence number " + std::to_string(rec.seq) + " where " + std::to_string(expected_seq) +
               " was expected (records deleted or inserted)");
    } else if (!form.empty()) {
      fail(AuditProblem::kNotCanonical, rec.seq, form);
    } else if (rec.prev_hash != prev) {
      fail(AuditProblem::kPrevHash, rec.seq,
           "prev_hash does not match the hash of record " + std::to_string(rec.seq - 1) +
               " (records removed, inserted or reordered)");
    } else if (AuditRecordHash(rec) != rec.hash) {
      fail(AuditProblem::kHash, rec.seq,
           "hash does not match the record's contents (the record was edited)");
    } else if (!IsAuditTimestamp(rec.ts)) {
      fail(AuditProblem::kTimestamp, rec.seq,
           "timestamp `" + rec.ts + "` is not a UTC RFC 3339 time as chipgate writes it");
    } else if (rec.ts < prev_ts) {
      fail(AuditProblem::kTimestamp, rec.seq,
           "timestamp " + rec.ts + " is earlier than record " + std::to_string(rec.seq - 1) +
               "'s (" + prev_ts + ")");
    }
    for (auto [it, end] = at.equal_range(rec.seq); !broken && it != end; ++it) {
      if (it->second->hash != rec.hash) {
        fail(AuditProblem::kAnchor, rec.seq,
             "record " + std::to_string(rec.seq) + " has hash " + rec.hash + ", not " +
                 it->second->hash + " as " + it->second->source + " says (the log was rewritten)");
      }
    }
    if (!broken && rec.run_json) {
      if (auto run = ParseCanonicalRunJson(*rec.run_json)) runs.push_back({rec.seq, *run});
    }
    prev = rec.hash;
    prev_ts = rec.ts;
    previous_format = rec.format;
    ++expected_seq;
    return !broken;
  };
  StoreBackend& backend = *db.backend;
  // What is wrong with each run record (by index into `runs`); nullopt: not checked.
  std::vector<std::optional<std::string>> run_problems;
  // Checks the run records naming b's database against its findings (inside b's snapshot).
  auto check_runs = [&](AuditRunBackend& b, const std::string& where) -> Status {
    auto id = b.ReadDatabaseId();
    if (!id.ok()) return id.status();
    for (size_t i = 0; i < runs.size(); ++i) {
      if (run_problems[i] || runs[i].run.database != id.value()) continue;
      auto p = RunProblem(b, runs[i].run, where);
      if (!p.ok()) return p.status();
      run_problems[i] = p.value();
    }
    return Status::Ok();
  };
  // One snapshot for the schema, the records, and the findings of runs kept in this database.
  Status s = backend.InReadSnapshot([&]() -> Status {
    auto schema = backend.AuditSchemaDifferences();
    if (!schema.ok()) return schema.status();
    out.schema = std::move(schema.value());
    if (Status w = backend.ForEachAuditRecord(kAllAuditRecords, check); !w.ok()) return w;
    run_problems.assign(runs.size(), std::nullopt);
    if (broken) return Status::Ok();
    return check_runs(backend, "`" + db.path + "`");
  });
  if (!s.ok()) return s;
  if (!broken && audited) {
    StoreBackend& other = *audited->backend;
    s = other.InReadSnapshot(
        [&]() -> Status { return check_runs(other, "`" + audited->path + "`"); });
    if (!s.ok()) return s;
  }
  if (!broken) {
    out.head = out.records > 0 ? prev : "";
    for (const auto& [seq, a] : at) {
      if (broken) break;
      if (seq == 0 && a->hash != out.head) {
        fail(AuditProblem::kAnchor, out.records,
             "the log ends at " + (out.head.empty() ? std::string("(empty)") : out.head) +
                 ", not at the expected head " + a->hash + " from " + a->source +
                 " (records cut from the end, or added)");
      } else if (seq > out.records) {
        fail(AuditProblem::kAnchor, out.records,
             "the log ends at record " + std::to_string(out.records) + ", before record " +
                 std::to_string(seq) + " named by " + a->source + " (records cut from the end)");
      }
    }
  }
  // Chain and anchor problems first: a record of a broken chain says nothing of its run.
  // The first run whose findings do not match, else the first that could not be checked.
  for (size_t i = 0; !broken && i < runs.size(); ++i) {
    if (run_problems[i] && !run_problems[i]->empty()) {
      out.run_id = runs[i].run.id;
      fail(AuditProblem::kFindings, runs[i].seq, *run_problems[i]);
    }
  }
  for (size_t i = 0; !broken && i < runs.size(); ++i) {
    if (!run_problems[i]) {
      out.run_id = runs[i].run.id;
      fail(AuditProblem::kFindingsNotChecked, runs[i].seq,
           "run " + std::to_string(runs[i].run.id) + "'s findings are in database " +
               runs[i].run.database +
               ", which was not given: its findings digest could not be checked (give that "
               "database with --audited-db)");
    }
  }
  if (!broken) out.runs_checked = static_cast<int64_t>(runs.size());
  out.ok = !broken && out.schema.empty();
  if (broken) out.head.clear();
  return out;
}

// The exported line is the record's canonical JSON (the bytes its hash covers) plus the stored
// hash, so anyone can recompute the chain from the export alone.
Status Store::ExportAudit(std::ostream& os) const {
  return impl_->backend->ForEachAuditRecord(kAllAuditRecords, [&](const StoredAuditRecord& rec) {
    std::string line = CanonicalAuditJson(rec);
    line.pop_back();  // re-open the object to append the stored hash
    line += ",\"hash\":";
    AppendJsonString(line, rec.hash);
    os << line << "}\n";
    return true;
  });
}

}  // namespace chipgate
