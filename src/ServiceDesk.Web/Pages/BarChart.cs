using System.Globalization;

namespace ServiceDesk.Web.Pages;

/// <summary>
/// A bar chart drawn on the server as inline SVG (no script, nothing to download): one bar per
/// period with its count written above it and the period written below, so nothing depends on
/// colour; the title and a description naming every figure are what a screen reader announces.
/// </summary>
public sealed record BarChart(string Id, string Title, IReadOnlyList<string> Labels, IReadOnlyList<int> Values)
{
    public const int Width = 720;
    private const int Top = 26;
    private const int PlotHeight = 130;
    private const int Bottom = 30;

    public int Height => Top + PlotHeight + Bottom;
    public double Baseline => Top + PlotHeight;
    public double LabelY => Baseline + 20;

    /// <summary>One bar: where it is drawn, and the figure and label written with it.</summary>
    public sealed record Bar(string X, string Y, string BarWidth, string BarHeight, string Centre, string ValueY, int Value, string Label);

    public IEnumerable<Bar> Bars()
    {
        var slot = (double)Width / Math.Max(1, Values.Count);
        var max = Math.Max(1, Values.DefaultIfEmpty(0).Max());
        for (var i = 0; i < Values.Count; i++)
        {
            var height = Values[i] == 0 ? 0 : Math.Max(2, PlotHeight * Values[i] / (double)max);
            var x = i * slot + slot * 0.15;
            yield return new Bar(N(x), N(Baseline - height), N(slot * 0.7), N(height), N(i * slot + slot / 2), N(Baseline - height - 6), Values[i], Labels[i]);
        }
    }

    /// <summary>Every figure in words, for people who cannot see the chart.</summary>
    public string Description =>
        $"{Title}. " + string.Join("; ", Labels.Zip(Values, (l, v) => $"{l}: {v}")) + ".";

    public static string N(double value) => value.ToString("0.#", CultureInfo.InvariantCulture);
}
