using BillingOne.Web.Api;

namespace BillingOne.Web.Components.Layout;

/// <summary>
/// The organization's branding as the layout applies it. The layout lives as long as the circuit, so the branding
/// is fetched once per circuit; the layout hands this to its pages so Settings → Branding shows a save at once.
/// </summary>
public sealed class LayoutBranding
{
    /// <summary>Null until fetched, and when it could not be: the layout then shows the defaults.</summary>
    public Branding? Current { get; private set; }

    public event Action? Changed;

    public void Show(Branding branding)
    {
        Current = branding;
        Changed?.Invoke();
    }
}
