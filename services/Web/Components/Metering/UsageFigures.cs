using BillingOne.Web.Formatting;

namespace BillingOne.Web.Components.Metering;

/// <summary>Changes and differences as the usage analytics show them: signed, so up and down read at a glance.</summary>
public static class UsageFigures
{
    /// <summary>"+AUD 120.00", "−AUD 50.00", "AUD 0.00".</summary>
    public static string SignedMoney(decimal amount, string? currency) =>
        Sign(amount) + MoneyFormat.Format(Math.Abs(amount), currency);

    /// <summary>"+12.5 %", "−4.0 %".</summary>
    public static string SignedPercent(decimal percent) => Sign(percent) + QuantityFormat.Percent(Math.Abs(percent));

    /// <summary>"+40", "−12.5": a quantity with the digits the service answered.</summary>
    public static string SignedQuantity(decimal quantity) =>
        Sign(quantity) + QuantityFormat.FormatAsAnswered(Math.Abs(quantity));

    /// <summary>▲ for a rise, ▼ for a fall, nothing when unchanged.</summary>
    public static string Arrow(decimal change) => change switch
    {
        > 0 => "▲",
        < 0 => "▼",
        _ => string.Empty,
    };

    /// <summary>The class that colours a rise or a fall.</summary>
    public static string? TrendClass(decimal change) => change switch
    {
        > 0 => "trend-up",
        < 0 => "trend-down",
        _ => null,
    };

    private static string Sign(decimal value) => value switch
    {
        > 0 => "+",
        < 0 => "−",
        _ => string.Empty,
    };
}
