using System.Globalization;

namespace BillingOne.Web.Components.Metering;

/// <summary>
/// The line of a sparkline: values left to right across the width, the lowest at the bottom and the highest at the
/// top, so a small change on a large count still shows (the sparkline labels both ends of its range). Values below
/// zero are drawn as zero; values all alike are a level line, at the bottom when they are zero.
/// </summary>
public static class SparklineGeometry
{
    public const double Width = 120;
    public const double Height = 28;

    /// <summary>Keeps the stroke and the markers inside the box at the top and bottom.</summary>
    private const double Inset = 3;

    /// <summary>Where each value is drawn; one value becomes a level line across the box.</summary>
    public static IReadOnlyList<(double X, double Y)> Coordinates(IReadOnlyList<decimal> values)
    {
        if (values.Count == 0)
        {
            return [];
        }

        IReadOnlyList<decimal> series = values.Count == 1 ? [values[0], values[0]] : [.. values.Select(value => Math.Max(0m, value))];
        var (low, high) = (series.Min(), series.Max());
        var step = Width / (series.Count - 1);
        return [.. series.Select((value, index) =>
        {
            var share = high == low ? (high == 0m ? 0d : 1d) : (double)((value - low) / (high - low));
            return (Round(index * step), Round(Height - Inset - share * (Height - 2 * Inset)));
        })];
    }

    /// <summary>The SVG polyline's points ("x,y x,y …").</summary>
    public static string Points(IReadOnlyList<decimal> values) => string.Join(' ',
        Coordinates(values).Select(point => string.Create(CultureInfo.InvariantCulture, $"{point.X},{point.Y}")));

    /// <summary>Where the lowest and the highest values are (their first days), for the markers; null without values.</summary>
    public static (int Low, int High)? Extremes(IReadOnlyList<decimal> values) => values.Count == 0
        ? null
        : (IndexOf(values, values.Min()), IndexOf(values, values.Max()));

    private static int IndexOf(IReadOnlyList<decimal> values, decimal value) =>
        values.Select((candidate, index) => (candidate, index)).First(pair => pair.candidate == value).index;

    private static double Round(double coordinate) => Math.Round(coordinate, 2);
}
