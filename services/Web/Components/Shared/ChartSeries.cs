namespace BillingOne.Web.Components.Shared;

/// <summary>A named row of a chart's values, one per category, drawn in the colour of <see cref="CssClass"/>.</summary>
public sealed record ChartSeries(string Name, string CssClass, IReadOnlyList<decimal> Values);
