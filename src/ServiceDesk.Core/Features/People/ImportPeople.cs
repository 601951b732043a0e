using System.Globalization;
using CsvHelper;
using CsvHelper.Configuration;
using MediatR;
using Microsoft.EntityFrameworkCore;
using ServiceDesk.Core.Abstractions;
using ServiceDesk.Core.Access;
using ServiceDesk.Core.Domain;

namespace ServiceDesk.Core.Features.People;

/// <summary>One row of a staff CSV file and what importing it does (or, in words, why it cannot).</summary>
public sealed record ImportRow(int Line, string Name, string Email, string Roles, bool Ok, IReadOnlyList<string> Errors);

/// <summary>What a staff CSV file holds for a council: each row's outcome, and how many were added if it was imported.</summary>
public sealed record ImportResult(string Council, IReadOnlyList<ImportRow> Rows, int Ready, int Refused, int Added);

/// <summary>
/// A service manager onboards a council's staff from a CSV file with the columns name, email and roles
/// (roles separated by ";", e.g. "requester; approver"; empty means requester), and optionally phone. <see cref="Import"/>
/// false is the preview: each row's outcome, nothing saved. Importing adds every good row in one
/// transaction and invites them in one batch; rows with errors are left out and listed.
/// </summary>
public sealed record ImportPeople(string? Council, string? Csv, bool Import) : IRequest<ImportResult>;

public sealed class ImportPeopleHandler(IServiceDeskDb db, ViewerLoader viewers, Accounts.IPasswordLinks invitations)
    : IRequestHandler<ImportPeople, ImportResult>
{
    /// <summary>The largest file taken at once (rows of people).</summary>
    public const int MaxRows = 20_000;

    public async Task<ImportResult> Handle(ImportPeople request, CancellationToken ct)
    {
        (await viewers.LoadAsync(ct)).RequireServiceManager("Only service managers can import people.");
        if (string.IsNullOrWhiteSpace(request.Council)) throw new FieldException("council", "Choose the council whose staff the file lists.");
        var code = request.Council.Trim().ToUpperInvariant();
        var council = await db.Councils.AsNoTracking().FirstOrDefaultAsync(c => c.Code == code, ct)
            ?? throw new FieldException("council", $"There is no council '{request.Council}'.");
        if (council.IsWithdrawn) throw new FieldException("council", $"{council.Name} has withdrawn from the partnership.");
        if (string.IsNullOrWhiteSpace(request.Csv)) throw new FieldException("file", "Choose a CSV file with the columns name, email and roles.");

        var directory = await PeopleDirectory.LoadAsync(db, ct);
        var rows = new List<ImportRow>();
        var ready = new List<CheckedDraft>();
        foreach (var (line, name, email, roles, phone) in Read(request.Csv))
        {
            var draft = directory.Check(new PersonDraft(name, email, [council.Code], roles.Split([';', '|', ','], StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).Append("Requester").ToList(),
                Phone: phone));
            if (draft.Errors.Count == 0)
            {
                directory.Claim(draft.Email);
                ready.Add(draft);
            }
            rows.Add(new ImportRow(line, name, email, roles, draft.Errors.Count == 0, draft.Errors.Select(e => e.Message).ToList()));
        }
        if (rows.Count == 0) throw new FieldException("file", "The file has no rows of people under its header.");

        var added = 0;
        if (request.Import && ready.Count > 0)
        {
            await db.InTransactionAsync(async () =>
            {
                var people = ready.Select(d => d.Create()).ToList();
                db.People.AddRange(people);
                await db.SaveChangesAsync(ct);
                // One batch: each invitation makes the account and queues its mail in the outbox.
                foreach (var person in people) await invitations.QueueInvitationAsync(person.Id, ct);
                await db.SaveChangesAsync(ct);
            }, ct);
            added = ready.Count;
        }
        return new ImportResult(council.Code, rows, ready.Count, rows.Count - ready.Count, added);
    }

    /// <summary>The rows of the file (line number, name, email, roles, phone); a file without the columns is refused as a whole.</summary>
    private static IEnumerable<(int Line, string Name, string Email, string Roles, string Phone)> Read(string csv)
    {
        var config = new CsvConfiguration(CultureInfo.InvariantCulture)
        {
            PrepareHeaderForMatch = args => args.Header.Trim().ToLowerInvariant(),
            TrimOptions = TrimOptions.Trim,
            MissingFieldFound = null,
            BadDataFound = null,
            DetectDelimiter = true,
        };
        using var reader = new CsvReader(new StringReader(csv), config);
        if (!reader.Read() || !reader.ReadHeader() || reader.HeaderRecord is not { } header
            || !header.Any(h => h.Trim().Equals("name", StringComparison.OrdinalIgnoreCase))
            || !header.Any(h => h.Trim().Equals("email", StringComparison.OrdinalIgnoreCase)))
            throw new FieldException("file", "The file's first line must name the columns: name, email and roles.");
        bool Has(string column) => header.Any(h => h.Trim().Equals(column, StringComparison.OrdinalIgnoreCase));
        var hasRoles = Has("roles");
        var hasPhone = Has("phone");
        var count = 0;
        var rows = new List<(int, string, string, string, string)>();
        while (reader.Read())
        {
            var name = reader.GetField("name") ?? "";
            var email = reader.GetField("email") ?? "";
            var roles = hasRoles ? reader.GetField("roles") ?? "" : "";
            var phone = hasPhone ? reader.GetField("phone") ?? "" : "";
            if (name.Length == 0 && email.Length == 0 && roles.Length == 0 && phone.Length == 0) continue;
            if (++count > MaxRows) throw new FieldException("file", $"The file has more than {MaxRows:N0} people: split it into smaller files.");
            rows.Add((reader.Parser.RawRow, name, email, roles, phone));
        }
        return rows;
    }
}
