using MediatR;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using ServiceDesk.Core.Domain;
using ServiceDesk.Core.Features.Partnership;
using ServiceDesk.Core.Features.People;
using ServiceDesk.Web.Security;

namespace ServiceDesk.Web.Pages.Admin.People;

/// <summary>
/// A service manager onboards a council's staff from a CSV file: first a preview with each row's outcome
/// in words, then the import of every good row, invited in one batch.
/// </summary>
[Authorize(Policy = DeskPolicies.ServiceManager)]
public sealed class ImportModel(IMediator mediator) : DeskPageModel(mediator)
{
    [BindProperty] public string? Council { get; set; }
    [BindProperty(Name = "file")] public IFormFile? Upload { get; set; }

    /// <summary>The previewed file, carried to the import so it is read once as it was checked.</summary>
    [BindProperty] public string? Csv { get; set; }

    public IReadOnlyList<CouncilView> Councils { get; private set; } = [];
    public ImportResult? Preview { get; private set; }

    public override async Task LoadAsync(CancellationToken ct) =>
        Councils = (await Mediator.Send(new ListCouncils(), ct)).Where(c => c.WithdrawnAt is null).ToList();

    public Task OnGetAsync(CancellationToken ct) => LoadAsync(ct);

    public async Task<IActionResult> OnPostPreviewAsync(CancellationToken ct)
    {
        if (Upload is null || Upload.Length == 0) throw new FieldException("file", "Choose a CSV file with the columns name, email and roles.");
        using (var reader = new StreamReader(Upload.OpenReadStream())) Csv = await reader.ReadToEndAsync(ct);
        Preview = await Mediator.Send(new ImportPeople(Council, Csv, Import: false), ct);
        await LoadAsync(ct);
        return Page();
    }

    public async Task<IActionResult> OnPostImportAsync(CancellationToken ct)
    {
        var result = await Mediator.Send(new ImportPeople(Council, Csv, Import: true), ct);
        TempData["Done"] = $"{result.Added} {(result.Added == 1 ? "person" : "people")} of {result.Council} added and invited by email"
            + (result.Refused > 0 ? $"; {result.Refused} {(result.Refused == 1 ? "row was" : "rows were")} left out." : ".");
        return Redirect($"/admin/people?council={result.Council}");
    }
}
