using Microsoft.EntityFrameworkCore;
using ServiceDesk.Core.Features.Email;
using ServiceDesk.Infrastructure.Persistence;

namespace ServiceDesk.Infrastructure.Email;

/// <summary>
/// The one claim rule of the outbox, in one statement: due, unsent messages with no unexpired claim
/// are claimed, oldest first. On PostgreSQL the rows are picked <c>FOR UPDATE SKIP LOCKED</c>, so two
/// nodes claiming at once take different rows; SQLite runs one write at a time, so its update-where
/// is atomic as it stands.
/// </summary>
public sealed class OutboxClaims(ServiceDeskDbContext db) : IOutboxClaims
{
    private const string Claim = """
        UPDATE "Outbox" SET "ClaimedBy" = {0}, "ClaimedUntil" = {1}
        WHERE "Id" IN (SELECT "Id" FROM "Outbox"
            WHERE "SentAt" IS NULL AND ("NextAttemptAt" IS NULL OR "NextAttemptAt" <= {2})
                AND ("ClaimedUntil" IS NULL OR "ClaimedUntil" <= {2})
            ORDER BY "Id" LIMIT {3}
        """;
    private const string ClaimOnPostgreSql = Claim + " FOR UPDATE SKIP LOCKED)";
    private const string ClaimOnSqlite = Claim + ")";

    public Task ClaimAsync(string claimant, int count, DateTime now, DateTime until, CancellationToken ct) =>
        db.Database.ExecuteSqlRawAsync(db.Database.IsNpgsql() ? ClaimOnPostgreSql : ClaimOnSqlite, [claimant, until, now, count], ct);
}
