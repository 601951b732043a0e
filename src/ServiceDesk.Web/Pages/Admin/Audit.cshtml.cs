using System.Globalization;
using FluentValidation;
using MediatR;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using ServiceDesk.Core.Features.Audit;
using ServiceDesk.Core.Features.Tickets;
using ServiceDesk.Web.Security;

namespace ServiceDesk.Web.Pages.Admin;

/// <summary>The audit list: every administrative change, newest first, filtered by kind, person, words and days.</summary>
[Authorize(Policy = DeskPolicies.ServiceManager)]
public sealed class AuditModel(IMediator mediator) : DeskPageModel(mediator)
{
    public const int PageSize = 25;

    [BindProperty(SupportsGet = true)] public string? EntityType { get; set; }
    [BindProperty(SupportsGet = true)] public string? Actor { get; set; }
    [BindProperty(SupportsGet = true)] public string? Q { get; set; }
    [BindProperty(SupportsGet = true)] public string? From { get; set; }
    [BindProperty(SupportsGet = true)] public string? To { get; set; }

    public PagedList<AuditEntryView> Entries { get; private set; } = new([], 0, 1, PageSize);

    public override async Task LoadAsync(CancellationToken ct)
    {
        var from = Day(From, "from");
        var to = Day(To, "to");
        if (!ModelState.IsValid) return;
        Entries = await FilteredAsync(new ListAuditEntries(Blank(EntityType), Blank(Actor), Blank(Q), from, to, PageNumber, PageSize), ct) ?? Entries;
    }

    public async Task OnGetAsync(CancellationToken ct)
    {
        await LoadAsync(ct);
        if (!ModelState.IsValid) Response.StatusCode = StatusCodes.Status400BadRequest;
    }

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    private DateOnly? Day(string? value, string field)
    {
        if (string.IsNullOrWhiteSpace(value)) return null;
        if (DateOnly.TryParseExact(value.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day)) return day;
        ModelState.AddModelError(field, $"Enter the {(field == "from" ? "first" : "last")} day as a date, for example 2026-11-23.");
        return null;
    }
}
