using MediatR;
using Microsoft.AspNetCore.Http.HttpResults;
using ServiceDesk.Core.Features.Reports;

namespace ServiceDesk.Web.Api;

/// <summary>
/// Monthly SLA reports: a council's (its approvers and report recipients, and shared ICT staff) or
/// the partnership's (shared ICT staff); anyone else gets 404. Service managers send a past month again.
/// </summary>
public static class ReportsEndpoints
{
    public sealed record SentView(string Month, string? Council, int Emails);

    public static RouteGroupBuilder MapReportsEndpoints(this RouteGroupBuilder api)
    {
        var reports = api.MapGroup("/reports").WithTags("Reports");
        reports.MapGet("/sla", async Task<Results<Ok<SlaReportView>, ContentHttpResult>> (string? council, string? month, HttpRequest request, IMediator m, CancellationToken ct) =>
        {
            var report = await m.Send(new GetSlaReport(council, month), ct);
            return ProblemsEndpoints.WantsCsv(request) ? Csv(report) : TypedResults.Ok(report);
        })
        .WithSummary("A month's SLA report (month=yyyy-MM): a council's by code, or the partnership's without one; CSV with Accept: text/csv.")
        .ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound);
        reports.MapGet("/sla.csv", async Task<ContentHttpResult> (string? council, string? month, IMediator m, CancellationToken ct) =>
            Csv(await m.Send(new GetSlaReport(council, month), ct)))
        .WithSummary("The same report as CSV: one row per measure or count, with target, RAG and last month's figure.")
        .ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound);
        reports.MapGet("/sla.pdf", async Task<FileContentHttpResult> (string? council, string? month, IMediator m, ISlaReportPdf pdf, CancellationToken ct) =>
        {
            var figures = (await m.Send(new GetSlaReport(council, month), ct)).Figures;
            return TypedResults.File(pdf.Write(figures), "application/pdf", SlaReportMail.FileName(figures, "pdf"));
        })
        .WithSummary("The same report as PDF, as attached to the monthly email.")
        .ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound);
        reports.MapPost("/sla/send", async Task<Ok<SentView>> (string? council, string? month, IMediator m, CancellationToken ct) =>
        {
            var emails = await m.Send(new ResendSlaReport(council, month), ct);
            return TypedResults.Ok(new SentView(month!.Trim(), council?.Trim().ToUpperInvariant(), emails));
        })
        .WithSummary("Send a past month's report again to its recipients (service managers).")
        .ProducesValidationProblem().ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound);
        return api;
    }

    private static ContentHttpResult Csv(SlaReportView report) => TypedResults.Text(report.Figures.ToCsv(), "text/csv; charset=utf-8");
}
