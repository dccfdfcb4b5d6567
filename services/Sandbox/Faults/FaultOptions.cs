namespace BillingOne.Sandbox.Faults;

public sealed class FaultOptions
{
    public const string Section = "Sandbox:Faults";

    /// <summary>
    /// The share (0 to 1) of vendor API requests answered 503, so connectors' retries get exercised. Token endpoints
    /// and <c>/sandbox/*</c> never fail.
    /// </summary>
    public double ServerErrorRate { get; set; }
}
