using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Routing;

namespace BillingOne.Web.Components.Layout;

/// <summary>
/// A menu link active on its page and the pages under it, except those under <see cref="Except"/>, which have their
/// own menu item (Clients covers a client's detail but not Client mappings): one item is highlighted at a time.
/// </summary>
public sealed class SectionNavLink : NavLink
{
    /// <summary>A path under this link's, relative to the base, whose pages belong to another menu item.</summary>
    [Parameter, EditorRequired]
    public string Except { get; set; } = string.Empty;

    [Inject]
    private NavigationManager Navigation { get; set; } = default!;

    protected override bool ShouldMatch(string uriAbsolute)
    {
        var relative = Navigation.ToBaseRelativePath(uriAbsolute);
        var excluded = relative.Equals(Except, StringComparison.OrdinalIgnoreCase)
            || relative.StartsWith(Except + "/", StringComparison.OrdinalIgnoreCase)
            || relative.StartsWith(Except + "?", StringComparison.OrdinalIgnoreCase);
        return !excluded && base.ShouldMatch(uriAbsolute);
    }
}
