using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using ServiceDesk.Core.Abstractions;
using ServiceDesk.Core.Access;
using ServiceDesk.Core.Domain;
using ServiceDesk.Core.Domain.Tickets;
using ServiceDesk.Core.Features.Tickets;

namespace ServiceDesk.Core.Features.Recharges;

/// <summary>A directly charged item: a fulfilled enhanced or bespoke request, or a subscription's part of the quarter.</summary>
public sealed record RechargeLine(string Kind, string? TicketReference, string Description, ServiceTier Tier, int Quantity, decimal UnitCost, decimal Amount, DateOnly Date);

/// <summary>How the council's part of the essential base cost was worked out: its figure out of the partnership's.</summary>
public sealed record ApportionmentView(ApportionmentMethod Method, decimal CouncilBasis, decimal PartnershipBasis, decimal Percent,
    decimal QuarterBaseCost, decimal YearBaseCost, decimal Amount);

/// <summary>A council's recharge statement for one quarter.</summary>
public sealed record RechargeStatementView(
    CouncilRef Council, string Quarter, DateOnly From, DateOnly To, ApportionmentView Essential,
    IReadOnlyList<RechargeLine> Items, decimal DirectTotal, decimal Total)
{
    /// <summary>The council's active users on the quarter's last day.</summary>
    public int ActiveUsers { get; init; }

    /// <summary>"2026-Q3", or "2026/27 Q1" in a financial year.</summary>
    public string QuarterName { get; init; } = Quarter;

    /// <summary>The essential share plus the enhanced items and subscriptions (bespoke items are projects, left out as benchmarks do).</summary>
    public decimal EssentialAndEnhanced => Essential.Amount + Items.Where(i => i.Tier == ServiceTier.Enhanced).Sum(i => i.Amount);
}

/// <summary>
/// A quarter of the partnership's year, written 2026-Q3. The year starts in January (2026-Q3 is July to
/// September 2026) or, for the financial year, in April (2026-Q1 is April to June 2026, the first quarter of 2026/27).
/// </summary>
public readonly partial record struct Quarter(int Year, int Number, int StartMonth = 1)
{
    public DateOnly From => new DateOnly(Year, StartMonth, 1).AddMonths((Number - 1) * 3);
    public DateOnly To => From.AddMonths(3).AddDays(-1);
    public override string ToString() => $"{Year}-Q{Number}";

    /// <summary>"2026-Q3", or "2026/27 Q1" in a financial year.</summary>
    public string Name => StartMonth == 1 ? ToString() : $"{Year}/{(Year + 1) % 100:00} Q{Number}";

    public Quarter Previous => Number == 1 ? this with { Year = Year - 1, Number = 4 } : this with { Number = Number - 1 };

    [GeneratedRegex(@"^\s*(\d{4})-Q([1-4])\s*$", RegexOptions.IgnoreCase)]
    private static partial Regex Pattern();

    public static bool TryParse(string? text, out Quarter quarter, int startMonth = 1)
    {
        quarter = default;
        if (text is null || Pattern().Match(text) is not { Success: true } m) return false;
        quarter = new Quarter(int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture), int.Parse(m.Groups[2].Value, CultureInfo.InvariantCulture), startMonth);
        return true;
    }

    /// <summary>The quarter a day falls in.</summary>
    public static Quarter Containing(DateOnly day, int startMonth = 1)
    {
        var months = (day.Year * 12 + day.Month - 1) - startMonth + 1;
        return new Quarter(months / 12, months % 12 / 3 + 1, startMonth);
    }

    /// <summary>The quarter before the one containing the instant (the statement sent at the start of a quarter).</summary>
    public static Quarter Before(DateTime utc, int startMonth = 1) => Containing(DateOnly.FromDateTime(utc), startMonth).Previous;
}

/// <summary>
/// The recharge statement of a council for a quarter: its apportioned part of the essential base cost, plus
/// its enhanced and bespoke items and subscriptions. Service managers read any council's; a council's
/// approvers their own; to anyone else it does not exist.
/// </summary>
public sealed record GetRechargeStatement(string? Council, string? Quarter) : IRequest<RechargeStatementView>
{
    /// <summary>Set by a job acting for the partnership (no signed-in person).</summary>
    public bool AsSystem { get; init; }
}

public sealed class GetRechargeStatementValidator : AbstractValidator<GetRechargeStatement>
{
    public GetRechargeStatementValidator()
    {
        RuleFor(x => x.Council).NotEmpty().WithMessage("Give the council's code (council), e.g. MBC.").MaximumLength(10);
        RuleFor(x => x.Quarter).Must(q => Recharges.Quarter.TryParse(q, out _)).WithMessage("Give the quarter as 2026-Q3 (quarter).");
    }
}

public sealed class GetRechargeStatementHandler(IServiceDeskDb db, ViewerLoader viewers, RechargeBook book, IOptions<RechargeOptions> options)
    : IRequestHandler<GetRechargeStatement, RechargeStatementView>
{
    public async Task<RechargeStatementView> Handle(GetRechargeStatement request, CancellationToken ct)
    {
        var code = request.Council!.Trim().ToUpperInvariant();
        Quarter.TryParse(request.Quarter, out var quarter, options.Value.StartMonth);
        var council = await db.Councils.AsNoTracking().FirstOrDefaultAsync(c => c.Code == code, ct);
        if (!request.AsSystem)
        {
            var viewer = await viewers.LoadAsync(ct);
            if (council is null || !RechargeRules.MayRead(viewer, council.Id))
                throw new NotFoundException($"The recharge statement of {request.Council}");
        }
        if (council is null) throw new NotFoundException($"Council {request.Council}");
        return await book.StatementAsync(council, quarter, ct);
    }
}

/// <summary>Works out recharge statements: for the statement itself and for the report's cost per user.</summary>
public sealed class RechargeBook(IServiceDeskDb db, IOptions<RechargeOptions> options)
{
    public async Task<RechargeStatementView> StatementAsync(Council council, Quarter quarter, CancellationToken ct)
    {
        var code = council.Code;
        var settings = options.Value;
        var (from, to) = (quarter.From, quarter.To);
        var (start, end) = (from.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc), to.AddDays(1).ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc));
        var councils = await db.Councils.AsNoTracking().Include(c => c.ActiveUserHistory).OrderBy(c => c.Id).ToListAsync(ct);
        var bases = settings.Apportionment switch
        {
            // The counts in force on the quarter's last day: a past quarter keeps its own figures.
            ApportionmentMethod.ActiveUsers => councils.Select(c => (c.Code, (decimal)c.ActiveUsersOn(to))).ToList(),
            ApportionmentMethod.TicketVolume => await TicketVolumesAsync(councils, start, end, ct),
            _ => councils.Select(c => (c.Code, settings.FixedShares.GetValueOrDefault(c.Code))).ToList(),
        };
        var yearCost = settings.BaseCostOf(quarter.Year);
        var quarterCost = Math.Round(yearCost / 4, 2, MidpointRounding.AwayFromZero);
        var share = Apportionment.Split(quarterCost, bases).Single(s => s.CouncilCode == code);
        var essential = new ApportionmentView(settings.Apportionment, share.Basis, bases.Sum(b => b.Item2), share.Percent, quarterCost, yearCost, share.Amount);

        var charges = await db.Charges.AsNoTracking()
            .Where(c => c.CouncilId == council.Id && c.ChargedAt >= start && c.ChargedAt < end)
            .ToListAsync(ct);
        var items = charges.OrderBy(c => c.ChargedAt).Select(c => new RechargeLine(
            c.Tier.ToString(), TicketReference.Format(c.TicketId), c.ServiceName, c.Tier, c.Quantity, c.UnitCost, c.Amount, DateOnly.FromDateTime(c.ChargedAt))).ToList();
        var subscriptions = await db.CouncilSubscriptions.AsNoTracking().Include(s => s.Service)
            .Where(s => s.CouncilId == council.Id && s.StartsOn <= to && (s.EndsOn == null || s.EndsOn >= from)).ToListAsync(ct);
        items.AddRange(subscriptions.OrderBy(s => s.Service!.Name).Select(s => new RechargeLine(
            "Subscription", null, $"{s.Service!.Name} (£{s.AnnualCost.ToString("N2", CultureInfo.GetCultureInfo("en-GB"))} a year)", ServiceTier.Enhanced, 1,
            s.CostBetween(from, to), s.CostBetween(from, to), s.StartsOn > from ? s.StartsOn : from)));
        var direct = items.Sum(i => i.Amount);
        var activeUsers = councils.Single(c => c.Id == council.Id).ActiveUsersOn(to);
        return new RechargeStatementView(new CouncilRef(council.Code, council.Name), quarter.ToString(), from, to, essential, items, direct, essential.Amount + direct)
        {
            ActiveUsers = activeUsers,
            QuarterName = quarter.Name,
        };
    }

    private async Task<List<(string, decimal)>> TicketVolumesAsync(List<Council> councils, DateTime start, DateTime end, CancellationToken ct)
    {
        var counts = await db.Tickets.AsNoTracking().Where(t => t.CreatedAt >= start && t.CreatedAt < end)
            .GroupBy(t => t.CouncilId).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count, ct);
        return councils.Select(c => (c.Code, (decimal)counts.GetValueOrDefault(c.Id))).ToList();
    }
}

/// <summary>Who reads recharge statements, and the statement as CSV.</summary>
public static class RechargeRules
{
    /// <summary>Service managers read every council's statement; a council's approvers (its budget holders) their own.</summary>
    public static bool MayRead(Viewer viewer, int councilId) =>
        viewer.IsServiceManager || !viewer.Person.IsSharedIct && viewer.Person.IsApproverFor(councilId);

    /// <summary>One row per figure: the essential share with the figures it used, each direct item, the totals.</summary>
    public static string Csv(RechargeStatementView s) => Exports.CsvSheet.Write(csv =>
    {
        var inv = CultureInfo.InvariantCulture;
        csv.Texts(["council", "quarter", "kind", "reference", "description", "tier", "quantity", "unit_cost", "amount", "date", "basis", "partnership_basis", "percent"]).Next();
        var e = s.Essential;
        csv.Text(s.Council.Code).Text(s.Quarter).Text("Essential").Text(null).Text($"Essential base cost apportioned by {Describe(e.Method)}").Text("Essential")
            .Figure(1).Figure(e.QuarterBaseCost, "0.00").Figure(e.Amount, "0.00").Figure(s.From.ToString("yyyy-MM-dd", inv))
            .Figure(e.CouncilBasis.ToString(inv)).Figure(e.PartnershipBasis.ToString(inv)).Figure(e.Percent, "0.0").Next();
        foreach (var i in s.Items)
            csv.Text(s.Council.Code).Text(s.Quarter).Text(i.Kind).Text(i.TicketReference).Text(i.Description).Text(i.Tier.ToString())
                .Figure(i.Quantity).Figure(i.UnitCost, "0.00").Figure(i.Amount, "0.00").Figure(i.Date.ToString("yyyy-MM-dd", inv))
                .Figure((string?)null).Figure((string?)null).Figure((string?)null).Next();
        csv.Text(s.Council.Code).Text(s.Quarter).Text("Total").Text(null).Text("Total").Text(null)
            .Figure((string?)null).Figure((string?)null).Figure(s.Total, "0.00").Figure((string?)null).Figure((string?)null).Figure((string?)null).Figure((string?)null).Next();
    }, newLine: "\n");

    public static string Describe(ApportionmentMethod method) => method switch
    {
        ApportionmentMethod.ActiveUsers => "active users",
        ApportionmentMethod.TicketVolume => "ticket volume",
        _ => "agreed fixed shares",
    };
}

/// <summary>
/// At the start of a quarter: emails each council's finance contact its statement for the quarter just
/// ended, with the CSV. Idempotent: a statement already written to the outbox is not written again.
/// Returns how many were written.
/// </summary>
public sealed record SendRechargeStatements(string? Quarter = null) : IRequest<int>;

public sealed class SendRechargeStatementsHandler(IServiceDeskDb db, IMediator mediator, TimeProvider time, IOptions<Email.EmailOptions> email, IOptions<RechargeOptions> options)
    : IRequestHandler<SendRechargeStatements, int>
{
    public const string Kind = "recharge-statement";

    public async Task<int> Handle(SendRechargeStatements request, CancellationToken ct)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var start = options.Value.StartMonth;
        var quarter = Recharges.Quarter.TryParse(request.Quarter, out var asked, start) ? asked : Recharges.Quarter.Before(now, start);
        var councils = await db.Councils.AsNoTracking().Where(c => c.FinanceContact != null).OrderBy(c => c.Code).ToListAsync(ct);
        var written = 0;
        foreach (var council in councils)
        {
            var subject = $"Recharge statement {quarter}: {council.Name}";
            if (await db.Notifications.AnyAsync(n => n.Kind == Kind && n.Subject == subject && n.RecipientEmail == council.FinanceContact, ct)) continue;
            var s = await mediator.Send(new GetRechargeStatement(council.Code, quarter.ToString()) { AsSystem = true }, ct);
            var gb = CultureInfo.GetCultureInfo("en-GB");
            var e = s.Essential;
            var body = new StringBuilder()
                .Append(CultureInfo.InvariantCulture, $"The shared ICT service's recharge statement for {council.Name}, {s.From:d MMMM yyyy} to {s.To:d MMMM yyyy}.\n\n")
                .Append(CultureInfo.InvariantCulture, $"Essential services: £{e.Amount.ToString("N2", gb)}, {e.Percent.ToString("0.0", gb)} % of the quarter's base cost of £{e.QuarterBaseCost.ToString("N2", gb)}, ")
                .Append(CultureInfo.InvariantCulture, $"apportioned by {RechargeRules.Describe(e.Method)} ({e.CouncilBasis.ToString("0.##", gb)} of {e.PartnershipBasis.ToString("0.##", gb)}).\n")
                .Append(CultureInfo.InvariantCulture, $"Enhanced and bespoke items and subscriptions: £{s.DirectTotal.ToString("N2", gb)} ({s.Items.Count} items).\n")
                .Append(CultureInfo.InvariantCulture, $"Total: £{s.Total.ToString("N2", gb)}.\n\nEvery line of the statement is in the attached CSV.\n-- \nShared ICT Service Desk")
                .ToString();
            db.Notifications.Add(new Domain.Notifications.Notification(Kind, null, null, council.FinanceContact!, subject, body, now, email.Value.NewMessageId())
                .WithAttachment($"recharges-{council.Code}-{quarter}.csv", "text/csv", Encoding.UTF8.GetBytes(RechargeRules.Csv(s))));
            written++;
        }
        await db.SaveChangesAsync(ct);
        return written;
    }
}
