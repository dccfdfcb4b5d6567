namespace BillingOne.Web.Components.Shared;

/// <summary>
/// The boxes of a horizontal grouped bar chart, for categories with long names (clients): a row per category, its
/// name left of the plot, the series' bars stacked in the row, zero at the plot's left edge and the largest value at
/// its right. The scale under the plot is labelled at zero, half and the largest value. Amounts below zero are drawn
/// as nothing, as in <see cref="BarChartGeometry"/>.
/// </summary>
public static class HorizontalBarChartGeometry
{
    public const double Width = 600;
    /// <summary>Room left of the plot for the categories' names.</summary>
    public const double LabelWidth = 170;
    /// <summary>Room right of the plot, for the largest value's label to end in.</summary>
    public const double RightMargin = 40;
    public const double PlotWidth = Width - LabelWidth - RightMargin;
    public const double BarHeight = 7;
    public const double RowGap = 8;
    /// <summary>Room under the plot for the scale's labels.</summary>
    public const double ScaleHeight = 16;
    /// <summary>The characters of a name shown before it is cut with an ellipsis (the whole name is its tooltip).</summary>
    public const int MaxLabelLength = 26;

    public static double RowHeight(int series) => Math.Max(series, 1) * BarHeight + RowGap;

    public static double PlotHeight(int categories, int series) => categories * RowHeight(series);

    public static double Height(int categories, int series) => PlotHeight(categories, series) + ScaleHeight;

    /// <param name="series">Each series' values, one per category.</param>
    public static IReadOnlyList<ChartBar> Bars(IReadOnlyList<IReadOnlyList<decimal>> series, int categories)
    {
        var peak = BarChartGeometry.Peak(series);
        var bars = new List<ChartBar>();
        for (var category = 0; category < categories; category++)
        {
            var rowTop = category * RowHeight(series.Count) + RowGap / 2;
            for (var index = 0; index < series.Count; index++)
            {
                var value = category < series[index].Count ? Math.Max(0m, series[index][category]) : 0m;
                var length = peak == 0m ? 0d : (double)(value / peak) * PlotWidth;
                bars.Add(new ChartBar(category, index, LabelWidth, Round(rowTop + index * BarHeight), Round(length),
                    BarHeight));
            }
        }
        return bars;
    }

    /// <summary>The vertical middle of a category's row, where its name goes.</summary>
    public static double RowMiddle(int category, int series) =>
        Round((category + 0.5) * RowHeight(series));

    /// <summary>The scale's marks: zero, half and the largest value, each with where it stands across the plot.</summary>
    public static IReadOnlyList<(double X, decimal Value)> Scale(decimal peak) =>
        [(LabelWidth, 0m), (Round(LabelWidth + PlotWidth / 2), peak / 2), (LabelWidth + PlotWidth, peak)];

    /// <summary>A name short enough for the label column: cut with an ellipsis past <see cref="MaxLabelLength"/>.</summary>
    public static string Label(string name) =>
        name.Length <= MaxLabelLength ? name : string.Concat(name.AsSpan(0, MaxLabelLength - 1).TrimEnd(), "…");

    private static double Round(double coordinate) => Math.Round(coordinate, 2);
}
