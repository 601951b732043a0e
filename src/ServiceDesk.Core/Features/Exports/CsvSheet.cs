using System.Globalization;
using CsvHelper;
using CsvHelper.Configuration;

namespace ServiceDesk.Core.Features.Exports;

/// <summary>
/// Writes the desk's CSV files (SLA report, trends, recharge statements, a person's data) with
/// CsvHelper. Text people typed can reach a spreadsheet: a text cell that would start a formula
/// (= + - @, tab, carriage return) gets a leading apostrophe; figures, negative ones included, stay
/// numbers. Quoting (commas, quotes, line breaks) is CsvHelper's.
/// </summary>
public sealed class CsvSheet : IDisposable
{
    private readonly StringWriter _text = new(CultureInfo.InvariantCulture);
    private readonly CsvWriter _csv;

    private CsvSheet(string newLine)
    {
        var config = new CsvConfiguration(CultureInfo.InvariantCulture)
        {
            NewLine = newLine,
            // Defused per cell below, so figures are never escaped.
            InjectionOptions = InjectionOptions.None,
            // A lone carriage return ends a row in some readers: quote it like a line feed.
            ShouldQuote = args => args.Field is { Length: > 0 } f && f.IndexOfAny([',', '"', '\r', '\n']) >= 0,
        };
        _csv = new CsvWriter(_text, config);
    }

    /// <summary>Builds a CSV; <paramref name="newLine"/> is "\r\n" (RFC 4180) unless a file's readers expect "\n".</summary>
    public static string Write(Action<CsvSheet> rows, string newLine = "\r\n")
    {
        using var sheet = new CsvSheet(newLine);
        rows(sheet);
        sheet._csv.Flush();
        return sheet._text.ToString();
    }

    /// <summary>A text cell, kept as text if a spreadsheet would read it as a formula.</summary>
    public CsvSheet Text(string? value)
    {
        _csv.WriteField(Defuse(value ?? ""));
        return this;
    }

    /// <summary>Several text cells.</summary>
    public CsvSheet Texts(IEnumerable<string?> values)
    {
        foreach (var v in values) Text(v);
        return this;
    }

    /// <summary>A figure written as it is (already formatted with the invariant culture); empty when null.</summary>
    public CsvSheet Figure(string? value)
    {
        _csv.WriteField(value ?? "");
        return this;
    }

    public CsvSheet Figure(double? value, string format = "0.#") => Figure(value?.ToString(format, CultureInfo.InvariantCulture));
    public CsvSheet Figure(decimal? value, string format) => Figure(value?.ToString(format, CultureInfo.InvariantCulture));
    public CsvSheet Figure(int? value) => Figure(value?.ToString(CultureInfo.InvariantCulture));

    /// <summary>Ends the row.</summary>
    public void Next() => _csv.NextRecord();

    /// <summary>Text that starts like a formula gets a leading apostrophe; a number (e.g. "-2.50") is left alone.</summary>
    public static string Defuse(string text) =>
        text.Length > 0 && "=+-@\t\r".Contains(text[0]) && !decimal.TryParse(text, NumberStyles.Number, CultureInfo.InvariantCulture, out _)
            ? "'" + text
            : text;

    public void Dispose()
    {
        _csv.Dispose();
        _text.Dispose();
    }
}
