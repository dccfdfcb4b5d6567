namespace BillingOne.Web.Components.Shared;

/// <summary>
/// One bar: its category (left to right), its series within the category and its box in the chart; a clipped bar's
/// value is past the top of the scale (an outlier), so its box ends at the top and a marker says so.
/// </summary>
public sealed record ChartBar(int Category, int Series, double X, double Y, double Width, double Height, bool Clipped = false);

/// <summary>
/// The boxes of a grouped bar chart: a slot per category across the width, the series' bars side by side in its
/// middle, zero at the <see cref="Baseline"/> and the <see cref="Top"/> of the scale at the top of the plot. Amounts
/// below zero (a period corrected down) are drawn as nothing rather than below the axis, which the chart does not
/// have.
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

    /// <summary>How many times the next largest value the largest must be to be clipped rather than flatten the rest.</summary>
    public const decimal OutlierRatio = 3m;

    /// <summary>The fewest positive values among which one can stand out as an outlier.</summary>
    private const int OutlierSample = 3;

    /// <summary>Room above the next largest value when the largest is clipped, so the clipped bar stands out.</summary>
    private const decimal ClippedHeadroom = 1.25m;

    /// <param name="series">Each series' values, one per category.</param>
    public static IReadOnlyList<ChartBar> Bars(IReadOnlyList<IReadOnlyList<decimal>> series, int categories)
    {
        if (series.Count == 0 || categories == 0)
        {
            return [];
        }

        var top = Top(series);
        var slot = Width / categories;
        var barWidth = Math.Min(slot * GroupShare / series.Count, MaxBarWidth);
        var bars = new List<ChartBar>();
        for (var category = 0; category < categories; category++)
        {
            var groupStart = category * slot + (slot - barWidth * series.Count) / 2;
            for (var index = 0; index < series.Count; index++)
            {
                var value = category < series[index].Count ? Math.Max(0m, series[index][category]) : 0m;
                var height = top == 0m ? 0d : (double)(Math.Min(value, top) / top) * PlotHeight;
                bars.Add(new ChartBar(category, index, Round(groupStart + index * barWidth), Round(Baseline - height),
                    Round(barWidth), Round(height), value > top));
            }
        }

        return bars;
    }

    /// <summary>The largest value drawn (never below zero): the height of the plot.</summary>
    public static decimal Peak(IReadOnlyList<IReadOnlyList<decimal>> series) =>
        Math.Max(0m, series.SelectMany(values => values).DefaultIfEmpty(0m).Max());

    /// <summary>
    /// The value at the top of the plot: the largest, unless it is more than <see cref="OutlierRatio"/> times the next
    /// largest (one outlier among several values), when the scale ends a little above the next largest and the outlier
    /// is clipped.
    /// </summary>
    public static decimal Top(IReadOnlyList<IReadOnlyList<decimal>> series)
    {
        var largest = series.SelectMany(values => values).Where(value => value > 0m).OrderDescending().ToList();
        return largest.Count >= OutlierSample && largest[0] > largest[1] * OutlierRatio
            ? largest[1] * ClippedHeadroom
            : Peak(series);
    }

    /// <summary>The scale's labelled marks: zero at the baseline, half way and the top, each with its height.</summary>
    public static IReadOnlyList<(double Y, decimal Value)> Scale(decimal top) =>
        [(Baseline, 0m), (Round(TopMargin + PlotHeight / 2), top / 2), (TopMargin, top)];

    /// <summary>The middle of a category's slot, where its label goes.</summary>
    public static double LabelX(int category, int categories) => Round((category + 0.5) * Width / categories);

    private static double Round(double coordinate) => Math.Round(coordinate, 2);
}
