using System.Globalization;

namespace BillingOne.Web.Components.Metering;

/// <summary>
/// The line of a sparkline: values left to right across the width, zero at the bottom and the largest value at
/// the top (usage is never shown below zero, so a flat line at the bottom means nothing was used).
/// </summary>
public static class SparklineGeometry
{
    public const double Width = 120;
    public const double Height = 28;

    /// <summary>Keeps the stroke inside the box at the top and bottom.</summary>
    private const double Inset = 2;

    /// <summary>The SVG polyline's points ("x,y x,y …"); one value becomes a level line across the box.</summary>
    public static string Points(IReadOnlyList<decimal> values)
    {
        if (values.Count == 0)
        {
            return string.Empty;
        }

        IReadOnlyList<decimal> series = values.Count == 1 ? [values[0], values[0]] : values;
        var peak = Math.Max(0m, series.Max());
        var step = Width / (series.Count - 1);
        return string.Join(' ', series.Select((value, index) =>
        {
            var share = peak == 0m ? 0d : (double)(Math.Max(0m, value) / peak);
            var y = Height - Inset - share * (Height - 2 * Inset);
            return string.Create(CultureInfo.InvariantCulture, $"{Round(index * step)},{Round(y)}");
        }));
    }

    private static double Round(double coordinate) => Math.Round(coordinate, 2);
}
