namespace BillingOne.Web.Components.Shared;

/// <summary>One bar: its category (left to right), its series within the category and its box in the chart.</summary>
public sealed record ChartBar(int Category, int Series, double X, double Y, double Width, double Height);

/// <summary>
/// The boxes of a grouped bar chart: a slot per category across the width, the series' bars side by side in its
/// middle, zero at the <see cref="Baseline"/> and the largest value at the top of the plot. Amounts below zero (a
/// period corrected down) are drawn as nothing rather than below the axis, which the chart does not have.
/// </summary>
public static class BarChartGeometry
{
    public const double Width = 600;
    /// <summary>Room above the plot for the largest amount, written over its gridline.</summary>
    public const double TopMargin = 14;
    public const double PlotHeight = 160;
    /// <summary>Room under the plot for the categories' labels.</summary>
    public const double LabelHeight = 20;
    public const double Height = TopMargin + PlotHeight + LabelHeight;
    /// <summary>Where the bars stand.</summary>
    public const double Baseline = TopMargin + PlotHeight;

    /// <summary>The share of a slot its bars fill at most; the rest separates neighbouring categories.</summary>
    private const double GroupShare = 0.7;

    /// <summary>Keeps a chart of few categories from turning into blocks.</summary>
    public const double MaxBarWidth = 48;

    /// <param name="series">Each series' values, one per category.</param>
    public static IReadOnlyList<ChartBar> Bars(IReadOnlyList<IReadOnlyList<decimal>> series, int categories)
    {
        if (series.Count == 0 || categories == 0)
        {
            return [];
        }

        var peak = Peak(series);
        var slot = Width / categories;
        var barWidth = Math.Min(slot * GroupShare / series.Count, MaxBarWidth);
        var bars = new List<ChartBar>();
        for (var category = 0; category < categories; category++)
        {
            var groupStart = category * slot + (slot - barWidth * series.Count) / 2;
            for (var index = 0; index < series.Count; index++)
            {
                var value = category < series[index].Count ? Math.Max(0m, series[index][category]) : 0m;
                var height = peak == 0m ? 0d : (double)(value / peak) * PlotHeight;
                bars.Add(new ChartBar(category, index, Round(groupStart + index * barWidth), Round(Baseline - height),
                    Round(barWidth), Round(height)));
            }
        }

        return bars;
    }

    /// <summary>The largest value drawn (never below zero): the height of the plot.</summary>
    public static decimal Peak(IReadOnlyList<IReadOnlyList<decimal>> series) =>
        Math.Max(0m, series.SelectMany(values => values).DefaultIfEmpty(0m).Max());

    /// <summary>The middle of a category's slot, where its label goes.</summary>
    public static double LabelX(int category, int categories) => Round((category + 0.5) * Width / categories);

    private static double Round(double coordinate) => Math.Round(coordinate, 2);
}
