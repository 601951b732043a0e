using System.Globalization;
using MimeKit;
using ServiceDesk.Infrastructure.Jobs;
using ServiceDesk.TestSupport;

namespace ServiceDesk.Api.Tests.Mail;

/// <summary>The desk sending through a real SMTP server (aiosmtpd), from an address of its own.</summary>
public sealed class SmtpDeskFactory(SmtpSink smtp, string deskAddress) : DeskFactory
{
    public IReadOnlyList<MimeMessage> Sent() =>
        smtp.Messages().Where(m => m.From.Mailboxes.Any(a => a.Address == deskAddress)).ToList();

    protected override IEnumerable<(string Key, string Value)> Settings =>
    [
        ("ServiceDesk:Email:DeskAddress", deskAddress),
        ("ServiceDesk:Email:Smtp:Host", "127.0.0.1"),
        ("ServiceDesk:Email:Smtp:Port", smtp.Port.ToString(CultureInfo.InvariantCulture)),
        ("ServiceDesk:Email:Smtp:Security", "None"),
    ];

    public Task RunMonthlyReportsAsync() => RunJobAsync<MonthlySlaReportJob>(j => j.RunAsync(CancellationToken.None));

    public Task SendOutboxAsync() => RunJobAsync<OutboxDispatchJob>(j => j.RunAsync(CancellationToken.None));

    public void At(DateTime utc) => Clock.SetUtcNow(new DateTimeOffset(utc, TimeSpan.Zero));
}

/// <summary>
/// The monthly job: on the first working day of the month (not a bank holiday) it mails last month's
/// SLA report to each council's report recipients and the partnership's to the service managers,
/// as HTML tables with the figures attached as CSV, through a real SMTP server; a rerun sends nothing.
/// </summary>
public sealed class MonthlySlaReportTests : IAsyncLifetime
{
    private readonly SmtpSink _smtp = new();
    private SmtpDeskFactory _desk = null!;

    public async ValueTask InitializeAsync()
    {
        await _smtp.InitializeAsync();
        RealParts.Require(_smtp.Available, SmtpSink.DebianPackage, "The monthly SLA report email tests");
        _desk = new SmtpDeskFactory(_smtp, $"desk.{Guid.NewGuid():N}@sharedict.example");
        _ = _desk.Services; // start the desk (seeding the demo partnership) at the factory's start instant
    }

    public async ValueTask DisposeAsync()
    {
        if (_desk is not null) await _desk.DisposeAsync();
        await _smtp.DisposeAsync();
    }

    private static DateTime Utc(int year, int month, int day, int hour, int minute) => new(year, month, day, hour, minute, 0, DateTimeKind.Utc);

    [Fact]
    public async Task The_first_working_day_of_january_is_after_the_bank_holiday_and_each_report_is_sent_once()
    {
        // Friday 1 January 2027 is New Year's Day: no report yet.
        _desk.At(Utc(2027, 1, 1, 7, 0));
        await _desk.RunMonthlyReportsAsync();
        await _desk.SendOutboxAsync();
        Assert.Empty(_desk.Sent());

        // Monday 4 January, 07:00 in London (GMT): December's reports go out, one email per council and one for the partnership.
        _desk.At(Utc(2027, 1, 4, 7, 0));
        await _desk.RunMonthlyReportsAsync();
        await _desk.SendOutboxAsync();
        var sent = _desk.Sent();
        Assert.Equal(4, sent.Count);
        Assert.Equal(
            new[] { "david.hughes@maidstone.example", "isla.james@swale.example", "noah.owen@tunbridgewells.example", "rob.fairley@sharedict.example" },
            sent.Select(m => m.To.Mailboxes.Single().Address).Order(StringComparer.Ordinal));

        var maidstone = sent.Single(m => m.To.Mailboxes.Single().Address == "david.hughes@maidstone.example");
        Assert.Equal("SLA report for December 2026: Maidstone Borough Council", maidstone.Subject);
        Assert.Contains("<table", maidstone.HtmlBody, StringComparison.Ordinal);
        Assert.DoesNotContain("class=", maidstone.HtmlBody, StringComparison.Ordinal);
        Assert.Matches("<strong>(Green|Amber|Red|No data)</strong>", maidstone.HtmlBody);
        Assert.Contains("Response within target", maidstone.TextBody, StringComparison.Ordinal);
        Assert.Contains("First-contact resolution by channel", maidstone.TextBody, StringComparison.Ordinal);
        Assert.Contains("Time to resolve by priority (business hours)", maidstone.HtmlBody, StringComparison.Ordinal);
        var csv = maidstone.Attachments.OfType<MimePart>().Single(a => a.ContentType.MimeType == "text/csv");
        Assert.Equal("sla-report-mbc-2026-12.csv", csv.FileName);
        Assert.Equal("text/csv", csv.ContentType.MimeType);
        using var content = new MemoryStream();
        await csv.Content!.DecodeToAsync(content);
        Assert.StartsWith("Section,Measure,Value,Count,Of,Target,RAG,Previous month,Change", System.Text.Encoding.UTF8.GetString(content.ToArray()).TrimStart('\uFEFF'), StringComparison.Ordinal);
        Assert.Contains("First-contact resolution by channel,All channels,", System.Text.Encoding.UTF8.GetString(content.ToArray()), StringComparison.Ordinal);

        // The same report as PDF beside it: a real PDF document PDFsharp reads back, titled for the month and council.
        var pdf = maidstone.Attachments.OfType<MimePart>().Single(a => a.ContentType.MimeType == "application/pdf");
        Assert.Equal("sla-report-mbc-2026-12.pdf", pdf.FileName);
        using var pdfBytes = new MemoryStream();
        await pdf.Content!.DecodeToAsync(pdfBytes);
        pdfBytes.Position = 0;
        using (var document = PdfSharp.Pdf.IO.PdfReader.Open(pdfBytes, PdfSharp.Pdf.IO.PdfDocumentOpenMode.Import))
        {
            Assert.Equal("SLA report for December 2026: Maidstone Borough Council", document.Info.Title);
            Assert.True(document.PageCount >= 2);
        }
        Assert.Equal("SLA report for December 2026: Shared ICT partnership",
            sent.Single(m => m.To.Mailboxes.Single().Address == "rob.fairley@sharedict.example").Subject);

        // Run again the same morning, after a restart the next day, and later in the month: nothing more.
        await _desk.RunMonthlyReportsAsync();
        _desk.At(Utc(2027, 1, 5, 7, 0));
        await _desk.RunMonthlyReportsAsync();
        _desk.At(Utc(2027, 1, 20, 7, 0));
        await _desk.RunMonthlyReportsAsync();
        await _desk.SendOutboxAsync();
        Assert.Equal(4, _desk.Sent().Count);
    }

    [Fact]
    public async Task The_stored_report_is_what_the_council_reads_afterwards()
    {
        _desk.At(Utc(2026, 12, 1, 7, 0)); // Tuesday 1 December: November's reports
        await _desk.RunMonthlyReportsAsync();
        var david = await _desk.SignInAsync(Accounts.MaidstoneApprover);
        var report = await david.GetJsonAsync("/api/v1/reports/sla?month=2026-11");
        Assert.True(report.GetProperty("stored").GetBoolean());
        Assert.NotEqual(System.Text.Json.JsonValueKind.Null, report.GetProperty("mailedAt").ValueKind);
    }
}
