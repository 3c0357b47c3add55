// Store internals shared by the store's backend-independent source files (inventory, import,
// audit log, audit runs): the open backend and what the Store adds to it.
#pragma once

#include <functional>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "chipgate/store.h"
#include "store/backend.h"

namespace chipgate {

struct Store::Impl {
  std::unique_ptr<StoreBackend> backend;  // never null once opened
  std::string path;
  const Clock* clock = nullptr;  // never null once opened
};

// Opens the database at `location` through the backend it names (Store::Open; `db migrate` opens
// two this way and works on their backends directly).
Result<std::unique_ptr<Store::Impl>> OpenStoreImpl(const std::string& location,
                                                   const StoreOptions& options);
// Store::AppendAuditGroups on an open database (GroupCommitLog's writer holds its connection so).
Result<std::vector<Store::AppendResult>> AppendAuditGroupsIn(
    Store::Impl& db, std::span<const std::vector<AuditEntry>* const> groups,
    const std::function<Status()>& before_commit);
// The same, moving from the groups' entries instead of copying them (the entries are left moved
// from, whether the append succeeded or not).
Result<std::vector<Store::AppendResult>> AppendAuditGroupsMovedIn(
    Store::Impl& db, std::span<std::vector<AuditEntry>* const> groups,
    const std::function<Status()>& before_commit);
// Store::VerifyAudit on an open database; `audited`: the other database audit-run records may name.
Result<AuditVerifyResult> VerifyAuditIn(const Store::Impl& db,
                                        const std::vector<AuditAnchor>& anchors,
                                        const Store::Impl* audited);

// Audit-log internals used by the log and by audit runs, which append in their own transaction.
// Both expect an open write transaction (StoreBackend::InWriteTransaction).
// Whether `d` is a digest as chipgate writes it: `sha256:` and 64 lower-case hex digits.
bool IsSha256Digest(const std::optional<std::string>& d);
// Fails when the audit tables' schema objects are not exactly the migrations' (SchemaDifference).
Status CheckAuditSchema(AuditLogBackend& log);
// Why `entries` cannot be appended (each record must name a facts digest), or Ok. Nothing else
// about an entry can fail its append, so GroupCommitLog checks each caller's entries with it
// before they join a batch, and one caller's bad entries never fail the others'.
Status CheckAuditEntries(const std::vector<AuditEntry>& entries);
// Appends `entries` after the current head, time-stamped by `clock`, then reads them back and
// compares.
Status AppendAuditInTransaction(AuditLogBackend& log, const Clock& clock,
                                const std::vector<AuditEntry>& entries,
                                Store::AppendResult& written);
// The same for several groups, each chained after the one before it, all with one timestamp;
// written[i] is group i's AppendResult (Store::AppendAuditGroups). Every group's entries are
// checked (CheckAuditEntries) before any is written.
Status AppendAuditGroupsInTransaction(AuditLogBackend& log, const Clock& clock,
                                      std::span<const std::vector<AuditEntry>* const> groups,
                                      std::vector<Store::AppendResult>& written);
// The core of both: each group's entries come chunk by chunk from its source (each chunk checked
// with CheckAuditEntries as it comes), and each batch of records is read back right after it is
// inserted.
Status AppendAuditChunksInTransaction(AuditLogBackend& log, const Clock& clock,
                                      std::span<const AuditChunkSource> groups,
                                      std::vector<Store::AppendResult>& written);

// The licenses a shipment to `destination` on `in_force_on` may be matched to (those in force to
// the destination, and the `named` numbers whatever their dates), each once, by number, with their
// use as of `uses_as_of`. Inside the caller's transaction or snapshot: Store::ReadLicensesFor
// (check) and Store::RecordShipment (ship, under the write lock) both read through it.
Result<std::vector<HeldLicense>> ReadLicensesForIn(LicenseBackend& b, Date in_force_on,
                                                   Date uses_as_of, const std::string& destination,
                                                   const std::vector<std::string>& named);

}  // namespace chipgate
