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
    IReadOnlyList<RechargeLine> Items, decimal DirectTotal, decimal Total);

/// <summary>A calendar quarter, written 2026-Q3 (July to September 2026).</summary>
public readonly partial record struct Quarter(int Year, int Number)
{
    public DateOnly From => new(Year, Number * 3 - 2, 1);
    public DateOnly To => From.AddMonths(3).AddDays(-1);
    public override string ToString() => $"{Year}-Q{Number}";

    [GeneratedRegex(@"^\s*(\d{4})-Q([1-4])\s*$", RegexOptions.IgnoreCase)]
    private static partial Regex Pattern();

    public static bool TryParse(string? text, out Quarter quarter)
    {
        quarter = default;
        if (text is null || Pattern().Match(text) is not { Success: true } m) return false;
        quarter = new Quarter(int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture), int.Parse(m.Groups[2].Value, CultureInfo.InvariantCulture));
        return true;
    }

    /// <summary>The quarter before the one containing the instant (the statement sent at the start of a quarter).</summary>
    public static Quarter Before(DateTime utc)
    {
        var current = new Quarter(utc.Year, (utc.Month - 1) / 3 + 1);
        return current.Number == 1 ? new Quarter(current.Year - 1, 4) : current with { Number = current.Number - 1 };
    }
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

public sealed class GetRechargeStatementHandler(IServiceDeskDb db, ViewerLoader viewers, IOptions<RechargeOptions> options)
    : IRequestHandler<GetRechargeStatement, RechargeStatementView>
{
    public async Task<RechargeStatementView> Handle(GetRechargeStatement request, CancellationToken ct)
    {
        var code = request.Council!.Trim().ToUpperInvariant();
        Quarter.TryParse(request.Quarter, out var quarter);
        var council = await db.Councils.AsNoTracking().FirstOrDefaultAsync(c => c.Code == code, ct);
        if (!request.AsSystem)
        {
            var viewer = await viewers.LoadAsync(ct);
            if (council is null || !RechargeRules.MayRead(viewer, council.Id))
                throw new NotFoundException($"The recharge statement of {request.Council}");
        }
        if (council is null) throw new NotFoundException($"Council {request.Council}");

        var settings = options.Value;
        var (from, to) = (quarter.From, quarter.To);
        var (start, end) = (from.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc), to.AddDays(1).ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc));
        var councils = await db.Councils.AsNoTracking().OrderBy(c => c.Id).ToListAsync(ct);
        var bases = settings.Apportionment switch
        {
            ApportionmentMethod.ActiveUsers => councils.Select(c => (c.Code, (decimal)c.ActiveUsers)).ToList(),
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
        return new RechargeStatementView(new CouncilRef(council.Code, council.Name), quarter.ToString(), from, to, essential, items, direct, essential.Amount + direct);
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
    public static string Csv(RechargeStatementView s)
    {
        var inv = CultureInfo.InvariantCulture;
        var csv = new StringBuilder("council,quarter,kind,reference,description,tier,quantity,unit_cost,amount,date,basis,partnership_basis,percent\n");
        string Row(params object?[] cells) => string.Join(',', cells.Select(c => Quote(Convert.ToString(c, inv) ?? ""))) + "\n";
        var e = s.Essential;
        csv.Append(Row(s.Council.Code, s.Quarter, "Essential", null, $"Essential base cost apportioned by {Describe(e.Method)}", "Essential", 1,
            e.QuarterBaseCost.ToString("0.00", inv), e.Amount.ToString("0.00", inv), s.From.ToString("yyyy-MM-dd", inv),
            e.CouncilBasis, e.PartnershipBasis, e.Percent.ToString("0.0", inv)));
        foreach (var i in s.Items)
            csv.Append(Row(s.Council.Code, s.Quarter, i.Kind, i.TicketReference, i.Description, i.Tier, i.Quantity,
                i.UnitCost.ToString("0.00", inv), i.Amount.ToString("0.00", inv), i.Date.ToString("yyyy-MM-dd", inv), null, null, null));
        csv.Append(Row(s.Council.Code, s.Quarter, "Total", null, "Total", null, null, null, s.Total.ToString("0.00", inv), null, null, null, null));
        return csv.ToString();
    }

    public static string Describe(ApportionmentMethod method) => method switch
    {
        ApportionmentMethod.ActiveUsers => "active users",
        ApportionmentMethod.TicketVolume => "ticket volume",
        _ => "agreed fixed shares",
    };

    private static string Quote(string cell)
    {
        // A cell a spreadsheet would run as a formula is kept as text.
        if (cell.Length > 0 && "=+-@\t\r".Contains(cell[0]) && !decimal.TryParse(cell, NumberStyles.Number, CultureInfo.InvariantCulture, out _)) cell = "'" + cell;
        return cell.IndexOfAny([',', '"', '\n', '\r']) >= 0 ? $"\"{cell.Replace("\"", "\"\"")}\"" : cell;
    }
}

/// <summary>
/// At the start of a quarter: emails each council's finance contact its statement for the quarter just
/// ended, with the CSV. Idempotent: a statement already written to the outbox is not written again.
/// Returns how many were written.
/// </summary>
public sealed record SendRechargeStatements(string? Quarter = null) : IRequest<int>;

public sealed class SendRechargeStatementsHandler(IServiceDeskDb db, IMediator mediator, TimeProvider time, IOptions<Email.EmailOptions> email)
    : IRequestHandler<SendRechargeStatements, int>
{
    public const string Kind = "recharge-statement";

    public async Task<int> Handle(SendRechargeStatements request, CancellationToken ct)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var quarter = Recharges.Quarter.TryParse(request.Quarter, out var asked) ? asked : Recharges.Quarter.Before(now);
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
