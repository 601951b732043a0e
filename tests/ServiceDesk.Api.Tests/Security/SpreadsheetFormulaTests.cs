using ServiceDesk.Core.Domain;
using ServiceDesk.Core.Features.Problems;
using ServiceDesk.Core.Features.Recharges;
using ServiceDesk.Core.Features.Tickets;

namespace ServiceDesk.Api.Tests.Security;

/// <summary>
/// Text people typed (a ticket title, a service name) can reach a CSV a finance officer opens in a
/// spreadsheet: a cell that would start a formula is kept as text, with a leading apostrophe.
/// </summary>
public sealed class SpreadsheetFormulaTests
{
    private static readonly string[] Formulas = ["=HYPERLINK(\"http://evil.example\",\"Open\")", "+1+1", "-2+3", "@SUM(A1:A9)", "\t=1+1", "\r=1+1"];

    [Fact]
    public void A_recharge_statement_keeps_a_title_that_looks_like_a_formula_as_text()
    {
        var day = new DateOnly(2026, 8, 3);
        var items = Formulas.Select((f, i) => new RechargeLine("Request", $"SD-00000{i}", f, ServiceTier.Enhanced, 1, 10m, 10m, day)).ToList();
        var statement = new RechargeStatementView(new CouncilRef("MBC", "Maidstone Borough Council"), "2026-Q3", new DateOnly(2026, 7, 1), new DateOnly(2026, 9, 30),
            new ApportionmentView(ApportionmentMethod.ActiveUsers, 100, 300, 33.3m, 1000m, 4000m, 333.33m), items, 60m, 393.33m);

        var csv = RechargeRules.Csv(statement);

        foreach (var formula in Formulas)
            Assert.Contains(Quoted("'" + formula), csv);
        Assert.Contains(",333.33,", csv); // figures stay numbers
    }

    [Fact]
    public void A_trend_report_keeps_a_service_name_that_looks_like_a_formula_as_text()
    {
        var period = new TrendPeriod(new DateOnly(2026, 11, 2), new DateOnly(2026, 11, 8), "2 Nov");
        var report = new TrendReport("service", "week", [period], Formulas.Select((f, i) => new TrendSeries($"s{i}", f, [1], 1)).ToList(), [Formulas.Length]);

        var csv = report.ToCsv();

        foreach (var formula in Formulas)
            Assert.Contains(Quoted("'" + formula), csv);
    }

    /// <summary>How the cell appears in the CSV: quoted when it holds a comma, quote or line break.</summary>
    private static string Quoted(string cell) =>
        cell.IndexOfAny([',', '"', '\r', '\n']) >= 0 ? $"\"{cell.Replace("\"", "\"\"")}\"" : cell;
}
