using Microsoft.AspNetCore.Components;

namespace BillingOne.Web.ClientScoping;

public static class ClientScopeReload
{
    /// <summary>
    /// After the session's client scope was set or cleared: everything on the page (the header included) loaded its
    /// data under the old scope, and the services apply the new one by themselves, so the page is loaded again.
    /// </summary>
    public static void ReloadUnderNewScope(this NavigationManager navigation) => navigation.Refresh(forceReload: true);
}
