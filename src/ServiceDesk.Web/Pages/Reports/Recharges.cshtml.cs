using MediatR;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using ServiceDesk.Core.Features.Partnership;
using ServiceDesk.Core.Features.Recharges;
using ServiceDesk.Web.Security;

namespace ServiceDesk.Web.Pages.Reports;

/// <summary>A council's quarterly recharge statement, for service managers and the council's approvers, with its CSV.</summary>
[Authorize(Policy = DeskPolicies.ApprovalDecider)]
public sealed class RechargesModel(IMediator mediator, TimeProvider time, Microsoft.Extensions.Options.IOptions<RechargeOptions> rechargeOptions) : DeskPageModel(mediator)
{
    [BindProperty(SupportsGet = true)] public string? Council { get; set; }
    [BindProperty(SupportsGet = true)] public string? Quarter { get; set; }

    public IReadOnlyList<CouncilView> Councils { get; private set; } = [];
    public RechargeStatementView? Statement { get; private set; }

    public override async Task LoadAsync(CancellationToken ct)
    {
        Councils = await Mediator.Send(new ListCouncils(), ct);
        Council ??= Councils.FirstOrDefault()?.Code;
        Quarter ??= Core.Features.Recharges.Quarter.Before(time.GetUtcNow().UtcDateTime, rechargeOptions.Value.StartMonth).ToString();
        // A refused quarter is shown again with its error, not fetched again.
        if (ModelState.IsValid) Statement = await Mediator.Send(new GetRechargeStatement(Council, Quarter), ct);
    }

    public Task OnGetAsync(CancellationToken ct) => LoadAsync(ct);

    public string CsvLink => $"/api/v1/reports/recharges?council={Uri.EscapeDataString(Council ?? "")}&quarter={Uri.EscapeDataString(Quarter ?? "")}&format=csv";
}
