using Hangfire;
using Hangfire.Storage;
using MediatR;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using ServiceDesk.Core.Domain;
using ServiceDesk.Core.Features.Privacy;
using ServiceDesk.Infrastructure.Jobs;
using ServiceDesk.Web.Security;

namespace ServiceDesk.Web.Pages.Admin;

/// <summary>
/// Data protection for service managers: the retention schedule with a preview of the next run and each
/// council's period, and one person's access export or erasure.
/// </summary>
[Authorize(Policy = DeskPolicies.ServiceManager)]
public sealed class PrivacyModel(IMediator mediator, IServiceProvider services) : DeskPageModel(mediator)
{
    [BindProperty] public string? Council { get; set; }
    [BindProperty] public int? Years { get; set; }
    [BindProperty] public string? Email { get; set; }
    [BindProperty] public bool Confirm { get; set; }

    public string? Done => TempData["Done"] as string;
    public IReadOnlyList<RetentionPreview> Retention { get; private set; } = [];
    public string Schedule { get; private set; } = "";
    public DateTime? NextRun { get; private set; }
    public DateTime? LastRun { get; private set; }

    public override async Task LoadAsync(CancellationToken ct)
    {
        Retention = await Mediator.Send(new GetRetentionPreview(), ct);
        var jobs = services.GetService<Microsoft.Extensions.Configuration.IConfiguration>()?.GetSection(JobsOptions.Section).Get<JobsOptions>() ?? new JobsOptions();
        Schedule = $"{jobs.RetentionCron} ({jobs.RetentionTimeZone})";
        // Where the job server keeps its schedule, show when it runs next and ran last.
        if (services.GetService<JobStorage>() is { } storage)
        {
            try
            {
                using var connection = storage.GetConnection();
                var job = connection.GetRecurringJobs([RetentionJob.RecurringJobId]).FirstOrDefault();
                (NextRun, LastRun) = (job?.NextExecution, job?.LastExecution);
            }
            catch (InvalidOperationException) { }
        }
    }

    public Task OnGetAsync(CancellationToken ct) => LoadAsync(ct);

    public async Task<IActionResult> OnPostRetentionAsync(CancellationToken ct)
    {
        var view = await Mediator.Send(new SetRetention(Council ?? "", Years), ct);
        TempData["Done"] = $"{view.Name} keeps personal data on closed tickets for {view.Years} years.";
        return Redirect("/admin/privacy");
    }

    public async Task<IActionResult> OnPostExportAsync(CancellationToken ct)
    {
        try
        {
            var export = await Mediator.Send(new ExportPersonalData(Email), ct);
            return File(export.Zip, "application/zip", export.FileName);
        }
        catch (NotFoundException)
        {
            return await UnknownPersonAsync(ct);
        }
    }

    /// <summary>An address no one at the desk has: the form again, saying so, rather than the "page not found" page.</summary>
    private async Task<IActionResult> UnknownPersonAsync(CancellationToken ct)
    {
        ModelState.AddModelError("email", $"No one at the desk has the email address {Email?.Trim()}: check it and try again.");
        await LoadAsync(ct);
        return new PageResult { StatusCode = StatusCodes.Status404NotFound };
    }

    public async Task<IActionResult> OnPostEraseAsync(CancellationToken ct)
    {
        if (!Confirm)
        {
            ModelState.AddModelError("confirm", "Tick the box to confirm: erasure cannot be undone.");
            await LoadAsync(ct);
            return Page();
        }
        ErasureResult result;
        try
        {
            result = await Mediator.Send(new ErasePerson(Email), ct);
        }
        catch (NotFoundException)
        {
            return await UnknownPersonAsync(ct);
        }
        TempData["Done"] = $"Personal data erased: {result.TicketsAnonymised} tickets anonymised, {result.TicketsCleaned} more cleaned of the name and address. The erasure is on the audit list as Person #{result.PersonId}.";
        return Redirect("/admin/privacy");
    }
}
