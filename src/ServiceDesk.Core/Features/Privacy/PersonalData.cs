using System.Globalization;
using System.IO.Compression;
using System.Text.Json;
using System.Text.RegularExpressions;
using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;
using ServiceDesk.Core.Abstractions;
using ServiceDesk.Core.Access;
using ServiceDesk.Core.Domain;
using ServiceDesk.Core.Domain.Calendars;
using ServiceDesk.Core.Domain.Tickets;
using ServiceDesk.Core.Features.Exports;

namespace ServiceDesk.Core.Features.Privacy;

/// <summary>
/// Removes named people from text: each address becomes "[email removed]", each full name "former member
/// of staff", and each part of a name (three letters or more, as a whole word: "Dear Alice") "[name removed]".
/// For retention, every email address at all is removed too.
/// </summary>
public sealed class Scrubber
{
    public const string FormerStaff = "former member of staff";
    private static readonly Regex AnyAddress = new(@"[A-Za-z0-9._%+'-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}", RegexOptions.Compiled, TimeSpan.FromSeconds(1));
    private readonly List<(Regex Pattern, string With)> _rules = [];
    private readonly HashSet<string> _phones = [];
    private readonly bool _allAddresses;

    public Scrubber(IEnumerable<(string Name, string Email, string? Phone)> people, bool allAddresses)
    {
        _allAddresses = allAddresses;
        var list = people.ToList();
        foreach (var email in list.Select(p => p.Email).Where(e => e.Length > 0).Distinct())
            _rules.Add((new Regex(Regex.Escape(email), RegexOptions.IgnoreCase, TimeSpan.FromSeconds(1)), "[email removed]"));
        RemovingPhones(list.Select(p => p.Phone));
        foreach (var name in list.Select(p => p.Name.Trim()).Where(n => n.Length > 0).Distinct().OrderByDescending(n => n.Length))
            _rules.Add((new Regex($@"\b{Regex.Escape(name)}\b", RegexOptions.IgnoreCase, TimeSpan.FromSeconds(1)), FormerStaff));
        foreach (var part in list.SelectMany(p => p.Name.Split([' ', ',', '-'], StringSplitOptions.RemoveEmptyEntries)).Where(p => p.Length >= 3).Distinct())
            _rules.Add((new Regex($@"\b{Regex.Escape(part)}\b", RegexOptions.IgnoreCase, TimeSpan.FromSeconds(1)), "[name removed]"));
    }

    /// <summary>Also removes these phone numbers (earlier numbers of the person, say), however each is written.</summary>
    public Scrubber RemovingPhones(IEnumerable<string?> numbers)
    {
        foreach (var digits in numbers.Where(n => !string.IsNullOrWhiteSpace(n)).Select(n => PhoneNumbers.Digits(n!)).Where(d => d.Length > 0))
            if (_phones.Add(digits)) _rules.Add((PhonePattern(digits), "[phone removed]"));
        return this;
    }

    /// <summary>
    /// The number however it was written: its digits with spaces, dashes, dots or brackets between any
    /// of them, and a UK number's leading 0 also as +44 (with or without "(0)").
    /// </summary>
    private static Regex PhonePattern(string digits)
    {
        const string gap = @"[\s\-.()]*";
        var national = digits.StartsWith('0') ? digits[1..] : null;
        var rest = string.Join(gap, (national ?? digits).Select(c => c.ToString()));
        var lead = national is null ? "" : $@"(?:0|\+{gap}44{gap}(?:\(0\))?{gap}){gap}";
        return new Regex($@"(?<!\d){lead}{rest}(?!\d)", RegexOptions.None, TimeSpan.FromSeconds(1));
    }

    public string Scrub(string text)
    {
        foreach (var (pattern, with) in _rules) text = pattern.Replace(text, with);
        return _allAddresses ? AnyAddress.Replace(text, "[email removed]") : text;
    }
}

/// <summary>The one place the data-protection rules are applied: retention, erasure and the access export share it.</summary>
public sealed class PersonalDataBook(IServiceDeskDb db)
{
    public const int Batch = 200;
    public const string RetentionKind = "Retention";
    public const string PersonalDataKind = "Personal data";

    /// <summary>The council's "former member of staff" record, which anonymised tickets name as requester (made once, never signs in).</summary>
    public async Task<Person> FormerStaffAsync(Council council, DateTime now, CancellationToken ct)
    {
        var email = $"former-staff-{council.Code.ToLowerInvariant()}@anonymised.invalid";
        if (await db.People.FirstOrDefaultAsync(p => p.Email == email, ct) is { } existing) return existing;
        var person = new Person(email, "Former member of staff", PersonRoles.Requester, council.Id);
        person.Deactivate(now);
        db.People.Add(person);
        await db.SaveChangesAsync(ct);
        return person;
    }

    /// <summary>Closed tickets of the council past its retention period, not yet anonymised.</summary>
    public IQueryable<Ticket> DueForRetention(Council council, DateTime now)
    {
        var cutoff = now.AddYears(-council.RetentionYears);
        return db.Tickets.Where(t => t.CouncilId == council.Id && t.ClosedAt != null && t.ClosedAt < cutoff && t.AnonymisedAt == null);
    }

    /// <summary>Loads the tickets with everything that holds personal data.</summary>
    public async Task<List<Ticket>> LoadAsync(IReadOnlyCollection<long> ids, CancellationToken ct)
    {
        // One query per collection (no cartesian product); tracking fills each ticket's collections.
        var tickets = await db.Tickets.Where(t => ids.Contains(t.Id)).ToListAsync(ct);
        await db.TicketComments.Where(c => EF.Parameter(ids).Contains(c.TicketId)).LoadAsync(ct);
        await db.TicketHistory.Where(h => EF.Parameter(ids).Contains(h.TicketId)).LoadAsync(ct);
        await db.TicketAttachments.Where(a => ids.Contains(a.TicketId)).LoadAsync(ct);
        await db.Tickets.Where(t => ids.Contains(t.Id)).SelectMany(t => t.Participants).LoadAsync(ct);
        return tickets;
    }

    /// <summary>
    /// Erasure: deletes the received mail that names the person though it is not theirs (they were copied in, or
    /// are written about), on the tickets that name them or on no ticket. Raw mail cannot be edited, so it goes.
    /// </summary>
    public async Task DeleteMailNamingAsync(IReadOnlyCollection<long> ticketIds, Person person, CancellationToken ct)
    {
        var ids = ticketIds.ToArray();
        bool Names(string? text) => text is not null && (text.Contains(person.Email, StringComparison.OrdinalIgnoreCase)
            || text.Contains(person.DisplayName, StringComparison.OrdinalIgnoreCase));
        var naming = new List<long>();
        long after = 0;
        while (true)
        {
            var batch = await db.InboundMessages.AsNoTracking()
                .Where(m => m.Id > after && (m.TicketId == null || EF.Parameter(ids).Contains(m.TicketId.Value))).OrderBy(m => m.Id).Take(Batch)
                .Select(m => new { m.Id, m.FromName, m.Subject, m.Text, m.Raw }).ToListAsync(ct);
            if (batch.Count == 0) break;
            // Headers are ASCII (names in them may be encoded words, which the text and sender name still show).
            naming.AddRange(batch.Where(m => Names(m.FromName) || Names(m.Subject) || Names(m.Text) || Names(System.Text.Encoding.Latin1.GetString(m.Raw))).Select(m => m.Id));
            after = batch[^1].Id;
        }
        var gone = naming.ToArray();
        if (gone.Length > 0) await db.InboundMessages.Where(m => EF.Parameter(gone).Contains(m.Id)).ExecuteDeleteAsync(ct);
    }

    /// <summary>Deletes the raw and outbound mail of the tickets (and, for erasure, to and from the address).</summary>
    public async Task DeleteMailAsync(IReadOnlyCollection<long> ticketIds, string? address, CancellationToken ct)
    {
        db.InboundMessages.RemoveRange(await db.InboundMessages.Where(m => m.TicketId != null && ticketIds.Contains(m.TicketId.Value) || address != null && m.FromAddress == address).ToListAsync(ct));
        db.Notifications.RemoveRange(await db.Notifications.Where(n => n.TicketId != null && ticketIds.Contains(n.TicketId.Value) || address != null && n.RecipientEmail == address).ToListAsync(ct));
    }
}

/// <summary>One council's retention: its period, the cut-off, and what the next run will anonymise.</summary>
public sealed record RetentionPreview(string Council, string Name, int Years, DateOnly ClosedBefore, int Tickets, IReadOnlyList<string> Examples);

/// <summary>What the next retention run will do, council by council (service managers).</summary>
public sealed record GetRetentionPreview : IRequest<IReadOnlyList<RetentionPreview>>;

public sealed class GetRetentionPreviewHandler(IServiceDeskDb db, PersonalDataBook book, ViewerLoader viewers, TimeProvider time)
    : IRequestHandler<GetRetentionPreview, IReadOnlyList<RetentionPreview>>
{
    public async Task<IReadOnlyList<RetentionPreview>> Handle(GetRetentionPreview request, CancellationToken ct)
    {
        var viewer = await viewers.LoadAsync(ct);
        viewer.RequireSharedIctData("The retention schedule");
        viewer.RequireServiceManager("Only service managers see the retention schedule.");
        var now = time.GetUtcNow().UtcDateTime;
        var list = new List<RetentionPreview>();
        foreach (var council in await db.Councils.AsNoTracking().OrderBy(c => c.Code).ToListAsync(ct))
        {
            var due = book.DueForRetention(council, now);
            var examples = await due.OrderBy(t => t.ClosedAt).Select(t => t.Id).Take(10).ToListAsync(ct);
            list.Add(new RetentionPreview(council.Code, council.Name, council.RetentionYears, PartnershipTime.LocalDate(now.AddYears(-council.RetentionYears)),
                await due.CountAsync(ct), examples.Select(TicketReference.Format).ToList()));
        }
        return list;
    }
}

/// <summary>A service manager sets how many years a council's closed tickets keep personal data.</summary>
public sealed record SetRetention(string Council, int? Years) : IRequest<RetentionPreview>;

public sealed class SetRetentionValidator : AbstractValidator<SetRetention>
{
    public SetRetentionValidator() =>
        RuleFor(x => x.Years).NotNull().InclusiveBetween(1, 100).WithMessage("Give the retention period in whole years, 1 to 100 (years).");
}

public sealed class SetRetentionHandler(IServiceDeskDb db, ViewerLoader viewers, IMediator mediator) : IRequestHandler<SetRetention, RetentionPreview>
{
    public async Task<RetentionPreview> Handle(SetRetention request, CancellationToken ct)
    {
        var viewer = await viewers.LoadAsync(ct);
        viewer.RequireSharedIctData("The retention schedule");
        viewer.RequireServiceManager("Only service managers set the retention period.");
        var code = request.Council.Trim().ToUpperInvariant();
        var council = await db.Councils.FirstOrDefaultAsync(c => c.Code == code, ct) ?? throw new NotFoundException($"Council {request.Council}");
        council.SetRetention(request.Years!.Value);
        await db.SaveChangesAsync(ct); // audited as a change of the council
        return (await mediator.Send(new GetRetentionPreview(), ct)).Single(p => p.Council == code);
    }
}

/// <summary>
/// The retention run (a daily job): each council's closed tickets older than its retention period lose
/// their personal data; one line per council on the audit list. Idempotent: anonymised tickets are skipped.
/// Returns how many tickets were anonymised.
/// </summary>
public sealed record ApplyRetention : IRequest<int>;

public sealed class ApplyRetentionHandler(IServiceDeskDb db, PersonalDataBook book, TimeProvider time) : IRequestHandler<ApplyRetention, int>
{
    public async Task<int> Handle(ApplyRetention request, CancellationToken ct)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var total = 0;
        foreach (var council in await db.Councils.AsNoTracking().OrderBy(c => c.Code).ToListAsync(ct))
        {
            var done = 0;
            while (true)
            {
                var ids = await book.DueForRetention(council, now).OrderBy(t => t.Id).Select(t => t.Id).Take(PersonalDataBook.Batch).ToListAsync(ct);
                if (ids.Count == 0) break;
                await db.InTransactionAsync(async () =>
                {
                    var formerStaff = await book.FormerStaffAsync(council, now, ct);
                    var tickets = await book.LoadAsync(ids, ct);
                    var personIds = tickets.SelectMany(t => t.Participants.Select(p => p.PersonId).Append(t.RequesterId)).Where(id => id != formerStaff.Id).ToHashSet();
                    var people = await db.People.AsNoTracking().Where(p => personIds.Contains(p.Id)).Select(p => new { p.DisplayName, p.Email, p.Phone }).ToListAsync(ct);
                    var scrubber = new Scrubber(people.Select(p => (p.DisplayName, p.Email, p.Phone)), allAddresses: true);
                    foreach (var ticket in tickets) ticket.Anonymise(formerStaff, personIds, scrubber.Scrub, now);
                    await book.DeleteMailAsync(ids, null, ct);
                    await db.SaveChangesAsync(ct);
                }, ct);
                done += ids.Count;
                db.ForgetTracked();
            }
            if (done == 0) continue;
            db.AuditEntries.Add(new AuditEntry(now, null, AuditEntry.TheDesk, AuditAction.Changed, PersonalDataBook.RetentionKind, council.Code,
                $"{done} closed {(done == 1 ? "ticket" : "tickets")} of {council.Name} older than {council.RetentionYears} years anonymised (closed before {PartnershipTime.LocalDate(now.AddYears(-council.RetentionYears)):yyyy-MM-dd})", null, null));
            await db.SaveChangesAsync(ct);
            total += done;
        }
        return total;
    }
}

/// <summary>What was erased.</summary>
public sealed record ErasureResult(int PersonId, int TicketsAnonymised, int TicketsCleaned, int AuditEntriesRedacted);

/// <summary>
/// Erasure on request (UK GDPR article 17): a service manager anonymises one person with the retention
/// rules: their tickets lose names, addresses, files and raw mail; their name and address leave every
/// other ticket's conversation and history and the audit list; their record becomes "Former member of
/// staff" and their sign-in account is deleted. Recorded on the audit list without the person's details.
/// </summary>
public sealed record ErasePerson(string? Email) : IRequest<ErasureResult>;

public sealed class ErasePersonValidator : AbstractValidator<ErasePerson>
{
    public ErasePersonValidator() => RuleFor(x => x.Email).NotEmpty().WithMessage("Give the person's email address (email).");
}

public sealed class ErasePersonHandler(IServiceDeskDb db, PersonalDataBook book, ViewerLoader viewers, ISignInAccounts accounts, TimeProvider time)
    : IRequestHandler<ErasePerson, ErasureResult>
{
    public async Task<ErasureResult> Handle(ErasePerson request, CancellationToken ct)
    {
        var viewer = await viewers.LoadAsync(ct);
        // Council staff never learn a person's data can be asked for here; other shared ICT staff are told who may.
        viewer.RequireSharedIctData("A person's data");
        viewer.RequireServiceManager("Only service managers erase a person's data.");
        var person = await PersonalDataQueries.FindAsync(db, request.Email, ct);
        if (person.Id == viewer.PersonId) throw new FieldException("email", "You cannot erase yourself: ask another service manager.");
        if (person.Has(PersonRoles.ServiceManager) && person.IsActive)
            throw new FieldException("email", $"{person.DisplayName} is an active service manager: take the role away first.");
        var now = time.GetUtcNow().UtcDateTime;
        var audit = await PersonalDataQueries.AuditOf(db, person).ToListAsync(ct);
        // Their phone numbers too: the one they have and the earlier ones the changes to their record kept on the audit list.
        var scrubber = new Scrubber([(person.DisplayName, person.Email, person.Phone)], allAddresses: false)
            .RemovingPhones(audit.Where(e => e.EntityType == AuditedTypes.NameOf(typeof(Person)))
                .SelectMany(e => PhoneFields(e.Before).Concat(PhoneFields(e.After))));
        var (own, others) = await PersonalDataQueries.TicketsOfAsync(db, person, ct);
        var redacted = 0;

        await db.InTransactionAsync(async () =>
        {
            foreach (var chunk in own.Concat(others).Chunk(PersonalDataBook.Batch))
            {
                foreach (var ticket in await book.LoadAsync(chunk, ct))
                    ticket.Anonymise(null, new HashSet<int> { person.Id }, scrubber.Scrub, now, dropFiles: ticket.RequesterId == person.Id);
                await db.SaveChangesAsync(ct);
            }
            await book.DeleteMailAsync(own, person.Email, ct);
            var email = person.Email;
            var name = person.DisplayName.ToLower();
            // Mail to others that names the person (a colleague told of their reply) goes too.
            db.Notifications.RemoveRange(await db.Notifications.Where(n => n.Subject.ToLower().Contains(name) || n.Body.ToLower().Contains(name) || n.Body.ToLower().Contains(email)
                || n.HtmlBody!.ToLower().Contains(name) || n.HtmlBody!.ToLower().Contains(email)).ToListAsync(ct));
            foreach (var entry in await db.ProblemHistory.Where(h => h.ActorId == person.Id || h.From!.ToLower().Contains(email) || h.To!.ToLower().Contains(email)
                         || h.From!.ToLower().Contains(name) || h.To!.ToLower().Contains(name) || h.ActorName.ToLower().Contains(name)).ToListAsync(ct))
                entry.Redact(scrubber.Scrub, null, null);
            await book.DeleteMailNamingAsync(others, person, ct);
            foreach (var problem in await db.Problems.Where(p => p.Title.ToLower().Contains(name) || p.Description.ToLower().Contains(name) || p.Description.ToLower().Contains(email)
                         || p.RootCause!.ToLower().Contains(name) || p.Workaround!.ToLower().Contains(name) || p.Resolution!.ToLower().Contains(name)).ToListAsync(ct))
                problem.Redact(scrubber.Scrub);
            foreach (var version in await db.ArticleVersions.Where(v => v.ActorId == person.Id).ToListAsync(ct))
                version.ForgetAuthor();
            // What they typed before finding an answer in a help article is theirs; the count stays for the report.
            await db.ArticleActivities.Where(a => a.PersonId == person.Id && a.Query != null).ExecuteUpdateAsync(s => s.SetProperty(a => a.Query, (string?)null), ct);
            // Straight to the database, as below for the person: an audited change would copy the address onto the audit list.
            foreach (var council in await db.Councils.AsNoTracking().ToListAsync(ct))
            {
                if (!council.ReportRecipients.Contains(email) && council.FinanceContact != email) continue;
                var recipients = council.ReportRecipients.Where(r => r != email).ToList();
                var finance = council.FinanceContact == email ? null : council.FinanceContact;
                await db.Councils.Where(c => c.Id == council.Id).ExecuteUpdateAsync(s => s
                    .SetProperty(c => c.ReportRecipients, recipients).SetProperty(c => c.FinanceContact, finance), ct);
            }
            await db.ProvisioningTokens.Where(t => t.CreatedBy == person.DisplayName).ExecuteUpdateAsync(s => s.SetProperty(t => t.CreatedBy, "Former member of staff"), ct);
            // Their council sign-in's id: a later provisioning of it must not find this record.
            await db.People.Where(p => p.Id == person.Id).SelectMany(p => p.Memberships).ExecuteUpdateAsync(s => s.SetProperty(m => m.ExternalId, (string?)null), ct);
            foreach (var entry in audit)
            {
                entry.Redact(scrubber.Scrub, entry.ActorId == person.Id ? "Former member of staff" : "");
                redacted++;
            }
            await accounts.EndSessionsAsync([person.Id], ct);
            await accounts.RemoveAsync(person.Id, ct);
            await db.SaveChangesAsync(ct);
            // Straight to the database: an audited change would copy the name and address onto the audit list again.
            var erasedEmail = $"erased-{person.Id}@anonymised.invalid";
            await db.People.Where(p => p.Id == person.Id).ExecuteUpdateAsync(s => s
                .SetProperty(p => p.DisplayName, "Former member of staff")
                .SetProperty(p => p.Email, erasedEmail)
                .SetProperty(p => p.Phone, (string?)null)
                .SetProperty(p => p.PhoneDigits, (string?)null)
                .SetProperty(p => p.DeactivatedAt, p => p.DeactivatedAt ?? now), ct);
            db.AuditEntries.Add(new AuditEntry(now, viewer.PersonId, viewer.Person.DisplayName, AuditAction.Removed, PersonalDataBook.PersonalDataKind,
                $"Person #{person.Id}", $"Personal data erased on request: {own.Count} tickets anonymised, {others.Count} more cleaned of the name and address, {redacted} audit entries redacted", null, null));
            await db.SaveChangesAsync(ct);
        }, ct);
        return new ErasureResult(person.Id, own.Count, others.Count, redacted);
    }

    /// <summary>The phone numbers an audit entry of a person's record holds (its Phone and Phone digits fields).</summary>
    private static IEnumerable<string?> PhoneFields(string? json)
    {
        if (string.IsNullOrEmpty(json)) return [];
        var fields = JsonSerializer.Deserialize<Dictionary<string, string?>>(json) ?? [];
        return fields.Where(f => f.Key.StartsWith(nameof(Person.Phone), StringComparison.Ordinal)).Select(f => f.Value);
    }
}

/// <summary>The access export: a ZIP of JSON and CSV files.</summary>
public sealed record PersonalDataExport(string FileName, byte[] Zip);

/// <summary>
/// Right of access (UK GDPR article 15): a service manager exports everything the desk holds about one
/// person: their record, tickets (raised or followed), messages and history entries on them or by them,
/// internal notes included, mail from and to them, ratings and audit entries, each as JSON and CSV in one ZIP.
/// </summary>
public sealed record ExportPersonalData(string? Email) : IRequest<PersonalDataExport>;

public sealed class ExportPersonalDataValidator : AbstractValidator<ExportPersonalData>
{
    public ExportPersonalDataValidator() => RuleFor(x => x.Email).NotEmpty().WithMessage("Give the person's email address (email).");
}

public sealed class ExportPersonalDataHandler(IServiceDeskDb db, ViewerLoader viewers, TimeProvider time) : IRequestHandler<ExportPersonalData, PersonalDataExport>
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    public async Task<PersonalDataExport> Handle(ExportPersonalData request, CancellationToken ct)
    {
        var viewer = await viewers.LoadAsync(ct);
        viewer.RequireSharedIctData("A person's data");
        viewer.RequireServiceManager("Only service managers export a person's data.");
        var person = await PersonalDataQueries.FindAsync(db, request.Email, ct);
        var now = time.GetUtcNow().UtcDateTime;
        var (own, others) = await PersonalDataQueries.TicketsOfAsync(db, person, ct);
        var councils = await db.Councils.AsNoTracking().ToDictionaryAsync(c => c.Id, c => c.Code, ct);

        // The ids go as one array parameter: as 500 scalar parameters (EF Core 10's default) each query spent
        // more time naming its parameters than SQLite spent answering it (see bench/README.md).
        var ids = own.Concat(others).ToArray();
        var tickets = (await db.Tickets.AsNoTracking().Where(t => EF.Parameter(ids).Contains(t.Id)).OrderBy(t => t.Id).ToListAsync(ct)).Select(t => new TicketRow(
            t.Reference, councils.GetValueOrDefault(t.CouncilId) ?? "", t.RequesterId == person.Id ? "Requester" : "Named or taking part", t.Type.ToString(), t.Title, t.Description,
            t.Status.ToString(), t.Priority.ToString(), t.Channel.ToString(), t.CreatedAt, t.ResolvedAt, t.ClosedAt, t.Resolution, t.SatisfactionRating, t.SatisfactionComment, t.RatedAt)).ToList();
        var messages = await db.TicketComments.AsNoTracking().Where(c => EF.Parameter(ids).Contains(c.TicketId)).OrderBy(c => c.TicketId).ThenBy(c => c.Id)
            .Select(c => new MessageRow(c.TicketId, c.CreatedAt, c.Author!.DisplayName, c.IsInternal, c.Body)).ToListAsync(ct);
        var history = await db.TicketHistory.AsNoTracking().Where(h => EF.Parameter(ids).Contains(h.TicketId)).OrderBy(h => h.TicketId).ThenBy(h => h.Id)
            .Select(h => new HistoryRow(h.TicketId, h.At, h.ActorName, h.Change, h.From, h.To)).ToListAsync(ct);
        var mailIn = await db.InboundMessages.AsNoTracking().Where(m => m.FromAddress == person.Email).OrderBy(m => m.Id)
            .Select(m => new MailRow("Received", m.ReceivedAt, m.FromAddress, "", m.Subject, m.Text, m.TicketId)).ToListAsync(ct);
        var mailOut = await db.Notifications.AsNoTracking().Where(n => n.RecipientEmail == person.Email || n.RecipientPersonId == person.Id).OrderBy(n => n.Id)
            .Select(n => new MailRow("Sent", n.CreatedAt, "", n.RecipientEmail, n.Subject, n.Body, n.TicketId)).ToListAsync(ct);
        var audit = await PersonalDataQueries.AuditOf(db, person).AsNoTracking().OrderBy(a => a.Id)
            .Select(a => new AuditRow(a.At, a.ActorName, a.Action.ToString(), a.EntityType, a.EntityKey, a.Summary, a.Before, a.After)).ToListAsync(ct);
        var ratings = tickets.Where(t => t.Rating is not null && t.Role == "Requester").Select(t => new RatingRow(t.Reference, t.Rating!.Value, t.RatingComment, t.RatedAt)).ToList();
        var profile = new
        {
            person.Id, Name = person.DisplayName, person.Email, person.Phone, Roles = person.Roles.ToString(), Councils = person.CouncilIds.Select(id => councils.GetValueOrDefault(id)).ToList(),
            person.DeactivatedAt, ExportedAt = now,
        };

        using var zip = new MemoryStream();
        using (var archive = new ZipArchive(zip, ZipArchiveMode.Create, leaveOpen: true))
        {
            void Add(string name, string content)
            {
                using var writer = new StreamWriter(archive.CreateEntry(name, CompressionLevel.Fastest).Open());
                writer.Write(content);
            }
            // Straight into the entry as UTF-8, without a string in between.
            void AddJson<T>(string name, T value)
            {
                using var entry = archive.CreateEntry(name, CompressionLevel.Fastest).Open();
                JsonSerializer.Serialize(entry, value, Json);
            }
            string Ref(long? id) => id is long t ? TicketReference.Format(t) : "";
            Add("README.txt", $"Everything the shared ICT service desk held about {person.DisplayName} <{person.Email}> on {now:yyyy-MM-dd HH:mm} UTC.\n" +
                "Each file is given as JSON and as CSV: person, tickets (raised or taking part), messages (replies and internal notes on those tickets),\n" +
                "history (every change to those tickets), mail (received from and sent to the person), ratings, and audit (administrative changes naming the person).\n");
            AddJson("person.json", profile);
            AddJson("tickets.json", tickets);
            Add("tickets.csv", CsvSheet.Write(csv =>
            {
                csv.Texts(["reference", "council", "role", "type", "title", "description", "status", "priority", "channel", "created", "resolved", "closed", "resolution"]).Next();
                foreach (var t in tickets)
                    csv.Texts([t.Reference, t.Council, t.Role, t.Type, t.Title, t.Description, t.Status, t.Priority, t.Channel]).Figure(Stamp(t.Created)).Figure(Stamp(t.Resolved)).Figure(Stamp(t.Closed)).Text(t.Resolution).Next();
            }));
            AddJson("messages.json", messages.Select(m => new { Ticket = Ref(m.TicketId), m.At, m.Author, m.Internal, m.Body }));
            Add("messages.csv", CsvSheet.Write(csv =>
            {
                csv.Texts(["ticket", "at", "author", "internal", "body"]).Next();
                foreach (var m in messages) csv.Text(Ref(m.TicketId)).Figure(Stamp(m.At)).Text(m.Author).Figure(m.Internal ? "true" : "false").Text(m.Body).Next();
            }));
            AddJson("history.json", history.Select(h => new { Ticket = Ref(h.TicketId), h.At, h.Actor, h.Change, h.From, h.To }));
            Add("history.csv", CsvSheet.Write(csv =>
            {
                csv.Texts(["ticket", "at", "actor", "change", "from", "to"]).Next();
                foreach (var h in history) csv.Text(Ref(h.TicketId)).Figure(Stamp(h.At)).Texts([h.Actor, h.Change, h.From, h.To]).Next();
            }));
            var mail = mailIn.Concat(mailOut).OrderBy(m => m.At).ToList();
            AddJson("mail.json", mail.Select(m => new { m.Direction, m.At, m.From, m.To, m.Subject, m.Text, Ticket = Ref(m.TicketId) }));
            Add("mail.csv", CsvSheet.Write(csv =>
            {
                csv.Texts(["direction", "at", "from", "to", "subject", "text", "ticket"]).Next();
                foreach (var m in mail) csv.Text(m.Direction).Figure(Stamp(m.At)).Texts([m.From, m.To, m.Subject, m.Text, Ref(m.TicketId)]).Next();
            }));
            AddJson("ratings.json", ratings);
            Add("ratings.csv", CsvSheet.Write(csv =>
            {
                csv.Texts(["ticket", "rating", "comment", "rated"]).Next();
                foreach (var r in ratings) csv.Text(r.Ticket).Figure(r.Rating).Text(r.Comment).Figure(Stamp(r.RatedAt)).Next();
            }));
            AddJson("audit.json", audit);
            Add("audit.csv", CsvSheet.Write(csv =>
            {
                csv.Texts(["at", "actor", "action", "kind", "key", "summary", "before", "after"]).Next();
                foreach (var a in audit) csv.Figure(Stamp(a.At)).Texts([a.Actor, a.Action, a.Kind, a.Key, a.Summary, a.Before, a.After]).Next();
            }));
        }
        return new PersonalDataExport($"personal-data-{person.Id}-{now:yyyyMMdd}.zip", zip.ToArray());
    }

    private static string? Stamp(DateTime? at) => at?.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);

    private sealed record TicketRow(string Reference, string Council, string Role, string Type, string Title, string Description, string Status, string Priority,
        string Channel, DateTime Created, DateTime? Resolved, DateTime? Closed, string? Resolution, int? Rating, string? RatingComment, DateTime? RatedAt);
    private sealed record MessageRow(long TicketId, DateTime At, string Author, bool Internal, string Body);
    private sealed record HistoryRow(long TicketId, DateTime At, string Actor, string Change, string? From, string? To);
    private sealed record MailRow(string Direction, DateTime At, string From, string To, string Subject, string Text, long? TicketId);
    private sealed record RatingRow(string Ticket, int Rating, string? Comment, DateTime? RatedAt);
    private sealed record AuditRow(DateTime At, string Actor, string Action, string Kind, string Key, string Summary, string? Before, string? After);
}

/// <summary>Where the desk holds a person's data: one set of look-ups for the export and the erasure.</summary>
internal static class PersonalDataQueries
{
    public static async Task<Person> FindAsync(IServiceDeskDb db, string? email, CancellationToken ct)
    {
        var address = email!.Trim().ToLowerInvariant();
        return await db.People.AsNoTracking().Include(p => p.Memberships).FirstOrDefaultAsync(p => p.Email == address, ct)
            ?? throw new NotFoundException($"Person {address}");
    }

    /// <summary>The tickets the person raised; and the others that name them (taking part, writing, acting, or named in a message or history line).</summary>
    public static async Task<(List<long> Own, List<long> Others)> TicketsOfAsync(IServiceDeskDb db, Person person, CancellationToken ct)
    {
        var id = person.Id;
        var email = person.Email;
        var name = person.DisplayName.ToLower();
        var own = await db.Tickets.Where(t => t.RequesterId == id).OrderBy(t => t.Id).Select(t => t.Id).ToListAsync(ct);
        var named = new HashSet<long>(await db.Tickets.Where(t => t.Participants.Any(p => p.PersonId == id)).Select(t => t.Id).ToListAsync(ct));
        // Their number as recorded (a note may give it differently spaced; those notes almost always name them too).
        var phone = person.Phone;
        named.UnionWith(await db.TicketComments.Where(c => c.AuthorId == id || c.Body.ToLower().Contains(email) || c.Body.ToLower().Contains(name) || (phone != null && c.Body.Contains(phone)))
            .Select(c => c.TicketId).ToListAsync(ct));
        named.UnionWith(await db.TicketHistory.Where(h => h.ActorId == id || h.From!.ToLower().Contains(email) || h.To!.ToLower().Contains(email)
            || h.From!.ToLower().Contains(name) || h.To!.ToLower().Contains(name)).Select(h => h.TicketId).ToListAsync(ct));
        named.UnionWith(await db.Tickets.Where(t => t.Title.ToLower().Contains(email) || t.Description.ToLower().Contains(email)
            || t.Title.ToLower().Contains(name) || t.Description.ToLower().Contains(name) || (phone != null && t.Description.Contains(phone))).Select(t => t.Id).ToListAsync(ct));
        named.UnionWith(await db.TicketAttachments.Where(a => a.UploadedById == id || a.FileName.ToLower().Contains(name) || a.FileName.ToLower().Contains(email))
            .Select(a => a.TicketId).ToListAsync(ct));
        named.ExceptWith(own);
        return (own, named.Order().ToList());
    }

    /// <summary>Audit entries the person made or that name them.</summary>
    public static IQueryable<AuditEntry> AuditOf(IServiceDeskDb db, Person person)
    {
        var id = person.Id;
        var email = person.Email;
        var name = person.DisplayName.ToLower();
        var phone = person.Phone;
        return db.AuditEntries.Where(a => a.ActorId == id || a.EntityKey.ToLower() == email
            || a.Summary.ToLower().Contains(email) || a.Before!.ToLower().Contains(email) || a.After!.ToLower().Contains(email)
            || a.Summary.ToLower().Contains(name) || a.Before!.ToLower().Contains(name) || a.After!.ToLower().Contains(name)
            || (phone != null && (a.Before!.Contains(phone) || a.After!.Contains(phone))));
    }
}
